//! Inputs readers really paste, taken to extremes: the engine must return a
//! well-formed result for each (never panic), and the hostile samples in
//! tests/fixtures/hostile/ must go through every pure stage untouched.

use parallax::engine::{compare, InputDoc};
use parallax::formats::workspace::Workspace;

mod trust_support;

fn check(docs: &[InputDoc]) -> parallax::model::Comparison {
    let cmp = compare(docs);
    if let Err(e) = trust_support::check_comparison(docs, &cmp) {
        panic!("{e}");
    }
    trust_support::exercise_consumers(docs, &cmp);
    cmp
}

fn doc(label: &str, text: impl Into<String>) -> InputDoc {
    InputDoc::new(label, text)
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/hostile/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn no_documents_and_one_document() {
    let cmp = check(&[]);
    assert!(cmp.documents.is_empty() && cmp.groups.is_empty());
    let cmp = check(&[doc("Only", "One article alone shares nothing.")]);
    assert!(cmp.groups.is_empty());
    assert_eq!(cmp.unique.len(), 1);
}

#[test]
fn empty_blank_and_symbol_only_documents() {
    check(&[doc("", ""), doc("", "")]);
    check(&[doc("a", " \n\t\r\n "), doc("b", "\u{feff}\u{200b}\u{200d}")]);
    check(&[doc("a", "... — “” ''"), doc("b", "!!! ??? ;;;")]);
    check(&[doc("a", "😀😀😀 🇺🇸 👨‍👩‍👧"), doc("b", "😀 😀 😀")]);
    check(&[doc("a", "\0\0\0"), doc("b", "\0 \u{7f} \u{85} \u{2028}")]);
}

#[test]
fn six_identical_documents() {
    let text = parallax::viewmodel::demo::DEMO_TEXTS[0];
    let docs: Vec<InputDoc> = (0..6).map(|i| doc(&format!("Copy {i}"), text)).collect();
    let cmp = check(&docs);
    assert!(
        cmp.groups.iter().any(|g| g.members.len() == 6),
        "identical articles share passages across all six"
    );
}

#[test]
fn huge_repetitive_documents() {
    let line = "Officials said the harbour bridge reopened on Monday after repairs. ";
    let a = line.repeat(2000);
    let b = format!("Intro.\n{}", line.repeat(1500));
    check(&[doc("a", a), doc("b", b)]);
}

#[test]
fn one_endless_sentence_and_one_endless_word() {
    let words = "harbour bridge repairs mayor crews traffic noon "
        .repeat(3000)
        .replace(' ', " and ");
    check(&[doc("a", words.clone()), doc("b", format!("Yes {words}"))]);
    let word = "x".repeat(100_000);
    check(&[doc("a", word.clone()), doc("b", word)]);
    let digits = "1234567890".repeat(10_000);
    check(&[doc("a", digits.clone()), doc("b", digits)]);
}

#[test]
fn many_short_lines_and_line_ends() {
    let lines: String = (0..5000)
        .map(|i| format!("Line {i}.\r\n"))
        .collect::<Vec<_>>()
        .concat();
    check(&[
        doc("crlf", lines.clone()),
        doc("cr", lines.replace("\r\n", "\r")),
    ]);
}

#[test]
fn ignored_ranges_anywhere() {
    let t = parallax::viewmodel::demo::DEMO_TEXTS[1];
    let n = t.chars().count();
    for ignored in [
        vec![(0, n)],
        vec![(0, usize::MAX)],
        vec![(usize::MAX, 0)],
        vec![(n, n + 10)],
        vec![(10, 5), (5, 10), (5, 10), (0, 3)],
        vec![(usize::MAX - 1, usize::MAX)],
        (0..n).step_by(7).map(|i| (i, i + 3)).collect(),
    ] {
        let a = InputDoc {
            label: "a".into(),
            text: t.into(),
            ignored: ignored.clone(),
        };
        let b = InputDoc {
            label: "b".into(),
            text: parallax::viewmodel::demo::DEMO_TEXTS[2].into(),
            ignored,
        };
        check(&[a, b]);
    }
}

#[test]
fn scripts_of_the_world() {
    check(&[
        doc(
            "ar",
            "بشار الأسد غادر دمشق. قالت وكالة رويترز إن الرئيس غادر.",
        ),
        doc("ar2", "قالت وكالة رويترز إن الرئيس بشار الأسد غادر دمشق."),
        doc("zh", "叙利亚总统阿萨德离开大马士革。路透社报道。"),
        doc("zh2", "路透社报道，叙利亚总统阿萨德离开大马士革。"),
        doc("mix", "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ İstanbul ß ﬁ Ⅻ ½ e\u{301}"),
        doc("rtl", "\u{202e}reversed\u{202c} text \u{200f}mark"),
    ]);
}

#[test]
fn hostile_workspace_loads_and_compares() {
    let ws = Workspace::from_json(&fixture("workspace.json"))
        .expect("the hostile workspace is well-formed");
    assert_eq!(ws.articles.len(), 3);
    // Labels and texts are kept exactly (they are shown as text, not cleaned).
    assert!(ws.articles[0].label.contains("onerror"));
    for a in &ws.articles {
        let n = a.text.chars().count();
        for &(s, e) in &a.ignored {
            assert!(s < e && e <= n, "ignored range {s}..{e} clipped to 0..{n}");
        }
    }
    let docs: Vec<InputDoc> = ws
        .articles
        .iter()
        .map(|a| InputDoc {
            label: a.label.clone(),
            text: a.text.clone(),
            ignored: a.ignored.clone(),
        })
        .collect();
    let cmp = check(&docs);
    assert!(
        !cmp.groups.is_empty(),
        "the hostile articles still share passages"
    );
}

#[test]
fn hostile_paste_and_files_go_through_intake() {
    let paste = fixture("paste.txt");
    let parts =
        parallax::viewmodel::intake::split_paste(&parallax::viewmodel::intake::normalize(&paste));
    assert!(!parts.is_empty());
    let html = parallax::viewmodel::intake::defuse_html(&fixture("article.html"));
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "defused HTML keeps no script");
    let md = parallax::viewmodel::intake::markdown_to_text(&fixture("article.md"));
    let mut docs: Vec<InputDoc> = parts.iter().map(|p| doc("paste", p.clone())).collect();
    docs.push(doc("md", md));
    docs.push(doc("raw html", fixture("article.html")));
    check(&docs);
}

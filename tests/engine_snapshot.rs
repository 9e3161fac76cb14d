//! Snapshot of the demo-set comparison: a compact text rendering, committed
//! under tests/snapshots/, compared line by line. After an intended change,
//! regenerate with `UPDATE_SNAPSHOTS=1 cargo test --test engine_snapshot`
//! and review the diff.

use parallax::engine::{compare, InputDoc};
use parallax::model::Comparison;
use std::fmt::Write;

fn render(docs: &[InputDoc], cmp: &Comparison) -> String {
    let mut o = String::new();
    for (i, d) in cmp.documents.iter().enumerate() {
        let _ = writeln!(o, "doc {i} {} chars={}", d.label, d.chars);
    }
    for g in &cmp.groups {
        let _ = writeln!(o, "group {} {:?} {:.2}", g.id, g.kind, g.score);
        let ev = &g.evidence;
        let _ = writeln!(
            o,
            "  evidence names={:?} numbers={:?} words={:?}",
            ev.names, ev.numbers, ev.words
        );
        for m in &g.members {
            let text: String = docs[m.doc]
                .text
                .chars()
                .skip(m.span.start)
                .take((m.span.end - m.span.start).min(70))
                .map(|c| if c == '\n' { ' ' } else { c })
                .collect();
            let shared = m.words.iter().filter(|w| w.shared).count();
            let _ = writeln!(
                o,
                "  {} {}..{} words {}/{} {text}",
                m.doc,
                m.span.start,
                m.span.end,
                shared,
                m.words.len()
            );
        }
    }
    for p in &cmp.pairs {
        let _ = writeln!(o, "pair {} {} {:.3} {:.3}", p.a, p.b, p.a_in_b, p.b_in_a);
    }
    for (i, u) in cmp.unique.iter().enumerate() {
        let spans: Vec<String> = u
            .iter()
            .map(|s| format!("{}..{}", s.start, s.end))
            .collect();
        let _ = writeln!(o, "unique {i} {}", spans.join(" "));
    }
    o
}

#[test]
fn demo_snapshot() {
    let docs: Vec<InputDoc> = parallax::viewmodel::demo::demo_set()
        .into_iter()
        .map(|(l, t)| InputDoc::new(l, t))
        .collect();
    let got = render(&docs, &compare(&docs));
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/engine_demo.txt"
    );
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &got).expect("write snapshot");
        return;
    }
    let want = std::fs::read_to_string(path)
        .expect("snapshot missing: run with UPDATE_SNAPSHOTS=1 to create it");
    if got != want {
        let diff = similar::TextDiff::from_lines(&want, &got);
        let mut out = String::new();
        for change in diff.iter_all_changes() {
            if change.tag() != similar::ChangeTag::Equal {
                let _ = write!(out, "{}{}", change.tag(), change);
            }
        }
        panic!("demo comparison changed (UPDATE_SNAPSHOTS=1 to accept):\n{out}");
    }
}

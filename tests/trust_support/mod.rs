//! Shared by the trust tests (tests/trust_*.rs) and the fuzz targets
//! (fuzz/fuzz_targets/*.rs include it by path): what a [`Comparison`] must
//! satisfy for every renderer to draw it without panicking, and a run of
//! every pure consumer of a result (views' coverage, attribution, exports).
#![allow(dead_code)]

use parallax::engine::InputDoc;
use parallax::formats::export::{self, SourceDoc};
use parallax::model::{Comparison, Span};
use parallax::viewmodel::coverage;
use parallax::viewmodel::viewstate::ViewState;

/// A text's chars and the UTF-16 offset of every char offset.
struct Text {
    chars: usize,
    utf16: Vec<usize>,
}

impl Text {
    fn new(text: &str) -> Self {
        let mut utf16 = Vec::with_capacity(text.len() + 1);
        let mut n = 0;
        utf16.push(0);
        for c in text.chars() {
            n += c.len_utf16();
            utf16.push(n);
        }
        Text {
            chars: utf16.len() - 1,
            utf16,
        }
    }
}

fn check_span(what: &str, span: &Span, text: &Text) -> Result<(), String> {
    if span.start > span.end || span.end > text.chars {
        return Err(format!(
            "{what}: span {}..{} out of 0..{}",
            span.start, span.end, text.chars
        ));
    }
    let (s16, e16) = (text.utf16[span.start], text.utf16[span.end]);
    if (span.start16, span.end16) != (s16, e16) {
        return Err(format!(
            "{what}: UTF-16 span {}..{} should be {s16}..{e16}",
            span.start16, span.end16
        ));
    }
    Ok(())
}

fn unit(what: &str, x: f64) -> Result<(), String> {
    if x.is_finite() && (0.0..=1.0).contains(&x) {
        Ok(())
    } else {
        Err(format!("{what}: {x} is not in 0..=1"))
    }
}

/// Checks the promises of [`Comparison`] against the input documents:
/// one document per input with its label and length, groups of two or more
/// members ordered by document with at most one member per document, every
/// span inside its text with matching UTF-16 offsets, scores and shares in
/// 0..=1, one pair entry per unordered pair, one unique list per document.
pub fn check_comparison(docs: &[InputDoc], cmp: &Comparison) -> Result<(), String> {
    let n = docs.len();
    let texts: Vec<Text> = docs.iter().map(|d| Text::new(&d.text)).collect();
    if cmp.documents.len() != n {
        return Err(format!("{} documents for {n} inputs", cmp.documents.len()));
    }
    for (i, (d, doc)) in cmp.documents.iter().zip(docs).enumerate() {
        if d.label != doc.label {
            return Err(format!(
                "document {i}: label {:?} != {:?}",
                d.label, doc.label
            ));
        }
        if d.chars != texts[i].chars {
            return Err(format!(
                "document {i}: {} chars, text has {}",
                d.chars, texts[i].chars
            ));
        }
    }
    for (k, g) in cmp.groups.iter().enumerate() {
        if g.id != k {
            return Err(format!("group {k} has id {}", g.id));
        }
        unit(&format!("group {k} score"), g.score)?;
        if g.members.len() < 2 {
            return Err(format!("group {k} has {} member(s)", g.members.len()));
        }
        for w in g.members.windows(2) {
            if w[0].doc >= w[1].doc {
                return Err(format!("group {k}: members not in strict document order"));
            }
        }
        for m in &g.members {
            if m.doc >= n {
                return Err(format!("group {k}: member of document {} of {n}", m.doc));
            }
            let cs = &texts[m.doc];
            check_span(&format!("group {k} member {}", m.doc), &m.span, cs)?;
            if m.span.start == m.span.end {
                return Err(format!("group {k} member {}: empty span", m.doc));
            }
            for w in &m.words {
                check_span(&format!("group {k} member {} word", m.doc), &w.span, cs)?;
                if w.span.start < m.span.start || w.span.end > m.span.end {
                    return Err(format!(
                        "group {k} member {}: word {}..{} outside member {}..{}",
                        m.doc, w.span.start, w.span.end, m.span.start, m.span.end
                    ));
                }
            }
        }
    }
    if cmp.pairs.len() != n * n.saturating_sub(1) / 2 {
        return Err(format!("{} pairs for {n} documents", cmp.pairs.len()));
    }
    for p in &cmp.pairs {
        if p.a >= p.b || p.b >= n {
            return Err(format!("pair {}-{} of {n} documents", p.a, p.b));
        }
        unit("a_in_b", p.a_in_b)?;
        unit("b_in_a", p.b_in_a)?;
    }
    if cmp.unique.len() != n {
        return Err(format!(
            "{} unique lists for {n} documents",
            cmp.unique.len()
        ));
    }
    for (i, spans) in cmp.unique.iter().enumerate() {
        for s in spans {
            check_span(&format!("unique of {i}"), s, &texts[i])?;
        }
    }
    Ok(())
}

/// Runs every pure consumer of a result the way the views and exports do,
/// so a result that would make a renderer panic fails here.
pub fn exercise_consumers(docs: &[InputDoc], cmp: &Comparison) {
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let cites = coverage::citations(cmp, &texts);
    let all = ViewState::default();
    let visible = coverage::visible_groups(cmp, &all, || &cites);
    let mut some = ViewState {
        min_score: 50,
        hidden: vec![0],
        ..ViewState::default()
    };
    some.source = cites.by_group.iter().flatten().next().cloned();
    let _ = coverage::visible_groups(cmp, &some, || &cites);
    let _ = coverage::kind_counts(cmp, &visible);
    for (i, d) in docs.iter().enumerate() {
        let slicer = coverage::Slicer::new(&d.text);
        let segs = coverage::segments(cmp, i, &visible);
        for s in &segs {
            let _ = slicer.slice(&d.text, s.start, s.end);
            let _ = coverage::split_ignored(s.start, s.end, &d.ignored);
            if let Some(g) = s.group {
                if let Some(m) = coverage::member(cmp, g, i) {
                    for r in coverage::runs(m, s.start, s.end) {
                        let _ = slicer.slice(&d.text, r.start, r.end);
                    }
                }
            }
        }
        let _ = coverage::coverage(cmp, i, &visible, &[]);
        let _ = coverage::coverage(cmp, i, &visible, &[0]);
        for j in 0..docs.len() {
            let _ = coverage::share(cmp, i, j);
            let _ = coverage::share(cmp, i, j);
        }
    }
    let sources: Vec<SourceDoc<'_>> = docs
        .iter()
        .map(|d| SourceDoc {
            label: &d.label,
            text: &d.text,
            ignored: &d.ignored,
            title: Some(&d.label),
            date: None,
            source: None,
        })
        .collect();
    let _ = export::result_json(cmp, &sources);
    let _ = export::matrix_csv(cmp, &sources);
    let _ = export::passages_csv(cmp, &sources);
    let report = export::html_report(cmp, &sources, "2026-01-01 00:00");
    assert_no_markup_leak(&report, cmp, docs);
}

/// The HTML report must carry article texts and labels as text only: the
/// same report built from texts with every `<` replaced by `[` (same
/// offsets) has exactly as many `<` as the real one, so none of the input's
/// `<` reached the markup unescaped.
pub fn assert_no_markup_leak(report: &str, cmp: &Comparison, docs: &[InputDoc]) {
    if !docs
        .iter()
        .any(|d| d.text.contains('<') || d.label.contains('<'))
    {
        return;
    }
    let tame: Vec<(String, String)> = docs
        .iter()
        .map(|d| (d.label.replace('<', "["), d.text.replace('<', "[")))
        .collect();
    let mut cmp2 = cmp.clone();
    for (d, (label, _)) in cmp2.documents.iter_mut().zip(&tame) {
        d.label = label.clone();
    }
    let sources: Vec<SourceDoc<'_>> = tame
        .iter()
        .zip(docs)
        .map(|((label, text), d)| SourceDoc {
            label,
            text,
            ignored: &d.ignored,
            title: Some(label),
            date: None,
            source: None,
        })
        .collect();
    let tame_report = export::html_report(&cmp2, &sources, "2026-01-01 00:00");
    assert_eq!(
        report.matches('<').count(),
        tame_report.matches('<').count(),
        "a '<' of an article text or label reached the HTML report unescaped"
    );
}

/// Text pieces for building articles: sentences of the demo set (so
/// documents share passages and every stage of the engine runs) and
/// strings that have broken text code before.
pub fn pieces() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in parallax::viewmodel::demo::DEMO_TEXTS {
        for s in t.split_inclusive(['.', '\n']) {
            if !s.trim().is_empty() && out.len() < 400 {
                out.push(s.to_string());
            }
        }
    }
    out.extend(
        [
            "",
            " ",
            "\n",
            "\n\n\n",
            "\r\n",
            "\t",
            "\u{feff}",
            "\u{200b}",
            "\u{200d}",
            "\u{202e}",
            "\u{0301}",
            "e\u{0301}",
            "\u{1f600}",
            "\u{1f1fa}\u{1f1f8}",
            "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
            "\u{fffd}",
            "\u{10ffff}",
            "İ",
            "ß",
            "ﬁ",
            "Ⅻ",
            "½",
            "٣",
            "١٢٣",
            "بشار الأسد غادر دمشق.",
            "叙利亚总统阿萨德离开大马士革。",
            "ＡＢＣ",
            "\u{0}",
            "\u{7f}",
            "\u{85}",
            "\u{2028}",
            "\u{2029}",
            "...",
            "—",
            "“",
            "”",
            "'",
            "\"",
            "-",
            "--",
            "•",
            "1",
            "2024",
            "12.08.2024",
            "3,000,000",
            "$5bn",
            "50%",
            "U.S.",
            "e.g.",
            "Mr.",
            "Dr.",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "&amp;",
            "&lt;",
            "Source: example.com",
            "Subscribe to our newsletter",
            "Advertisement",
            "Read more:",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    out
}

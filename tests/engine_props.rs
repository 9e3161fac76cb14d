//! Property tests of the engine: well-formed results on any input, order
//! independence, and an article against itself being fully shared.

use parallax::engine::{compare, InputDoc};
use parallax::model::Comparison;
use parallax::text::Utf16Map;
use proptest::prelude::*;

/// Checks everything a renderer relies on.
fn check_well_formed(docs: &[InputDoc], cmp: &Comparison) {
    let n = docs.len();
    assert_eq!(cmp.documents.len(), n);
    assert_eq!(cmp.unique.len(), n);
    assert_eq!(cmp.pairs.len(), n * n.saturating_sub(1) / 2);
    let maps: Vec<Utf16Map> = docs.iter().map(|d| Utf16Map::new(&d.text)).collect();
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(cmp.documents[i].chars, d.text.chars().count());
    }
    let span_ok = |doc: usize, s: &parallax::model::Span| {
        assert!(s.start < s.end, "empty span {s:?}");
        assert!(
            s.end <= cmp.documents[doc].chars,
            "span {s:?} out of bounds"
        );
        assert_eq!(s.start16, maps[doc].at(s.start));
        assert_eq!(s.end16, maps[doc].at(s.end));
    };
    for (k, g) in cmp.groups.iter().enumerate() {
        assert_eq!(g.id, k);
        assert!(g.members.len() >= 2);
        assert!((0.0..=1.0).contains(&g.score));
        for w in g.members.windows(2) {
            assert!(w[0].doc < w[1].doc, "members sorted, one per doc");
        }
        for m in &g.members {
            assert!(m.doc < n);
            span_ok(m.doc, &m.span);
            for w in &m.words {
                span_ok(m.doc, &w.span);
                assert!(m.span.start <= w.span.start && w.span.end <= m.span.end);
            }
        }
    }
    for p in &cmp.pairs {
        assert!(p.a < p.b && p.b < n);
        assert!((0.0..=1.0).contains(&p.a_in_b) && (0.0..=1.0).contains(&p.b_in_a));
    }
    for (doc, spans) in cmp.unique.iter().enumerate() {
        for s in spans {
            span_ok(doc, s);
            let text: String = docs[doc]
                .text
                .chars()
                .skip(s.start)
                .take(s.end - s.start)
                .collect();
            assert!(!text.trim().is_empty(), "whitespace-only unique span");
            // (Weaker links, shown on request, leave their sentences among
            // what only this article says by default.)
            let shown = f64::from(parallax::engine::LINK_DEFAULT);
            for g in cmp.groups.iter().filter(|g| g.score >= shown) {
                for m in g.members.iter().filter(|m| m.doc == doc) {
                    assert!(
                        s.end <= m.span.start || m.span.end <= s.start,
                        "unique overlaps a member"
                    );
                }
            }
        }
    }
}

/// The groups as sets of (document text, start, end), free of indices.
fn content_groups(docs: &[InputDoc], cmp: &Comparison) -> Vec<Vec<(String, usize, usize)>> {
    let mut gs: Vec<Vec<(String, usize, usize)>> = cmp
        .groups
        .iter()
        .map(|g| {
            let mut v: Vec<(String, usize, usize)> = g
                .members
                .iter()
                .map(|m| (docs[m.doc].text.clone(), m.span.start, m.span.end))
                .collect();
            v.sort();
            v
        })
        .collect();
    gs.sort();
    gs
}

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "Kyiv",
    "harbour",
    "on",
    "Tuesday",
    "reopened",
    "after",
    "storm",
    "police",
    "arrested",
    "three",
    "men",
    "in",
    "Lagos",
    "2024",
    "élection",
    "résultats",
    "and",
    "a",
    "bridge",
    "closed",
    "for",
    "repairs",
    "officials",
    "told",
    "Reuters",
    "«citation»",
    "“quoted”",
    "東京",
    "市場",
    "مرحبا",
    "шторм",
];

/// Words that carry content (a sentence of function words alone is no
/// evidence of anything).
const CONTENT: &[&str] = &[
    "harbour",
    "Kyiv",
    "reopened",
    "storm",
    "arrested",
    "bridge",
    "東京",
    "шторм",
];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 2..13),
        prop::sample::select(CONTENT),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(mut w, c, at)| {
            w.insert(at.index(w.len() + 1), c);
            let mut s = w.join(" ");
            s.push('.');
            s
        })
}

fn article() -> impl Strategy<Value = String> {
    // Sentences joined by spaces, line breaks, dashes and emoji.
    prop::collection::vec(
        (
            sentence(),
            prop::sample::select(&[" ", "\n", " — ", " 😀 ", "\n\n"][..]),
        ),
        1..8,
    )
    .prop_map(|v| v.into_iter().map(|(s, sep)| format!("{s}{sep}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn well_formed_on_any_unicode(texts in prop::collection::vec(any::<String>(), 0..4)) {
        let docs: Vec<InputDoc> = texts.into_iter().enumerate()
            .map(|(i, t)| InputDoc::new(format!("D{i}"), t)).collect();
        let cmp = compare(&docs);
        check_well_formed(&docs, &cmp);
    }

    #[test]
    fn well_formed_on_wordy_articles(
        texts in prop::collection::vec(article(), 2..5),
        ign in prop::collection::vec((0usize..400, 0usize..60), 0..3),
    ) {
        let docs: Vec<InputDoc> = texts.into_iter().enumerate()
            .map(|(i, t)| {
                let mut d = InputDoc::new(format!("D{i}"), t);
                d.ignored = ign.iter().map(|&(s, l)| (s, s + l)).collect();
                d
            }).collect();
        let cmp = compare(&docs);
        check_well_formed(&docs, &cmp);
    }

    /// The provisional result after one article is added or removed is
    /// well formed; with the same articles (in any order) it is the exact
    /// result, since the kept links were judged on the same set.
    #[test]
    fn provisional_results_are_well_formed(
        texts in prop::collection::vec(article(), 3..6),
        extra in article(),
        drop in 0usize..3,
    ) {
        use parallax::engine::Aligner;
        let mut distinct = texts.clone();
        distinct.push(extra.clone());
        distinct.sort();
        distinct.dedup();
        prop_assume!(distinct.len() == texts.len() + 1, "identical articles");
        let docs: Vec<InputDoc> = texts.into_iter().enumerate()
            .map(|(i, t)| InputDoc::new(format!("D{i}"), t)).collect();
        let mut al = Aligner::new();
        let exact = al.compare(&docs);
        let mut reversed = docs.clone();
        reversed.reverse();
        let same = al.compare_provisional(&reversed);
        prop_assert_eq!(same.map(|c| content_groups(&reversed, &c)), Some(content_groups(&docs, &exact)));
        let mut added = docs.clone();
        added.push(InputDoc::new("New", extra));
        if let Some(q) = al.compare_provisional(&added) {
            check_well_formed(&added, &q);
        }
        let mut fewer = docs.clone();
        fewer.remove(drop.min(fewer.len() - 1));
        let q = al.compare_provisional(&fewer);
        prop_assert!(q.is_some(), "one article removed");
        check_well_formed(&fewer, &q.unwrap());
    }

    #[test]
    fn article_against_itself_is_fully_shared(text in article()) {
        let docs = [InputDoc::new("A", text.clone()), InputDoc::new("B", text)];
        let cmp = compare(&docs);
        check_well_formed(&docs, &cmp);
        prop_assert!(cmp.unique[0].is_empty(), "unique: {:?}", cmp.unique[0]);
        prop_assert!(cmp.unique[1].is_empty());
        prop_assert!(!cmp.groups.is_empty());
        // Copies word for word (score 1) pair a sentence with itself;
        // links are not exclusive, so a sentence may also be linked to
        // another one that tells much the same.
        for g in &cmp.groups {
            prop_assert_eq!(g.members.len(), 2);
            if g.score >= 1.0 {
                prop_assert_eq!(g.members[0].span.start, g.members[1].span.start);
                prop_assert_eq!(g.members[0].span.end, g.members[1].span.end);
            }
        }
    }

    #[test]
    fn input_order_does_not_matter(
        texts in prop::collection::vec(article(), 2..5),
        shared in sentence(),
        seed in any::<u64>(),
    ) {
        // Give every article one shared sentence so there is something to group.
        let docs: Vec<InputDoc> = texts.iter().enumerate()
            .map(|(i, t)| InputDoc::new(format!("D{i}"), format!("{t} {shared}"))).collect();
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let mut s = seed | 1;
        for i in (1..order.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            order.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let shuffled: Vec<InputDoc> = order.iter().map(|&i| docs[i].clone()).collect();
        let a = compare(&docs);
        let b = compare(&shuffled);
        prop_assert_eq!(content_groups(&docs, &a), content_groups(&shuffled, &b));
        let scores = |c: &Comparison| {
            let mut v: Vec<u64> = c.groups.iter().map(|g| (g.score * 1e6) as u64).collect();
            v.sort();
            v
        };
        prop_assert_eq!(scores(&a), scores(&b));
    }
}

#[test]
fn huge_repetitive_input_does_not_panic() {
    let big = "word ".repeat(200_000);
    let docs = [InputDoc::new("A", big.clone()), InputDoc::new("B", big)];
    let cmp = compare(&docs);
    check_well_formed(&docs, &cmp);
    assert!(!cmp.groups.is_empty(), "identical texts share a passage");
    let long = "x".repeat(300_000);
    let docs = [
        InputDoc::new("A", long.clone()),
        InputDoc::new("B", format!("{long}y")),
    ];
    check_well_formed(&docs, &compare(&docs));
}

#[test]
fn cancelled_comparison_returns_none() {
    let docs = [
        InputDoc::new("A", "One sentence here."),
        InputDoc::new("B", "Another one there."),
    ];
    let mut calls = Vec::new();
    let out = parallax::engine::compare_with_progress(&docs, &mut |f| {
        calls.push(f);
        false
    });
    assert!(out.is_none());
    let mut fractions = Vec::new();
    let out = parallax::engine::compare_with_progress(&docs, &mut |f| {
        fractions.push(f);
        true
    });
    assert!(out.is_some());
    assert!(fractions.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(fractions.last().copied(), Some(1.0));
}

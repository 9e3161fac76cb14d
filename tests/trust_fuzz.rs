//! Property tests: the engine and every decoder of untrusted input never
//! panic, and every result keeps the promises of `model::Comparison`.
//!
//! Quick by default (part of the normal test run). For a long run:
//!   PROPTEST_CASES=20000 cargo test --release --test trust_fuzz
//! (the coverage-guided fuzzer in fuzz/ is the deeper search; see FUZZING.md).

use parallax::engine::{compare, compare_with_progress, Aligner, InputDoc};
use parallax::formats::workspace::Workspace;
use proptest::prelude::*;

mod trust_support;

/// Cases per property: PROPTEST_CASES when set, else a small default so the
/// normal test run stays quick.
fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A piece of article text: a demo sentence (so documents share passages),
/// a tricky string, or arbitrary Unicode.
fn piece() -> impl Strategy<Value = String> {
    let pieces = trust_support::pieces();
    prop_oneof![
        4 => (0..pieces.len()).prop_map(move |i| pieces[i].clone()),
        1 => any::<String>(),
        1 => "[a-zA-Z ,.\n\"'’“”—-]{0,80}",
        1 => proptest::char::any().prop_map(String::from),
    ]
}

/// A document: pieces, repeated 1..4 times, with arbitrary ignored ranges
/// (possibly out of bounds, reversed or overlapping).
fn doc() -> impl Strategy<Value = InputDoc> {
    (
        any::<String>(),
        prop::collection::vec(piece(), 0..24),
        1usize..4,
        prop::collection::vec((0usize..3000, 0usize..3000), 0..4),
        any::<bool>(),
    )
        .prop_map(|(label, parts, times, mut ignored, boiler)| {
            let text = parts.concat().repeat(times);
            if boiler {
                ignored.extend(parallax::viewmodel::boilerplate::ranges(
                    &parallax::viewmodel::boilerplate::detect(&text),
                ));
            }
            ignored.push((usize::MAX - 1, usize::MAX));
            InputDoc {
                label,
                text,
                ignored,
            }
        })
}

fn docs() -> impl Strategy<Value = Vec<InputDoc>> {
    prop::collection::vec(doc(), 1..=6)
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn compare_keeps_its_promises(docs in docs()) {
        let cmp = compare(&docs);
        if let Err(e) = trust_support::check_comparison(&docs, &cmp) {
            panic!("{e}");
        }
        trust_support::exercise_consumers(&docs, &cmp);
    }

    #[test]
    fn incremental_compare_equals_fresh(docs in docs()) {
        let mut aligner = Aligner::new();
        let _ = aligner.compare(&docs[..docs.len() - 1]);
        let again = aligner.compare(&docs);
        prop_assert_eq!(again, compare(&docs));
    }

    #[test]
    fn cancelled_compare_is_clean(docs in docs(), stop in 0u32..40) {
        let mut calls = 0u32;
        let mut last = -1.0f64;
        let r = compare_with_progress(&docs, &mut |f| {
            assert!(f.is_finite() && (0.0..=1.0).contains(&f), "progress {f}");
            assert!(f >= last, "progress went back from {last} to {f}");
            last = f;
            calls += 1;
            calls <= stop
        });
        if let Some(cmp) = r {
            if let Err(e) = trust_support::check_comparison(&docs, &cmp) {
                panic!("{e}");
            }
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn workspace_json_never_panics(s in any::<String>()) {
        let _ = Workspace::from_json(&s);
    }

    #[test]
    fn workspace_json_shaped_never_panics(
        label in any::<String>(),
        text in any::<String>(),
        ranges in prop::collection::vec((any::<u64>(), any::<u64>()), 0..4),
        version in any::<u32>(),
    ) {
        let json = serde_json::json!({
            "format": "parallax-workspace",
            "version": version,
            "articles": [{"label": label, "text": text, "ignored": ranges}],
        });
        if let Ok(ws) = Workspace::from_json(&json.to_string()) {
            let n = ws.articles[0].text.chars().count();
            for &(a, b) in &ws.articles[0].ignored {
                prop_assert!(a < b && b <= n);
            }
        }
    }

    #[test]
    fn share_codes_never_panic(s in "[A-Za-z0-9_\\-+/= \n]{0,400}") {
        let _ = Workspace::from_share_code(&s);
    }

    #[test]
    fn share_code_round_trip(label in "\\PC{0,20}", text in any::<String>()) {
        let ws = Workspace::new(vec![parallax::formats::workspace::WsArticle::new(label, text)]);
        if let Ok(ws) = Workspace::from_json(&ws.to_json()) {
            let code = ws.share_code_unlimited();
            prop_assert_eq!(Workspace::from_share_code(&code).unwrap(), ws);
        }
    }

    #[test]
    fn fragments_never_panic(s in any::<String>()) {
        let f = parallax::formats::fragment::Fragment::parse(&s);
        if let Some(v) = f.get("view") {
            let vs = parallax::viewmodel::viewstate::ViewState::decode(v);
            let _ = vs.columns_for(6);
            let _ = vs.encode();
        }
        let _ = parallax::formats::fragment::decode(&s);
        prop_assert_eq!(parallax::formats::fragment::decode(&parallax::formats::fragment::encode(&s)), s);
    }

    #[test]
    fn view_state_never_panics(s in any::<String>(), n in 0usize..10) {
        let vs = parallax::viewmodel::viewstate::ViewState::decode(&s);
        let _ = vs.columns_for(n);
        let _ = parallax::viewmodel::viewstate::ViewState::decode(&vs.encode());
    }

    #[test]
    fn intake_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = parallax::viewmodel::intake::looks_binary(&bytes);
        let _ = parallax::viewmodel::intake::file_kind("x.html", "", &bytes);
        if let Ok(d) = parallax::viewmodel::intake::decode(&bytes) {
            let t = parallax::viewmodel::intake::normalize(&d.text);
            let _ = parallax::viewmodel::intake::check_text(&t);
            let _ = parallax::viewmodel::intake::split_paste(&t);
            let _ = parallax::viewmodel::intake::markdown_to_text(&t);
            let _ = parallax::viewmodel::intake::defuse_html(&t);
        }
    }

    #[test]
    fn boilerplate_ranges_stay_inside(s in any::<String>()) {
        let n = s.chars().count();
        for (a, b) in parallax::viewmodel::boilerplate::ranges(&parallax::viewmodel::boilerplate::detect(&s)) {
            prop_assert!(a <= b && b <= n);
        }
    }

    #[test]
    fn attribution_never_panics(parts in prop::collection::vec(piece(), 0..12)) {
        let s = parts.concat();
        let n = s.chars().count();
        let _ = parallax::viewmodel::attribution::extract(&s);
        for (a, b) in parallax::viewmodel::attribution::sentences(&s) {
            prop_assert!(a <= b && b <= n);
        }
    }
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn pair_aligner_stays_inside(
        a in prop::collection::vec(piece(), 0..16),
        b in prop::collection::vec(piece(), 0..16),
    ) {
        let (a, b) = (a.concat(), b.concat());
        let (na, nb) = (a.chars().count(), b.chars().count());
        for p in parallax_pan::pair::align_pair(&a, &b) {
            prop_assert!(p.src.start <= p.src.end && p.src.end <= na);
            prop_assert!(p.susp.start <= p.susp.end && p.susp.end <= nb);
        }
    }
}

/// Any action the app's state reducer may receive, with ids, positions and
/// ranges anywhere (stale, out of range, reversed).
fn app_action() -> impl Strategy<Value = parallax::viewmodel::state::Action> {
    use parallax::viewmodel::state::{Action, ArticleMeta, NewArticle};
    use std::rc::Rc;
    let new_article = || {
        (
            any::<String>(),
            piece(),
            prop::collection::vec((0usize..500, 0usize..500), 0..3),
        )
            .prop_map(|(label, text, ignored)| NewArticle {
                label,
                text: Rc::from(text.as_str()),
                ignored,
                meta: ArticleMeta::default(),
            })
    };
    prop_oneof![
        prop::collection::vec(new_article(), 0..4).prop_map(Action::AddArticles),
        prop::collection::vec(new_article(), 0..4).prop_map(Action::ReplaceArticles),
        (0u32..12).prop_map(Action::RemoveArticle),
        (0u32..12, any::<usize>()).prop_map(|(id, to)| Action::MoveArticle { id, to }),
        (0u32..12, any::<String>()).prop_map(|(id, label)| Action::RenameArticle { id, label }),
        (0u32..12, piece()).prop_map(|(id, t)| Action::EditText {
            id,
            text: Rc::from(t.as_str())
        }),
        (0u32..12, any::<(usize, usize)>())
            .prop_map(|(id, range)| Action::ToggleIgnored { id, range }),
        (0u64..20, any::<f64>()).prop_map(|(revision, done)| Action::Progress { revision, done }),
        (0u64..20, any::<String>())
            .prop_map(|(revision, message)| Action::Failed { revision, message }),
    ]
}

fn view_action() -> impl Strategy<Value = parallax::viewmodel::viewstate::ViewAction> {
    use parallax::model::Kind;
    use parallax::viewmodel::viewstate::{View, ViewAction};
    let kind = prop_oneof![
        Just(Kind::Verbatim),
        Just(Kind::Near),
        Just(Kind::Paraphrase)
    ];
    let view = prop_oneof![
        Just(View::Overview),
        Just(View::Reading),
        Just(View::Story),
        Just(View::Sources)
    ];
    prop_oneof![
        view.prop_map(ViewAction::Show),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| ViewAction::OpenPair(a, b)),
        (any::<usize>(), any::<usize>(), 0usize..8)
            .prop_map(|(slot, doc, n)| ViewAction::SetColumn { slot, doc, n }),
        (any::<usize>(), 0usize..8).prop_map(|(slot, n)| ViewAction::RemoveColumn { slot, n }),
        any::<u8>().prop_map(ViewAction::MinScore),
        kind.prop_map(ViewAction::ToggleKind),
        any::<usize>().prop_map(ViewAction::ToggleArticle),
        any::<Option<usize>>().prop_map(ViewAction::Focus),
        any::<Option<String>>().prop_map(ViewAction::Source),
        (
            any::<usize>(),
            any::<Option<usize>>(),
            prop::collection::vec(0usize..10, 0..4),
            0usize..8
        )
            .prop_map(|(doc, group, with, n)| ViewAction::OpenAt {
                doc,
                group,
                with,
                n
            }),
        any::<String>().prop_map(|s| ViewAction::Restore(
            parallax::viewmodel::viewstate::ViewState::decode(&s)
        )),
    ]
}

proptest! {
    #![proptest_config(config(128))]

    /// The reducers run on every click: no sequence of actions may panic,
    /// and every article's ignored ranges stay inside its text.
    #[test]
    fn app_reducer_never_panics(actions in prop::collection::vec(app_action(), 0..24)) {
        let mut s = parallax::viewmodel::state::AppState::default();
        for a in actions {
            s = parallax::viewmodel::state::reduce(&s, a);
            for art in s.articles.iter() {
                let n = art.text.chars().count();
                for &(a, b) in &art.ignored {
                    prop_assert!(a < b && b <= n, "ignored {a}..{b} of {n}");
                }
            }
        }
        let ws = Workspace::from_state(&s);
        prop_assert_eq!(Workspace::from_json(&ws.to_json()).map(|w| w.articles.len()), Ok(ws.articles.len()));
    }

    #[test]
    fn view_reducer_never_panics(
        actions in prop::collection::vec(view_action(), 0..24),
        n in 0usize..8,
    ) {
        let mut s = parallax::viewmodel::viewstate::ViewState::default();
        for a in actions {
            s = parallax::viewmodel::viewstate::reduce(&s, a);
            let _ = s.columns_for(n);
            let again = parallax::viewmodel::viewstate::ViewState::decode(&s.encode());
            let _ = again.columns_for(n);
        }
    }
}

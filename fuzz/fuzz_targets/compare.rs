//! The engine on 1..6 documents of arbitrary Unicode (some built from demo
//! sentences so documents share passages, some repeated many times), with
//! ignored ranges anywhere (out of bounds, reversed, overlapping), cancelled
//! at an arbitrary progress call or not. Every result must satisfy the
//! promises of `model::Comparison` and every pure consumer (views,
//! exports) must take it without panicking.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use parallax::engine::{compare, compare_with_progress, Aligner, InputDoc};

#[path = "../../tests/trust_support/mod.rs"]
mod support;

#[derive(Arbitrary, Debug)]
enum Part {
    Raw(String),
    Demo(u16),
    Piece(u16),
    Char(char),
}

#[derive(Arbitrary, Debug)]
struct Doc {
    label: String,
    parts: Vec<Part>,
    /// The whole text repeated 1 + repeat % 32 times.
    repeat: u8,
    ignored: Vec<(u32, u32)>,
    /// Ignore the given lines' ranges as boilerplate detection would.
    detect_boilerplate: bool,
}

#[derive(Arbitrary, Debug)]
struct Input {
    docs: Vec<Doc>,
    cancel_at: Option<u8>,
    incremental: bool,
}

/// Bytes per document: large enough for "huge" articles (a long feature
/// is about 60,000), small enough to keep the fuzzer busy with many runs.
const MAX_DOC: usize = 120_000;
/// Bytes of all documents together.
const MAX_TOTAL: usize = 300_000;

fuzz_target!(|input: Input| {
    let pieces = support::pieces();
    let demo = parallax::viewmodel::demo::DEMO_TEXTS;
    let mut docs: Vec<InputDoc> = Vec::new();
    let mut total = 0usize;
    for d in input.docs.iter().take(6) {
        let mut text = String::new();
        for p in &d.parts {
            match p {
                Part::Raw(s) => text.push_str(s),
                Part::Demo(i) => text.push_str(demo[*i as usize % demo.len()]),
                Part::Piece(i) => text.push_str(&pieces[*i as usize % pieces.len()]),
                Part::Char(c) => text.push(*c),
            }
            if text.len() > MAX_DOC {
                break;
            }
        }
        let times = 1 + d.repeat as usize % 32;
        if text.len().saturating_mul(times) <= MAX_DOC {
            text = text.repeat(times);
        }
        total += text.len();
        if total > MAX_TOTAL {
            break;
        }
        let mut ignored: Vec<(usize, usize)> = d
            .ignored
            .iter()
            .map(|&(a, b)| (a as usize, b as usize))
            .collect();
        if d.detect_boilerplate {
            ignored.extend(parallax::viewmodel::boilerplate::ranges(
                &parallax::viewmodel::boilerplate::detect(&text),
            ));
        }
        docs.push(InputDoc {
            label: d.label.clone(),
            text,
            ignored,
        });
    }
    if docs.is_empty() {
        return;
    }
    if let Some(k) = input.cancel_at {
        let mut calls = 0u32;
        let mut last = -1.0f64;
        let r = compare_with_progress(&docs, &mut |f| {
            assert!(f.is_finite() && (0.0..=1.0).contains(&f), "progress {f}");
            assert!(f >= last, "progress went back from {last} to {f}");
            last = f;
            calls += 1;
            calls <= u32::from(k)
        });
        if let Some(cmp) = r {
            support::check_comparison(&docs, &cmp).unwrap();
        }
        return;
    }
    let cmp = if input.incremental && docs.len() > 1 {
        // The cached path: compare all but the last, then all.
        let mut aligner = Aligner::new();
        let _ = aligner.compare(&docs[..docs.len() - 1]);
        aligner.compare(&docs)
    } else {
        compare(&docs)
    };
    if let Err(e) = support::check_comparison(&docs, &cmp) {
        panic!("broken result: {e}");
    }
    support::exercise_consumers(&docs, &cmp);
});

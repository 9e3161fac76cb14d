//! Pairwise alignment of long documents (PAN mode).
//!
//! - a synthetic pair (reused passages, verbatim and edited, in unrelated text);
//! - a 1 MB file of one repeated word against another (must stay fast);
//! - if `../shared/pan13-train` is present, the first 100 pairs of its
//!   `pairs` file (the corpus is read by this benchmark only; skipped when
//!   absent).
//!
//! Run: `cargo bench -p parallax-pan --bench pan`. Full-corpus timing and scores:
//! `cargo build --release && time taskset -c 0 target/release/parallax pan --threads 1
//!  ../shared/pan13-train/pairs ../shared/pan13-train/src ../shared/pan13-train/susp /tmp/det
//!  && target/release/parallax pan-eval ../shared/pan13-train /tmp/det`

use criterion::{criterion_group, criterion_main, Criterion};
use parallax_gen::filler::{word, XorShift as Rng};
use parallax_pan::pair::align_pair;
use std::path::Path;

fn sentences(n: usize, rng: &mut Rng) -> Vec<String> {
    (0..n)
        .map(|_| {
            let w: Vec<String> = (0..10 + rng.below(15)).map(|_| word(rng)).collect();
            format!("{}.", w.join(" "))
        })
        .collect()
}

fn synthetic() -> (String, String) {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let src = sentences(120, &mut rng);
    let mut susp = sentences(150, &mut rng);
    // A verbatim passage and an edited one.
    susp.splice(20..20, src[10..16].iter().cloned());
    let edited: Vec<String> = src[70..78]
        .iter()
        .map(|s| s.replacen(' ', " ka ", 2))
        .collect();
    susp.splice(100..100, edited);
    (src.join(" "), susp.join(" "))
}

fn bench(c: &mut Criterion) {
    let (src, susp) = synthetic();
    c.bench_function("pan/synthetic pair (~20 KB each)", |b| {
        b.iter(|| align_pair(&src, &susp))
    });

    let big_a = "word ".repeat(200_000);
    let big_b = "word ".repeat(200_000);
    let mut g = c.benchmark_group("pan/degenerate");
    g.sample_size(10);
    g.bench_function("1 MB repeated word vs 1 MB repeated word", |b| {
        b.iter(|| align_pair(&big_a, &big_b))
    });
    g.finish();

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/pan13-train");
    let Ok(list) = std::fs::read_to_string(root.join("pairs")) else {
        eprintln!(
            "pan bench: {} absent, corpus benchmark skipped",
            root.display()
        );
        return;
    };
    let pairs: Vec<(String, String)> = list
        .lines()
        .take(100)
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let susp = std::fs::read_to_string(root.join("susp").join(it.next()?)).ok()?;
            let src = std::fs::read_to_string(root.join("src").join(it.next()?)).ok()?;
            Some((src, susp))
        })
        .collect();
    let mut g = c.benchmark_group("pan/corpus");
    g.sample_size(10);
    g.bench_function("first 100 pairs of pan13-train", |b| {
        b.iter(|| {
            pairs
                .iter()
                .map(|(s, p)| align_pair(s, p).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Engine benchmarks: the demo set, a 1 MB repeated-word pair, and 50 / 300
//! synthetic articles (shared wire passages, edited, among unrelated text).
//!
//! Run: `cargo bench --bench engine`

use criterion::{criterion_group, criterion_main, Criterion};
use parallax::engine::{compare, Aligner, InputDoc};
use parallax_gen::filler::{word, XorShift as Rng};

/// A vocabulary of `n` pseudo-words.
fn vocab(n: usize, rng: &mut Rng) -> Vec<String> {
    (0..n).map(|_| word(rng)).collect()
}

fn sentence(v: &[String], rng: &mut Rng) -> String {
    let len = 12 + rng.below(14);
    let mut s = String::new();
    for k in 0..len {
        // Zipf-like: small indices far more often.
        let r = rng
            .below(v.len())
            .min(rng.below(v.len()))
            .min(rng.below(v.len()));
        let w = &v[r];
        if k == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// Edits a sentence: drops or replaces a word now and then.
fn edit(s: &str, v: &[String], rng: &mut Rng) -> String {
    let mut out: Vec<String> = Vec::new();
    for w in s.split(' ') {
        if rng.below(12) == 0 {
            continue;
        }
        if rng.below(10) == 0 {
            out.push(v[rng.below(v.len())].clone());
        } else {
            out.push(w.to_string());
        }
    }
    out.join(" ")
}

/// `n` articles of about `words` words; each takes a few sentences from a
/// shared pool of wire sentences (edited) and writes the rest itself.
pub fn synthetic(n: usize, words: usize, seed: u64) -> Vec<InputDoc> {
    let mut rng = Rng(seed | 1);
    let v = vocab(5000, &mut rng);
    let wire: Vec<String> = (0..60).map(|_| sentence(&v, &mut rng)).collect();
    (0..n)
        .map(|i| {
            let mut text = String::new();
            let mut count = 0;
            while count < words {
                let s = if rng.below(4) == 0 {
                    edit(&wire[rng.below(wire.len())], &v, &mut rng)
                } else {
                    sentence(&v, &mut rng)
                };
                count += s.split(' ').count();
                text.push_str(&s);
                text.push(if rng.below(4) == 0 { '\n' } else { ' ' });
            }
            InputDoc::new(format!("Article {}", i + 1), text)
        })
        .collect()
}

fn demo_docs() -> Vec<InputDoc> {
    parallax::viewmodel::demo::demo_set()
        .into_iter()
        .map(|(l, t)| InputDoc::new(l, t))
        .collect()
}

fn benches(c: &mut Criterion) {
    let demo = demo_docs();
    c.bench_function("demo_5", |b| b.iter(|| compare(&demo)));

    let big = "word ".repeat(200_000);
    let pair = [InputDoc::new("A", big.clone()), InputDoc::new("B", big)];
    let mut g = c.benchmark_group("slow");
    g.sample_size(10);
    g.bench_function("repeated_word_1mb_pair", |b| b.iter(|| compare(&pair)));

    let docs50 = synthetic(50, 700, 7);
    g.bench_function("synthetic_50x700", |b| b.iter(|| compare(&docs50)));
    let docs51 = synthetic(51, 700, 7);
    g.bench_function("aligner_add_one_to_50", |b| {
        b.iter_batched(
            || {
                let mut a = Aligner::new();
                a.compare(&docs51[..50]);
                a
            },
            |mut a| a.compare(&docs51),
            criterion::BatchSize::LargeInput,
        )
    });
    let docs300 = synthetic(300, 700, 11);
    g.bench_function("synthetic_300x700", |b| b.iter(|| compare(&docs300)));
    g.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);

//! Engine speed at scale: the demo set, generated coverage of 10 to 300
//! articles (~700 words each), and adding one article to 50 with the
//! incremental [`Aligner`].
//!
//! `cargo bench --bench scale` (all), `cargo bench --bench scale -- demo`
//! (one group). `PARALLAX_BENCH_SIZES=10,50` picks the generated sizes;
//! a size whose single run exceeds `PARALLAX_BENCH_BUDGET_S` (default 30)
//! is reported and not sampled. Recall and precision against the generator's ground truth
//! are printed once per size, before timing.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use parallax::engine::{compare, Aligner, InputDoc};
use parallax_gen::{evaluate, generate, Corpus, GenConfig};

fn corpus(n: usize) -> Corpus {
    generate(&GenConfig {
        seed: 1,
        articles: n,
        ..GenConfig::default()
    })
}

fn inputs(c: &Corpus) -> Vec<InputDoc> {
    c.articles
        .iter()
        .map(|a| InputDoc::new(a.label.clone(), a.text.clone()))
        .collect()
}

fn demo(c: &mut Criterion) {
    let docs: Vec<InputDoc> = parallax::viewmodel::demo::demo_set()
        .into_iter()
        .map(|(l, t)| InputDoc::new(l, t))
        .collect();
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let mut g = c.benchmark_group("demo");
    g.throughput(Throughput::Elements(words as u64));
    g.bench_function("compare_5", |b| b.iter(|| compare(black_box(&docs))));
    g.finish();
}

fn generated(c: &mut Criterion) {
    let mut g = c.benchmark_group("generated");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    let sizes: Vec<usize> = std::env::var("PARALLAX_BENCH_SIZES")
        .unwrap_or_else(|_| "10,50,100,300".into())
        .split(',')
        .filter_map(|x| x.trim().parse().ok())
        .collect();
    let budget: f64 = std::env::var("PARALLAX_BENCH_BUDGET_S")
        .ok()
        .and_then(|x| x.parse().ok())
        .unwrap_or(30.0);
    for n in sizes {
        let cp = corpus(n);
        let docs = inputs(&cp);
        let words = cp.total_words();
        let t = std::time::Instant::now();
        let r = compare(&docs);
        let once = t.elapsed().as_secs_f64();
        if once > budget {
            eprintln!(
                "generated/{n}: one run took {once:.1} s, over the {budget} s budget \
                 (PARALLAX_BENCH_BUDGET_S): not sampled"
            );
            continue;
        }
        let e = evaluate(&cp, &r);
        eprintln!(
            "generated/{n}: {words} words, {} groups; recall {:.3} (verbatim {:.3}, edited {:.3}, paraphrase {:.3}), precision {:.3}",
            r.groups.len(),
            e.recall(),
            e.recall_of(0),
            e.recall_of(1),
            e.recall_of(2),
            e.precision()
        );
        g.throughput(Throughput::Elements(words as u64));
        g.measurement_time(Duration::from_secs(if n >= 300 { 20 } else { 5 }));
        g.bench_function(format!("compare_{n}"), |b| {
            b.iter(|| compare(black_box(&docs)))
        });
    }
    g.finish();
}

fn incremental(c: &mut Criterion) {
    let cp = corpus(51);
    let docs = inputs(&cp);
    let base = &docs[..50];
    let mut g = c.benchmark_group("incremental");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(5));
    // Sanity: the incremental result equals a fresh comparison.
    let mut warm = Aligner::new();
    warm.compare(base);
    assert_eq!(warm.compare(&docs), compare(&docs));
    g.bench_function("add_1_to_50", |b| {
        b.iter_batched(
            || {
                let mut a = Aligner::new();
                a.compare(base);
                a
            },
            |mut a| a.compare(black_box(&docs)),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("recompare_50_unchanged", |b| {
        let mut a = Aligner::new();
        a.compare(base);
        b.iter(|| a.compare(black_box(base)))
    });
    g.finish();
}

criterion_group!(benches, demo, generated, incremental);
criterion_main!(benches);

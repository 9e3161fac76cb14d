//! One point of the scaling table: generates N articles, compares them
//! (best and median of R runs), and prints one JSON line with the time, the
//! peak resident memory of this process (Linux VmHWM), and recall and
//! precision against the generator's ground truth. Run it once per size in
//! a fresh process (scripts/bench-scale.sh does) so peak memory is per size.
//!
//! `cargo run --release --example scale -- --articles 100 [--seed 1] [--reps 3] [--words 700]`
//! `--add-one`: time adding article N to a warmed incremental Aligner of N-1
//! (the provisional result first, then the exact one; recall and precision
//! of both are reported).

use std::time::Instant;

use parallax::engine::{compare, Aligner, InputDoc};
use parallax_gen::{evaluate, generate, GenConfig};

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let mut cfg = GenConfig::default();
    let mut reps = 3usize;
    let mut add_one = false;
    let mut show_wrong = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = || args.next().and_then(|v| v.parse::<usize>().ok());
        match a.as_str() {
            "--articles" => cfg.articles = num().expect("--articles N"),
            "--seed" => cfg.seed = num().expect("--seed N") as u64,
            "--words" => cfg.words = num().expect("--words N"),
            "--reps" => reps = num().expect("--reps N").max(1),
            "--add-one" => add_one = true,
            "--show-wrong" => show_wrong = num().expect("--show-wrong K"),
            other => {
                eprintln!("unknown argument {other:?}");
                std::process::exit(2);
            }
        }
    }
    let corpus = generate(&cfg);
    let docs: Vec<InputDoc> = corpus
        .articles
        .iter()
        .map(|a| InputDoc::new(a.label.clone(), a.text.clone()))
        .collect();
    let rss_before = peak_rss_kb();
    let mut times = Vec::new();
    let mut quick_times = Vec::new();
    let mut quick = None;
    let mut result = None;
    for _ in 0..reps {
        if add_one {
            let mut al = Aligner::new();
            al.compare(&docs[..docs.len().saturating_sub(1)]);
            let t = Instant::now();
            quick = al.compare_provisional(&docs);
            quick_times.push(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            let r = al.compare(&docs);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            result = Some(r);
        } else {
            let t = Instant::now();
            let r = compare(&docs);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            result = Some(r);
        }
    }
    let result = result.expect("reps >= 1");
    times.sort_by(|a, b| a.total_cmp(b));
    let e = evaluate(&corpus, &result);
    quick_times.sort_by(|a, b| a.total_cmp(b));
    let quick_eval = quick.as_ref().map(|q| evaluate(&corpus, q));
    let line = serde_json::json!({
        "provisional_ms_median": quick_times.get(quick_times.len() / 2),
        "provisional_recall": quick_eval.as_ref().map(|e| e.recall()),
        "provisional_precision": quick_eval.as_ref().map(|e| e.precision()),
        "mode": if add_one { "add_one" } else { "compare" },
        "articles": cfg.articles,
        "words": corpus.total_words(),
        "ms_min": times[0],
        "ms_median": times[times.len() / 2],
        "peak_rss_mb": peak_rss_kb().map(|k| k as f64 / 1024.0),
        "rss_before_compare_mb": rss_before.map(|k| k as f64 / 1024.0),
        "groups": result.groups.len(),
        "recall": e.recall(),
        "recall_verbatim": e.recall_of(0),
        "recall_edited": e.recall_of(1),
        "recall_paraphrase": e.recall_of(2),
        "precision": e.precision(),
        "truth_pairs": e.truth_pairs,
        "linked_pairs": e.linked_pairs,
    });
    println!("{line}");
    if show_wrong > 0 {
        print_wrong(&corpus, &result, show_wrong);
    }
}

/// Prints up to `k` linked member pairs that share no wire source.
fn print_wrong(corpus: &parallax_gen::Corpus, cmp: &parallax::model::Comparison, k: usize) {
    let text = |d: usize, s: usize, e: usize| -> String {
        corpus.articles[d]
            .text
            .chars()
            .skip(s)
            .take(e - s)
            .collect()
    };
    let sources = |d: usize, s: usize, e: usize| -> Vec<Option<usize>> {
        corpus.articles[d]
            .sentences
            .iter()
            .filter(|x| x.start < e && s < x.end)
            .map(|x| x.source)
            .collect()
    };
    let mut shown = 0;
    for g in &cmp.groups {
        for (i, a) in g.members.iter().enumerate() {
            for b in &g.members[i + 1..] {
                let sa = sources(a.doc, a.span.start, a.span.end);
                let sb = sources(b.doc, b.span.start, b.span.end);
                if sa.iter().any(|x| x.is_some() && sb.contains(x)) {
                    continue;
                }
                println!(
                    "--- group {} {:?} score {:.2}\n  [{}] {:?} {}\n  [{}] {:?} {}",
                    g.id,
                    g.kind,
                    g.score,
                    a.doc,
                    sa,
                    text(a.doc, a.span.start, a.span.end),
                    b.doc,
                    sb,
                    text(b.doc, b.span.start, b.span.end)
                );
                shown += 1;
                if shown >= k {
                    return;
                }
                break;
            }
        }
    }
}

//! Measures the engine's links against hand-made lists: basil-dev (events
//! used for fitting, events held out of it, and all), the demo list
//! (tests/data/demo_gold.json) and MSRP train (each pair compared as two
//! one-sentence articles: linked or not).
//!
//! `cargo run --release --example eval_links [-- --min P] [--no-msrp]`
//!
//! Per set: candidate recall (gold links with a candidate unit pair
//! overlapping both spans), recall of verbatim and near links, recall of
//! paraphrase links, precision over detected member pairs (a lower bound)
//! and topic-only pairs linked, counted as basil-dev's score.py counts
//! them. `--min P` keeps only groups scoring at least P (default: the
//! engine's default, as `parallax compare` shows them). Reads `../shared`
//! (or `PARALLAX_SHARED`); the product never does.

#[path = "linker_data/mod.rs"]
mod data;

use data::{all_pairs, tally, Tally};
use parallax::engine::{compare, link_rows, InputDoc};

fn main() {
    let mut min = f64::from(parallax::engine::LINK_DEFAULT);
    let mut with_msrp = true;
    let mut misses = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--min" => min = args.next().and_then(|v| v.parse().ok()).unwrap_or(0.0),
            "--no-msrp" => with_msrp = false,
            "--misses" => misses = true,
            other => {
                eprintln!("unknown argument {other:?}");
                std::process::exit(2);
            }
        }
    }
    let (mut fit, mut held, mut all) = (Tally::default(), Tally::default(), Tally::default());
    for ev in data::basil() {
        let cmp = compare(&ev.docs);
        let rows = link_rows(&ev.docs, &all_pairs(ev.docs.len()), false);
        let t = tally(&ev, &cmp, &rows, min);
        if misses {
            data::print_misses(&ev, &cmp, &rows);
            // Of all unit pairs: those sharing some weight outside names.
            let every = link_rows(&ev.docs, &all_pairs(ev.docs.len()), true);
            let said: Vec<_> = every
                .into_iter()
                .filter(|r| r.features[0] >= 0.26)
                .collect();
            let n = ev.gold.iter().filter(|g| g.is_link()).count();
            let k = ev
                .gold
                .iter()
                .filter(|g| {
                    g.is_link()
                        && said
                            .iter()
                            .any(|r| data::matches(g, r.a, r.span_a, r.b, r.span_b))
                })
                .count();
            println!(
                "  pairs sharing said weight >= 0.3: {} cover {k}/{n} links",
                said.len()
            );
        }
        println!("{}", t.line(&format!("basil {}", &ev.name[..8])));
        if data::HELD_OUT.contains(&ev.name.as_str()) {
            held.add(&t);
        } else {
            fit.add(&t);
        }
        all.add(&t);
    }
    println!("{}", fit.line("basil fit events"));
    println!("{}", held.line("basil held-out events"));
    println!("{}", all.line("basil all"));
    let demo = data::demo();
    let cmp = compare(&demo.docs);
    let rows = link_rows(&demo.docs, &all_pairs(demo.docs.len()), false);
    println!("{}", tally(&demo, &cmp, &rows, min).line("demo list"));
    if misses {
        data::print_misses(&demo, &cmp, &rows);
    }
    if with_msrp {
        let pairs = data::msrp();
        let (mut pred, mut gold) = (Vec::new(), Vec::new());
        for (label, s1, s2) in &pairs {
            let docs = [
                InputDoc::new("1", s1.as_str()),
                InputDoc::new("2", s2.as_str()),
            ];
            let cmp = compare(&docs);
            pred.push(cmp.groups.iter().any(|g| g.score >= min));
            gold.push(*label);
        }
        let (acc, f1) = data::acc_f1(&pred, &gold);
        println!(
            "MSRP train ({} pairs, each compared alone): accuracy {acc:.3} F1 {f1:.3}",
            pairs.len()
        );
    }
}

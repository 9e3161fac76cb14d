//! Fits the link model (a logistic regression over the features of
//! `engine::link_features`) and writes its weights as Rust
//! (crates/engine/src/engine/linker_model.rs), with precision/recall curves
//! (docs/link-curves.svg).
//!
//! `cargo run --profile tools --example train_linker [-- --dry-run]`
//!
//! `-- --dump DIR` writes the candidate pairs instead (`DIR/rows.tsv`:
//! set, event, gold links matched, label, the model's log-odds, the two
//! texts, the features; `DIR/gold.tsv`: set, link, copied or not), which
//! `scripts/link-ceiling.py` reads to measure other scorers on the same
//! pairs.
//!
//! Training data: MSRP train (each pair judged as two one-sentence
//! articles, as `parallax compare` sees it) and the basil-dev events not
//! held out (candidate unit pairs; a pair is a link when it overlaps both
//! spans of a hand-made link, else not). Reported: MSRP train accuracy and
//! F1 by 5-fold cross-validation (fitted on four folds with the basil
//! events, threshold chosen on them, measured on the fifth), and
//! pair-level figures on the held-out basil events and the demo list,
//! which are never fitted on. Reads `../shared` (or `PARALLAX_SHARED`) at
//! development time; the product never does.

#[path = "linker_data/mod.rs"]
mod data;

use data::{all_pairs, Event};
use parallax::engine::{link_features, link_rows, InputDoc, LinkRow};

/// An event with its labelled candidate rows.
type Rows<'a> = (&'a Event, Vec<(LinkRow, bool)>);

/// A labelled row: features, label, sample weight.
struct Sample {
    x: Vec<f64>,
    y: bool,
    w: f64,
}

/// Features whose weight may not be negative (copying: see link.rs).
const NON_NEGATIVE: [&str; 3] = ["copied_weight", "copied_run", "copied_rule"];
/// Weight of a basil row and of an MSRP pair (the lists are closer to
/// what the engine links; MSRP is larger). `--basil W`, `--msrp W`.
const BASIL_WEIGHT: f64 = 1.0;
const MSRP_WEIGHT: f64 = 0.0;
/// Weight of a row of generated coverage, and how many sets (`--gen W`).
const GEN_WEIGHT: f64 = 0.0;
const GEN_SETS: u64 = 3;
/// Weight of a row of the demo list (`--demo W`).
const DEMO_WEIGHT: f64 = 1.0;

/// The value of option `name` (a number), else `default`.
fn opt(name: &str, default: f64) -> f64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|k| args.get(k + 1)?.parse().ok())
        .unwrap_or(default)
}
/// Training precision at the default threshold.
const PRECISION: f64 = 0.7;
/// L2 penalty per sample.
const L2: f64 = 1e-4;
thread_local!(static L2_NOW: std::cell::Cell<f64> = const { std::cell::Cell::new(L2) });
/// Rows sharing less than this outside names are never judged (MIN_SAID
/// in link.rs): `said` is its `ln(1 + x)`.
const MIN_SAID: f64 = 0.3;

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Logistic regression by Newton's method; weights of `fixed` features
/// stay 0 (an active set keeps the non-negative ones at 0 when the fit
/// would make them negative). Returns (bias, weights).
fn fit(s: &[&Sample], names: &[&str]) -> (f64, Vec<f64>) {
    let n = names.len();
    let drop: Vec<String> = std::env::args()
        .skip_while(|a| a != "--drop")
        .nth(1)
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let mut fixed: Vec<bool> = names.iter().map(|n| drop.iter().any(|d| d == n)).collect();
    loop {
        let (b, w) = newton(s, &fixed);
        let neg: Vec<usize> = (0..n)
            .filter(|&k| !fixed[k] && NON_NEGATIVE.contains(&names[k]) && w[k] < 0.0)
            .collect();
        if neg.is_empty() {
            return (b, w);
        }
        for k in neg {
            fixed[k] = true;
        }
    }
}

// (Matrix code: indices are clearer than iterators here.)
#[allow(clippy::needless_range_loop)]
fn newton(s: &[&Sample], fixed: &[bool]) -> (f64, Vec<f64>) {
    let n = fixed.len();
    let m = n + 1;
    let mut beta = vec![0.0; m]; // beta[n] is the bias
    let total: f64 = s.iter().map(|x| x.w).sum();
    for _ in 0..50 {
        let mut g = vec![0.0; m];
        let mut h = vec![vec![0.0; m]; m];
        for x in s {
            let z = beta[n] + (0..n).map(|k| beta[k] * x.x[k]).sum::<f64>();
            let p = sigmoid(z);
            let r = (p - if x.y { 1.0 } else { 0.0 }) * x.w;
            let q = (p * (1.0 - p)).max(1e-9) * x.w;
            let v = |k: usize| if k == n { 1.0 } else { x.x[k] };
            for a in 0..m {
                g[a] += r * v(a);
                for c in a..m {
                    h[a][c] += q * v(a) * v(c);
                }
            }
        }
        for a in 0..m {
            for c in 0..a {
                h[a][c] = h[c][a];
            }
            if a < n {
                let l2 = L2_NOW.with(|c| c.get());
                g[a] += l2 * total * beta[a];
                h[a][a] += l2 * total;
            }
        }
        for k in 0..n {
            if fixed[k] {
                for c in 0..m {
                    h[k][c] = 0.0;
                    h[c][k] = 0.0;
                }
                h[k][k] = 1.0;
                g[k] = 0.0;
            }
        }
        let step = solve(h, g);
        let mut change = 0.0f64;
        for k in 0..m {
            beta[k] -= step[k];
            change = change.max(step[k].abs());
        }
        if change < 1e-7 {
            break;
        }
    }
    (beta[n], beta[..n].to_vec())
}

/// Solves `a x = b` (Gaussian elimination with partial pivoting).
#[allow(clippy::needless_range_loop)]
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let m = b.len();
    for c in 0..m {
        let p = (c..m)
            .max_by(|&x, &y| a[x][c].abs().total_cmp(&a[y][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        b.swap(c, p);
        let d = a[c][c];
        if d.abs() < 1e-12 {
            continue;
        }
        for r in c + 1..m {
            let f = a[r][c] / d;
            for k in c..m {
                a[r][k] -= f * a[c][k];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; m];
    for c in (0..m).rev() {
        let s: f64 = (c + 1..m).map(|k| a[c][k] * x[k]).sum();
        x[c] = if a[c][c].abs() < 1e-12 {
            0.0
        } else {
            (b[c] - s) / a[c][c]
        };
    }
    x
}

/// The model's log-odds for features `x`.
fn logit(model: &(f64, Vec<f64>), x: &[f64]) -> f64 {
    model.0 + model.1.iter().zip(x).map(|(w, v)| w * v).sum::<f64>()
}

fn prob(model: &(f64, Vec<f64>), x: &[f64]) -> f64 {
    sigmoid(logit(model, x))
}

/// The threshold with the best weighted F1 on `s` (scores `p`).
fn best_threshold(s: &[&Sample], p: &[f64]) -> f64 {
    let mut best = (0.0, 0.5);
    for k in 5..96 {
        let t = k as f64 / 100.0;
        let (mut tp, mut fp, mut fnn) = (0.0, 0.0, 0.0);
        for (x, &q) in s.iter().zip(p) {
            match (q >= t, x.y) {
                (true, true) => tp += x.w,
                (true, false) => fp += x.w,
                (false, true) => fnn += x.w,
                _ => {}
            }
        }
        let f1 = 2.0 * tp / (2.0 * tp + fp + fnn).max(1e-9);
        if f1 > best.0 {
            best = (f1, t);
        }
    }
    best.1
}

/// Candidate rows of an event with their labels.
fn event_rows(ev: &Event) -> Vec<(LinkRow, bool)> {
    link_rows(&ev.docs, &all_pairs(ev.docs.len()), false)
        .into_iter()
        .map(|r| {
            let y = data::label(ev, &r);
            (r, y)
        })
        .collect()
}

fn judged(r: &LinkRow) -> bool {
    r.features
        .first()
        .is_some_and(|&f| f as f64 >= MIN_SAID.ln_1p() - 1e-6)
}

fn sample(r: &LinkRow, y: bool, w: f64) -> Sample {
    Sample {
        x: to64(&r.features),
        y,
        w,
    }
}

/// Pair-level curve of an event set: for each threshold, (recall of the
/// required gold links, precision of candidate rows at or above it).
fn curve(
    sets: &[(&Event, Vec<(LinkRow, bool)>)],
    model: &(f64, Vec<f64>),
    t: f64,
) -> (f64, f64, usize, usize, usize, usize) {
    let (mut found, mut links, mut good, mut shown) = (0, 0, 0, 0);
    for (ev, rows) in sets {
        let on: Vec<&(LinkRow, bool)> = rows
            .iter()
            .filter(|(r, _)| judged(r) && prob(model, &to64(&r.features)) >= t)
            .collect();
        shown += on.len();
        good += on.iter().filter(|(_, y)| *y).count();
        for g in ev.gold.iter().filter(|g| g.is_link() && g.required) {
            links += 1;
            found += on
                .iter()
                .any(|(r, _)| data::matches(g, r.a, r.span_a, r.b, r.span_b))
                as usize;
        }
    }
    let r = found as f64 / links.max(1) as f64;
    let p = if shown == 0 {
        1.0
    } else {
        good as f64 / shown as f64
    };
    (r, p, found, links, good, shown)
}

fn to64(f: &[f32]) -> Vec<f64> {
    f.iter().map(|&v| v as f64).collect()
}

fn main() {
    let dry = std::env::args().any(|a| a == "--dry-run");
    let names = link_features();
    let (basil_w, msrp_w) = (opt("--basil", BASIL_WEIGHT), opt("--msrp", MSRP_WEIGHT));
    L2_NOW.with(|c| c.set(opt("--l2", L2)));
    // MSRP: each pair as two one-sentence articles; the row of the two
    // units sharing the most (a sentence may be cut in two).
    let msrp: Vec<Sample> = data::msrp()
        .iter()
        .map(|(y, s1, s2)| {
            let docs = [
                InputDoc::new("1", s1.as_str()),
                InputDoc::new("2", s2.as_str()),
            ];
            let rows = link_rows(&docs, &[(0, 1)], true);
            let best = rows
                .iter()
                .max_by(|a, b| a.features[0].total_cmp(&b.features[0]));
            match best {
                Some(r) => sample(r, *y, msrp_w),
                None => Sample {
                    x: vec![0.0; names.len()],
                    y: *y,
                    w: msrp_w,
                },
            }
        })
        .collect();
    let events = data::basil();
    let (mut fit_rows, mut held) = (Vec::new(), Vec::new());
    for ev in &events {
        let rows = event_rows(ev);
        if data::HELD_OUT.contains(&ev.name.as_str()) {
            held.push((ev, rows));
        } else {
            fit_rows.push((ev, rows));
        }
    }
    let basil: Vec<Sample> = fit_rows
        .iter()
        .flat_map(|(_, rows)| rows.iter())
        .filter(|(r, _)| judged(r))
        .map(|(r, y)| sample(r, *y, basil_w))
        .collect();
    // Generated coverage (src/gen.rs): a pair is a link when both units
    // derive from the same wire sentence.
    let gen_w = opt("--gen", GEN_WEIGHT);
    let mut basil = basil;
    for seed in (1..=GEN_SETS).filter(|_| gen_w > 0.0) {
        let corpus = parallax_gen::generate(&parallax_gen::GenConfig {
            seed,
            articles: 4,
            words: 500,
            ..Default::default()
        });
        let docs: Vec<InputDoc> = corpus
            .docs()
            .into_iter()
            .map(|(l, t)| InputDoc::new(l, t))
            .collect();
        let source = |d: usize, r: (usize, usize)| {
            corpus.articles[d]
                .sentences
                .iter()
                .find(|s| data::ov((s.start, s.end), r))
                .and_then(|s| s.source)
        };
        for r in link_rows(&docs, &all_pairs(docs.len()), false) {
            if !judged(&r) {
                continue;
            }
            let y =
                source(r.a, r.span_a).is_some() && source(r.a, r.span_a) == source(r.b, r.span_b);
            basil.push(sample(&r, y, gen_w));
        }
    }
    // The demo list (the rules before the model were set on it): its
    // candidate rows, weighted `--demo W`.
    let demo = data::demo();
    let demo_rows = vec![(&demo, event_rows(&demo))];
    let demo_w = opt("--demo", DEMO_WEIGHT);
    basil.extend(
        demo_rows[0]
            .1
            .iter()
            .filter(|(r, _)| demo_w > 0.0 && judged(r))
            .map(|(r, y)| sample(r, *y, demo_w)),
    );
    let positives = basil.iter().filter(|s| s.y).count();
    eprintln!(
        "training rows: MSRP {} ({} paraphrases), basil and demo {} ({} links)",
        msrp.len(),
        msrp.iter().filter(|s| s.y).count(),
        basil.len(),
        positives
    );

    // 5-fold cross-validation on MSRP train (folds by position).
    let mut pred = vec![false; msrp.len()];
    let mut cv_prob = vec![0.0; msrp.len()];
    for fold in 0..5 {
        let train: Vec<&Sample> = msrp
            .iter()
            .enumerate()
            .filter(|(k, _)| k % 5 != fold)
            .map(|(_, s)| s)
            .chain(basil.iter())
            .collect();
        let model = fit(&train, names);
        let p: Vec<f64> = train.iter().map(|s| prob(&model, &s.x)).collect();
        let t = best_threshold(&train, &p);
        for (k, s) in msrp.iter().enumerate().filter(|(k, _)| k % 5 == fold) {
            cv_prob[k] = prob(&model, &s.x);
            pred[k] = cv_prob[k] >= t;
        }
    }
    let gold: Vec<bool> = msrp.iter().map(|s| s.y).collect();
    let (acc, f1) = data::acc_f1(&pred, &gold);
    println!("MSRP train, 5-fold cross-validated: accuracy {acc:.3} F1 {f1:.3}");

    // The model: all MSRP train and the basil events not held out.
    let train: Vec<&Sample> = msrp.iter().chain(basil.iter()).collect();
    let model = fit(&train, names);
    let p: Vec<f64> = train.iter().map(|s| prob(&model, &s.x)).collect();
    // The default: the lowest threshold at which the training rows kept
    // are links with precision PRECISION (weaker links are shown on request).
    let default = (1..19)
        .map(|k| k as f64 / 20.0)
        .find(|&t| {
            let (mut good, mut all) = (0.0, 0.0);
            for (s, &q) in train.iter().zip(&p) {
                if q >= t {
                    all += s.w;
                    good += if s.y { s.w } else { 0.0 };
                }
            }
            good >= opt("--precision", PRECISION) * all
        })
        .unwrap_or(0.5);
    // The floor: about half the default (weaker links are shown on
    // request). Both are multiples of 0.05, as the app's control steps.
    let floor = (default * 10.0).floor() / 20.0;
    println!("bias {:.4}", model.0);
    for (n, w) in names.iter().zip(&model.1) {
        println!("  {n:<16} {w:+.4}");
    }
    println!("threshold (default) {default:.2}, floor {floor:.2}");
    let report = |name: &str, sets: &[(&Event, Vec<(LinkRow, bool)>)], t: f64| {
        let (r, p, found, links, good, shown) = curve(sets, &model, t);
        println!(
            "{name:<22} at {t:.2}: pair-level recall {r:.3} ({found}/{links}), precision {p:.3} ({good}/{shown})"
        );
    };
    for t in [floor, default] {
        report("basil fit events", &fit_rows, t);
        report("basil held-out events", &held, t);
        report("demo list", &demo_rows, t);
    }
    if let Some(path) = std::env::args().skip_while(|a| a != "--dump").nth(1) {
        let sets: [(&str, &[Rows]); 3] =
            [("fit", &fit_rows), ("held", &held), ("demo", &demo_rows)];
        dump(&path, &sets, &model);
        return;
    }
    if dry {
        for g in demo.gold.iter().filter(|g| g.copied()) {
            for (r, _) in demo_rows[0]
                .1
                .iter()
                .filter(|(r, _)| data::matches(g, r.a, r.span_a, r.b, r.span_b))
            {
                println!(
                    "  demo {} p={:.3} {:?}",
                    g.level,
                    prob(&model, &to64(&r.features)),
                    r.features
                );
            }
        }
        for k in 2..14 {
            let t = k as f64 / 20.0;
            let h = curve(&held, &model, t);
            let d = curve(&demo_rows, &model, t);
            println!(
                "  {t:.2}: held-out R {:.2} P {:.2} | demo R {:.2} P {:.2}",
                h.0, h.1, d.0, d.1
            );
        }
        return;
    }
    write_model(&model, default, floor);
    let msrp_curve: Vec<(f64, f64)> = (1..100)
        .map(|k| {
            let t = k as f64 / 100.0;
            let pr: Vec<bool> = cv_prob.iter().map(|&q| q >= t).collect();
            let tp = pr.iter().zip(&gold).filter(|(p, g)| **p && **g).count();
            let shown = pr.iter().filter(|p| **p).count();
            let all = gold.iter().filter(|g| **g).count();
            (
                tp as f64 / all.max(1) as f64,
                if shown == 0 {
                    1.0
                } else {
                    tp as f64 / shown as f64
                },
            )
        })
        .collect();
    let pts = |sets: &[(&Event, Vec<(LinkRow, bool)>)]| -> Vec<(f64, f64)> {
        (1..100)
            .map(|k| {
                let c = curve(sets, &model, k as f64 / 100.0);
                (c.0, c.1)
            })
            .collect()
    };
    let mark = |sets: &[(&Event, Vec<(LinkRow, bool)>)]| {
        let c = curve(sets, &model, default);
        (c.0, c.1)
    };
    write_svg(
        &[
            (
                "basil-dev held-out events",
                pts(&held),
                mark(&held),
                "#c0392b",
            ),
            (
                "basil-dev fit events",
                pts(&fit_rows),
                mark(&fit_rows),
                "#e67e22",
            ),
            ("demo list", pts(&demo_rows), mark(&demo_rows), "#2471a3"),
            ("MSRP train, 5-fold CV", msrp_curve, (0.0, 0.0), "#27ae60"),
        ],
        default,
    );
}

fn write_model(model: &(f64, Vec<f64>), default: f64, floor: f64) {
    // Six decimals, written as the shortest literal of that `f32`.
    let lit = |x: f64| format!("{:?}", ((x * 1e6).round() / 1e6) as f32);
    let ws: Vec<String> = model.1.iter().map(|&w| lit(w)).collect();
    let text = format!(
        "// Generated by `cargo run --profile tools --example train_linker`: do not edit.

/// Weight of each feature, in the order of `link::FEATURES`.
#[rustfmt::skip]
pub(crate) const WEIGHTS: [f32; N] = [{}];
/// The log-odds with every feature 0.
pub(crate) const BIAS: f32 = {};
/// The weakest link kept: its probability and log-odds.
pub(crate) const FLOOR: f32 = {floor:.2};
pub(crate) const FLOOR_LOGIT: f32 = {};
/// The probability from which links are shown by default: the lowest
/// (in steps of 0.05) at which the training pairs kept are links with
/// precision 0.7.
pub(crate) const DEFAULT: f32 = {default:.2};
pub(crate) const DEFAULT_LOGIT: f32 = {};
",
        ws.join(", "),
        lit(model.0),
        lit((floor / (1.0 - floor)).ln()),
        lit((default / (1.0 - default)).ln()),
    );
    let path = "crates/engine/src/engine/linker_model.rs";
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{path}: {e}"));
    println!("wrote {path}");
}

/// Precision/recall curves as an SVG plot.
/// A curve to plot: name, (recall, precision) points, the point at the
/// default threshold, colour.
type Curve<'a> = (&'a str, Vec<(f64, f64)>, (f64, f64), &'a str);

fn write_svg(curves: &[Curve], default: f64) {
    let (w, h, m) = (560.0, 420.0, 50.0);
    let x = |r: f64| m + r * (w - 2.0 * m);
    let y = |p: f64| h - m - p * (h - 2.0 * m);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    );
    for k in 0..=10 {
        let v = k as f64 / 10.0;
        s += &format!(
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/>\n",
            x(v), y(0.0), x(v), y(1.0), x(0.0), y(v), x(1.0), y(v)
        );
        if k % 2 == 0 {
            s += &format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{v:.1}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{v:.1}</text>\n",
                x(v), y(0.0) + 16.0, x(0.0) - 6.0, y(v) + 4.0
            );
        }
    }
    s += &format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">recall</text><text x=\"14\" y=\"{:.1}\" transform=\"rotate(-90 14 {:.1})\" text-anchor=\"middle\">precision</text>\n",
        x(0.5), h - 12.0, y(0.5), y(0.5)
    );
    for (k, (name, pts, mark, color)) in curves.iter().enumerate() {
        let path: Vec<String> = pts
            .iter()
            .map(|&(r, p)| format!("{:.1},{:.1}", x(r), y(p)))
            .collect();
        s += &format!(
            "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{}\"/>\n",
            path.join(" ")
        );
        if mark.0 > 0.0 {
            s += &format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{color}\"/>\n",
                x(mark.0),
                y(mark.1)
            );
        }
        let ly = m + 16.0 * k as f64;
        s += &format!(
            "<line x1=\"{:.1}\" y1=\"{ly:.1}\" x2=\"{:.1}\" y2=\"{ly:.1}\" stroke=\"{color}\" stroke-width=\"2\"/><text x=\"{:.1}\" y=\"{:.1}\">{name}</text>\n",
            x(0.04), x(0.1), x(0.12), ly + 4.0
        );
    }
    s += &format!(
        "<text x=\"{:.1}\" y=\"{:.1}\">dots: the default threshold {default:.2}; pair level (before grouping)</text>\n</svg>\n",
        x(0.04), m + 16.0 * curves.len() as f64 + 4.0
    );
    let path = "docs/link-curves.svg";
    std::fs::write(path, s).unwrap_or_else(|e| panic!("{path}: {e}"));
    println!("wrote {path}");
}

/// Writes the candidate rows of `sets` and their gold links (`--dump DIR`).
fn dump(dir: &str, sets: &[(&str, &[Rows])], model: &(f64, Vec<f64>)) {
    use std::fmt::Write as _;
    let (mut rows_out, mut gold_out) = (String::new(), String::new());
    for (name, evs) in sets {
        for (e, (ev, rows)) in evs.iter().enumerate() {
            let golds: Vec<&data::Gold> = ev
                .gold
                .iter()
                .filter(|g| g.is_link() && g.required)
                .collect();
            for (k, g) in golds.iter().enumerate() {
                let _ = writeln!(gold_out, "{name}\t{e}-{k}\t{}", g.copied() as u8);
            }
            let text = |d: usize, (a, b): (usize, usize)| -> String {
                let t: String = ev.docs[d].text.chars().skip(a).take(b - a).collect();
                t.replace(['\t', '\n'], " ")
            };
            for (r, y) in rows.iter().filter(|(r, _)| judged(r)) {
                let ids: Vec<String> = (0..golds.len())
                    .filter(|&k| data::matches(golds[k], r.a, r.span_a, r.b, r.span_b))
                    .map(|k| format!("{e}-{k}"))
                    .collect();
                let z = logit(model, &to64(&r.features));
                let f: Vec<String> = r.features.iter().map(|v| format!("{v:.4}")).collect();
                let _ = writeln!(
                    rows_out,
                    "{name}\t{e}\t{}\t{}\t{z:.4}\t{}\t{}\t{}",
                    ids.join(","),
                    *y as u8,
                    text(r.a, r.span_a),
                    text(r.b, r.span_b),
                    f.join(",")
                );
            }
        }
    }
    for (file, body) in [("rows.tsv", rows_out), ("gold.tsv", gold_out)] {
        let path = format!("{dir}/{file}");
        std::fs::write(&path, body).unwrap_or_else(|e| panic!("{path}: {e}"));
        println!("wrote {path}");
    }
}

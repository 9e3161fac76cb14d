//! Labelled link data for the link model's tools (`eval_links`,
//! `train_linker`): the basil-dev events and MSRP train from `../shared`
//! (read at development time only), and the demo list
//! (`tests/data/demo_gold.json`).

#![allow(dead_code)]

use parallax::engine::{InputDoc, LinkRow};
use parallax::model::Comparison;
use serde_json::Value;

/// Where `../shared` is (override with `PARALLAX_SHARED`).
pub fn shared_dir() -> String {
    std::env::var("PARALLAX_SHARED").unwrap_or_else(|_| "../shared".to_string())
}

/// A hand-made link (or a topic-only negative) between two documents.
#[derive(Clone, Debug)]
pub struct Gold {
    pub a: usize,
    pub b: usize,
    /// Alternative char ranges (any one will do).
    pub ra: Vec<(usize, usize)>,
    pub rb: Vec<(usize, usize)>,
    /// verbatim, near, paraphrase or topic.
    pub level: String,
    /// Counted in recall (demo: "required"; basil: every link).
    pub required: bool,
}

impl Gold {
    pub fn is_link(&self) -> bool {
        self.level != "topic"
    }
    pub fn copied(&self) -> bool {
        self.level == "verbatim" || self.level == "near"
    }
}

/// A set of articles with its gold links.
pub struct Event {
    pub name: String,
    pub docs: Vec<InputDoc>,
    pub gold: Vec<Gold>,
}

/// The basil-dev events held out of fitting (by triplet id): they measure
/// the model on events it never saw.
pub const HELD_OUT: [&str; 2] = [
    "84678e18-0b79-4570-9c9f-cb1cf88d968e",
    "df6a55fb-dfe5-4362-89a6-8c040d648a70",
];

fn char_range(text: &str, needle: &str) -> Option<(usize, usize)> {
    let byte = text.find(needle)?;
    let start = text[..byte].chars().count();
    Some((start, start + needle.chars().count()))
}

/// The five basil-dev events (fox, nyt, hpo), sorted by triplet id.
pub fn basil() -> Vec<Event> {
    let dir = format!("{}/basil-dev", shared_dir());
    let raw = std::fs::read_to_string(format!("{dir}/links.json"))
        .unwrap_or_else(|e| panic!("{dir}/links.json: {e}"));
    let v: Value = serde_json::from_str(&raw).expect("links.json");
    let recs = v.as_array().expect("list");
    let mut ids: Vec<String> = recs
        .iter()
        .map(|r| r["triplet"].as_str().expect("triplet").to_string())
        .collect();
    ids.sort();
    ids.dedup();
    const OUT: [&str; 3] = ["fox", "nyt", "hpo"];
    ids.into_iter()
        .map(|id| {
            let docs: Vec<InputDoc> = OUT
                .iter()
                .map(|o| {
                    let text =
                        std::fs::read_to_string(format!("{dir}/{id}/{o}.txt")).expect("article");
                    InputDoc::new(*o, text)
                })
                .collect();
            let gold = recs
                .iter()
                .filter(|r| r["triplet"] == id.as_str())
                .filter_map(|r| {
                    let a = OUT.iter().position(|o| r["a"] == *o)?;
                    let b = OUT.iter().position(|o| r["b"] == *o)?;
                    let ra = char_range(&docs[a].text, r["a_text"].as_str()?)?;
                    let rb = char_range(&docs[b].text, r["b_text"].as_str()?)?;
                    Some(Gold {
                        a,
                        b,
                        ra: vec![ra],
                        rb: vec![rb],
                        level: r["level"].as_str()?.to_string(),
                        required: true,
                    })
                })
                .collect();
            Event {
                name: id,
                docs,
                gold,
            }
        })
        .collect()
}

/// The demo articles with the hand-made list of tests/data/demo_gold.json.
pub fn demo() -> Event {
    let raw = std::fs::read_to_string("tests/data/demo_gold.json").expect("demo gold");
    let v: Value = serde_json::from_str(&raw).expect("gold json");
    let docs: Vec<InputDoc> = v["docs"]
        .as_array()
        .expect("docs")
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let name = f.as_str().expect("name");
            let text = std::fs::read_to_string(format!("www/demo/{name}")).expect("demo file");
            InputDoc::new(parallax::viewmodel::labels::label_for(&text, None, i), text)
        })
        .collect();
    // The list is the project's own: an excerpt not in its article is an
    // error in the list, said at once.
    let find = |text: &str, s: &str| {
        char_range(text, s).unwrap_or_else(|| panic!("gold excerpt not in text: {s}"))
    };
    let ranges = |text: &str, v: &Value| -> Vec<(usize, usize)> {
        match v {
            Value::String(s) => vec![find(text, s)],
            Value::Array(a) => a
                .iter()
                .map(|x| find(text, x.as_str().expect("excerpt")))
                .collect(),
            _ => panic!("bad excerpt {v}"),
        }
    };
    let mut gold = Vec::new();
    for (list, negative) in [("links", false), ("negative", true)] {
        for l in v[list].as_array().expect("list") {
            let a = l["a"].as_u64().expect("a") as usize;
            let b = l["b"].as_u64().expect("b") as usize;
            let (a, b, ta, tb) = if a < b {
                (a, b, &l["a_text"], &l["b_text"])
            } else {
                (b, a, &l["b_text"], &l["a_text"])
            };
            gold.push(Gold {
                a,
                b,
                ra: ranges(&docs[a].text, ta),
                rb: ranges(&docs[b].text, tb),
                level: if negative {
                    "topic".to_string()
                } else {
                    l["kind"].as_str().unwrap_or("paraphrase").to_string()
                },
                required: !negative && l["status"] == "required",
            });
        }
    }
    Event {
        name: "demo".to_string(),
        docs,
        gold,
    }
}

/// MSRP train: (label, sentence 1, sentence 2).
pub fn msrp() -> Vec<(bool, String, String)> {
    let path = format!("{}/msrp/train.tsv", shared_dir());
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    raw.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 5).then(|| {
                (
                    f[0].trim_start_matches('\u{feff}') == "1",
                    f[3].to_string(),
                    f[4].to_string(),
                )
            })
        })
        .collect()
}

/// The 40% overlap rule of basil-dev's score.py: the two ranges overlap by
/// at least 40% of the shorter one.
pub fn ov(a: (usize, usize), b: (usize, usize)) -> bool {
    let n = a.1.min(b.1) as i64 - a.0.max(b.0) as i64;
    n > 0 && n as f64 >= 0.4 * (a.1 - a.0).min(b.1 - b.0) as f64
}

/// Whether a pair (document, range) x (document, range) matches a gold
/// record (in either order).
pub fn matches(g: &Gold, da: usize, ra: (usize, usize), db: usize, rb: (usize, usize)) -> bool {
    let hit = |x: &[(usize, usize)], r| x.iter().any(|&g| ov(r, g));
    (da == g.a && db == g.b && hit(&g.ra, ra) && hit(&g.rb, rb))
        || (da == g.b && db == g.a && hit(&g.rb, ra) && hit(&g.ra, rb))
}

/// A detected member pair: (doc, range, doc, range, group score).
pub type MemberPair = (usize, (usize, usize), usize, (usize, usize), f64);

/// Detected member pairs of a comparison.
pub fn member_pairs(cmp: &Comparison) -> Vec<MemberPair> {
    let mut out = Vec::new();
    for g in &cmp.groups {
        for (x, mx) in g.members.iter().enumerate() {
            for my in &g.members[x + 1..] {
                out.push((
                    mx.doc,
                    (mx.span.start, mx.span.end),
                    my.doc,
                    (my.span.start, my.span.end),
                    g.score,
                ));
            }
        }
    }
    out
}

/// Figures of one set, summed over events.
#[derive(Default, Clone, Copy, Debug)]
pub struct Tally {
    pub copied: usize,
    pub copied_hit: usize,
    pub para: usize,
    pub para_hit: usize,
    pub cand_hit: usize,
    pub links: usize,
    pub pairs: usize,
    pub good: usize,
    pub topic: usize,
    pub topic_hit: usize,
}

impl Tally {
    pub fn add(&mut self, o: &Tally) {
        self.copied += o.copied;
        self.copied_hit += o.copied_hit;
        self.para += o.para;
        self.para_hit += o.para_hit;
        self.cand_hit += o.cand_hit;
        self.links += o.links;
        self.pairs += o.pairs;
        self.good += o.good;
        self.topic += o.topic;
        self.topic_hit += o.topic_hit;
    }

    /// One line of figures.
    pub fn line(&self, name: &str) -> String {
        let r = |h: usize, n: usize| if n == 0 { 0.0 } else { h as f64 / n as f64 };
        format!(
            "{name:<22} cand.recall {:.3} ({}/{})  recall verb+near {:.3} ({}/{})  paraphrase {:.3} ({}/{})  precision {:.3} ({}/{})  topic linked {}/{}",
            r(self.cand_hit, self.links),
            self.cand_hit,
            self.links,
            r(self.copied_hit, self.copied),
            self.copied_hit,
            self.copied,
            r(self.para_hit, self.para),
            self.para_hit,
            self.para,
            r(self.good, self.pairs),
            self.good,
            self.pairs,
            self.topic_hit,
            self.topic,
        )
    }
}

/// The figures of one event: recall from the comparison's groups (as
/// score.py counts them), candidate recall from the engine's candidates
/// (`rows`), precision over detected member pairs with score at least
/// `min` (a lower bound: links the list lacks count against it).
pub fn tally(ev: &Event, cmp: &Comparison, rows: &[LinkRow], min: f64) -> Tally {
    let pairs: Vec<_> = member_pairs(cmp)
        .into_iter()
        .filter(|p| p.4 >= min)
        .collect();
    let mut t = Tally::default();
    for g in &ev.gold {
        let found = pairs.iter().any(|p| matches(g, p.0, p.1, p.2, p.3));
        if !g.is_link() {
            t.topic += 1;
            t.topic_hit += found as usize;
            continue;
        }
        if !g.required {
            continue;
        }
        t.links += 1;
        t.cand_hit += rows
            .iter()
            .any(|r| r.candidate && matches(g, r.a, r.span_a, r.b, r.span_b))
            as usize;
        if g.copied() {
            t.copied += 1;
            t.copied_hit += found as usize;
        } else {
            t.para += 1;
            t.para_hit += found as usize;
        }
    }
    t.pairs = pairs.len();
    t.good = pairs
        .iter()
        .filter(|p| {
            ev.gold
                .iter()
                .any(|g| g.is_link() && matches(g, p.0, p.1, p.2, p.3))
        })
        .count();
    t
}

/// All pairs of documents of an event.
pub fn all_pairs(n: usize) -> Vec<(usize, usize)> {
    (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .collect()
}

/// A label for a unit pair from the gold list: `Some(true)` for a link,
/// `Some(false)` for a topic-only pair or a pair the list does not name.
pub fn label(ev: &Event, r: &LinkRow) -> bool {
    ev.gold
        .iter()
        .any(|g| g.is_link() && matches(g, r.a, r.span_a, r.b, r.span_b))
}

/// Accuracy and F1 of predictions against labels.
pub fn acc_f1(pred: &[bool], gold: &[bool]) -> (f64, f64) {
    let n = pred.len().max(1) as f64;
    let (mut tp, mut fp, mut fnn, mut ok) = (0.0, 0.0, 0.0, 0.0);
    for (&p, &g) in pred.iter().zip(gold) {
        ok += (p == g) as u8 as f64;
        match (p, g) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fnn += 1.0,
            _ => {}
        }
    }
    let f1 = if tp > 0.0 {
        2.0 * tp / (2.0 * tp + fp + fnn)
    } else {
        0.0
    };
    (ok / n, f1)
}

/// Prints the gold links of an event that no candidate (`NO CAND`) or no
/// group (`MISSED`) covers, and the detected pairs no link covers (`FP`).
pub fn print_misses(ev: &Event, cmp: &Comparison, rows: &[LinkRow]) {
    let text = |d: usize, r: (usize, usize)| -> String {
        ev.docs[d]
            .text
            .chars()
            .skip(r.0)
            .take((r.1 - r.0).min(150))
            .collect::<String>()
            .replace('\n', " ")
    };
    let pairs = member_pairs(cmp);
    for g in ev.gold.iter().filter(|g| g.is_link() && g.required) {
        let cand = rows
            .iter()
            .any(|r| r.candidate && matches(g, r.a, r.span_a, r.b, r.span_b));
        let found = pairs.iter().any(|p| matches(g, p.0, p.1, p.2, p.3));
        if !found {
            println!(
                "  {} {}\n    {}: {}\n    {}: {}",
                if cand { "MISSED" } else { "NO CAND" },
                g.level,
                g.a,
                text(g.a, g.ra[0]),
                g.b,
                text(g.b, g.rb[0])
            );
        }
    }
    for p in &pairs {
        if !ev
            .gold
            .iter()
            .any(|g| g.is_link() && matches(g, p.0, p.1, p.2, p.3))
        {
            println!(
                "  FP {:.2}\n    {}: {}\n    {}: {}",
                p.4,
                p.0,
                text(p.0, p.1),
                p.2,
                text(p.2, p.3)
            );
        }
    }
}

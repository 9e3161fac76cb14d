//! Diagnostics for tuning the link model: every candidate pair with its
//! evidence figures and verdict ([`explain`], printed by the command
//! line's `--explain`), and the rows the development tools fit and
//! measure the model with ([`link_rows`]).

use super::input::InputDoc;
use super::link::{self, Stats};
use super::prepare::{self, Prepared};
use super::weights;
use crate::model::Kind;

/// Every document prepared, one after another (the diagnostics below; the
/// comparison itself prepares on the thread pool and caches).
fn prepare_all(docs: &[InputDoc]) -> Vec<Prepared> {
    docs.iter()
        .map(|d| prepare::prepare(&d.text, &d.ignored))
        .collect()
}

/// One candidate pair of sentence units with the figures of its verdict
/// ([`explain`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Explained {
    /// Input index of the first document, and its unit.
    pub a: usize,
    pub i: u32,
    /// Input index of the second document (`a < b`), and its unit.
    pub b: usize,
    pub j: u32,
    /// The link's kind and score; `None` when the pair is not linked.
    pub link: Option<(Kind, f32)>,
    /// What the verdict measured.
    pub figures: Stats,
    /// Char ranges of the two units in their texts.
    pub span_a: (usize, usize),
    pub span_b: (usize, usize),
    /// The named speakers each unit attributes its words to.
    pub speakers_a: Vec<String>,
    pub speakers_b: Vec<String>,
}

/// Diagnostics for tuning: every candidate pair of each pair of documents
/// with its evidence figures and verdict (canonical order is not used:
/// `a < b` are input indices). The command line's `--explain` prints them.
pub fn explain(docs: &[InputDoc]) -> Vec<Explained> {
    let preps = prepare_all(docs);
    let refs: Vec<&Prepared> = preps.iter().collect();
    let w = weights::Weights::new(&refs);
    let mut out = Vec::new();
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            for (i, j) in link::candidates(&preps[a], &preps[b]) {
                let (ua, ub) = (&preps[a].units[i as usize], &preps[b].units[j as usize]);
                let (ia, ib) = (w.unit(a, i as usize), w.unit(b, j as usize));
                let (v, st) = link::judge(
                    (&preps[a], ua, ia),
                    (&preps[b], ub, ib),
                    true,
                    &mut link::Scratch::default(),
                    &mut link::Facts::default(),
                );
                let speakers = |p: &Prepared, u| p.speaker_words(u).map(String::from).collect();
                out.push(Explained {
                    a,
                    i,
                    b,
                    j,
                    link: v.map(|v| (v.kind, v.score)),
                    figures: st,
                    span_a: (ua.start as usize, ua.end as usize),
                    span_b: (ub.start as usize, ub.end as usize),
                    speakers_a: speakers(&preps[a], ua),
                    speakers_b: speakers(&preps[b], ub),
                });
            }
        }
    }
    out
}

/// One unit pair with what a verdict on it found, for fitting and
/// measuring the link model (development tools only).
#[derive(Clone, Debug)]
pub struct LinkRow {
    /// Input indices of the two documents.
    pub a: usize,
    pub b: usize,
    /// Char ranges of the two units.
    pub span_a: (usize, usize),
    pub span_b: (usize, usize),
    /// Whether the engine proposes the pair as a candidate.
    pub candidate: bool,
    /// The model's features of the pair ([`link_features`] names them).
    pub features: Vec<f32>,
    /// The link's score, 0 when not linked.
    pub score: f32,
}

/// The unit pairs of the given pairs of documents (input indices), judged
/// with rarities over all `docs`: the engine's candidates only, or with
/// `all_units` every pair of units (candidates marked). Development tools
/// only (slow: every figure of every pair is computed).
pub fn link_rows(docs: &[InputDoc], doc_pairs: &[(usize, usize)], all_units: bool) -> Vec<LinkRow> {
    let preps = prepare_all(docs);
    let refs: Vec<&Prepared> = preps.iter().collect();
    let w = weights::Weights::new(&refs);
    let mut cands = link::set_candidates(&refs);
    cands.sort_unstable();
    let mut scratch = link::Scratch::default();
    let mut out = Vec::new();
    for &(a, b) in doc_pairs {
        let (a, b) = (a.min(b), a.max(b));
        if a == b || b >= docs.len() {
            continue;
        }
        let (pa, pb) = (&preps[a], &preps[b]);
        for i in 0..pa.units.len() {
            for j in 0..pb.units.len() {
                let key = (a as u32, b as u32, i as u32, j as u32);
                let candidate = cands.binary_search(&key).is_ok();
                if !candidate && !all_units {
                    continue;
                }
                let (ua, ub) = (&pa.units[i], &pb.units[j]);
                let (v, st) = link::judge(
                    (pa, ua, w.unit(a, i)),
                    (pb, ub, w.unit(b, j)),
                    true,
                    &mut scratch,
                    &mut link::Facts::default(),
                );
                out.push(LinkRow {
                    a,
                    b,
                    span_a: (ua.start as usize, ua.end as usize),
                    span_b: (ub.start as usize, ub.end as usize),
                    candidate,
                    features: link::features(&st).to_vec(),
                    score: v.map_or(0.0, |v| v.score),
                });
            }
        }
    }
    out
}

/// The names of [`LinkRow::features`], in order.
pub fn link_features() -> &'static [&'static str] {
    &link::FEATURES
}

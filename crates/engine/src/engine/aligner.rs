//! The comparer and its caches: prepared documents by key, the facts of
//! the last comparison's verdicts, and its links (for the provisional
//! path, see `provisional.rs`); the phases of a full comparison in order.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::input::InputDoc;
use super::judging::{judge_all, Memo};
use super::prepare::{self, Prepared};
use super::trace::Trace;
use super::{assemble, cluster, cores, keys, link, weights};
use crate::model::{Comparison, Kind};

/// A comparer that remembers its work: prepared documents (tokens, sentence
/// units and their index), cached by a hash of text and ignored ranges.
/// Comparing again after adding, removing or editing one article prepares
/// only that article; candidates, verdicts and clusters are recomputed over
/// the set (they depend on term rarity across all articles), but what the
/// last comparison found about each pair of units apart from rarity (shared
/// terms, copied runs) is reused: only the changed article's pairs are
/// compared anew, all are weighed anew, and the result is the same as a
/// fresh comparison's.
///
/// ```
/// use parallax_engine::engine::{Aligner, InputDoc};
/// let mut aligner = Aligner::new();
/// let mut docs = vec![
///     InputDoc::new("A", "The bridge over the Elbe closed at noon for repairs."),
///     InputDoc::new("B", "Officials said the bridge over the Elbe closed at noon for repairs."),
/// ];
/// assert_eq!(aligner.compare(&docs).groups.len(), 1);
/// docs.push(InputDoc::new("C", "The Elbe bridge closed at noon for urgent repairs."));
/// let again = aligner.compare(&docs);
/// assert_eq!(again.groups[0].members.len(), 3);
/// assert_eq!(again, parallax_engine::engine::compare(&docs));
/// ```
#[derive(Default)]
pub struct Aligner {
    prepared: HashMap<u64, Arc<Prepared>>,
    /// The links of the last full comparison, by document key.
    pub(super) last: Option<LastRun>,
    /// What judging found in the last full comparison.
    memo: Option<Memo>,
}

/// Links of a finished comparison, by document key (so they survive a
/// change of order): (key, unit, key, unit, score, kind).
pub(super) struct LastRun {
    pub keys: HashSet<u64>,
    pub links: Vec<(u64, u32, u64, u32, f32, Kind)>,
}

impl Aligner {
    /// An aligner with empty caches.
    pub fn new() -> Self {
        Self::default()
    }

    /// Compares the articles, reusing cached work.
    pub fn compare(&mut self, docs: &[InputDoc]) -> Comparison {
        self.compare_with_progress(docs, &mut |_| true)
            .unwrap_or_default()
    }

    /// Compares the articles, reusing cached work, calling
    /// `progress(fraction_done)` between units of work; returns `None` when
    /// `progress` returns `false`.
    pub fn compare_with_progress(
        &mut self,
        docs: &[InputDoc],
        progress: &mut dyn FnMut(f64) -> bool,
    ) -> Option<Comparison> {
        self.run(docs, progress, None)
    }

    /// Compares the articles as [`Aligner::compare`] does (the same
    /// result), and tells what the comparison went through: its phases and
    /// links, for tuning (`parallax compare --trace` prints them).
    pub fn compare_traced(&mut self, docs: &[InputDoc]) -> (Comparison, Trace) {
        let mut trace = Trace::default();
        let cmp = self
            .run(docs, &mut |_| true, Some(&mut trace))
            .unwrap_or_default();
        (cmp, trace)
    }

    /// The comparison: prepare, link, cluster, assemble; `trace` collects
    /// what it went through when given.
    fn run(
        &mut self,
        docs: &[InputDoc],
        progress: &mut dyn FnMut(f64) -> bool,
        mut trace: Option<&mut Trace>,
    ) -> Option<Comparison> {
        let n = docs.len();
        let n_pairs = n * n.saturating_sub(1) / 2;
        // Work units: documents to prepare count 20 pairs each.
        let total = (n * 20 + n_pairs + 1) as f64;
        let mut done = 0usize;
        let mut report = |done: usize| progress((done as f64 / total).min(1.0));
        if !report(0) {
            return None;
        }

        // 1. Prepare (cached).
        let keys = doc_keys(docs);
        #[cfg(not(target_arch = "wasm32"))]
        self.prepare_on_all_cores(docs, &keys);
        let mut preps: Vec<Arc<Prepared>> = Vec::with_capacity(n);
        for (d, &k) in docs.iter().zip(&keys) {
            preps.push(self.prepare(d, k));
            done += 20;
            if !report(done) {
                return None;
            }
        }
        let order = canonical_order(docs, &keys);
        let canon: Vec<&Prepared> = order.iter().map(|&i| preps[i].as_ref()).collect();
        if let Some(t) = trace.as_deref_mut() {
            t.start();
        }

        // 2. Rarities and candidates over the whole set, then a verdict on
        // each candidate.
        let (weights, cands) = cores::join(
            || weights::Weights::new(&canon),
            || link::set_candidates(&canon),
        );
        if let Some(t) = trace.as_deref_mut() {
            t.phase("candidates", cands.len());
        }
        let n_cands = cands.len().max(1);
        let canon_keys: Vec<u64> = order.iter().map(|&i| keys[i]).collect();
        // (A cancelled comparison leaves the memo as it was.)
        let old = self.memo.as_ref().map(|m| (m, &canon_keys[..]));
        let (mut links, facts) = judge_all(&canon, &weights, &cands, old, &mut |k| {
            report(done + n_pairs * k / n_cands)
        })?;
        self.memo = Some(Memo {
            keys: canon_keys,
            facts,
        });
        done += n_pairs;
        if !report(done) {
            return None;
        }
        // Forget what this comparison did not use; remember its links.
        let live: HashSet<u64> = keys.iter().copied().collect();
        self.prepared.retain(|k, _| live.contains(k));
        let key_of = |c: u32| keys[order[c as usize]];
        self.last = Some(LastRun {
            keys: live,
            links: links
                .iter()
                .map(|l| (key_of(l.a), l.i, key_of(l.b), l.j, l.score, l.kind))
                .collect(),
        });

        // 3. Cluster.
        let unit_counts: Vec<usize> = canon.iter().map(|d| d.units.len()).collect();
        if let Some(t) = trace.as_deref_mut() {
            t.phase("links", links.len());
        }
        let drafts = cluster::cluster(&mut links, &unit_counts, link::small_set(&unit_counts));
        if let Some(t) = trace {
            t.phase("groups", drafts.len());
            t.record(cands.len(), &links, &order);
        }

        // 4. Assemble the result.
        let result = assemble::assemble(docs, &order, &canon, &drafts, &weights);
        if !progress(1.0) {
            return None;
        }
        Some(result)
    }
}

impl Aligner {
    /// Prepares the documents not in the cache yet on every core at once
    /// (natively; a Web Worker has one thread). Each document is prepared
    /// on its own, so the result is the same as one after the other.
    #[cfg(not(target_arch = "wasm32"))]
    fn prepare_on_all_cores(&mut self, docs: &[InputDoc], keys: &[u64]) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let mut todo: Vec<(u64, &InputDoc)> = Vec::new();
        for (d, &k) in docs.iter().zip(keys) {
            if !self.prepared.contains_key(&k) && !todo.iter().any(|t| t.0 == k) {
                todo.push((k, d));
            }
        }
        let threads = cores::threads();
        if threads < 2 || todo.len() < 2 {
            return;
        }
        let next = AtomicUsize::new(0);
        let work = || {
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(k, d)) = todo.get(i) else {
                    return out;
                };
                out.push((k, prepare_doc(d)));
            }
        };
        // This thread and the pool's take documents in turn; one that
        // could not finish leaves its documents to the one-by-one pass
        // after this.
        let jobs: Vec<_> = (1..threads.min(todo.len())).map(|_| &work).collect();
        let (mut done, others) = cores::alongside(work, jobs);
        done.extend(others.into_iter().flatten().flatten());
        self.prepared.extend(done);
    }

    /// The prepared document of `d` (key `k`), from the cache or made now.
    pub(super) fn prepare(&mut self, d: &InputDoc, k: u64) -> Arc<Prepared> {
        self.prepared
            .entry(k)
            .or_insert_with(|| prepare_doc(d))
            .clone()
    }
}

/// `d` prepared, to be shared by the cache and the comparisons using it.
pub(super) fn prepare_doc(d: &InputDoc) -> Arc<Prepared> {
    Arc::new(prepare::prepare(&d.text, &d.ignored))
}

/// The cache key of each document (a hash of its text and ignored ranges).
pub(super) fn doc_keys(docs: &[InputDoc]) -> Vec<u64> {
    docs.iter()
        .map(|d| keys::doc_key(&d.text, &d.ignored))
        .collect()
}

/// Canonical order: by content, so input order never matters.
pub(super) fn canonical_order(docs: &[InputDoc], keys: &[u64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    crate::sort::sort_by(&mut order, |&x, &y| {
        keys[x]
            .cmp(&keys[y])
            .then_with(|| docs[x].text.cmp(&docs[y].text))
    });
    order
}

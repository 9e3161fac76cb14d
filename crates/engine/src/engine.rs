//! The alignment engine: from N articles to one [`Comparison`].
//!
//! Given several articles about one event, the engine finds every passage
//! two or more of them share, whether copied word for word, edited (words
//! substituted, inserted or dropped, quotes and dashes restyled, lines
//! rewrapped) or paraphrased (the same specific fact or quote in other
//! words), and groups each passage across all the articles that carry it:
//! one [`Group`](crate::model::Group) per passage, with one member per
//! article, a word-by-word alignment of each member, and the evidence that
//! links them.
//!
//! ```
//! use parallax_engine::engine::{compare, InputDoc};
//! use parallax_engine::model::Kind;
//!
//! let docs = [
//!     InputDoc::new("Wire", "Rain fell all day. The mayor of Springfield resigned on \
//!         Tuesday after a long dispute over the harbour budget."),
//!     InputDoc::new("Paper", "Springfield's mayor resigned on Tuesday after a long \
//!         dispute over the harbour budget, officials said. Schools stayed open."),
//! ];
//! let cmp = compare(&docs);
//! assert_eq!(cmp.groups.len(), 1);
//! let group = &cmp.groups[0];
//! // Copied wording, lightly edited (not a mere paraphrase).
//! assert_ne!(group.kind, Kind::Paraphrase);
//! // One member per article, with char offsets into each text.
//! let first: String = docs[0].text.chars()
//!     .skip(group.members[0].span.start)
//!     .take(group.members[0].span.end - group.members[0].span.start)
//!     .collect();
//! assert!(first.starts_with("The mayor of Springfield resigned"));
//! assert!(group.evidence.words.contains(&"harbour".to_string()));
//! // What only one article carries.
//! assert_eq!(cmp.unique[1].len(), 1);
//! ```
//!
//! How it works (see `DESIGN.md` for more):
//! 1. *Prepare* each document on its own (cached by a hash of its text and
//!    ignored ranges): tokens are normalized, stemmed and classed (function
//!    word, common word, content word, name, number) with a built-in sense
//!    of English; the text is cut into sentence units (clauses for very
//!    long sentences); each unit gets its terms, word pairs and 3-token
//!    shingles, indexed for joining.
//! 2. *Link*: candidate unit pairs come from one sorted pass over all
//!    documents' indexes (keys rare across the set and within each pair of
//!    documents), then each candidate is judged on its evidence, weighed by
//!    rarity across the whole set: shared rare words, names and numbers,
//!    shared word pairs, a dense clause-level match, and copied runs in order.
//! 3. *Cluster* the links strongest first into groups with at most one
//!    member per document, growing members over adjacent sentences.
//! 4. *Align* each member word by word against the group (`similar` on
//!    normalized terms) and collect the evidence.
//!
//! The result does not depend on the order of the input: documents are put
//! in a canonical order (by content) before linking, and indices are mapped
//! back at the end.

mod align;
mod cluster;
mod cores;
mod lexicon;
mod link;
mod linker;
mod prepare;

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{Comparison, Document, Group, Member, PairShare, Span, Word};

pub use prepare::Prepared;

/// The probability from which a link is shown by default: links between
/// [`LINK_FLOOR`] and this are weaker (see `DESIGN.md`, link model).
pub const LINK_DEFAULT: f32 = linker::DEFAULT;
/// The weakest link the engine keeps (a probability).
pub const LINK_FLOOR: f32 = linker::FLOOR;

/// One article handed to the engine.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InputDoc {
    /// Outlet label.
    pub label: String,
    /// Full original text (offsets in the result point into it).
    pub text: String,
    /// Char ranges (start, end) left out of the alignment, such as
    /// boilerplate lines; they keep their offsets but never match.
    pub ignored: Vec<(usize, usize)>,
}

impl InputDoc {
    /// An article with nothing ignored.
    pub fn new(label: impl Into<String>, text: impl Into<String>) -> Self {
        InputDoc {
            label: label.into(),
            text: text.into(),
            ignored: Vec::new(),
        }
    }
}

/// Compares the articles. Same as [`compare_with_progress`] with no progress.
pub fn compare(docs: &[InputDoc]) -> Comparison {
    compare_with_progress(docs, &mut |_| true).unwrap_or_default()
}

/// Compares the articles, calling `progress(fraction_done)` now and then;
/// returns `None` when `progress` returns `false` (cancelled).
pub fn compare_with_progress(
    docs: &[InputDoc],
    progress: &mut dyn FnMut(f64) -> bool,
) -> Option<Comparison> {
    Aligner::new().compare_with_progress(docs, progress)
}

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
    last: Option<LastRun>,
    /// What judging found in the last full comparison.
    memo: Option<Memo>,
}

/// What the verdicts of a comparison found that depends on the tokens of
/// the two units alone ([`link::Facts`]), by candidate. Documents keep
/// their units, so the next comparison reuses the facts of the pairs of
/// documents both compare, and weighs them with its own rarities: the
/// verdicts are the same as without them. Only candidates judged past the
/// first sums are kept (about half; the rest cost little to judge again);
/// pairs the next comparison does not judge are forgotten.
struct Memo {
    /// The documents' keys in canonical order (ascending).
    keys: Vec<u64>,
    /// Candidates (sorted, canonical indices) with their facts.
    facts: Vec<(link::SetCand, link::Facts)>,
}

/// Links of a finished comparison, by document key (so they survive a
/// change of order): (key, unit, key, unit, score, kind).
struct LastRun {
    keys: std::collections::HashSet<u64>,
    links: Vec<(u64, u32, u64, u32, f32, crate::model::Kind)>,
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
        // Phase timings for tuning (native only: no clock in wasm32).
        let clock = std::env::var_os("PARALLAX_TIMING").map(|_| std::time::Instant::now());
        let lap = |what: &str, n: usize| {
            if let Some(c) = clock {
                eprintln!("{what} {n} at {:?}", c.elapsed());
            }
        };

        // 2. Rarities and candidates over the whole set, then a verdict on
        // each candidate.
        let (weights, cands) = cores::join(
            || link::Weights::new(&canon),
            || link::set_candidates(&canon),
        );
        lap("candidates", cands.len());
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
        let live: std::collections::HashSet<u64> = keys.iter().copied().collect();
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
        lap("links", links.len());
        let drafts = cluster::cluster(&mut links, &unit_counts, link::small_set(&unit_counts));
        lap("groups", drafts.len());
        if std::env::var_os("PARALLAX_DEBUG").is_some() {
            eprintln!("candidates {}, links {}", cands.len(), links.len());
            for l in &links {
                eprintln!(
                    "link {}:{} {}:{} {:?} {:.2}",
                    order[l.a as usize], l.i, order[l.b as usize], l.j, l.kind, l.score
                );
            }
        }

        // 4. Render.
        let result = render(docs, &order, &canon, &drafts, &weights);
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
    fn prepare(&mut self, d: &InputDoc, k: u64) -> Arc<Prepared> {
        self.prepared
            .entry(k)
            .or_insert_with(|| prepare_doc(d))
            .clone()
    }

    /// A first, provisional result when the articles differ from the last
    /// full comparison by one added, edited or removed article: the links
    /// between articles already compared are kept as they were (judged
    /// with the rarities of the previous set), only the new article's
    /// links are judged, then everything is clustered and rendered again.
    /// It differs from the exact result at most in links whose evidence
    /// sits on the threshold; a full [`Aligner::compare`] should follow.
    /// `None` when there is no previous comparison to build on or more than
    /// one article is new.
    ///
    /// ```
    /// use parallax_engine::engine::{Aligner, InputDoc};
    /// let mut aligner = Aligner::new();
    /// let mut docs = vec![
    ///     InputDoc::new("A", "The bridge over the Elbe closed at noon for repairs."),
    ///     InputDoc::new("B", "Officials said the bridge over the Elbe closed at noon for repairs."),
    /// ];
    /// assert!(aligner.compare_provisional(&docs).is_none());
    /// aligner.compare(&docs);
    /// docs.push(InputDoc::new("C", "The Elbe bridge closed at noon for urgent repairs."));
    /// let quick = aligner.compare_provisional(&docs).unwrap();
    /// assert_eq!(quick.groups[0].members.len(), 3);
    /// ```
    pub fn compare_provisional(&mut self, docs: &[InputDoc]) -> Option<Comparison> {
        let keys = doc_keys(docs);
        let mut distinct = keys.clone();
        crate::sort::sort_unstable(&mut distinct);
        distinct.dedup();
        let last = self.last.as_ref()?;
        let fresh: Vec<usize> = (0..docs.len())
            .filter(|&x| !last.keys.contains(&keys[x]))
            .collect();
        if distinct.len() != keys.len() || fresh.len() > 1 || docs.len() < 2 {
            return None;
        }
        let preps: Vec<Arc<Prepared>> = docs
            .iter()
            .zip(&keys)
            .map(|(d, &k)| self.prepare(d, k))
            .collect();
        let order = canonical_order(docs, &keys);
        let canon: Vec<&Prepared> = order.iter().map(|&i| preps[i].as_ref()).collect();
        let weights = link::Weights::new(&canon);
        let position: HashMap<u64, u32> = order
            .iter()
            .enumerate()
            .map(|(c, &i)| (keys[i], c as u32))
            .collect();
        let last = self.last.as_ref()?;
        let mut links: Vec<cluster::Link> = last
            .links
            .iter()
            .filter_map(|&(ka, i, kb, j, score, kind)| {
                let (a, b) = (*position.get(&ka)?, *position.get(&kb)?);
                let ((a, i), (b, j)) = if a < b {
                    ((a, i), (b, j))
                } else {
                    ((b, j), (a, i))
                };
                Some(cluster::Link {
                    a,
                    i,
                    b,
                    j,
                    score,
                    kind,
                })
            })
            .collect();
        if let Some(&x) = fresh.first() {
            let new = position.get(&keys[x]).copied();
            let cands = link::set_candidates_of(&canon, new);
            links.extend(judge_all(&canon, &weights, &cands, None, &mut |_| true)?.0);
        }
        let unit_counts: Vec<usize> = canon.iter().map(|d| d.units.len()).collect();
        let drafts = cluster::cluster(&mut links, &unit_counts, link::small_set(&unit_counts));
        Some(render(docs, &order, &canon, &drafts, &weights))
    }
}

/// `d` prepared, to be shared by the cache and the comparisons using it.
fn prepare_doc(d: &InputDoc) -> Arc<Prepared> {
    Arc::new(prepare::prepare(&d.text, &d.ignored))
}

/// The cache key of each document (a hash of its text and ignored ranges).
fn doc_keys(docs: &[InputDoc]) -> Vec<u64> {
    docs.iter()
        .map(|d| prepare::doc_key(&d.text, &d.ignored))
        .collect()
}

/// Canonical order: by content, so input order never matters.
fn canonical_order(docs: &[InputDoc], keys: &[u64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    crate::sort::sort_by(&mut order, |&x, &y| {
        keys[x]
            .cmp(&keys[y])
            .then_with(|| docs[x].text.cmp(&docs[y].text))
    });
    order
}

/// A verdict on each candidate, calling `tick(candidates_done)` now and
/// then; `None` when `tick` returns `false`. Copies of a sentence recur
/// across many articles: the verdict on two units depends only on their
/// tokens, so each pair of contents is judged once. Natively, large sets
/// of candidates are cut into one run of consecutive candidates per core
/// (each verdict is the same wherever it is made, so the links are too).
/// With the memo of an earlier comparison (and the documents' keys in
/// canonical order), the facts it found are reused; the facts of each
/// candidate are returned with the links.
fn judge_all(
    canon: &[&Prepared],
    weights: &link::Weights,
    cands: &[link::SetCand],
    old: Option<(&Memo, &[u64])>,
    tick: &mut dyn FnMut(usize) -> bool,
) -> Option<Judged> {
    let set = JudgeSet::new(canon, weights, old);
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Below this many candidates a thread costs more than it saves.
        const PER_THREAD: usize = 150;
        let threads = cores::threads();
        set.judge_in_parts(cands, tick, threads.min(cands.len() / PER_THREAD))
    }
    #[cfg(target_arch = "wasm32")]
    set.judge(cands, tick)
}

/// The links among candidates, and the candidates to keep with their facts.
type Judged = (Vec<cluster::Link>, Vec<(link::SetCand, link::Facts)>);

/// What judging a run of candidates reads: the documents, their rarities,
/// the contents of their units, and the facts an earlier comparison kept.
struct JudgeSet<'a> {
    canon: &'a [&'a Prepared],
    weights: &'a link::Weights,
    /// The memo, and the index each document had in it (`u32::MAX` for
    /// none).
    old: Option<(&'a Memo, Vec<u32>)>,
    /// Per document, the content hash of each unit ([`content_keys`]).
    content: Vec<Vec<u64>>,
    /// Per document, whether each unit's content occurs more than once in
    /// the set.
    recurs: Vec<Vec<bool>>,
}

impl<'a> JudgeSet<'a> {
    fn new(
        canon: &'a [&'a Prepared],
        weights: &'a link::Weights,
        old: Option<(&'a Memo, &[u64])>,
    ) -> Self {
        let content: Vec<Vec<u64>> = canon.iter().map(|d| content_keys(d)).collect();
        // Units whose contents occur more than once in the set: a pair of
        // contents can recur only when one of its units is one of them, so
        // only such pairs go through the memo.
        let mut occurs: prepare::KeyMap<u64, u32> = prepare::KeyMap::default();
        for &c in content.iter().flatten() {
            *occurs.entry(c).or_insert(0) += 1;
        }
        let recurs = content
            .iter()
            .map(|cs| {
                cs.iter()
                    .map(|c| occurs.get(c).is_some_and(|&n| n > 1))
                    .collect()
            })
            .collect();
        // Both key lists ascend, so the old indices do too. (An article
        // there twice may be found at the other copy's index: the same
        // units, the same facts.)
        let old = old.map(|(memo, keys)| {
            let at = |k| memo.keys.binary_search(k).map_or(u32::MAX, |x| x as u32);
            (memo, keys.iter().map(at).collect())
        });
        JudgeSet {
            canon,
            weights,
            old,
            content,
            recurs,
        }
    }

    /// The facts the memo kept of candidate `(a, b, i, j)`. `at` is a
    /// cursor into the memo's candidates (0 at first) that only moves
    /// forward: the candidates asked for come in order.
    fn kept(&self, (a, b, i, j): link::SetCand, at: &mut usize) -> Option<&link::Facts> {
        let (memo, index) = self.old.as_ref()?;
        let key = (*index.get(a as usize)?, *index.get(b as usize)?, i, j);
        if key.0.max(key.1) == u32::MAX {
            return None;
        }
        while memo.facts.get(*at).is_some_and(|c| c.0 < key) {
            *at += 1;
        }
        memo.facts.get(*at).filter(|c| c.0 == key).map(|c| &c.1)
    }

    /// [`JudgeSet::judge`] with the candidates cut into `parts` runs, each
    /// judged on a thread of its own ([`cores::in_parts`]; the first, which
    /// reports progress, on this one).
    #[cfg(not(target_arch = "wasm32"))]
    fn judge_in_parts(
        &self,
        cands: &[link::SetCand],
        tick: &mut dyn FnMut(usize) -> bool,
        parts: usize,
    ) -> Option<Judged> {
        if parts < 2 {
            return self.judge(cands, tick);
        }
        let judged = cores::in_parts(
            cands,
            parts,
            |c| self.judge(c, tick),
            |c| self.judge(c, &mut |_| true),
        );
        let (mut links, mut facts) = (Vec::new(), Vec::new());
        for part in judged {
            let (l, f) = part?;
            links.extend(l);
            facts.extend(f);
        }
        Some((links, facts))
    }

    /// The links among `cands`, in their order (see [`judge_all`]).
    fn judge(
        &self,
        cands: &[link::SetCand],
        tick: &mut dyn FnMut(usize) -> bool,
    ) -> Option<Judged> {
        let JudgeSet {
            canon,
            weights,
            content,
            recurs,
            ..
        } = self;
        // About half the candidates are kept (sized at once: growing a
        // large vector copies it).
        let mut facts = Vec::with_capacity(cands.len() * 2 / 3 + 1);
        let mut at = 0;
        let mut links: Vec<cluster::Link> = Vec::new();
        let step = (cands.len() / 16).max(1);
        let recurring = |a: u32, i: u32| recurs[a as usize][i as usize];
        // A candidate of recurring contents is judged at the first one of
        // the same pair of contents (by a hash of the pair) alone.
        let first = first_of_same(cands, |&(a, b, i, j)| {
            (recurring(a, i) || recurring(b, j)).then(|| {
                prepare::mix(
                    content[a as usize][i as usize],
                    content[b as usize][j as usize],
                )
            })
        });
        let mut verdicts: Vec<Option<link::Verdict>> = vec![None; first.len()];
        let mut scratch = link::Scratch::for_set(canon);
        // Candidates left until the next tick (every `step`).
        let mut countdown = step;
        for (k, &(a, b, i, j)) in cands.iter().enumerate() {
            let (da, db) = (canon[a as usize], canon[b as usize]);
            let (ua, ub) = (&da.units[i as usize], &db.units[j as usize]);
            let mut fact = self
                .kept((a, b, i, j), &mut at)
                .copied()
                .unwrap_or_default();
            let mut judge = || {
                let ia = weights.unit(a as usize, i as usize);
                let ib = weights.unit(b as usize, j as usize);
                link::judge((da, ua, ia), (db, ub, ib), false, &mut scratch, &mut fact).0
            };
            let verdict = match first.get(k).map(|&f| f as usize) {
                Some(f) if f == k => {
                    let v = judge();
                    verdicts[k] = v;
                    v
                }
                Some(f) if f < k => verdicts[f],
                _ => judge(),
            };
            if fact.judged() {
                facts.push(((a, b, i, j), fact));
            }
            if let Some(v) = verdict {
                links.push(cluster::Link {
                    a,
                    i,
                    b,
                    j,
                    score: v.score,
                    kind: v.kind,
                });
            }
            countdown -= 1;
            if countdown == 0 {
                countdown = step;
                if !tick(k + 1) {
                    return None;
                }
            }
        }
        Some((links, facts))
    }
}

/// For each item with a key, the index of the first item with the same
/// key (`u32::MAX` for items without one); empty when no item has a key.
/// Found by sorting (key, index) pairs: a hash map of a large set is slow
/// to fill and probe, the more so in WebAssembly.
fn first_of_same<T>(items: &[T], key: impl Fn(&T) -> Option<u64>) -> Vec<u32> {
    let mut keyed: Vec<u128> = items
        .iter()
        .enumerate()
        .filter_map(|(k, x)| Some(u128::from(key(x)?) << 64 | k as u128))
        .collect();
    if keyed.is_empty() {
        return Vec::new();
    }
    prepare::sort_keys(&mut keyed);
    let mut first = vec![u32::MAX; items.len()];
    let mut run: Option<(u64, u32)> = None;
    for x in keyed {
        let (h, k) = ((x >> 64) as u64, x as u32);
        let f = match run {
            Some((rh, rf)) if rh == h => rf,
            _ => run.insert((h, k)).1,
        };
        first[k as usize] = f;
    }
    first
}

/// A hash of each unit's tokens (terms, classes and clause marks) and
/// speakers: everything a verdict on the unit depends on.
fn content_keys(d: &Prepared) -> Vec<u64> {
    d.units
        .iter()
        .map(|u| {
            let toks = d
                .toks
                .get(u.t0 as usize..u.t1 as usize)
                .unwrap_or(&[])
                .iter()
                .fold(0x636f_6e74u64, |h, t| {
                    let c = t.class as u64 | u64::from(t.clause) << 8;
                    prepare::mix(prepare::mix(h, t.term), c)
                });
            u.speakers.iter().fold(toks, |h, &s| prepare::mix(h, s))
        })
        .collect()
}

/// Below this many groups for each core, building them on threads costs
/// more than it saves.
const GROUPS_PER_THREAD: usize = 8;

/// One group of the result from its draft: each member word by word, and
/// the evidence.
fn build_group(
    dr: &cluster::Draft,
    order: &[usize],
    canon: &[&Prepared],
    weights: &link::Weights,
) -> Group {
    let toks: Vec<&[prepare::Tok]> = dr
        .members
        .iter()
        .map(|&(c, u0, u1)| {
            let d = canon[c as usize];
            let t0 = d.units[u0 as usize].t0 as usize;
            let t1 = d.units[u1 as usize].t1 as usize;
            &d.toks[t0..t1]
        })
        .collect();
    let flags = align::shared_flags(&toks);
    let ev_in: Vec<(&Prepared, &[prepare::Tok])> = dr
        .members
        .iter()
        .zip(&toks)
        .map(|(&(c, _, _), t)| (canon[c as usize], *t))
        .collect();
    let evidence = align::evidence(&ev_in, weights);
    let mut members: Vec<Member> = Vec::with_capacity(dr.members.len());
    for (k, &(c, u0, u1)) in dr.members.iter().enumerate() {
        let d = canon[c as usize];
        let doc = order[c as usize];
        let (s, e) = (d.units[u0 as usize].start, d.units[u1 as usize].end);
        let words: Vec<Word> = toks[k]
            .iter()
            .zip(&flags[k])
            .map(|(t, &shared)| Word {
                span: d.utf16.span(t.start as usize, t.end as usize),
                shared,
            })
            .collect();
        members.push(Member {
            doc,
            span: d.utf16.span(s as usize, e as usize),
            words,
        });
    }
    crate::sort::sort_by_key(&mut members, |m| m.doc);
    Group {
        id: 0,
        kind: dr.kind,
        score: ((dr.score_sum / dr.links.max(1) as f32) as f64).clamp(0.0, 1.0),
        members,
        evidence,
    }
}

/// Builds the [`Comparison`] from clustered drafts (canonical indices).
fn render(
    docs: &[InputDoc],
    order: &[usize],
    canon: &[&Prepared],
    drafts: &[cluster::Draft],
    weights: &link::Weights,
) -> Comparison {
    let n = docs.len();
    let documents: Vec<Document> = docs
        .iter()
        .map(|d| Document {
            label: d.label.clone(),
            chars: d.text.chars().count(),
        })
        .collect();
    // Per input document: units covered by a group, and shared-word counts.
    let mut covered: Vec<Vec<bool>> = vec![Vec::new(); n];
    for (c, d) in canon.iter().enumerate() {
        covered[order[c]] = vec![false; d.units.len()];
    }
    let mut share = vec![vec![0usize; n]; n];
    // Groups are built on their own (on every core natively), then counted.
    let mut groups = cores::map(drafts, GROUPS_PER_THREAD, |dr| {
        build_group(dr, order, canon, weights)
    });
    for (dr, group) in drafts.iter().zip(&groups) {
        // Weaker links are shown on request: they count in neither.
        if dr.score_sum < linker::DEFAULT * dr.links as f32 {
            continue;
        }
        for &(c, u0, u1) in &dr.members {
            let cover = &mut covered[order[c as usize]];
            for u in u0..=u1 {
                if let Some(x) = cover.get_mut(u as usize) {
                    *x = true;
                }
            }
        }
        // (Links left out of the groups add no share: their units count
        // with the groups that hold them.)
        if dr.pair_only {
            continue;
        }
        for x in &group.members {
            let shared = x.words.iter().filter(|w| w.shared).count();
            for y in &group.members {
                if x.doc != y.doc {
                    share[x.doc][y.doc] += shared;
                }
            }
        }
    }
    crate::sort::sort_by(&mut groups, |x, y| {
        y.members
            .len()
            .cmp(&x.members.len())
            .then_with(|| {
                let fx = (x.members[0].doc, x.members[0].span.start);
                let fy = (y.members[0].doc, y.members[0].span.start);
                fx.cmp(&fy)
            })
            .then_with(|| x.members.len().cmp(&y.members.len()))
    });
    for (k, g) in groups.iter_mut().enumerate() {
        g.id = k;
    }

    let mut totals = vec![0usize; n];
    for (c, d) in canon.iter().enumerate() {
        totals[order[c]] = d.toks.len();
    }
    let mut pairs = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    for a in 0..n {
        for b in a + 1..n {
            let frac = |x: usize, y: usize| {
                if totals[x] == 0 {
                    0.0
                } else {
                    (share[x][y] as f64 / totals[x] as f64).min(1.0)
                }
            };
            pairs.push(PairShare {
                a,
                b,
                a_in_b: frac(a, b),
                b_in_a: frac(b, a),
            });
        }
    }

    let mut unique: Vec<Vec<Span>> = vec![Vec::new(); n];
    for (c, d) in canon.iter().enumerate() {
        let doc = order[c];
        let mut run: Option<(u32, u32)> = None;
        for (ui, u) in d.units.iter().enumerate() {
            let free = !covered[doc].get(ui).copied().unwrap_or(false);
            match (&mut run, free) {
                (Some(r), true) if !u.line_before => r.1 = u.end,
                (r, true) => {
                    if let Some((s, e)) = r.take() {
                        unique[doc].push(d.utf16.span(s as usize, e as usize));
                    }
                    *r = Some((u.start, u.end));
                }
                (r, false) => {
                    if let Some((s, e)) = r.take() {
                        unique[doc].push(d.utf16.span(s as usize, e as usize));
                    }
                }
            }
        }
        if let Some((s, e)) = run {
            unique[doc].push(d.utf16.span(s as usize, e as usize));
        }
    }

    Comparison {
        documents,
        groups,
        pairs,
        unique,
    }
}

/// Every document prepared, one after another (the diagnostics below; the
/// comparison itself prepares on the thread pool and caches).
fn prepare_all(docs: &[InputDoc]) -> Vec<Prepared> {
    docs.iter()
        .map(|d| prepare::prepare(&d.text, &d.ignored))
        .collect()
}

/// Diagnostics for tuning: every candidate pair with its evidence figures
/// and verdict, as text lines (canonical order is not used: `a < b` are
/// input indices).
#[doc(hidden)]
pub fn explain(docs: &[InputDoc]) -> Vec<String> {
    let preps = prepare_all(docs);
    let refs: Vec<&Prepared> = preps.iter().collect();
    let w = link::Weights::new(&refs);
    let mut out = Vec::new();
    for a in 0..docs.len() {
        let ca: Vec<char> = docs[a].text.chars().collect();
        for b in a + 1..docs.len() {
            let cb: Vec<char> = docs[b].text.chars().collect();
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
                let ex = |cs: &[char], s: u32, e: u32| -> String {
                    cs[s as usize..e as usize].iter().take(400).collect()
                };
                out.push(format!(
                    "{a}:{i} {b}:{j} {} sh={:.2} pred={:.2} names={:.2} strong={} bi={} dens={:.2} m={} r3={} rw={:.2} span={}/{} len={}/{}{}\n  A: {}\n  B: {}",
                    match v {
                        Some(v) => format!("LINK {:?} {:.2}", v.kind, v.score),
                        None => "----".to_string(),
                    },
                    st.shared,
                    st.predicate,
                    st.names,
                    st.strong,
                    st.bigrams,
                    st.density,
                    st.matched,
                    st.run3,
                    st.run_weight,
                    st.span_a,
                    st.span_b,
                    st.len_a,
                    st.len_b,
                    match (st.other_speakers, st.split_clauses) {
                        (true, _) => format!(
                            " other-speakers {}/{}",
                            preps[a].speaker_words(ua).collect::<Vec<_>>().join("+"),
                            preps[b].speaker_words(ub).collect::<Vec<_>>().join("+")
                        ),
                        (_, true) => " split-clauses".to_string(),
                        _ => String::new(),
                    },
                    ex(&ca, ua.start, ua.end),
                    ex(&cb, ub.start, ub.end),
                ));
            }
        }
    }
    out
}

/// One unit pair with what a verdict on it found, for fitting and
/// measuring the link model (development tools only).
#[doc(hidden)]
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
#[doc(hidden)]
pub fn link_rows(docs: &[InputDoc], doc_pairs: &[(usize, usize)], all_units: bool) -> Vec<LinkRow> {
    let preps = prepare_all(docs);
    let refs: Vec<&Prepared> = preps.iter().collect();
    let w = link::Weights::new(&refs);
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
#[doc(hidden)]
pub fn link_features() -> &'static [&'static str] {
    &link::FEATURES
}

/// A seeded xorshift generator: reproducible pseudo-random numbers for the
/// engine's randomized tests.
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    /// Thirty articles of sentences from one pool of wire copy, each copy
    /// with a word dropped or changed now and then: thousands of
    /// candidates, many of them links.
    fn wire_copies() -> Vec<Prepared> {
        let mut rand = xorshift(11);
        let words: Vec<String> = (0..300).map(|k| format!("w{k}x")).collect();
        let pool: Vec<Vec<usize>> = (0..60)
            .map(|_| (0..14).map(|_| (rand() % 300) as usize).collect())
            .collect();
        (0..30)
            .map(|_| {
                let mut text = String::new();
                for _ in 0..25 {
                    let s = &pool[(rand() % pool.len() as u64) as usize];
                    for (k, &w) in s.iter().enumerate() {
                        if !rand().is_multiple_of(9) {
                            text.push_str(
                                &words[if rand().is_multiple_of(11) {
                                    (w + 1) % 300
                                } else {
                                    w
                                }],
                            );
                            text.push(if k + 1 == s.len() { '.' } else { ' ' });
                        }
                    }
                    text.push_str(". ");
                }
                prepare::prepare(&text, &[])
            })
            .collect()
    }

    /// The links and facts of `docs` (with keys `keys`) judged in `parts`,
    /// with the facts of `old` when given.
    fn judged(docs: &[&Prepared], keys: &[u64], old: Option<&Memo>, parts: usize) -> Judged {
        let weights = link::Weights::new(docs);
        let cands = link::set_candidates(docs);
        JudgeSet::new(docs, &weights, old.map(|m| (m, keys)))
            .judge_in_parts(&cands, &mut |_| true, parts)
            .expect("never cancelled")
    }

    fn link_keys(links: &[cluster::Link]) -> Vec<(u32, u32, u32, u32, u32, Kind)> {
        links
            .iter()
            .map(|l| (l.a, l.i, l.b, l.j, l.score.to_bits(), l.kind))
            .collect()
    }

    #[test]
    fn candidates_judged_in_parts_give_the_same_links() {
        let docs = wire_copies();
        let canon: Vec<&Prepared> = docs.iter().collect();
        let keys: Vec<u64> = (0..30).collect();
        let cands = link::set_candidates(&canon).len();
        assert!(cands > 3_000, "{cands} candidates");
        let (whole, _) = judged(&canon, &keys, None, 1);
        assert!(whole.len() > 1_000, "{} links", whole.len());
        for parts in [2, 3, 7] {
            let (cut, _) = judged(&canon, &keys, None, parts);
            assert_eq!(link_keys(&whole), link_keys(&cut), "{parts} parts");
        }
    }

    #[test]
    fn facts_kept_from_another_set_give_the_same_verdicts() {
        // The facts of one set of articles, reused by a set with one more
        // (other rarities) or one fewer; in one part or several.
        let docs = wire_copies();
        let keys: Vec<u64> = (0..30).map(|k| k * 7).collect();
        for (from, to) in [(1..30, 0..30), (0..30, 0..29)] {
            let before: Vec<&Prepared> = docs[from.clone()].iter().collect();
            let (_, facts) = judged(&before, &keys[from.clone()], None, 1);
            let memo = Memo {
                keys: keys[from].to_vec(),
                facts,
            };
            let after: Vec<&Prepared> = docs[to.clone()].iter().collect();
            let keys = &keys[to];
            let (fresh, _) = judged(&after, keys, None, 1);
            for parts in [1, 3] {
                let (again, _) = judged(&after, keys, Some(&memo), parts);
                assert_eq!(link_keys(&fresh), link_keys(&again), "{parts} parts");
            }
            // Many candidates found their facts.
            let weights = link::Weights::new(&after);
            let set = JudgeSet::new(&after, &weights, Some((&memo, keys)));
            let cands = link::set_candidates(&after);
            let mut at = 0;
            let found = cands
                .iter()
                .filter(|&&c| set.kept(c, &mut at).is_some())
                .count();
            assert!(found * 3 > cands.len(), "{found} of {}", cands.len());
        }
    }
}

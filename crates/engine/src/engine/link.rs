//! Linking two documents: candidate unit pairs from rare shared keys (cached
//! per pair of documents), then a verdict on each candidate from the
//! evidence the two units share, weighed by how rare it is across the set.

use super::keys::{mix, sort_keys};
use super::prepare::{Class, KeyKind, Prepared, Tok, Unit, MAX_SAME_UNITS};
use super::weights::{weight_of, UnitIdf};
use crate::model::Kind;

/// A key carried by more unit pairs than this between two documents is
/// too common to propose candidates (it still counts as evidence).
const ANCHOR_PAIRS: usize = 16;
/// A term carried by more unit pairs than this proposes no candidates.
const TERM_PAIRS: usize = 16;
/// Links weaker than this are dropped.
const MIN_SCORE: f32 = 0.38;
/// The weight from which a shared word outside names is strong evidence.
const STRONG_SAID: f32 = 0.4;
/// At most this many candidate unit pairs per pair of documents.
const MAX_CANDIDATES: usize = 50_000;

/// A candidate: unit `i` of the first document, unit `j` of the second.
pub(crate) type Cand = (u32, u32);

/// Candidate unit pairs of two documents, sorted. Depends on the two
/// documents alone. A pair is a candidate when the two units share two
/// rare terms, or a rare word pair, 3-token shingle or their whole text.
pub(crate) fn candidates(a: &Prepared, b: &Prepared) -> Vec<Cand> {
    // (i, j, strong hit) per shared rare key.
    let mut hits: Vec<(u32, u32, bool)> = Vec::new();
    let (ia, ib) = (&a.index, &b.index);
    let (mut x, mut y) = (0usize, 0usize);
    while x < ia.len() && y < ib.len() {
        let ka = (ia[x].0, ia[x].1);
        let kb = (ib[y].0, ib[y].1);
        if ka < kb {
            x += 1;
            continue;
        }
        if kb < ka {
            y += 1;
            continue;
        }
        let (la, lb) = (&ia[x].2, &ib[y].2);
        if ka.1 == KeyKind::Whole {
            for (&i, &j) in la.iter().zip(lb.iter()).take(MAX_SAME_UNITS) {
                hits.push((i, j, true));
            }
        } else if la.len() * lb.len()
            <= if ka.1 == KeyKind::Term {
                TERM_PAIRS
            } else {
                ANCHOR_PAIRS
            }
        {
            let strong = ka.1 != KeyKind::Term;
            for &i in la {
                for &j in lb {
                    hits.push((i, j, strong));
                }
            }
        }
        x += 1;
        y += 1;
        if hits.len() > 8 * MAX_CANDIDATES {
            break;
        }
    }
    hits.sort_unstable();
    let mut out: Vec<Cand> = Vec::new();
    let mut k = 0;
    while k < hits.len() {
        let (i, j, _) = hits[k];
        let mut n = 0;
        let mut strong = false;
        while k < hits.len() && hits[k].0 == i && hits[k].1 == j {
            n += 1;
            strong |= hits[k].2;
            k += 1;
        }
        if n >= 2 || strong {
            out.push((i, j));
        }
    }
    out.truncate(MAX_CANDIDATES);
    out
}

/// A candidate across the set: unit `i` of document `a`, unit `j` of
/// document `b`, `a < b` (canonical indices).
pub(crate) type SetCand = (u32, u32, u32, u32);

/// A term carried by more units than this across the whole set proposes
/// no candidates (it still counts as evidence).
const SET_TERM_UNITS: usize = 24;
/// The same for word pairs and shingles.
const SET_PHRASE_UNITS: usize = 512;
/// A key carried by more units than this pairs each unit only with the
/// next [`WINDOW`] carriers in canonical order (copies of one passage in
/// many articles are then linked in a chain of overlapping windows rather
/// than every copy to every other: linear, not quadratic, in the copies).
const WINDOW_RUN: usize = 16;
/// See [`WINDOW_RUN`].
const WINDOW: usize = 6;

/// Candidate unit pairs over all documents at once, from one sorted pass
/// over their indexes: the same rule as [`candidates`] per pair, plus a cap
/// on how common a key may be across the set, so the work grows with the
/// rare keys documents share rather than with the number of pairs.
pub(crate) fn set_candidates(docs: &[&Prepared]) -> Vec<SetCand> {
    set_candidates_of(docs, None)
}

/// [`set_candidates`], keeping only the pairs with a unit of document
/// `only` when it is given (the same pairs [`set_candidates`] gives).
pub(crate) fn set_candidates_of(docs: &[&Prepared], only: Option<u32>) -> Vec<SetCand> {
    let wanted = |a: u32, b: u32| only.is_none_or(|o| a == o || b == o);
    // (key, kind, doc, entry index), packed so that integer order is
    // tuple order (the kind in two bits, the document in thirty), sorted.
    let mut packed: Vec<u128> = Vec::with_capacity(docs.iter().map(|p| p.index.len()).sum());
    for (d, p) in docs.iter().enumerate().take(1 << 30) {
        for (e, entry) in p.index.iter().enumerate() {
            packed.push(
                (entry.0 as u128) << 64
                    | (entry.1 as u128) << 62
                    | (d as u128) << 32
                    | (e as u32) as u128,
            );
        }
    }
    sort_keys(&mut packed);
    // Hits packed into one integer each (sorts in (a, b, i, j) order, and
    // fast), strong and weak apart: in 64 bits when the documents and
    // units fit (sorted by radix), else in 128.
    let units = docs.iter().map(|d| d.units.len()).max().unwrap_or(0);
    let (bd, bu) = (bits_below(docs.len()), bits_below(units));
    if 2 * (bd + bu) < 64 {
        let pack = |a: u32, b: u32, i: u32, j: u32| -> u64 {
            (a as u64) << (bd + 2 * bu) | (b as u64) << (2 * bu) | (i as u64) << bu | j as u64
        };
        let (mut strong, mut weak) = collect_hits(docs, &wanted, &packed, pack);
        radix_sort(&mut strong, 2 * (bd + bu));
        radix_sort(&mut weak, 2 * (bd + bu));
        let field = |k: u64, shift: u32, bits: u32| (k >> shift & ((1 << bits) - 1)) as u32;
        merge_hits(&strong, &weak)
            .into_iter()
            .map(|k| {
                (
                    field(k, bd + 2 * bu, bd),
                    field(k, 2 * bu, bd),
                    field(k, bu, bu),
                    field(k, 0, bu),
                )
            })
            .collect()
    } else {
        let pack = |a: u32, b: u32, i: u32, j: u32| -> u128 {
            (a as u128) << 96 | (b as u128) << 64 | (i as u128) << 32 | j as u128
        };
        let (mut strong, mut weak) = collect_hits(docs, &wanted, &packed, pack);
        strong.sort_unstable();
        weak.sort_unstable();
        merge_hits(&strong, &weak)
            .into_iter()
            .map(|key| {
                (
                    (key >> 96) as u32,
                    (key >> 64) as u32,
                    (key >> 32) as u32,
                    key as u32,
                )
            })
            .collect()
    }
}

/// The hits of a sorted packed index ([`set_candidates_of`]): unit pairs
/// sharing a key, each packed by `pack(a, b, i, j)`, strong and weak apart.
fn collect_hits<K>(
    docs: &[&Prepared],
    wanted: &dyn Fn(u32, u32) -> bool,
    packed: &[u128],
    pack: impl Fn(u32, u32, u32, u32) -> K,
) -> (Vec<K>, Vec<K>) {
    const KINDS: [KeyKind; 4] = [
        KeyKind::Term,
        KeyKind::Bigram,
        KeyKind::Shingle,
        KeyKind::Whole,
    ];
    let unpack = |x: u128| {
        let low = x as u64;
        (
            (x >> 64) as u64,
            KINDS[(low >> 62) as usize],
            (low >> 32) as u32 & ((1 << 30) - 1),
            low as u32,
        )
    };
    let mut run: Vec<(u64, KeyKind, u32, u32)> = Vec::new();
    let (mut strong, mut weak): (Vec<K>, Vec<K>) = (Vec::new(), Vec::new());
    let mut k = 0;
    while k < packed.len() {
        // Entries of one (key, kind): the same top 66 bits.
        let mut end = k + 1;
        while end < packed.len() && packed[end] >> 62 == packed[k] >> 62 {
            end += 1;
        }
        let first = k;
        k = end;
        if end - first < 2 {
            continue;
        }
        run.clear();
        run.extend(packed[first..end].iter().map(|&x| unpack(x)));
        let run = &run[..];
        let kind = run[0].1;
        let list = |r: &(u64, KeyKind, u32, u32)| &docs[r.2 as usize].index[r.3 as usize].2;
        let total: usize = run.iter().map(|r| list(r).len()).sum();
        let reach = if total > WINDOW_RUN {
            WINDOW
        } else {
            run.len()
        };
        if kind == KeyKind::Whole {
            for x in 0..run.len() {
                for y in x + 1..run.len().min(x + 1 + reach) {
                    if !wanted(run[x].2, run[y].2) {
                        continue;
                    }
                    let (la, lb) = (list(&run[x]), list(&run[y]));
                    for (&i, &j) in la.iter().zip(lb.iter()).take(MAX_SAME_UNITS) {
                        strong.push(pack(run[x].2, run[y].2, i, j));
                    }
                }
            }
            continue;
        }
        let cap = if kind == KeyKind::Term {
            SET_TERM_UNITS
        } else {
            SET_PHRASE_UNITS
        };
        if total > cap {
            continue;
        }
        let hits = if kind != KeyKind::Term && total <= WINDOW_RUN {
            &mut strong
        } else {
            &mut weak
        };
        for x in 0..run.len() {
            for y in x + 1..run.len().min(x + 1 + reach) {
                if !wanted(run[x].2, run[y].2) {
                    continue;
                }
                let (la, lb) = (list(&run[x]), list(&run[y]));
                if la.len() * lb.len() > ANCHOR_PAIRS {
                    continue;
                }
                for &i in la {
                    for &j in lb {
                        hits.push(pack(run[x].2, run[y].2, i, j));
                    }
                }
            }
        }
    }
    (strong, weak)
}

/// Candidates from sorted strong and weak hits: any pair with a strong
/// hit, or with two hits.
fn merge_hits<K: Copy + Ord>(strong: &[K], weak: &[K]) -> Vec<K> {
    let mut keys: Vec<K> = Vec::with_capacity(strong.len() + weak.len() / 2);
    let (mut x, mut y) = (0, 0);
    while x < strong.len() || y < weak.len() {
        let take_strong = y >= weak.len() || (x < strong.len() && strong[x] <= weak[y]);
        let key = if take_strong { strong[x] } else { weak[y] };
        let mut n = 0usize;
        while x < strong.len() && strong[x] == key {
            n += 2;
            x += 1;
        }
        while y < weak.len() && weak[y] == key {
            n += 1;
            y += 1;
        }
        if n >= 2 {
            keys.push(key);
        }
    }
    keys
}

/// Bits needed to hold every value below `n`.
fn bits_below(n: usize) -> u32 {
    usize::BITS - n.saturating_sub(1).leading_zeros()
}

/// Sorts values below `1 << bits`, least significant digit first (the
/// same order as `sort_unstable`).
fn radix_sort(v: &mut Vec<u64>, bits: u32) {
    if v.len() < 256 {
        crate::sort::sort_unstable(v);
        return;
    }
    // Digits of at most 12 bits, as few passes as that allows, each of
    // the same width (24 bits: two passes of 12, not three of 11, 11, 2).
    let width = bits.div_ceil(bits.div_ceil(12).max(1)).max(1);
    let mut tmp = vec![0u64; v.len()];
    let mut count = vec![0usize; 1 << width];
    let mut shift = 0;
    while shift < bits {
        let digit = |x: u64| ((x >> shift) & ((1 << width) - 1)) as usize;
        count.fill(0);
        for &x in v.iter() {
            count[digit(x)] += 1;
        }
        let mut at = 0;
        for c in count.iter_mut() {
            let n = *c;
            *c = at;
            at += n;
        }
        for &x in v.iter() {
            let slot = &mut count[digit(x)];
            tmp[*slot] = x;
            *slot += 1;
        }
        std::mem::swap(v, &mut tmp);
        shift += width;
    }
}

/// For each name term of a unit, the name phrase it belongs to (runs of
/// name tokens, function words allowed inside).
fn name_phrases(d: &Prepared, u: &Unit, out: &mut Vec<(u64, u32)>) {
    out.clear();
    let mut phrase = 0u32;
    let mut in_phrase = false;
    for t in &d.toks[u.t0 as usize..u.t1 as usize] {
        match t.class {
            Class::Name => {
                if !in_phrase {
                    phrase += 1;
                    in_phrase = true;
                }
                out.push((t.term, phrase));
            }
            Class::Stop => {}
            _ => in_phrase = false,
        }
    }
}

/// Whether terms `a` and `b` occur in one clause of `toks`.
fn one_clause(toks: &[Tok], a: u64, b: u64) -> bool {
    let (mut ma, mut mb, mut clause) = (0u64, 0u64, 0u32);
    for t in toks {
        clause += t.clause as u32;
        let m = 1u64 << clause.min(63);
        ma |= if t.term == a { m } else { 0 };
        mb |= if t.term == b { m } else { 0 };
    }
    ma & mb != 0
}

/// The verdict on one candidate pair.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Verdict {
    pub kind: Kind,
    pub score: f32,
}

/// Diagnostics of a verdict, for tuning and for the CLI's `--explain`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub shared: f32,
    /// Shared weight outside names: what is said, not who.
    pub predicate: f32,
    /// Shared names, each name phrase counted once.
    pub names: f32,
    /// How many name phrases are shared.
    pub name_phrases: usize,
    pub strong: usize,
    /// Strongly weighted shared terms outside names.
    pub strong_said: usize,
    pub bigrams: usize,
    pub density: f32,
    pub matched: usize,
    pub run3: usize,
    pub run_weight: f32,
    pub span_a: usize,
    pub span_b: usize,
    pub len_a: usize,
    pub len_b: usize,
    /// The two units attribute their words to different named speakers.
    pub other_speakers: bool,
    /// The two shared words of a weak paraphrase stand in separate
    /// clauses of one of the units.
    pub split_clauses: bool,
}

/// Names of the features of [`features`].
pub(crate) const FEATURES: [&str; 0] = [];

/// The features of a verdict's figures.
pub(crate) fn features(_st: &Stats) -> [f32; 0] {
    []
}

/// Buffers [`judge`] reuses from one candidate to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Entries of the two units' classes with the same term.
    matched: Vec<(u8, u8)>,
    /// Shared terms with their weight, and their strongest class.
    shared: Vec<(u64, f32, Class)>,
    phrases: Vec<(u64, u32)>,
    best: Vec<(u32, f32)>,
    strong_terms: Vec<u64>,
    seen: Vec<u64>,
    ta: Vec<u64>,
    tb: Vec<u64>,
    runs: Vec<(usize, usize, usize)>,
    run_scratch: super::align::RunScratch,
    pairs: Vec<u128>,
}

/// What [`judge`] finds about two units that depends on their tokens
/// alone, not on rarities: kept with each candidate from one comparison to
/// the next, so that after an article is added the pairs of the others are
/// weighed again with the new rarities without being compared again. A
/// figure not needed yet stays unknown until a verdict needs it. Bit `k`
/// of a mask stands for token `k` of the first unit (units hold at most
/// 65 tokens and 97 classes entries: see `HARD_UNIT`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Facts {
    /// The first `n_shared` pairs `(x, y)` of entries of the two units'
    /// `classes` with the same term, ascending; `n_shared` is `u8::MAX`
    /// when unknown or more than fit.
    shared: [(u8, u8); 16],
    n_shared: u8,
    /// With [`RUNS`], the tokens of the first unit in copied runs of two or
    /// more; with [`PAIRS`], those in a pair of adjacent tokens the second
    /// unit carries too (see [`run_weight_bound`]).
    toks: u128,
    /// Shared word pairs and shingles, [`copied_bound`], `run3`, `span_a`
    /// and `span_b` of [`Stats`]; `u8::MAX` when unknown.
    counts: [u8; 6],
    /// Which of [`PAIRS`], [`RUNS`] and [`SAME`] are known.
    known: u8,
}

const PAIRS: u8 = 2;
const RUNS: u8 = 4;
/// With [`RUNS`]: the two units have the same terms.
const SAME: u8 = 8;
// Masks hold every token and classes entry of a unit.
const _: () = assert!(super::prepare::HARD_UNIT * 3 / 2 + 8 <= 128);

impl Default for Facts {
    fn default() -> Self {
        Facts {
            shared: [(0, 0); 16],
            n_shared: u8::MAX,
            toks: 0,
            counts: [u8::MAX; 6],
            known: 0,
        }
    }
}

/// The figure in `slot` ([`Facts::counts`]), found by `find` when unknown.
fn lazy(slot: &mut u8, find: impl FnOnce() -> usize) -> usize {
    if *slot == u8::MAX {
        *slot = find().min(254) as u8;
    }
    *slot as usize
}

/// The mask with bit `k` (of a token index: below 128).
fn bit(k: usize) -> u128 {
    1 << (k & 127)
}

impl Facts {
    /// Whether a verdict got past the first sums (and found more than the
    /// shared entries).
    pub(crate) fn judged(&self) -> bool {
        self.counts[..2] != [u8::MAX; 2]
    }

    /// How many word pairs the two units share.
    fn bigrams(&mut self, ua: &Unit, ub: &Unit) -> usize {
        lazy(&mut self.counts[0], || {
            count_shared(&ua.bigrams, &ub.bigrams)
        })
    }

    /// How many shingles the two units share.
    fn shingles(&mut self, ua: &Unit, ub: &Unit) -> usize {
        lazy(&mut self.counts[1], || {
            count_shared(&ua.shingles, &ub.shingles)
        })
    }

    /// [`copied_bound`] of the first unit's tokens `a` against `ub`.
    fn bound(&mut self, a: &[Tok], ub: &Unit) -> usize {
        lazy(&mut self.counts[2], || copied_bound(a, &ub.shingles))
    }
}

/// An upper bound on `run3` of [`judge`] (the tokens of `a` in copied runs
/// of three or more tokens carrying something said) against a unit whose
/// sorted 3-token shingles are `shingles`, without a diff. Every 3-token
/// window of such a run is a shared shingle, so the run lies in a stretch
/// of consecutive windows whose shingles the other unit has; a stretch of
/// `c` windows covers `c + 2` tokens, the most its runs can hold (runs are
/// disjoint, so cutting a stretch into several loses two windows a cut).
/// Stretches with nothing said count nothing.
fn copied_bound(a: &[Tok], shingles: &[u64]) -> usize {
    let said = |t: &Tok| !matches!(t.class, Class::Name | Class::Stop);
    let mut total = 0;
    // Start of the current stretch of shared windows.
    let mut start: Option<usize> = None;
    for i in 2..=a.len() {
        let shared = i < a.len() && {
            let h = mix(mix(a[i - 2].term, a[i - 1].term), a[i].term);
            shingles.binary_search(&h).is_ok()
        };
        match (shared, start) {
            (true, None) => start = Some(i - 2),
            (false, Some(s)) => {
                // Windows s..i-2, tokens s..i.
                if a[s..i].iter().any(said) {
                    total += i - s;
                }
                start = None;
            }
            _ => {}
        }
    }
    total
}

/// The tokens of `a` (as a mask) that, with a neighbour, follow each
/// other in `b` too: a token in a copied run of two or more tokens is one,
/// so their weight outside names bounds `run_weight` of [`judge`] without
/// a diff. `pairs` is a buffer.
fn pair_mask(a: &[Tok], b: &[Tok], pairs: &mut Vec<u128>) -> u128 {
    // Each pair of terms packed in one integer (the same order as the
    // pair; one sort for the engine's wide keys).
    let pair = |x: &Tok, y: &Tok| (x.term as u128) << 64 | y.term as u128;
    pairs.clear();
    pairs.extend(b.windows(2).map(|w| pair(&w[0], &w[1])));
    pairs.sort_unstable();
    let mut mask = 0;
    for (k, w) in a.windows(2).enumerate() {
        if pairs.binary_search(&pair(&w[0], &w[1])).is_ok() {
            mask |= bit(k) | bit(k + 1);
        }
    }
    mask
}

/// How many values two sorted lists share (steps without branches: the
/// order of hashed keys is unpredictable).
fn count_shared(a: &[u64], b: &[u64]) -> usize {
    let (mut x, mut y, mut n) = (0, 0, 0);
    while x < a.len() && y < b.len() {
        let (p, q) = (a[x], b[y]);
        n += (p == q) as usize;
        x += (p <= q) as usize;
        y += (q <= p) as usize;
    }
    n
}

/// Weighs the evidence two units share and decides whether they carry the
/// same passage. `facts` holds what is known of the pair from an earlier
/// comparison ([`Facts::default`] for nothing) and gains what this verdict
/// finds; the verdict is the same either way. With `diagnose`, every
/// figure of [`Stats`] is computed even for a candidate rejected early
/// (slower; for `--explain`, with no facts known).
pub(crate) fn judge(
    (da, ua, ia): (&Prepared, &Unit, UnitIdf),
    (db, ub, ib): (&Prepared, &Unit, UnitIdf),
    diagnose: bool,
    scratch: &mut Scratch,
    facts: &mut Facts,
) -> (Option<Verdict>, Stats) {
    let Scratch {
        matched,
        shared,
        phrases,
        best,
        strong_terms,
        seen,
        ta,
        tb,
        runs,
        run_scratch,
        pairs,
    } = scratch;
    let mut st = Stats::default();
    // Rarity of token `k` of a unit, and of entry `k` of its classes.
    let tok_idf = |u: &Unit, i: &UnitIdf, k: usize| -> f32 {
        i.tok.get(u.t0 as usize + k).copied().unwrap_or(1.0)
    };
    let cls_idf = |k: usize| -> f32 { ia.cls.get(k).copied().unwrap_or(1.0) };
    let ca = &ua.classes;
    let cb = &ub.classes;
    let identical = ua.whole == ub.whole && ua.t1 - ua.t0 == ub.t1 - ub.t0;
    // The entries of the two classes with the same term.
    matched.clear();
    if let Some(kept) = facts.shared.get(..facts.n_shared as usize) {
        matched.extend_from_slice(kept);
    } else {
        let (mut x, mut y) = (0, 0);
        while x < ca.len() && y < cb.len() {
            let (p, q) = (ca[x].0, cb[y].0);
            if p == q {
                matched.push((x as u8, y as u8));
            }
            x += (p <= q) as usize;
            y += (q <= p) as usize;
        }
        if let Some(keep) = facts.shared.get_mut(..matched.len()) {
            keep.copy_from_slice(matched);
            facts.n_shared = matched.len() as u8;
        }
    }
    // (Kept pairs are of these very units: the bounds hold.)
    let matched = || {
        matched
            .iter()
            .map(|&(x, y)| (x as usize, y as usize))
            .filter(|&(x, y)| x < ca.len() && y < cb.len())
    };
    // First pass: most candidates share too little outside names and stop
    // here (the same sums, in the same order, as the full pass below).
    if !identical {
        for (x, y) in matched() {
            let wt = weight_of(ca[x].1.min(cb[y].1), cls_idf(x));
            st.shared += wt;
            if ca[x].1.max(cb[y].1) != Class::Name {
                st.predicate += wt;
                st.strong_said += (wt >= STRONG_SAID) as usize;
            }
        }
        if st.predicate < 0.6 {
            if diagnose {
                st.bigrams = count_shared(&ua.bigrams, &ub.bigrams);
            }
            return (None, st);
        }
    }
    // Shared terms.
    shared.clear();
    shared.extend(matched().map(|(x, y)| {
        let c = ca[x].1.min(cb[y].1);
        (ca[x].0, weight_of(c, cls_idf(x)), ca[x].1.max(cb[y].1))
    }));
    st.shared = shared.iter().map(|s| s.1).sum();
    st.predicate = shared
        .iter()
        .filter(|s| s.2 != Class::Name)
        .map(|s| s.1)
        .sum();
    st.strong_said = shared
        .iter()
        .filter(|s| s.1 >= STRONG_SAID && s.2 != Class::Name)
        .count();
    // Shared word pairs and shingles are counted when first needed (the
    // word pairs always for diagnostics).
    if diagnose {
        st.bigrams = facts.bigrams(ua, ub);
    }
    // Without the word pairs when the shared weight reaches 1.6 alone.
    let para_upper = st.strong_said >= 2
        && (st.shared >= 1.6 || st.shared + 0.3 * facts.bigrams(ua, ub) as f32 >= 1.6);
    if !identical && (st.predicate < 0.6 || (!para_upper && facts.shingles(ua, ub) < 3)) {
        return (None, st);
    }
    st.bigrams = facts.bigrams(ua, ub);
    // Names count once per name phrase: "HTS leader Abu Mohammed" is one
    // name, however many words it has.
    if shared.iter().any(|s| s.2 == Class::Name) {
        name_phrases(da, ua, phrases);
    }
    best.clear();
    for (term, wt, c) in shared.iter() {
        if *c != Class::Name {
            continue;
        }
        let ph = phrases
            .iter()
            .find(|p| p.0 == *term)
            .map_or(u32::MAX - best.len() as u32, |p| p.1);
        match best.iter_mut().find(|b| b.0 == ph) {
            Some(b) => b.1 = b.1.max(*wt),
            None => best.push((ph, *wt)),
        }
    }
    st.names = best.iter().map(|b| b.1).sum();
    st.name_phrases = best.len();
    st.strong = shared.iter().filter(|s| s.1 >= 0.45).count();

    // Clause-level density (skipped for candidates rejected first).
    let mut density = || -> f32 {
        // Clause windows: from the first to the last strongly shared token.
        strong_terms.clear();
        strong_terms.extend(
            shared
                .iter()
                .filter(|s| s.1 >= 0.3 && s.2 != Class::Name)
                .map(|s| s.0),
        );
        let strong_terms = &*strong_terms;
        // Terms are hashes: one bit of a mask per term rules most lookups
        // out without a search.
        let bit = |t: u64| 1u64 << (t & 63);
        let strong_mask = strong_terms.iter().fold(0, |m, &t| m | bit(t));
        let strong = |t: u64| strong_mask & bit(t) != 0 && strong_terms.contains(&t);
        let mut window_weight = |d: &Prepared, u: &Unit, i: &UnitIdf| -> f32 {
            let ts = &d.toks[u.t0 as usize..u.t1 as usize];
            let first = ts.iter().position(|t| strong(t.term));
            let last = ts.iter().rposition(|t| strong(t.term));
            let (Some(f), Some(l)) = (first, last) else {
                return 0.0;
            };
            seen.clear();
            let mut seen_mask = 0u64;
            let mut sum = 0.0;
            for (k, t) in ts.iter().enumerate().take(l + 1).skip(f) {
                if !matches!(t.class, Class::Stop | Class::Name)
                    && (seen_mask & bit(t.term) == 0 || !seen.contains(&t.term))
                {
                    seen_mask |= bit(t.term);
                    seen.push(t.term);
                    sum += weight_of(t.class, tok_idf(u, i, k));
                }
            }
            sum
        };
        let win = window_weight(da, ua, &ia).min(window_weight(db, ub, &ib));
        // The strong terms are the shared ones that pass this filter.
        let shared_strong: f32 = shared
            .iter()
            .filter(|s| s.1 >= 0.3 && s.2 != Class::Name)
            .map(|s| s.1)
            .sum();
        if win > 0.0 {
            (shared_strong / win).min(1.0)
        } else {
            0.0
        }
    };
    if diagnose {
        st.density = density();
    }

    // Both ways of linking need something said in common; copied runs of
    // five tokens share at least three shingles. Skip the diff otherwise.
    let evidence = st.predicate + st.names + 0.3 * st.bigrams as f32;
    let para_possible = evidence >= 1.6 && st.predicate >= 0.6 && st.strong_said >= 2;
    if !identical && (st.predicate < 0.6 || (!para_possible && facts.shingles(ua, ub) < 3)) {
        return (None, st);
    }
    let toks_a = &da.toks[ua.t0 as usize..ua.t1 as usize];
    let toks_b = &db.toks[ub.t0 as usize..ub.t1 as usize];
    st.len_a = toks_a.len();
    st.len_b = toks_b.len();
    let min_len = st.len_a.min(st.len_b).max(1);
    // The weight outside names of the tokens of `a` in a mask.
    let weigh = |mask: u128| -> f32 {
        let mut sum = 0.0;
        for (k, t) in toks_a.iter().enumerate() {
            if mask & bit(k) != 0 && t.class != Class::Name {
                sum += weight_of(t.class, tok_idf(ua, &ia, k));
            }
        }
        sum
    };
    // Whether copied runs could make a link: from the runs when they are
    // known, else from bounds without a diff (see [`copied_bound`] and
    // [`pair_mask`]). Most candidates that get this far cannot.
    let mut possible: Option<bool> = None;
    let mut copied_possible = |f: &mut Facts| {
        *possible.get_or_insert_with(|| {
            let exact = f.known & RUNS != 0;
            let run3 = if exact {
                f.counts[3] as usize
            } else {
                f.bound(toks_a, ub)
            };
            if run3 < 5 || (run3 < 10 && run3 * 2 < min_len) {
                return false;
            }
            if f.known & (RUNS | PAIRS) == 0 {
                f.toks = pair_mask(toks_a, toks_b, pairs);
                f.known |= PAIRS;
            }
            // A bound is raised a little, so that no rounding of the sums
            // in another order puts the weight of the runs above it.
            let w = weigh(f.toks);
            if exact {
                w >= 1.2
            } else {
                (w as f64 * 1.001 + 1e-3) as f32 >= 1.2
            }
        })
    };
    // Neither a paraphrase nor a copy can come of it: no need for the
    // density or the runs.
    if !diagnose && !identical && !para_possible && !copied_possible(facts) {
        return (None, st);
    }

    if !diagnose {
        st.density = density();
    }

    // Ordered agreement: the copied runs, unless known.
    if facts.known & RUNS == 0 {
        ta.clear();
        ta.extend(toks_a.iter().map(|t| t.term));
        tb.clear();
        tb.extend(toks_b.iter().map(|t| t.term));
        // No shared shingle, no copied run: skip the diff. Skip it too
        // when the runs it finds could not change the verdict (they stay
        // unknown then). Diagnostics always get the runs.
        let para =
            evidence >= 1.6 && st.predicate >= 0.6 && st.strong_said >= 2 && st.density >= 0.4;
        runs.clear();
        let found = if ta == tb {
            runs.push((0, 0, ta.len()));
            true
        } else if identical
            || (facts.shingles(ua, ub) > 0
                && (diagnose || (facts.bound(toks_a, ub) >= 5 && (para || copied_possible(facts)))))
        {
            super::align::equal_runs(ta, tb, runs, run_scratch);
            true
        } else {
            facts.shingles(ua, ub) == 0
        };
        // (None found: no runs, all figures 0.)
        let (mut fa, mut la, mut fb, mut lb) = (usize::MAX, 0, usize::MAX, 0);
        let (mut mask, mut run3) = (0, 0);
        for &(i, j, len) in runs.iter() {
            st.matched += len;
            if len >= 2 {
                mask |= (i..i + len).fold(0, |m, k| m | bit(k));
            }
            let said = toks_a[i..][..len]
                .iter()
                .any(|t| !matches!(t.class, Class::Name | Class::Stop));
            if len >= 3 && said {
                run3 += len;
                fa = fa.min(i);
                la = la.max(i + len);
                fb = fb.min(j);
                lb = lb.max(j + len);
            }
        }
        let spans = if run3 > 0 { [la - fa, lb - fb] } else { [0; 2] };
        facts.counts[3..].copy_from_slice(&[run3, spans[0], spans[1]].map(|n| n as u8));
        if found {
            facts.toks = mask;
            facts.known = (facts.known & !PAIRS) | RUNS | if ta == tb { SAME } else { 0 };
        }
    }
    st.run_weight = weigh(if facts.known & RUNS != 0 {
        facts.toks
    } else {
        0
    });
    let [.., run3, span_a, span_b] = facts.counts.map(usize::from);
    (st.run3, st.span_a, st.span_b) = (run3, span_a, span_b);
    // The same sentence, word for word: verbatim whatever its words.
    if facts.known & SAME != 0 && st.len_a >= 2 && (st.shared > 0.0 || st.names > 0.0) {
        return (
            Some(Verdict {
                kind: Kind::Verbatim,
                score: 1.0,
            }),
            st,
        );
    }

    let copied = st.run3 >= 5
        && st.run_weight >= 1.2
        && st.predicate >= 0.6
        && (st.run3 * 2 >= min_len || st.run3 >= 10);
    let para = evidence >= 1.6 && st.predicate >= 0.6 && st.strong_said >= 2 && st.density >= 0.4;
    // A weak paraphrase, on two words and at most one name and with not
    // even three words copied in a row, has the words (other than numbers)
    // in one clause on both sides: spread over clauses, they may tell of separate events ("in
    // the south, and operations against the rebels" is not "the rebels
    // shifted south").
    st.split_clauses =
        !copied && para && st.run3 == 0 && st.strong_said == 2 && st.name_phrases <= 1 && {
            let mut said = shared
                .iter()
                .filter(|s| s.1 >= STRONG_SAID && s.2 != Class::Name);
            let (s1, s2) = (said.next(), said.next());
            // (Numbers are specific facts wherever they stand: "rose to 84,
            // with 732 hurt" is "84 killed and 732 wounded".)
            let number = |s: Option<&(u64, f32, Class)>| s.is_some_and(|s| s.2 == Class::Number);
            let (t1, t2) = (s1.map_or(0, |s| s.0), s2.map_or(0, |s| s.0));
            let together = one_clause(toks_a, t1, t2) && one_clause(toks_b, t1, t2);
            !together && !number(s1) && !number(s2)
        };
    // Two speakers' words, however alike, are two statements: a paraphrase
    // with no copied run needs the same speaker (or one side unattributed).
    st.other_speakers = st.run3 < 5 && ua.other_speakers(ub);
    if !copied && (!para || st.split_clauses || st.other_speakers) {
        return (None, st);
    }
    let kind = if st.run3 >= 6 && st.run3 * 5 >= 4 * st.span_a.max(st.span_b) {
        Kind::Verbatim
    } else if st.run3 >= 5 {
        Kind::Near
    } else {
        Kind::Paraphrase
    };
    // Total weights of both units, needed only by candidates that got
    // this far (most are rejected above).
    let total = |cs: &[(u64, Class)], i: &UnitIdf| -> f32 {
        cs.iter()
            .enumerate()
            .map(|(k, &(_, c))| weight_of(c, i.cls.get(k).copied().unwrap_or(1.0)))
            .sum()
    };
    let wa = total(ca, &ia);
    let wb = total(cb, &ib);
    let dice = if wa + wb > 0.0 {
        2.0 * st.shared / (wa + wb)
    } else {
        0.0
    };
    let ordered = if st.run3 >= 5 {
        let span = st.span_a.max(st.span_b).max(1) as f32;
        (st.run3 as f32 / span) * (st.run3 as f32 / 8.0).min(1.0)
    } else {
        0.0
    };
    let strength = 1.0 - (-evidence / 3.0).exp();
    // Evidence alone reaches at most 0.8; copied runs in order add to it
    // (noisy-or), so an edited copy outranks a paraphrase of the same fact.
    let said = (strength * (0.5 + 0.5 * st.density) + 0.2 * dice).clamp(0.0, 1.0) * 0.8;
    let score = (1.0 - (1.0 - ordered.clamp(0.0, 1.0)) * (1.0 - said)).clamp(0.0, 1.0);
    if score < MIN_SCORE {
        return (None, st);
    }
    (Some(Verdict { kind, score }), st)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_clause_cases() {
        let p = super::super::prepare::prepare(
            "Troops held the north, and the militia fled east. The militia fled north (and east).",
            &[],
        );
        let term = |w: &str| {
            p.words
                .iter()
                .find(|e| p.word(*e.0) == Some(w))
                .map(|e| *e.0)
                .expect(w)
        };
        let (militia, north, east, fled) =
            (term("militia"), term("north"), term("east"), term("fled"));
        let [u0, u1] = [&p.units[0], &p.units[1]].map(|u| &p.toks[u.t0 as usize..u.t1 as usize]);
        let cases = [
            (u0, militia, north, false),
            (u0, militia, east, true),
            (u0, fled, east, true),
            (u1, militia, north, true),
            (u1, militia, east, false),
            (u1, north, fled, true),
        ];
        for (k, (toks, a, b, want)) in cases.into_iter().enumerate() {
            assert_eq!(one_clause(toks, a, b), want, "case {k}");
            assert_eq!(one_clause(toks, b, a), want, "case {k}, reversed");
        }
    }

    #[test]
    fn radix_sort_is_a_sort() {
        // Values below `1 << bits`, few and many, repeated or not, come
        // out as `sort_unstable` orders them.
        let mut rand = crate::engine::xorshift(0x9e37_79b9_7f4a_7c15u64);
        for (n, bits) in [
            (10, 8),
            (300, 5),
            (5000, 24),
            (5000, 38),
            (3000, 63),
            (4000, 0),
        ] {
            let mut v: Vec<u64> = (0..n)
                .map(|_| if bits == 0 { 0 } else { rand() >> (64 - bits) })
                .collect();
            let mut want = v.clone();
            want.sort_unstable();
            radix_sort(&mut v, bits);
            assert_eq!(v, want, "n={n} bits={bits}");
        }
    }
}

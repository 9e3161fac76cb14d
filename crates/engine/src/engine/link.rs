//! Linking two documents: candidate unit pairs from rare shared keys (cached
//! per pair of documents), then a verdict on each candidate from the
//! evidence the two units share, weighed by how rare it is across the set.

use super::keys::{mix, sort_keys};
use super::linker;
use super::prepare::{Class, KeyKind, Prepared, Tok, Unit, MAX_SAME_UNITS};
use super::weights::{weight_of, UnitIdf};
use crate::model::Kind;

/// A key carried by more unit pairs than this between two documents is
/// too common to propose candidates (it still counts as evidence).
const ANCHOR_PAIRS: usize = 16;
/// A term carried by more unit pairs than this proposes no candidates.
const TERM_PAIRS: usize = 16;
/// Candidates sharing less weight than this outside names are not
/// judged further (17 of basil-dev's 163 links lie below it; most pairs
/// do).
const MIN_SAID: f32 = 0.3;
/// The same in large sets, where only links from the default probability
/// are kept: on the fitting data, 7 of 1,262 candidates sharing 0.3 to 0.6
/// are links, none of them at the default.
const MIN_SAID_LARGE: f32 = 0.6;
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
/// Sets of articles with at most this many pairs of units (of different
/// articles) judge every pair (the demo set has about 20,000).
const ALL_PAIRS: usize = 40_000;

/// Whether a set of documents with `units[d]` units each is small: at most
/// [`ALL_PAIRS`] pairs of units of different documents.
pub(crate) fn small_set(units: &[usize]) -> bool {
    let total: usize = units.iter().sum();
    let same: usize = units.iter().map(|n| n * n).sum();
    total.saturating_mul(total).saturating_sub(same) / 2 <= ALL_PAIRS
}

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
    // A small set: every pair of units of two documents sharing a content
    // word or number, or their whole text, is a candidate (rare keys miss many paraphrases:
    // their words are the event's common words); the first sums of a
    // verdict reject most at once.
    let units: Vec<usize> = docs.iter().map(|d| d.units.len()).collect();
    if small_set(&units) {
        // (term, document, unit), sorted; then the pairs of each term's
        // carriers, packed as (a, b, i, j), sorted.
        let mut carriers: Vec<u128> = Vec::new();
        for (d, p) in docs.iter().enumerate() {
            for (u, unit) in p.units.iter().enumerate() {
                // (And its whole text: the same sentence of names alone.)
                let key = |t: u64| (t as u128) << 64 | (d as u128) << 32 | u as u128;
                carriers.extend(
                    unit.classes
                        .iter()
                        .filter(|c| matches!(c.1, Class::Content | Class::Number))
                        .map(|c| key(c.0)),
                );
                carriers.push(key(mix(unit.whole, 0x77686f6c65)));
            }
        }
        sort_keys(&mut carriers);
        let mut pairs: Vec<u128> = Vec::new();
        for run in carriers.chunk_by(|x, y| x >> 64 == y >> 64) {
            for (k, &x) in run.iter().enumerate() {
                for &y in &run[k + 1..] {
                    let (a, i, b, j) = ((x >> 32) as u32, x as u32, (y >> 32) as u32, y as u32);
                    if a != b && wanted(a, b) {
                        pairs.push(
                            (a as u128) << 96 | (b as u128) << 64 | (i as u128) << 32 | j as u128,
                        );
                    }
                }
            }
        }
        sort_keys(&mut pairs);
        pairs.dedup();
        return pairs.into_iter().map(unpack).collect();
    }
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
        merge_hits(&strong, &weak).into_iter().map(unpack).collect()
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

/// A candidate packed in 128 bits as `(a, b, i, j)`, 32 bits each.
fn unpack(k: u128) -> SetCand {
    (
        (k >> 96) as u32,
        (k >> 64) as u32,
        (k >> 32) as u32,
        k as u32,
    )
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
    /// Total weights of the two units.
    pub weight_a: f32,
    pub weight_b: f32,
    /// Numbers in each unit, and shared.
    pub numbers_a: usize,
    pub numbers_b: usize,
    pub numbers_shared: usize,
    /// Terms outside function and very common words: shared, in each unit.
    pub terms_shared: usize,
    pub terms_a: usize,
    pub terms_b: usize,
    /// Word pairs in each unit.
    pub bigrams_a: usize,
    pub bigrams_b: usize,
    /// The link model's probability (0 when not reached).
    pub prob: f32,
    /// The two shared words of a weak paraphrase stand in separate
    /// clauses of one of the units.
    pub split_clauses: bool,
}

/// Names of the features of [`features`], in order.
pub(crate) const FEATURES: [&str; linker::N] = [
    "said",
    "names",
    "dice",
    "cover",
    "extra_max",
    "extra_min",
    "word_pairs",
    "word_pair_share",
    "density",
    "strong_said",
    "length_ratio",
    "other_speakers",
    "split_clauses",
    "number_conflict",
    "numbers_shared",
    "terms_shared",
    "term_share",
    "evidence",
    "paraphrase_rule",
    "copied_weight",
    "copied_run",
    "copied_rule",
];

/// Indices in [`FEATURES`] of features measured after the first bound.
const WORD_PAIRS: usize = 6;
const DENSITY: usize = 8;
const EVIDENCE: usize = 17;
const COPIED_WEIGHT: usize = 19;
// (Checked: the names stand at those indices.)
const _: () = assert!(
    FEATURES[WORD_PAIRS].len() == 10
        && FEATURES[DENSITY].len() == 7
        && FEATURES[EVIDENCE].len() == 8
        && FEATURES[COPIED_WEIGHT].len() == 13
);

/// `ln(1 + x)` of `x >= 0`, to about 1e-5, in a few multiplications (no
/// library logarithm: in WebAssembly it is a call of a software routine,
/// and the model's bounds take several per pair): `ln(m * 2^e)` with the
/// mantissa `m` in [1, 2) by the series of `2 atanh((m - 1) / (m + 1))`.
pub(crate) fn ln1(x: f32) -> f32 {
    let y = 1.0 + x.clamp(0.0, 1e30);
    let bits = y.to_bits();
    let e = ((bits >> 23) & 0xff) as f32 - 127.0;
    let m = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000);
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    e * std::f32::consts::LN_2
        + 2.0 * s * (1.0 + s2 * (1.0 / 3.0 + s2 * (1.0 / 5.0 + s2 * (1.0 / 7.0 + s2 / 9.0))))
}

/// How strong evidence `e` is, from 0 towards 1 (half at 3).
fn strength(e: f32) -> f32 {
    let e = e.max(0.0);
    e / (e + 3.0)
}

/// The features of a verdict's figures, for the link model ([`linker`]).
/// The last three (copying) never lower the probability: a bound on them
/// bounds the probability (see [`judge`]).
pub(crate) fn features(st: &Stats) -> [f32; linker::N] {
    let (wa, wb) = (st.weight_a, st.weight_b);
    let dice = if wa + wb > 0.0 {
        2.0 * st.shared / (wa + wb)
    } else {
        0.0
    };
    let small = wa.min(wb);
    let cover = if small > 0.0 { st.shared / small } else { 0.0 };
    let extra = |w: f32| ln1(w - st.shared);
    let pair_share = st.bigrams as f32 / st.bigrams_a.min(st.bigrams_b).max(1) as f32;
    let (la, lb) = (st.len_a.max(1) as f32, st.len_b.max(1) as f32);
    let flag = |b: bool| b as u8 as f32;
    // The two ways of linking of the rules before the model: a paraphrase
    // (shared weight, two strong words, a dense clause) and a copy (a run
    // of five tokens or more carrying weight).
    let evidence = st.predicate + st.names + 0.3 * st.bigrams as f32;
    let para = evidence >= 1.6 && st.predicate >= 0.6 && st.strong_said >= 2 && st.density >= 0.4;
    let copied = st.run3 >= 5
        && st.run_weight >= 1.2
        && st.predicate >= 0.6
        && (st.run3 as f32 * 2.0 >= la.min(lb) || st.run3 >= 10);
    [
        ln1(st.predicate),
        ln1(st.names),
        dice.clamp(0.0, 1.0),
        cover.clamp(0.0, 1.0),
        extra(wa.max(wb)),
        extra(wa.min(wb)),
        ln1(st.bigrams as f32),
        pair_share.min(1.0),
        st.density,
        st.strong_said.min(6) as f32 / 3.0,
        la.min(lb) / la.max(lb),
        flag(st.other_speakers),
        flag(st.split_clauses),
        flag(st.numbers_a > 0 && st.numbers_b > 0 && st.numbers_shared == 0),
        st.numbers_shared.min(3) as f32 / 3.0,
        ln1(st.terms_shared as f32),
        st.terms_shared as f32 / st.terms_a.min(st.terms_b).max(1) as f32,
        strength(evidence),
        flag(para && !st.split_clauses && !st.other_speakers),
        ln1(st.run_weight),
        flag(st.run3 >= 5),
        flag(copied),
    ]
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
    /// The figures of the last first unit (see [`judge`]), by its address
    /// and its rarities' address.
    unit_a: ((usize, usize), (usize, usize, f32)),
    /// A large set: links under the default probability are not kept (see
    /// `cluster`), so no verdict needs to measure them.
    large: bool,
}

impl Scratch {
    /// Buffers for judging the candidates of a set of documents.
    pub(crate) fn for_set(docs: &[&Prepared]) -> Self {
        let units: Vec<usize> = docs.iter().map(|d| d.units.len()).collect();
        Scratch {
            large: !small_set(&units),
            ..Self::default()
        }
    }
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
    /// more.
    toks: u128,
    /// Shared word pairs and shingles, [`copied_bound`], `run3`, `span_a`
    /// and `span_b` of [`Stats`]; `u8::MAX` when unknown.
    counts: [u8; 6],
    /// Which of [`RUNS`] and [`SAME`] are known.
    known: u8,
}

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

/// The verdict on the same sentence, word for word: verbatim, certain.
fn word_for_word(mut st: Stats) -> (Option<Verdict>, Stats) {
    st.prob = 1.0;
    let v = Verdict {
        kind: Kind::Verbatim,
        score: 1.0,
    };
    (Some(v), st)
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
        unit_a,
        large,
    } = scratch;
    let floor = if *large {
        linker::DEFAULT_LOGIT
    } else {
        linker::FLOOR_LOGIT
    };
    let mut st = Stats::default();
    // Rarity of token `k` of a unit, and of entry `k` of its classes.
    let tok_idf = |u: &Unit, i: &UnitIdf, k: usize| -> f32 {
        i.tok.get(u.t0 as usize + k).copied().unwrap_or(1.0)
    };
    let cls_idf = |k: usize| -> f32 { ia.cls.get(k).copied().unwrap_or(1.0) };
    let ca: &[(u64, Class)] = &ua.classes;
    let cb: &[(u64, Class)] = &ub.classes;
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
    // The same sentence, word for word: verbatim whatever its words (no
    // figure needed; wire copy in many articles is mostly such pairs).
    if identical && !diagnose && ua.t1 - ua.t0 >= 2 && !ca.is_empty() {
        let (ta_, tb_) = (
            &da.toks[ua.t0 as usize..ua.t1 as usize],
            &db.toks[ub.t0 as usize..ub.t1 as usize],
        );
        if ta_.iter().zip(tb_).all(|(x, y)| x.term == y.term) {
            return word_for_word(st);
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
        let least = if *large { MIN_SAID_LARGE } else { MIN_SAID };
        if st.predicate < least && !diagnose {
            return (None, st);
        }
    }
    // Shared terms.
    shared.clear();
    shared.extend(matched().map(|(x, y)| {
        let c = ca[x].1.min(cb[y].1);
        (ca[x].0, weight_of(c, cls_idf(x)), ca[x].1.max(cb[y].1))
    }));
    // The sums over shared terms, in one pass (in the order of the first).
    let said = |c: Class| !matches!(c, Class::Stop | Class::Common);
    let (mut shared_w, mut predicate, mut any_name) = (0.0, 0.0, false);
    st.strong_said = 0;
    for &(_, wt, c) in shared.iter() {
        shared_w += wt;
        if c == Class::Name {
            any_name = true;
        } else {
            predicate += wt;
            st.strong_said += (wt >= STRONG_SAID) as usize;
        }
        st.strong += (wt >= 0.45) as usize;
        st.numbers_shared += (c == Class::Number) as usize;
        st.terms_shared += said(c) as usize;
    }
    (st.shared, st.predicate) = (shared_w, predicate);
    (st.bigrams_a, st.bigrams_b) = (ua.bigrams.len(), ub.bigrams.len());
    // Names count once per name phrase: "HTS leader Abu Mohammed" is one
    // name, however many words it has.
    if any_name {
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
    // Large sets judge only what the rules before the model could link
    // (two strong words and evidence 1.6, or three shingles: on the
    // fitting data 2 of 74 links at the default lie outside).
    if *large && !diagnose && !identical {
        st.bigrams = facts.bigrams(ua, ub);
        let evidence = st.predicate + st.names + 0.3 * st.bigrams as f32;
        let para = st.strong_said >= 2 && evidence >= 1.6;
        if !para && facts.shingles(ua, ub) < 3 {
            return (None, st);
        }
    }
    // Numbers, terms outside very common words and the total weight of
    // each unit (the first unit's kept from the candidate before: they
    // come in order of it).
    let figures = |cs: &[(u64, Class)], i: &UnitIdf| {
        let (mut numbers, mut terms, mut weight) = (0, 0, 0.0);
        for (k, &(_, c)) in cs.iter().enumerate() {
            numbers += (c == Class::Number) as usize;
            terms += said(c) as usize;
            weight += weight_of(c, i.cls.get(k).copied().unwrap_or(1.0));
        }
        (numbers, terms, weight)
    };
    let key_a = (ua as *const Unit as usize, ia.cls.as_ptr() as usize);
    if unit_a.0 != key_a {
        *unit_a = (key_a, figures(ca, &ia));
    }
    (st.numbers_a, st.terms_a, st.weight_a) = unit_a.1;
    (st.numbers_b, st.terms_b, st.weight_b) = figures(cb, &ib);

    let toks_a = &da.toks[ua.t0 as usize..ua.t1 as usize];
    let toks_b = &db.toks[ub.t0 as usize..ub.t1 as usize];
    st.len_a = toks_a.len();
    st.len_b = toks_b.len();
    // Two speakers' words, however alike, are two statements.
    st.other_speakers = ua.other_speakers(ub);
    // Two strongly weighted words (other than numbers) that stand in
    // separate clauses of a unit may tell of separate events ("in the
    // south, and operations against the rebels" is not "the rebels
    // shifted south").
    st.split_clauses = st.strong_said == 2 && st.name_phrases <= 1 && {
        let mut said = shared
            .iter()
            .filter(|s| s.1 >= STRONG_SAID && s.2 != Class::Name);
        let (s1, s2) = (said.next(), said.next());
        let number = |s: Option<&(u64, f32, Class)>| s.is_some_and(|s| s.2 == Class::Number);
        let (t1, t2) = (s1.map_or(0, |s| s.0), s2.map_or(0, |s| s.0));
        let together = one_clause(toks_a, t1, t2) && one_clause(toks_b, t1, t2);
        !together && !number(s1) && !number(s2)
    };
    // Most pairs cannot reach the floor whatever their density and
    // copying: stop before measuring them (the other figures are known;
    // see [`linker::upper`]).
    // The most the copying features can reach: nothing without a shared
    // shingle (no diff runs then), else at most the weight outside names
    // of the first unit's tokens whose term the second has.
    let mut said_w = 0.0;
    let mut copy_reach = [
        (COPIED_WEIGHT, 0.0),
        (COPIED_WEIGHT + 1, 0.0),
        (COPIED_WEIGHT + 2, 0.0),
    ];
    if !diagnose && !identical {
        st.bigrams = facts.bigrams(ua, ub);
        if facts.shingles(ua, ub) > 0 {
            let bit = |t: u64| 1u64 << (t & 63);
            let mask = shared.iter().fold(0, |m, s| m | bit(s.0));
            let has = |t: u64| mask & bit(t) != 0 && shared.iter().any(|s| s.0 == t);
            let mut w = 0.0;
            for (k, t) in toks_a.iter().enumerate() {
                if t.class != Class::Name && has(t.term) {
                    w += weight_of(t.class, tok_idf(ua, &ia, k));
                }
            }
            // (Raised a little, so that no rounding of the sums in another
            // order puts the weight of the runs above it.)
            said_w = w * 1.001 + 1e-3;
            copy_reach = [
                (COPIED_WEIGHT, ln1(said_w)),
                (COPIED_WEIGHT + 1, 1.0),
                (COPIED_WEIGHT + 2, 1.0),
            ];
        }
        let f = features(&st);
        let [c0, c1, c2] = copy_reach;
        let reach = [
            (DENSITY, 1.0),
            (WORD_PAIRS, f[WORD_PAIRS]),
            (WORD_PAIRS + 1, f[WORD_PAIRS + 1]),
            (EVIDENCE, f[EVIDENCE]),
            c0,
            c1,
            c2,
        ];
        if linker::upper(&f, &reach) < floor {
            return (None, st);
        }
    }
    st.bigrams = facts.bigrams(ua, ub);
    // Clause-level density: the shared words must fill the clause between
    // the first and last of them, not lie scattered over a long sentence.
    st.density = {
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
    // Copied runs take a diff: skipped when the model could not reach its
    // floor even with the most copying the two units allow (bounds without
    // a diff, see [`copied_bound`]; the model's weights
    // on copying are never negative).
    if !diagnose && !identical && facts.known & RUNS == 0 {
        let (run3, rw) = if facts.shingles(ua, ub) == 0 {
            (0, 0.0)
        } else {
            (facts.bound(toks_a, ub), said_w)
        };
        let mut best = st.clone();
        (best.run3, best.run_weight) = (run3, rw);
        if linker::logit(&features(&best)) < floor {
            return (None, st);
        }
    }

    // Ordered agreement: the copied runs, unless known.
    if facts.known & RUNS == 0 {
        ta.clear();
        ta.extend(toks_a.iter().map(|t| t.term));
        tb.clear();
        tb.extend(toks_b.iter().map(|t| t.term));
        // No shared shingle, no copied run of three: skip the diff.
        runs.clear();
        if ta == tb {
            runs.push((0, 0, ta.len()));
        } else if identical || facts.shingles(ua, ub) > 0 {
            super::align::equal_runs(ta, tb, runs, run_scratch);
        }
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
        facts.toks = mask;
        facts.known = RUNS | if ta == tb { SAME } else { 0 };
    }
    st.run_weight = weigh(facts.toks);
    let [.., run3, span_a, span_b] = facts.counts.map(usize::from);
    (st.run3, st.span_a, st.span_b) = (run3, span_a, span_b);
    // The same sentence, word for word: verbatim whatever its words.
    if facts.known & SAME != 0 && st.len_a >= 2 && (st.shared > 0.0 || st.names > 0.0) {
        return word_for_word(st);
    }
    let z = linker::logit(&features(&st));
    st.prob = linker::probability(z);
    // Two speakers' words, however alike, are two statements; two words
    // in separate clauses may tell of separate events: without copying,
    // refused (too few such pairs to learn it from; on the demo list it
    // keeps a topic-only pair and 2 other wrong links out, and changes
    // nothing on the held-out basil events).
    let refused = (st.other_speakers && st.run3 < 5) || (st.split_clauses && st.run3 == 0);
    if z < floor || refused {
        return (None, st);
    }
    (Some(verdict(&st, st.prob)), st)
}

/// A link of figures `st` with its score: verbatim when copied runs fill
/// most of the matched clause, near with a copied run, else paraphrase.
fn verdict(st: &Stats, score: f32) -> Verdict {
    let kind = if st.run3 >= 6 && st.run3 * 5 >= 4 * st.span_a.max(st.span_b) {
        Kind::Verbatim
    } else if st.run3 >= 5 {
        Kind::Near
    } else {
        Kind::Paraphrase
    };
    Verdict { kind, score }
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

//! Word-level alignment of group members, and the evidence a group shows.

use similar::algorithms::{myers, DiffHook};

use super::prepare::{Class, Prepared, Tok};
use super::weights::Weights;
use crate::model::Evidence;

/// Members longer than this (in tokens, both sides together) are aligned by
/// shared terms only, without an ordered diff.
const MAX_DIFF_TOKENS: usize = 20_000;
/// With more members than this, each member is aligned against one pivot
/// member (and the pivot against all) instead of against every other.
const ALL_PAIRS_MEMBERS: usize = 6;

/// A member's tokens with what every comparison of it needs.
struct Side<'a> {
    toks: &'a [Tok],
    /// The terms of all tokens, in order.
    terms: Vec<u64>,
    /// Sorted distinct terms of its non-function words.
    content: Vec<u64>,
}

impl<'a> Side<'a> {
    fn new(toks: &'a [Tok]) -> Self {
        let terms: Vec<u64> = toks.iter().map(|t| t.term).collect();
        // Sized at once: a collect through a filter grows step by step.
        let mut content: Vec<u64> = Vec::with_capacity(toks.len());
        content.extend(
            toks.iter()
                .filter(|t| t.class != Class::Stop)
                .map(|t| t.term),
        );
        crate::sort::sort_unstable(&mut content);
        content.dedup();
        Side {
            toks,
            terms,
            content,
        }
    }
}

/// Buffers [`mark`] reuses from one pair of members to the next.
#[derive(Default)]
struct MarkScratch {
    runs: Vec<(usize, usize, usize)>,
    diff: RunScratch,
}

/// Marks, for each token of `a`, whether `b` carries it: in the same order
/// (a function word only inside a run of two or more matched words), or,
/// for a content word, anywhere in `b`.
fn mark(a: &Side, b: &Side, out: &mut [bool], scratch: &mut MarkScratch) {
    for (k, t) in a.toks.iter().enumerate() {
        if t.class != Class::Stop && b.content.binary_search(&t.term).is_ok() {
            out[k] = true;
        }
    }
    // Marks only ever turn on: with all on, the diff cannot add any.
    if a.toks.len() + b.toks.len() > MAX_DIFF_TOKENS || out.iter().all(|&f| f) {
        return;
    }
    // Marks the tokens of a run `a[old_index..old_index + len]`.
    let apply = |out: &mut [bool], old_index: usize, len: usize| {
        let run = &a.toks[old_index..old_index + len];
        let ok_stop = len >= 2 && run.iter().any(|t| t.class != Class::Stop);
        for (k, t) in run.iter().enumerate() {
            if t.class != Class::Stop || ok_stop {
                out[old_index + k] = true;
            }
        }
    };
    // The same terms: the diff is one run over all of them.
    if a.terms == b.terms {
        apply(out, 0, a.terms.len());
        return;
    }
    if !diff_may_mark(a, b, out) {
        return;
    }
    let MarkScratch { runs, diff } = scratch;
    equal_runs(&a.terms, &b.terms, runs, diff);
    for &(old_index, _, len) in runs.iter() {
        apply(out, old_index, len);
    }
}

/// Buffers [`equal_runs`] reuses from one call to the next.
#[derive(Default)]
pub(crate) struct RunScratch {
    /// The terms each side keeps for the diff, and their token indices.
    keep_a: Vec<u64>,
    keep_b: Vec<u64>,
    at_a: Vec<u32>,
    at_b: Vec<u32>,
}

/// Bits of the small set of terms [`equal_runs`] tests membership with.
const SET_BITS: usize = 1024;

/// A set of terms as bits (terms are hashes: their low bits are spread).
/// A term it lacks is surely absent; one it has may be absent.
struct TermBits([u64; SET_BITS / 64]);

impl TermBits {
    fn new(terms: &[u64]) -> Self {
        let mut bits = TermBits([0; SET_BITS / 64]);
        for &t in terms {
            let (word, bit) = TermBits::place(t);
            bits.0[word] |= bit;
        }
        bits
    }

    /// The word and the bit of term `t`.
    fn place(t: u64) -> (usize, u64) {
        let k = t as usize % SET_BITS;
        (k / 64, 1 << (k % 64))
    }

    fn may_have(&self, t: u64) -> bool {
        let (word, bit) = TermBits::place(t);
        self.0[word] & bit != 0
    }
}

/// The runs `(index in a, index in b, length)` the two term sequences
/// share in order (Myers' diff), adjacent runs joined, into `out` (cleared
/// first). Tokens whose term the other side surely lacks can never be
/// matched, so the diff runs on the rest alone (far shorter, with far
/// fewer edits) and its matches are mapped back, cut into runs where the
/// original sequences are not consecutive.
pub(crate) fn equal_runs(
    a: &[u64],
    b: &[u64],
    out: &mut Vec<(usize, usize, usize)>,
    scratch: &mut RunScratch,
) {
    struct Runs<'a> {
        out: &'a mut Vec<(usize, usize, usize)>,
        at_a: &'a [u32],
        at_b: &'a [u32],
    }
    impl DiffHook for Runs<'_> {
        type Error = std::convert::Infallible;
        fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), Self::Error> {
            for k in 0..len {
                let (i, j) = (self.at_a[old + k] as usize, self.at_b[new + k] as usize);
                match self.out.last_mut() {
                    Some(r) if r.0 + r.2 == i && r.1 + r.2 == j => r.2 += 1,
                    _ => self.out.push((i, j, 1)),
                }
            }
            Ok(())
        }
    }
    out.clear();
    let RunScratch {
        keep_a,
        keep_b,
        at_a,
        at_b,
    } = scratch;
    let keep = |terms: &[u64], other: &[u64], keep: &mut Vec<u64>, at: &mut Vec<u32>| {
        let bits = TermBits::new(other);
        keep.clear();
        at.clear();
        keep.reserve(terms.len());
        at.reserve(terms.len());
        for (k, &t) in terms.iter().enumerate() {
            if bits.may_have(t) {
                keep.push(t);
                at.push(k as u32);
            }
        }
    };
    keep(a, b, keep_a, at_a);
    keep(b, a, keep_b, at_b);
    let mut runs = Runs { out, at_a, at_b };
    let Ok(()) = myers::diff(&mut runs, keep_a, 0..keep_a.len(), keep_b, 0..keep_b.len());
}

/// Whether the diff of `a` against `b` could turn on a mark `out` lacks:
/// `false` when no unmarked token of `a` can lie in a run the diff would
/// keep. A run is a stretch `a` and `b` share in order; an unmarked
/// content word needs its term in `b`, an unmarked function word a shared
/// stretch of two or more tokens around it with a content word. Gives up
/// (`true`) after a bounded amount of work.
fn diff_may_mark(a: &Side, b: &Side, out: &[bool]) -> bool {
    let (ta, tb) = (&a.terms[..], &b.terms[..]);
    // Positions of `b` by term, as (term, position) packed in one integer
    // (the same order as the pair; one sort for the engine's wide keys).
    let mut at: Vec<u128> = tb
        .iter()
        .enumerate()
        .map(|(j, &t)| (t as u128) << 32 | j as u128)
        .collect();
    at.sort_unstable();
    let term_of = |e: u128| (e >> 32) as u64;
    let mut budget = 8 * (ta.len() + tb.len()) + 64;
    for (k, &term) in ta.iter().enumerate() {
        if out[k] {
            continue;
        }
        let first = at.partition_point(|&e| term_of(e) < term);
        if a.toks[k].class != Class::Stop {
            if at.get(first).is_some_and(|&e| term_of(e) == term) {
                return true;
            }
            continue;
        }
        for &e in &at[first..] {
            if term_of(e) != term {
                break;
            }
            let j = e as u32 as usize;
            // The longest shared stretch through (k, j).
            let mut s = 0;
            while s < k && s < j && ta[k - s - 1] == tb[j - s - 1] {
                s += 1;
            }
            let mut e = 1;
            while k + e < ta.len() && j + e < tb.len() && ta[k + e] == tb[j + e] {
                e += 1;
            }
            if s + e >= 2 && a.toks[k - s..k + e].iter().any(|t| t.class != Class::Stop) {
                return true;
            }
            budget = match budget.checked_sub(s + e + 1) {
                Some(b) => b,
                None => return true,
            };
        }
    }
    false
}

/// For each member (token slices), which of its tokens the group shares.
pub(crate) fn shared_flags(members: &[&[Tok]]) -> Vec<Vec<bool>> {
    let mut flags: Vec<Vec<bool>> = members.iter().map(|m| vec![false; m.len()]).collect();
    let sides: Vec<Side> = members.iter().map(|m| Side::new(m)).collect();
    let mut scratch = MarkScratch::default();
    if members.len() <= ALL_PAIRS_MEMBERS {
        for (x, f) in flags.iter_mut().enumerate() {
            for (y, other) in sides.iter().enumerate() {
                if x != y {
                    mark(&sides[x], other, f, &mut scratch);
                }
            }
        }
    } else {
        let pivot = (0..members.len())
            .max_by_key(|&k| (members[k].len(), std::cmp::Reverse(k)))
            .unwrap_or(0);
        for (x, f) in flags.iter_mut().enumerate() {
            if x == pivot {
                for (y, other) in sides.iter().enumerate() {
                    if y != pivot {
                        mark(&sides[pivot], other, f, &mut scratch);
                    }
                }
            } else {
                mark(&sides[x], &sides[pivot], f, &mut scratch);
            }
        }
    }
    flags
}

/// The evidence of a group: terms found in two or more members, strongest
/// first, as names, numbers and other words.
pub(crate) fn evidence(members: &[(&Prepared, &[Tok])], w: &Weights) -> Evidence {
    // (term, class, members carrying it)
    let mut seen: Vec<(u64, Class, u32)> =
        Vec::with_capacity(members.iter().map(|m| m.1.len()).sum());
    let mut ts: Vec<(u64, Class)> = Vec::new();
    for (_, toks) in members {
        ts.clear();
        ts.extend(
            toks.iter()
                .filter(|t| t.class != Class::Stop)
                .map(|t| (t.term, t.class)),
        );
        crate::sort::sort_unstable_by(&mut ts, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        ts.dedup_by_key(|e| e.0);
        for &(t, c) in &ts {
            match seen.binary_search_by_key(&t, |e| e.0) {
                Ok(k) => {
                    seen[k].1 = seen[k].1.max(c);
                    seen[k].2 += 1;
                }
                Err(k) => seen.insert(k, (t, c, 1)),
            }
        }
    }
    let mut found: Vec<(f32, String, Class)> = seen
        .into_iter()
        .filter(|e| e.2 >= 2 && e.1 != Class::Common)
        .filter_map(|(t, c, _)| {
            let word = members
                .iter()
                .filter_map(|(d, _)| d.word(t))
                .min()?
                .to_string();
            Some((w.weight(t, c), word, c))
        })
        .collect();
    crate::sort::sort_by(&mut found, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut ev = Evidence::default();
    for (_, word, class) in found {
        let list = match class {
            Class::Name => &mut ev.names,
            Class::Number => &mut ev.numbers,
            _ => &mut ev.words,
        };
        if list.len() < 12 && !list.contains(&word) {
            list.push(word);
        }
    }
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The length of a longest common subsequence (plain dynamic programme).
    fn lcs(a: &[u64], b: &[u64]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for &x in a {
            let mut diag = 0;
            for (j, &y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
                diag = up;
            }
        }
        row[b.len()]
    }

    #[test]
    fn equal_runs_are_a_longest_common_subsequence() {
        // Terms from a small alphabet (many repeats, many ties) and from a
        // large one (most tokens unmatched), including terms that collide
        // in the membership bits.
        let mut rand = crate::engine::xorshift(7);
        let mut scratch = RunScratch::default();
        let mut runs = Vec::new();
        for case in 0..400 {
            let alphabet = [3u64, 8, 40, 1000][case % 4];
            let mut seq = |n: usize| -> Vec<u64> {
                (0..n)
                    .map(|_| (rand() % alphabet) * SET_BITS as u64 + rand() % 2)
                    .collect()
            };
            let (la, lb) = (case % 37, (case * 7) % 41);
            let (a, b) = (seq(la), seq(lb));
            equal_runs(&a, &b, &mut runs, &mut scratch);
            let mut total = 0;
            let (mut next_a, mut next_b) = (0, 0);
            for (k, &(i, j, len)) in runs.iter().enumerate() {
                assert!(
                    len > 0 && i >= next_a && j >= next_b,
                    "{a:?} {b:?} {runs:?}"
                );
                assert_eq!(a[i..i + len], b[j..j + len], "{a:?} {b:?} {runs:?}");
                if k > 0 {
                    // Adjacent runs are joined.
                    assert!(i > next_a || j > next_b, "{a:?} {b:?} {runs:?}");
                }
                (next_a, next_b) = (i + len, j + len);
                total += len;
            }
            assert_eq!(total, lcs(&a, &b), "{a:?} {b:?} {runs:?}");
        }
        // Identical and disjoint sequences.
        equal_runs(&[1, 2, 3], &[1, 2, 3], &mut runs, &mut scratch);
        assert_eq!(runs, vec![(0, 0, 3)]);
        equal_runs(&[1, 2, 3], &[4, 5], &mut runs, &mut scratch);
        assert!(runs.is_empty());
        equal_runs(&[9, 1, 2, 9, 3], &[1, 2, 7, 3], &mut runs, &mut scratch);
        assert_eq!(runs, vec![(1, 0, 2), (4, 3, 1)]);
    }
}

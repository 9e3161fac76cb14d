//! Word-level alignment of group members, and the evidence a group shows.

use similar::algorithms::{myers, DiffHook};

use super::link::Weights;
use super::prepare::{Class, Prepared, Tok};
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
        let mut content: Vec<u64> = toks
            .iter()
            .filter(|t| t.class != Class::Stop)
            .map(|t| t.term)
            .collect();
        crate::sort::sort_unstable(&mut content);
        content.dedup();
        Side {
            toks,
            terms,
            content,
        }
    }
}

/// Marks, for each token of `a`, whether `b` carries it: in the same order
/// (a function word only inside a run of two or more matched words), or,
/// for a content word, anywhere in `b`.
fn mark(a: &Side, b: &Side, out: &mut [bool]) {
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
    let mut runs = Vec::new();
    equal_runs(&a.terms, &b.terms, &mut runs, &mut RunScratch::default());
    for (old_index, _, len) in runs {
        apply(out, old_index, len);
    }
}

/// Buffers [`equal_runs`] reuses from one call to the next.
#[derive(Default)]
pub(crate) struct RunScratch {
    /// Sorted distinct terms of each side.
    set_a: Vec<u64>,
    set_b: Vec<u64>,
    /// The tokens each side shares a term with the other: (term, index).
    keep_a: Vec<u64>,
    keep_b: Vec<u64>,
    at_a: Vec<u32>,
    at_b: Vec<u32>,
}

/// The runs `(index in a, index in b, length)` the two term sequences
/// share in order (Myers' diff), adjacent runs joined, into `out` (cleared
/// first). Tokens whose term the other side lacks can never be matched, so
/// the diff runs on the rest alone (far shorter, with far fewer edits) and
/// its matches are mapped back, cut into runs where the original sequences
/// are not consecutive.
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
        set_a,
        set_b,
        keep_a,
        keep_b,
        at_a,
        at_b,
    } = scratch;
    let sorted_set = |set: &mut Vec<u64>, terms: &[u64]| {
        set.clear();
        set.extend_from_slice(terms);
        crate::sort::sort_unstable(set);
        set.dedup();
    };
    sorted_set(set_a, a);
    sorted_set(set_b, b);
    let keep = |terms: &[u64], other: &[u64], keep: &mut Vec<u64>, at: &mut Vec<u32>| {
        keep.clear();
        at.clear();
        for (k, &t) in terms.iter().enumerate() {
            if other.binary_search(&t).is_ok() {
                keep.push(t);
                at.push(k as u32);
            }
        }
    };
    keep(a, set_b, keep_a, at_a);
    keep(b, set_a, keep_b, at_b);
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
    // Positions of `b` by term.
    let mut at: Vec<(u64, u32)> = tb.iter().enumerate().map(|(j, &t)| (t, j as u32)).collect();
    at.sort_unstable();
    let mut budget = 8 * (ta.len() + tb.len()) + 64;
    for (k, &term) in ta.iter().enumerate() {
        if out[k] {
            continue;
        }
        let first = at.partition_point(|e| e.0 < term);
        if a.toks[k].class != Class::Stop {
            if at.get(first).is_some_and(|e| e.0 == term) {
                return true;
            }
            continue;
        }
        for &(t, j) in &at[first..] {
            if t != term {
                break;
            }
            let j = j as usize;
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
    if members.len() <= ALL_PAIRS_MEMBERS {
        for (x, f) in flags.iter_mut().enumerate() {
            for (y, other) in sides.iter().enumerate() {
                if x != y {
                    mark(&sides[x], other, f);
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
                        mark(&sides[pivot], other, f);
                    }
                }
            } else {
                mark(&sides[x], &sides[pivot], f);
            }
        }
    }
    flags
}

/// The evidence of a group: terms found in two or more members, strongest
/// first, as names, numbers and other words.
pub(crate) fn evidence(members: &[(&Prepared, &[Tok])], w: &Weights) -> Evidence {
    // (term, class, members carrying it)
    let mut seen: Vec<(u64, Class, u32)> = Vec::new();
    for (_, toks) in members {
        let mut ts: Vec<(u64, Class)> = toks
            .iter()
            .filter(|t| t.class != Class::Stop)
            .map(|t| (t.term, t.class))
            .collect();
        crate::sort::sort_unstable_by(&mut ts, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        ts.dedup_by_key(|e| e.0);
        for (t, c) in ts {
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

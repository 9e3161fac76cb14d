//! Verdicts on every candidate of a set: cut into runs per core, each
//! pair of recurring contents judged once, and the facts of an earlier
//! comparison reused (the memo).

#[cfg(not(target_arch = "wasm32"))]
use super::cores;
use super::prepare::Prepared;
use super::{cluster, keys, link, weights};

/// What the verdicts of a comparison found that depends on the tokens of
/// the two units alone ([`link::Facts`]), by candidate. Documents keep
/// their units, so the next comparison reuses the facts of the pairs of
/// documents both compare, and weighs them with its own rarities: the
/// verdicts are the same as without them. Only candidates judged past the
/// first sums are kept (about half; the rest cost little to judge again);
/// pairs the next comparison does not judge are forgotten.
pub(super) struct Memo {
    /// The documents' keys in canonical order (ascending).
    pub keys: Vec<u64>,
    /// Candidates (sorted, canonical indices) with their facts.
    pub facts: Vec<(link::SetCand, link::Facts)>,
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
pub(super) fn judge_all(
    canon: &[&Prepared],
    weights: &weights::Weights,
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
    weights: &'a weights::Weights,
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
        weights: &'a weights::Weights,
        old: Option<(&'a Memo, &[u64])>,
    ) -> Self {
        let content: Vec<Vec<u64>> = canon.iter().map(|d| content_keys(d)).collect();
        // Units whose contents occur more than once in the set: a pair of
        // contents can recur only when one of its units is one of them, so
        // only such pairs go through the memo.
        let mut occurs: keys::KeyMap<u64, u32> = keys::KeyMap::default();
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
                keys::mix(
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
    keys::sort_keys(&mut keyed);
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
                    keys::mix(keys::mix(h, t.term), c)
                });
            u.speakers.iter().fold(toks, |h, &s| keys::mix(h, s))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::prepare;
    use crate::model::Kind;

    /// Thirty articles of sentences from one pool of wire copy, each copy
    /// with a word dropped or changed now and then: thousands of
    /// candidates, many of them links.
    fn wire_copies() -> Vec<Prepared> {
        let mut rand = crate::engine::xorshift(11);
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
        let weights = weights::Weights::new(docs);
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
            let weights = weights::Weights::new(&after);
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

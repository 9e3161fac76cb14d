//! Assembling the [`Comparison`] from clustered drafts: each group's
//! members word by word and its evidence, pair shares, and what each
//! article carries alone.

use super::input::InputDoc;
use super::prepare::{self, Prepared};
use super::{align, cluster, cores, linker, weights};
use crate::model::{Comparison, Document, Group, Member, PairShare, Span, Word};

/// Below this many groups for each core, building them on threads costs
/// more than it saves.
const GROUPS_PER_THREAD: usize = 8;

/// One group of the result from its draft: each member word by word, and
/// the evidence.
fn build_group(
    dr: &cluster::Draft,
    order: &[usize],
    canon: &[&Prepared],
    weights: &weights::Weights,
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
pub(super) fn assemble(
    docs: &[InputDoc],
    order: &[usize],
    canon: &[&Prepared],
    drafts: &[cluster::Draft],
    weights: &weights::Weights,
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

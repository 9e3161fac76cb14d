//! Clustering pairwise unit links into passage groups: one member (a run
//! of adjacent units) per document per group.
//!
//! Links are taken strongest first (ties broken by position in the
//! canonical document order, so the outcome never depends on input order).
//! A link joins two units' groups when that keeps at most one member per
//! document, where a member may grow by one adjacent unit at a time. Groups
//! that continue each other in every document they share are then merged,
//! so one reused paragraph is one passage rather than a row of sentences.

use std::collections::HashMap;

use crate::model::Kind;

/// A link between unit `i` of document `a` and unit `j` of document `b`
/// (canonical document indices, `a < b`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Link {
    pub a: u32,
    pub i: u32,
    pub b: u32,
    pub j: u32,
    pub score: f32,
    pub kind: Kind,
}

/// A group before rendering: member unit ranges (inclusive), by document.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    /// (document, first unit, last unit), sorted by document.
    pub members: Vec<(u32, u32, u32)>,
    pub score_sum: f32,
    pub links: u32,
    /// The loosest kind among the links that built the group.
    pub kind: Kind,
    /// A link left out of the groups, kept as a group of its two units.
    pub pair_only: bool,
    alive: bool,
}

const NONE: u32 = u32::MAX;

/// Support is counted against at most this many members: a unit joins a
/// large group when it is linked to a majority of this many of its members
/// (copies of one passage in many articles are linked in overlapping
/// windows, not every copy to every other).
const SUPPORT_CAP: usize = 6;

/// Support `n` of `k` members, capped at [`SUPPORT_CAP`].
fn capped(n: usize, k: usize) -> (usize, usize) {
    let k = k.min(SUPPORT_CAP);
    (n.min(k), k)
}

struct State {
    owner: Vec<Vec<u32>>,
    groups: Vec<Draft>,
    /// Every link, both ways, by unit: `adj[start[d] + u]` lists the
    /// (document, unit) pairs linked to unit `u` of document `d`.
    adj: Adjacency,
    /// Per group, bumped whenever its members change.
    version: Vec<u32>,
    /// Merges that failed, with both groups' versions at the time: they
    /// fail again until either group changes.
    failed: HashMap<(u32, u32), (u32, u32)>,
    /// Scratch: the last query that counted each document (see `support`).
    stamp: Vec<u32>,
    query: u32,
}

/// Links by unit, in compressed rows.
struct Adjacency {
    /// First row of each document.
    start: Vec<usize>,
    /// Row `r` is `targets[offsets[r]..offsets[r + 1]]`.
    offsets: Vec<usize>,
    targets: Vec<(u32, u32)>,
}

impl Adjacency {
    fn new(links: &[Link], units: &[usize]) -> Self {
        let mut start = Vec::with_capacity(units.len() + 1);
        let mut rows = 0usize;
        for &n in units {
            start.push(rows);
            rows += n;
        }
        start.push(rows);
        let row = |d: u32, u: u32| -> Option<usize> {
            let d = d as usize;
            let n = units.get(d).copied()?;
            ((u as usize) < n).then(|| start[d] + u as usize)
        };
        let mut counts = vec![0usize; rows + 1];
        for l in links {
            if let (Some(ra), Some(rb)) = (row(l.a, l.i), row(l.b, l.j)) {
                counts[ra] += 1;
                counts[rb] += 1;
            }
        }
        let mut offsets = vec![0usize; rows + 1];
        for r in 0..rows {
            offsets[r + 1] = offsets[r] + counts[r];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![(0u32, 0u32); offsets[rows]];
        for l in links {
            if let (Some(ra), Some(rb)) = (row(l.a, l.i), row(l.b, l.j)) {
                targets[fill[ra]] = (l.b, l.j);
                fill[ra] += 1;
                targets[fill[rb]] = (l.a, l.i);
                fill[rb] += 1;
            }
        }
        Adjacency {
            start,
            offsets,
            targets,
        }
    }

    /// The units linked to unit `u` of document `d`.
    fn of(&self, d: u32, u: u32) -> &[(u32, u32)] {
        let d = d as usize;
        let Some(&s) = self.start.get(d) else {
            return &[];
        };
        let r = s + u as usize;
        if d + 1 >= self.start.len() || r >= self.start[d + 1] {
            return &[];
        }
        &self.targets[self.offsets[r]..self.offsets[r + 1]]
    }
}

impl State {
    fn member(&self, g: u32, doc: u32) -> Option<(u32, u32)> {
        let ms = &self.groups[g as usize].members;
        ms.binary_search_by_key(&doc, |m| m.0)
            .ok()
            .map(|k| (ms[k].1, ms[k].2))
    }

    fn set_owner(&mut self, doc: u32, u0: u32, u1: u32, g: u32) {
        if let Some(v) = self.version.get_mut(g as usize) {
            *v = v.wrapping_add(1);
        }
        if let Some(row) = self.owner.get_mut(doc as usize) {
            for u in u0..=u1 {
                if let Some(o) = row.get_mut(u as usize) {
                    *o = g;
                }
            }
        }
    }

    /// How many members of `g` (other than in `doc`) hold a unit linked to
    /// any unit of `doc` in `u0..=u1`, and how many members there are.
    fn support(&mut self, g: u32, doc: u32, u0: u32, u1: u32) -> (usize, usize) {
        let members = &self.groups[g as usize].members;
        let k = members.len() - members.iter().any(|m| m.0 == doc) as usize;
        // Each linked unit owned by `g` in another document counts that
        // document once (owners always match the members' ranges).
        self.query = self.query.wrapping_add(1);
        if self.query == 0 {
            self.stamp.fill(0);
            self.query = 1;
        }
        let mut n = 0;
        for y in u0..=u1 {
            for &(d, x) in self.adj.of(doc, y) {
                if d == doc {
                    continue;
                }
                let owned = self
                    .owner
                    .get(d as usize)
                    .and_then(|r| r.get(x as usize))
                    .is_some_and(|&o| o == g);
                if owned && self.stamp[d as usize] != self.query {
                    self.stamp[d as usize] = self.query;
                    n += 1;
                }
            }
        }
        (n, k)
    }

    /// Adds unit `u` of `doc` to group `g` if the group has no member there
    /// or its member there is adjacent, and the unit is linked to more than
    /// half of the group's other members (no chaining of different facts).
    fn try_add(&mut self, g: u32, doc: u32, u: u32) -> bool {
        let (n, k) = self.support(g, doc, u, u);
        let (n, k) = capped(n, k);
        let extends = self.member(g, doc).is_some();
        let enough = if extends { 2 * n >= k } else { 2 * n > k };
        if !enough {
            return false;
        }
        let ms = &mut self.groups[g as usize].members;
        match ms.binary_search_by_key(&doc, |m| m.0) {
            Err(pos) => ms.insert(pos, (doc, u, u)),
            Ok(k) => {
                let (_, r0, r1) = ms[k];
                if r1.checked_add(1) == Some(u) {
                    ms[k].2 = u;
                } else if u.checked_add(1) == Some(r0) {
                    ms[k].1 = u;
                } else {
                    return false;
                }
            }
        }
        self.set_owner(doc, u, u, g);
        true
    }

    /// Merges group `h` into `g` when every document they share holds
    /// adjacent members.
    fn try_merge(&mut self, g: u32, h: u32, check_support: bool) -> bool {
        let versions = (self.version[g as usize], self.version[h as usize]);
        if self.failed.get(&(g, h)) == Some(&versions) {
            return false;
        }
        let merged = self.merge(g, h, check_support);
        if !merged {
            self.failed.insert((g, h), versions);
        }
        merged
    }

    fn merge(&mut self, g: u32, h: u32, check_support: bool) -> bool {
        let hm = self.groups[h as usize].members.clone();
        // Members in one document must be adjacent (checked first: it is
        // cheap, and either check failing refuses the merge).
        for &(doc, r0, r1) in &hm {
            if let Some((s0, s1)) = self.member(g, doc) {
                let adjacent = s1.checked_add(1) == Some(r0) || r1.checked_add(1) == Some(s0);
                if !adjacent {
                    return false;
                }
            }
        }
        // Cross support: linked member pairs between the two groups.
        let gm_len = self.groups[g as usize].members.len();
        let mut cross = 0;
        let mut possible = 0;
        for &(doc, r0, r1) in &hm {
            let (n, k) = self.support(g, doc, r0, r1);
            let (n, k) = capped(n, k);
            cross += n;
            possible += k;
        }
        if check_support && possible > 0 && 2 * cross <= possible && gm_len + hm.len() > 2 {
            return false;
        }
        for &(doc, r0, r1) in &hm {
            let ms = &mut self.groups[g as usize].members;
            match ms.binary_search_by_key(&doc, |m| m.0) {
                Err(pos) => ms.insert(pos, (doc, r0, r1)),
                Ok(k) => {
                    ms[k].1 = ms[k].1.min(r0);
                    ms[k].2 = ms[k].2.max(r1);
                }
            }
            self.set_owner(doc, r0, r1, g);
        }
        let (s, l, kind) = {
            let hd = &self.groups[h as usize];
            (hd.score_sum, hd.links, hd.kind)
        };
        let gd = &mut self.groups[g as usize];
        gd.score_sum += s;
        gd.links += l;
        gd.kind = gd.kind.max(kind);
        let hd = &mut self.groups[h as usize];
        hd.alive = false;
        hd.members.clear();
        true
    }
}

/// Clusters links (any order) over documents with `units[d]` units each.
/// With `keep_left_out`, links the groups leave out and weaker links are
/// kept as groups of two.
pub(crate) fn cluster(links: &mut [Link], units: &[usize], keep_left_out: bool) -> Vec<Draft> {
    crate::sort::sort_by(links, |x, y| {
        y.score
            .total_cmp(&x.score)
            .then((x.a, x.i, x.b, x.j).cmp(&(y.a, y.i, y.b, y.j)))
    });
    // Weaker links (below the default probability) join no group: each is
    // kept as a group of its own two units, shown on request.
    let strong = links.partition_point(|l| l.score >= super::linker::DEFAULT);
    let mut st = State {
        owner: units.iter().map(|&n| vec![NONE; n]).collect(),
        groups: Vec::new(),
        adj: Adjacency::new(&links[..strong], units),
        version: Vec::new(),
        failed: HashMap::new(),
        stamp: vec![0; units.len()],
        query: 0,
    };
    let own = |st: &State, d: u32, u: u32| -> u32 {
        st.owner
            .get(d as usize)
            .and_then(|r| r.get(u as usize))
            .copied()
            .unwrap_or(NONE)
    };
    for l in links[..strong].iter() {
        if l.a == l.b {
            continue;
        }
        let ga = own(&st, l.a, l.i);
        let gb = own(&st, l.b, l.j);
        let joined = match (ga, gb) {
            (NONE, NONE) => {
                let g = st.groups.len() as u32;
                st.version.push(0);
                let mut members = vec![(l.a, l.i, l.i), (l.b, l.j, l.j)];
                crate::sort::sort_unstable(&mut members);
                st.groups.push(Draft {
                    members,
                    score_sum: 0.0,
                    links: 0,
                    kind: l.kind,
                    pair_only: false,
                    alive: true,
                });
                st.set_owner(l.a, l.i, l.i, g);
                st.set_owner(l.b, l.j, l.j, g);
                Some(g)
            }
            (g, NONE) => st.try_add(g, l.b, l.j).then_some(g),
            (NONE, g) => st.try_add(g, l.a, l.i).then_some(g),
            (g, h) if g == h => Some(g),
            (g, h) => st.try_merge(g, h, true).then_some(g),
        };
        if let Some(g) = joined {
            let d = &mut st.groups[g as usize];
            d.score_sum += l.score;
            d.links += 1;
            d.kind = d.kind.max(l.kind);
        }
    }
    merge_continuations(&mut st);
    // Links are not exclusive: a sentence may report a fact two sentences
    // of another article tell, and a group holds one member per article.
    // A link whose two units no group holds together is kept as a group
    // of its own, so no view hides it.
    let mut left_out: Vec<Draft> = links
        .iter()
        .enumerate()
        .filter(|&(k, l)| {
            let g = own(&st, l.a, l.i);
            keep_left_out && l.a != l.b && (k >= strong || g == NONE || g != own(&st, l.b, l.j))
        })
        .map(|(_, l)| l)
        .map(|l| Draft {
            members: vec![(l.a, l.i, l.i), (l.b, l.j, l.j)],
            score_sum: l.score,
            links: 1,
            kind: l.kind,
            pair_only: true,
            alive: true,
        })
        .collect();
    let mut out: Vec<Draft> = st.groups.into_iter().filter(|g| g.alive).collect();
    out.append(&mut left_out);
    out
}

/// Merges groups that continue each other in every document they share,
/// with the same set of documents.
fn merge_continuations(st: &mut State) {
    loop {
        let mut order: Vec<u32> = (0..st.groups.len() as u32)
            .filter(|&g| st.groups[g as usize].alive)
            .collect();
        crate::sort::sort_by(&mut order, |&x, &y| {
            let mx = &st.groups[x as usize].members;
            let my = &st.groups[y as usize].members;
            let kx: Vec<u32> = mx.iter().map(|m| m.0).collect();
            let ky: Vec<u32> = my.iter().map(|m| m.0).collect();
            kx.cmp(&ky).then(mx[0].1.cmp(&my[0].1))
        });
        let mut changed = false;
        let mut k = 0;
        while k + 1 < order.len() {
            let (g, h) = (order[k], order[k + 1]);
            let follows = {
                let mg = &st.groups[g as usize].members;
                let mh = &st.groups[h as usize].members;
                mg.len() == mh.len()
                    && mg
                        .iter()
                        .zip(mh)
                        .all(|(x, y)| x.0 == y.0 && x.2.checked_add(1) == Some(y.1))
            };
            if follows && st.try_merge(g, h, false) {
                changed = true;
                order.remove(k + 1);
            } else {
                k += 1;
            }
        }
        if !changed {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(a: u32, i: u32, b: u32, j: u32, score: f32) -> Link {
        Link {
            a,
            i,
            b,
            j,
            score,
            kind: Kind::Near,
        }
    }

    #[test]
    fn four_outlets_one_group() {
        let mut l = vec![
            link(0, 1, 1, 2, 0.9),
            link(0, 1, 2, 0, 0.8),
            link(1, 2, 3, 5, 0.7),
            link(2, 0, 3, 5, 0.6),
            link(0, 1, 3, 5, 0.6),
            link(1, 2, 2, 0, 0.9),
        ];
        let g = cluster(&mut l, &[3, 3, 3, 6], true);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].members, [(0, 1, 1), (1, 2, 2), (2, 0, 0), (3, 5, 5)]);
    }

    #[test]
    fn one_member_per_document() {
        // Unit 0:1 links to two far-apart units of document 1: one group,
        // and the other link kept as a group of its own (links are not
        // exclusive).
        let mut l = vec![link(0, 1, 1, 0, 0.9), link(0, 1, 1, 5, 0.8)];
        let g = cluster(&mut l, &[3, 6], true);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].members, [(0, 1, 1), (1, 0, 0)]);
        assert!(!g[0].pair_only);
        assert_eq!(g[1].members, [(0, 1, 1), (1, 5, 5)]);
        assert!(g[1].pair_only);
    }

    #[test]
    fn weaker_links_join_no_group() {
        let weak = crate::engine::linker::DEFAULT * 0.9;
        let mut l = vec![
            link(0, 0, 1, 0, 0.9),
            link(0, 1, 1, 1, weak),
            link(0, 0, 2, 0, weak),
        ];
        let g = cluster(&mut l, &[3, 3, 3], true);
        assert_eq!(g.len(), 3);
        assert_eq!(g[0].members, [(0, 0, 0), (1, 0, 0)]);
        assert!(g[1..].iter().all(|d| d.pair_only && d.members.len() == 2));
    }

    #[test]
    fn adjacent_sentences_merge() {
        let mut l = vec![
            link(0, 0, 1, 3, 0.9),
            link(0, 1, 1, 4, 0.5),
            link(0, 2, 1, 5, 0.7),
        ];
        let g = cluster(&mut l, &[3, 6], true);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].members, [(0, 0, 2), (1, 3, 5)]);
    }
}

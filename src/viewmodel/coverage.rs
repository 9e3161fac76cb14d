//! From a [`Comparison`] to what the views draw: which passage groups pass
//! the reader's filters, each article cut into plain and shared segments,
//! how many other outlets carry each part of an article, word runs inside a
//! passage, and the sources each passage cites. Pure Rust, tested natively.

use crate::model::{Comparison, Group, Kind, Member, PairShare};
use crate::viewmodel::attribution::{self, Attribution};
use crate::viewmodel::viewstate::{is_shown, ViewState};

/// A piece of an article: plain text or part of one shared passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Start in chars.
    pub start: usize,
    /// End in chars (exclusive).
    pub end: usize,
    /// The passage group shown here, if any.
    pub group: Option<usize>,
}

/// A run of text inside a passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// Start in chars.
    pub start: usize,
    /// End in chars (exclusive).
    pub end: usize,
    /// `Some(true)`: words shared with the other wording(s); `Some(false)`:
    /// words that differ; `None`: spaces and punctuation between them.
    pub shared: Option<bool>,
}

/// Sources cited by the articles and their passages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Citations {
    /// Per article, every attribution in its text.
    pub by_doc: Vec<Vec<Attribution>>,
    /// Per article, its sentences (char ranges).
    pub sentences: Vec<Vec<(usize, usize)>>,
    /// Per group, the keys of the sources its members' sentences cite.
    pub by_group: Vec<Vec<String>>,
}

/// Finds the sources in each article (`texts[i]` is article `i`) and which
/// ones each passage group cites.
pub fn citations(cmp: &Comparison, texts: &[&str]) -> Citations {
    let mut by_doc = Vec::with_capacity(texts.len());
    let mut sents = Vec::with_capacity(texts.len());
    for t in texts {
        by_doc.push(attribution::extract(t));
        sents.push(attribution::sentences(t));
    }
    attribution::merge_names(&mut by_doc);
    let by_group = cmp
        .groups
        .iter()
        .map(|g| {
            let mut keys: Vec<String> = g
                .members
                .iter()
                .filter(|m| m.doc < texts.len())
                .flat_map(|m| {
                    attribution::cited_in(&by_doc[m.doc], &sents[m.doc], m.span.start, m.span.end)
                })
                .collect();
            crate::sort::sort_unstable(&mut keys);
            keys.dedup();
            keys
        })
        .collect();
    Citations {
        by_doc,
        sentences: sents,
        by_group,
    }
}

/// Which groups pass the filters of `vs`: similarity, kind, cited source,
/// and at least two members in articles that are not hidden. `cites` is
/// asked for the cited sources only when a source filters (finding them
/// costs).
pub fn visible_groups<'c>(
    cmp: &Comparison,
    vs: &ViewState,
    cites: impl FnOnce() -> &'c Citations,
) -> Vec<bool> {
    let by_source = vs.source.as_ref().map(|s| (s, &cites().by_group));
    cmp.groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let shown = visible_members(g, &vs.hidden).count();
            let source_ok = by_source.is_none_or(|(s, by_group)| {
                by_group
                    .get(i)
                    .is_some_and(|keys| keys.iter().any(|k| k == s))
            });
            g.score * 100.0 + 1e-9 >= f64::from(vs.min_score)
                && vs.shows_kind(g.kind)
                && shown >= 2
                && source_ok
        })
        .collect()
}

/// The members of `g` the views show: those in articles not `hidden`.
/// Every view asks this one function.
pub fn visible_members<'a>(
    g: &'a Group,
    hidden: &'a [usize],
) -> impl Iterator<Item = &'a Member> + 'a {
    g.members.iter().filter(move |m| is_shown(hidden, m.doc))
}

/// The share of each article's words found in each other one, counting
/// only the passage groups that pass the filters (`visible`): row `a`,
/// column `b` at `a * n + b`. With every group visible these are the
/// engine's numbers ([`share`]); otherwise each is scaled by the part of
/// the pair's shared words that visible groups hold.
pub fn visible_shares(cmp: &Comparison, visible: &[bool]) -> Vec<f64> {
    let n = cmp.documents.len();
    let mut out = vec![0.0; n * n];
    let mut counts: Option<(Vec<usize>, Vec<usize>)> = None;
    if !visible.iter().all(|&v| v) || visible.len() < cmp.groups.len() {
        let (mut all, mut shown) = (vec![0usize; n * n], vec![0usize; n * n]);
        for (i, g) in cmp.groups.iter().enumerate() {
            let on = visible.get(i).copied().unwrap_or(false);
            for x in g.members.iter().filter(|m| m.doc < n) {
                let w = x.words.iter().filter(|w| w.shared).count();
                for y in g.members.iter().filter(|y| y.doc != x.doc && y.doc < n) {
                    all[x.doc * n + y.doc] += w;
                    if on {
                        shown[x.doc * n + y.doc] += w;
                    }
                }
            }
        }
        counts = Some((all, shown));
    }
    for a in 0..n {
        for b in (0..n).filter(|&b| b != a) {
            let v = share(cmp, a, b).unwrap_or(0.0);
            out[a * n + b] = match &counts {
                None => v,
                Some((all, shown)) => {
                    let (t, s) = (all[a * n + b], shown[a * n + b]);
                    if t == 0 {
                        0.0
                    } else {
                        v * s as f64 / t as f64
                    }
                }
            };
        }
    }
    out
}

/// The part of member `m` the other wordings carry: the longest stretch of
/// shared words (a single differing word inside it is bridged), as a char
/// range; the whole span when no word is shared.
pub fn shared_core(m: &Member) -> (usize, usize) {
    let mut best: Option<(usize, usize, usize)> = None; // (count, first, last)
    let mut run: Option<(usize, usize, usize)> = None;
    let mut gap = 0;
    for (i, w) in m.words.iter().enumerate() {
        if w.shared {
            run = Some(match run {
                Some((c, f, _)) => (c + 1, f, i),
                None => (1, i, i),
            });
            gap = 0;
        } else {
            gap += 1;
            if gap > 1 {
                run = None;
            }
        }
        if let Some(r) = run {
            if best.is_none_or(|b| r.0 > b.0) {
                best = Some(r);
            }
        }
    }
    match best {
        Some((_, f, l)) => (m.words[f].span.start, m.words[l].span.end),
        None => (m.span.start, m.span.end),
    }
}

/// The member of group `g` in article `doc`.
pub fn member(cmp: &Comparison, g: usize, doc: usize) -> Option<&Member> {
    cmp.groups.get(g)?.members.iter().find(|m| m.doc == doc)
}

/// Length of article `doc` in chars.
fn doc_len(cmp: &Comparison, doc: usize) -> usize {
    cmp.documents.get(doc).map_or(0, |d| d.chars)
}

/// Elementary intervals of article `doc` and the visible groups covering
/// each: (start, end, groups).
fn intervals(cmp: &Comparison, doc: usize, visible: &[bool]) -> Vec<(usize, usize, Vec<usize>)> {
    let len = doc_len(cmp, doc);
    let mut spans: Vec<(usize, usize, usize)> = cmp
        .groups
        .iter()
        .enumerate()
        .filter(|(i, _)| visible.get(*i).copied().unwrap_or(false))
        .filter_map(|(i, g)| {
            let m = g.members.iter().find(|m| m.doc == doc)?;
            let (s, e) = (m.span.start.min(len), m.span.end.min(len));
            (s < e).then_some((s, e, i))
        })
        .collect();
    let mut cuts: Vec<usize> = vec![0, len];
    for &(s, e, _) in &spans {
        cuts.push(s);
        cuts.push(e);
    }
    crate::sort::sort_unstable(&mut cuts);
    cuts.dedup();
    // One sweep: the spans open at each cut (every start and end is a
    // cut, so a span open at `w[0]` covers the whole interval).
    crate::sort::sort_unstable(&mut spans);
    let (mut next, mut open) = (0, Vec::new());
    cuts.windows(2)
        .map(|w| {
            open.retain(|&(_, e, _)| e > w[0]);
            while let Some(&sp) = spans.get(next).filter(|sp| sp.0 <= w[0]) {
                open.push(sp);
                next += 1;
            }
            let mut covering: Vec<usize> = open.iter().map(|&(_, _, g)| g).collect();
            crate::sort::sort_unstable(&mut covering);
            (w[0], w[1], covering)
        })
        .collect()
}

/// Article `doc` cut into segments covering `0..chars`, each plain or in
/// one visible group. Where groups overlap, the one with the most members
/// (then the lower id) is shown.
pub fn segments(cmp: &Comparison, doc: usize, visible: &[bool]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for (start, end, covering) in intervals(cmp, doc, visible) {
        let group = covering
            .into_iter()
            .max_by_key(|&g| (cmp.groups[g].members.len(), std::cmp::Reverse(g)));
        match out.last_mut() {
            Some(last) if last.group == group && last.end == start => last.end = end,
            _ => out.push(Segment { start, end, group }),
        }
    }
    out
}

/// Article `doc` cut into (start, end, n): `n` is how many other articles
/// (not hidden) carry that part in a visible passage; 0 means only this
/// article has it.
pub fn coverage(
    cmp: &Comparison,
    doc: usize,
    visible: &[bool],
    hidden: &[usize],
) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (start, end, covering) in intervals(cmp, doc, visible) {
        let mut others: Vec<usize> = covering
            .iter()
            .flat_map(|&g| cmp.groups[g].members.iter().map(|m| m.doc))
            .filter(|&d| d != doc && is_shown(hidden, d))
            .collect();
        crate::sort::sort_unstable(&mut others);
        others.dedup();
        let n = others.len();
        match out.last_mut() {
            Some(last) if last.2 == n && last.1 == start => last.1 = end,
            _ => out.push((start, end, n)),
        }
    }
    out
}

/// Share of article `a`'s words found in article `b` (0..=1).
///
/// The engine lists every pair once, `a < b`, row by row: the pair of
/// `lo < hi` among `n` articles sits at `lo*(2n-lo-1)/2 + (hi-lo-1)`. That
/// entry is read directly when it is the right one (constant time, so
/// views over hundreds of articles can ask for every pair); any other
/// layout falls back to a scan.
pub fn share(cmp: &Comparison, a: usize, b: usize) -> Option<f64> {
    // The share when `p` is the pair of `a` and `b`, in either order.
    let read = |p: &PairShare| {
        if p.a == a && p.b == b {
            Some(p.a_in_b)
        } else if p.a == b && p.b == a {
            Some(p.b_in_a)
        } else {
            None
        }
    };
    let n = cmp.documents.len();
    let (lo, hi) = (a.min(b), a.max(b));
    if lo != hi && hi < n {
        let at = lo * (2 * n - lo - 1) / 2 + (hi - lo - 1);
        if let Some(v) = cmp.pairs.get(at).and_then(read) {
            return Some(v);
        }
    }
    cmp.pairs.iter().find_map(read)
}

/// The text of `start..end` of member `m`'s segment cut into runs of shared
/// words, differing words and what lies between them.
pub fn runs(m: &Member, start: usize, end: usize) -> Vec<Run> {
    let mut words: Vec<_> = m
        .words
        .iter()
        .filter(|w| w.span.start >= start && w.span.end <= end && w.span.start < w.span.end)
        .collect();
    crate::sort::sort_by_key(&mut words, |w| w.span.start);
    // Words and the gaps between them, in order.
    let mut raw: Vec<Run> = Vec::new();
    let mut pos = start;
    for w in words {
        if w.span.start < pos {
            continue; // overlapping words: keep the first
        }
        if w.span.start > pos {
            raw.push(Run {
                start: pos,
                end: w.span.start,
                shared: None,
            });
        }
        raw.push(Run {
            start: w.span.start,
            end: w.span.end,
            shared: Some(w.shared),
        });
        pos = w.span.end;
    }
    if pos < end {
        raw.push(Run {
            start: pos,
            end,
            shared: None,
        });
    }
    // A gap between two words of one kind joins them into one run.
    let mut out: Vec<Run> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let r = raw[i];
        if let Some(last) = out.last_mut() {
            if r.shared.is_some() && last.shared == r.shared {
                last.end = r.end;
                i += 1;
                continue;
            }
            if r.shared.is_none() && last.shared.is_some() {
                if let Some(next) = raw.get(i + 1) {
                    if next.shared == last.shared {
                        last.end = next.end;
                        i += 2;
                        continue;
                    }
                }
            }
        }
        out.push(r);
        i += 1;
    }
    out
}

/// Char index → byte index of one text, for slicing by char offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Slicer {
    bytes: Vec<usize>,
}

impl Slicer {
    /// Builds the index of `text`.
    pub fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        Slicer { bytes }
    }

    /// The number of chars of the text.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `text[start..end]` in chars, clamped to the text.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> &'t str {
        let last = self.bytes.len() - 1;
        let (s, e) = (start.min(last), end.min(last));
        let (bs, be) = (self.bytes[s], self.bytes[e.max(s)]);
        text.get(bs..be).unwrap_or("")
    }
}

/// Cuts `start..end` at the `ignored` ranges (left out of the alignment):
/// (start, end, ignored) pieces covering `start..end` in order.
pub fn split_ignored(
    start: usize,
    end: usize,
    ignored: &[(usize, usize)],
) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut pos = start;
    let mut ranges: Vec<(usize, usize)> = ignored
        .iter()
        .map(|&(s, e)| (s.max(start), e.min(end)))
        .filter(|(s, e)| s < e)
        .collect();
    crate::sort::sort_unstable(&mut ranges);
    for (s, e) in ranges {
        if e <= pos {
            continue;
        }
        let s = s.max(pos);
        if s > pos {
            out.push((pos, s, false));
        }
        out.push((s, e, true));
        pos = e;
    }
    if pos < end {
        out.push((pos, end, false));
    }
    out
}

/// Counts of visible groups by kind: (verbatim, near, paraphrase).
pub fn kind_counts(cmp: &Comparison, visible: &[bool]) -> [usize; 3] {
    let mut c = [0; 3];
    for (g, v) in cmp.groups.iter().zip(visible) {
        if *v {
            c[match g.kind {
                Kind::Verbatim => 0,
                Kind::Near => 1,
                Kind::Paraphrase => 2,
            }] += 1;
        }
    }
    c
}

/// Coverage parts (`coverage`) as at most about `max` bars: parts that
/// start in one `1/max` of the article merge, taking the most carried
/// level and, as the place a click picks, the start of that part; then
/// neighbours of one level merge. Fewer than `max` parts are kept as
/// they are. Each bar: (start, end, others, pick).
pub fn thin_parts(
    parts: &[(usize, usize, usize)],
    max: usize,
) -> Vec<(usize, usize, usize, usize)> {
    let all = parts.iter().map(|&(s, e, n)| (s, e, n, s));
    if parts.len() <= max {
        return all.collect();
    }
    let len = parts.last().map_or(1, |p| p.1.max(1)) as u64;
    let mut out: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut last_bin = u64::MAX;
    for (s, e, n, pick) in all {
        let bin = s as u64 * max as u64 / len;
        match out.last_mut() {
            Some(b) if bin == last_bin || b.2 == n => {
                if n > b.2 {
                    (b.2, b.3) = (n, pick);
                }
                b.1 = e;
            }
            _ => out.push((s, e, n, pick)),
        }
        last_bin = bin;
    }
    out
}

/// Where chunks of items of these (cost, may end a chunk) end (exclusive
/// indexes), each chunk costing at least `budget` but the last: long lists
/// drawn a chunk per task.
pub fn chunk_ends(items: impl IntoIterator<Item = (usize, bool)>, budget: usize) -> Vec<usize> {
    let (mut ends, mut sum, mut i) = (Vec::new(), 0, 0);
    for (c, may_end) in items {
        i += 1;
        sum += c;
        if sum >= budget && may_end {
            ends.push(i);
            sum = 0;
        }
    }
    if ends.last().copied().unwrap_or(0) < i {
        ends.push(i);
    }
    ends
}

/// Level of a coverage part: 0 for text only this article has, else 1..=5
/// over the shared levels used (`n` other outlets out of at most `max`).
pub fn coverage_level(n: usize, max: usize) -> usize {
    if n == 0 {
        0
    } else if max <= 1 {
        2
    } else {
        1 + ((n - 1) as f64 * 4.0 / (max - 1) as f64).round() as usize
    }
    .min(5)
}

/// The coverage levels used with at most `max` other outlets, each with
/// the range of outlet counts it stands for: `(level, first, last)`.
pub fn coverage_ranges(max: usize) -> Vec<(usize, usize, usize)> {
    let max = max.max(1);
    let mut out: Vec<(usize, usize, usize)> = vec![(0, 0, 0)];
    for n in 1..=max {
        let level = coverage_level(n, max);
        match out.last_mut() {
            Some(last) if last.0 == level => last.2 = n,
            _ => out.push((level, n, n)),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Document, Evidence, Group, PairShare, Span, Word};

    /// A span of chars `start..end` (UTF-16 the same: ASCII).
    pub(crate) fn span(start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            start16: start,
            end16: end,
        }
    }

    /// A word at `start..end`, shared or not.
    pub(crate) fn word(start: usize, end: usize, shared: bool) -> Word {
        Word {
            span: span(start, end),
            shared,
        }
    }

    fn group(id: usize, kind: Kind, score: f64, members: &[(usize, usize, usize)]) -> Group {
        Group {
            id,
            kind,
            score,
            members: members
                .iter()
                .map(|&(doc, s, e)| Member {
                    doc,
                    span: span(s, e),
                    words: vec![],
                })
                .collect(),
            evidence: Evidence::default(),
        }
    }

    fn cmp() -> Comparison {
        Comparison {
            documents: (0..3)
                .map(|i| Document {
                    label: format!("D{i}"),
                    chars: 100,
                })
                .collect(),
            groups: vec![
                group(
                    0,
                    Kind::Verbatim,
                    1.0,
                    &[(0, 10, 30), (1, 0, 20), (2, 50, 70)],
                ),
                group(1, Kind::Paraphrase, 0.4, &[(0, 20, 40), (2, 0, 15)]),
                group(2, Kind::Near, 0.8, &[(0, 90, 120), (1, 40, 60)]),
            ],
            pairs: vec![PairShare {
                a: 0,
                b: 1,
                a_in_b: 0.25,
                b_in_a: 0.4,
            }],
            unique: vec![],
        }
    }

    #[test]
    fn segments_cover_the_article_and_prefer_bigger_groups() {
        let c = cmp();
        let seg = segments(&c, 0, &[true, true, true]);
        let got: Vec<_> = seg.iter().map(|s| (s.start, s.end, s.group)).collect();
        assert_eq!(
            got,
            [
                (0, 10, None),
                (10, 30, Some(0)),
                (30, 40, Some(1)),
                (40, 90, None),
                (90, 100, Some(2)) // clamped to the article's length
            ]
        );
        let seg = segments(&c, 0, &[false, true, false]);
        assert_eq!(seg.len(), 3);
        assert_eq!((seg[1].start, seg[1].end, seg[1].group), (20, 40, Some(1)));
        assert_eq!(segments(&c, 7, &[true; 3]), vec![]);
    }

    #[test]
    fn coverage_counts_other_articles() {
        let c = cmp();
        let all = [true; 3];
        assert_eq!(
            coverage(&c, 0, &all, &[]),
            [
                (0, 10, 0),
                (10, 30, 2),
                (30, 40, 1),
                (40, 90, 0),
                (90, 100, 1)
            ]
        );
        // Hiding article 2 lowers the count where only it was counted.
        assert_eq!(
            coverage(&c, 0, &all, &[2]),
            [(0, 10, 0), (10, 30, 1), (30, 90, 0), (90, 100, 1)]
        );
    }

    #[test]
    fn filters() {
        let c = cmp();
        let none = Citations::default();
        let mut vs = ViewState::default();
        assert_eq!(visible_groups(&c, &vs, || &none), [true, true, true]);
        vs.min_score = 50;
        assert_eq!(visible_groups(&c, &vs, || &none), [true, false, true]);
        vs.kinds[0] = false;
        assert_eq!(visible_groups(&c, &vs, || &none), [false, false, true]);
        vs = ViewState {
            hidden: vec![1],
            ..Default::default()
        };
        assert_eq!(visible_groups(&c, &vs, || &none), [true, true, false]);
        let cites = Citations {
            by_doc: vec![],
            sentences: vec![],
            by_group: vec![
                vec!["afp".into()],
                vec![],
                vec!["afp".into(), "tass".into()],
            ],
        };
        vs = ViewState {
            source: Some("afp".into()),
            ..Default::default()
        };
        assert_eq!(visible_groups(&c, &vs, || &cites), [true, false, true]);
        assert_eq!(kind_counts(&c, &[true, false, true]), [1, 1, 0]);
    }

    #[test]
    fn share_reads_the_engine_order_directly_and_falls_back() {
        // Four articles, every pair in engine order (a < b, row by row),
        // each with its own numbers.
        let mut c = cmp();
        c.documents = (0..4)
            .map(|i| Document {
                label: format!("D{i}"),
                chars: 100,
            })
            .collect();
        let mut pairs = Vec::new();
        for a in 0..4 {
            for b in a + 1..4 {
                pairs.push(PairShare {
                    a,
                    b,
                    a_in_b: (10 * a + b) as f64 / 100.0,
                    b_in_a: (10 * b + a) as f64 / 100.0,
                });
            }
        }
        c.pairs = pairs;
        let expect = |r: usize, col: usize| Some((10 * r + col) as f64 / 100.0);
        for r in 0..4 {
            for col in 0..4 {
                if r != col {
                    assert_eq!(share(&c, r, col), expect(r, col), "{r} in {col}");
                }
            }
        }
        assert_eq!(share(&c, 2, 2), None);
        assert_eq!(share(&c, 1, 9), None);
        // Another order (reversed, one pair missing): found by the scan.
        c.pairs.reverse();
        c.pairs.retain(|p| (p.a, p.b) != (1, 3));
        assert_eq!(share(&c, 0, 1), expect(0, 1));
        assert_eq!(share(&c, 3, 2), expect(3, 2));
        assert_eq!(share(&c, 3, 1), None);
    }

    #[test]
    fn the_engine_lists_pairs_where_share_looks_first() {
        let docs: Vec<crate::engine::InputDoc> = crate::viewmodel::demo::demo_set()
            .into_iter()
            .map(|(label, text)| crate::engine::InputDoc {
                label,
                text,
                ignored: vec![],
            })
            .collect();
        let c = crate::engine::compare(&docs);
        let n = c.documents.len();
        assert_eq!(n, docs.len());
        assert_eq!(c.pairs.len(), n * (n - 1) / 2);
        for a in 0..n {
            for b in a + 1..n {
                let p = &c.pairs[a * (2 * n - a - 1) / 2 + (b - a - 1)];
                assert_eq!((p.a, p.b), (a, b));
                assert_eq!(share(&c, a, b), Some(p.a_in_b));
                assert_eq!(share(&c, b, a), Some(p.b_in_a));
            }
        }
    }

    #[test]
    fn visible_members_leave_out_hidden_articles() {
        let c = cmp();
        let docs = |h: &[usize]| {
            visible_members(&c.groups[0], h)
                .map(|m| m.doc)
                .collect::<Vec<_>>()
        };
        assert_eq!(docs(&[]), [0, 1, 2]);
        assert_eq!(docs(&[1]), [0, 2]);
        assert_eq!(docs(&[0, 1, 2]), Vec::<usize>::new());
    }

    #[test]
    fn shares_follow_the_filters() {
        let mut c = cmp();
        // Doc 0 shares 3 words with doc 1 in group 0 and 1 in group 2.
        let with = |m: &mut Member, shared: &[bool]| {
            m.words = shared
                .iter()
                .enumerate()
                .map(|(i, &s)| word(m.span.start + i, m.span.start + i + 1, s))
                .collect();
        };
        with(&mut c.groups[0].members[0], &[true, true, true, false]);
        with(&mut c.groups[0].members[1], &[true, true]);
        with(&mut c.groups[2].members[0], &[true]);
        with(&mut c.groups[2].members[1], &[true, false]);
        let n = 3;
        let all = visible_shares(&c, &[true, true, true]);
        assert_eq!(all[1], 0.25, "the engine's number");
        assert_eq!(all[n], 0.4);
        let no_near = visible_shares(&c, &[true, true, false]);
        assert_eq!(no_near[1], 0.25 * 3.0 / 4.0);
        assert_eq!(no_near[n], 0.4 * 2.0 / 3.0);
        let none = visible_shares(&c, &[false, false, false]);
        assert!(none.iter().all(|&v| v == 0.0));
        assert!(no_near[0] == 0.0 && no_near.len() == n * n);
    }

    #[test]
    fn shared_core_is_the_longest_shared_stretch() {
        // "aa bb cc dd ee ff gg": cc dd (ee differs) ff shared, aa shared alone.
        let shared = [true, false, false, true, true, false, true];
        let m = Member {
            doc: 0,
            span: span(0, 20),
            words: shared
                .iter()
                .enumerate()
                .map(|(i, &s)| word(3 * i, 3 * i + 2, s))
                .collect(),
        };
        assert_eq!(shared_core(&m), (9, 20));
        let none = Member {
            words: vec![word(0, 2, false)],
            ..m.clone()
        };
        assert_eq!(shared_core(&none), (0, 20));
    }

    #[test]
    fn share_is_asymmetric() {
        let c = cmp();
        assert_eq!(share(&c, 0, 1), Some(0.25));
        assert_eq!(share(&c, 1, 0), Some(0.4));
        assert_eq!(share(&c, 0, 2), None);
    }

    #[test]
    fn runs_merge_words_of_one_kind() {
        // "aa bb cc dd." with bb, cc differing.
        let m = Member {
            doc: 0,
            span: span(0, 12),
            words: vec![
                word(0, 2, true),
                word(3, 5, false),
                word(6, 8, false),
                word(9, 11, true),
            ],
        };
        let r: Vec<_> = runs(&m, 0, 12)
            .iter()
            .map(|r| (r.start, r.end, r.shared))
            .collect();
        assert_eq!(
            r,
            [
                (0, 2, Some(true)),
                (2, 3, None),
                (3, 8, Some(false)),
                (8, 9, None),
                (9, 11, Some(true)),
                (11, 12, None)
            ]
        );
        let m2 = Member {
            words: vec![word(0, 2, true), word(3, 5, true)],
            ..m.clone()
        };
        let r: Vec<_> = runs(&m2, 0, 12)
            .iter()
            .map(|r| (r.start, r.end, r.shared))
            .collect();
        assert_eq!(r, [(0, 5, Some(true)), (5, 12, None)]);
        // Only the words inside the segment.
        let r: Vec<_> = runs(&m, 4, 10)
            .iter()
            .map(|r| (r.start, r.end, r.shared))
            .collect();
        assert_eq!(r, [(4, 6, None), (6, 8, Some(false)), (8, 10, None)]);
    }

    #[test]
    fn ignored_pieces() {
        assert_eq!(split_ignored(0, 10, &[]), [(0, 10, false)]);
        assert_eq!(
            split_ignored(5, 20, &[(0, 7), (12, 14), (13, 16), (30, 40)]),
            [
                (5, 7, true),
                (7, 12, false),
                (12, 14, true),
                (14, 16, true),
                (16, 20, false)
            ]
        );
        assert_eq!(split_ignored(3, 3, &[(0, 9)]), []);
    }

    #[test]
    fn thin_parts_merge_what_a_bar_cannot_show() {
        let few = [(0, 5, 0), (5, 9, 2)];
        assert_eq!(thin_parts(&few, 4), [(0, 5, 0, 0), (5, 9, 2, 5)]);
        // 100 parts of 10 chars, alternating levels, into 10 bins.
        let many: Vec<_> = (0..100).map(|i| (i * 10, i * 10 + 10, i % 3)).collect();
        let thin = thin_parts(&many, 10);
        assert!(thin.len() <= 10, "{thin:?}");
        assert_eq!(thin[0], (0, 100, 2, 20));
        assert_eq!(thin.last().map(|b| b.1), Some(1000));
        assert!(thin.windows(2).all(|w| w[0].1 == w[1].0));
        // Neighbours of one level merge even across bins.
        let flat: Vec<_> = (0..50).map(|i| (i, i + 1, 1)).collect();
        assert_eq!(thin_parts(&flat, 10), [(0, 50, 1, 0)]);
    }

    #[test]
    fn chunks_by_cost() {
        let any = |c: &[usize]| chunk_ends(c.iter().map(|&c| (c, true)), 10);
        assert_eq!(any(&[]), Vec::<usize>::new());
        assert_eq!(any(&[3, 3, 3]), [3]);
        assert_eq!(any(&[6, 6, 6, 20, 1]), [2, 4, 5]);
        assert_eq!(any(&[10, 10]), [1, 2]);
        assert_eq!(any(&[10, 0]), [1, 2]);
        // Only where an item may end one.
        assert_eq!(
            chunk_ends([(10, false), (1, true), (10, false)], 10),
            [2, 3]
        );
    }

    #[test]
    fn slicer_counts_chars() {
        let t = "é “x” 😀z";
        let s = Slicer::new(t);
        assert_eq!(s.slice(t, 2, 5), "“x”");
        assert_eq!(s.slice(t, 6, 99), "😀z");
        assert_eq!(s.slice(t, 9, 3), "");
        let a = "plain text";
        let s = Slicer::new(a);
        assert_eq!(
            (s.len(), s.slice(a, 6, 99), s.slice(a, 4, 2)),
            (10, "text", "")
        );
    }

    #[test]
    fn citations_per_group() {
        let texts = [
            "Crowds cheered, AFP reported. Then calm.",
            "Calm returned, citing TASS.",
        ];
        let mut c = cmp();
        c.groups = vec![group(0, Kind::Near, 0.9, &[(0, 0, 6), (1, 0, 4)])];
        let cites = citations(&c, &texts);
        assert_eq!(
            cites.by_group,
            vec![vec!["afp".to_string(), "tass".to_string()]]
        );
        assert_eq!(cites.by_doc[0][0].name, "AFP");
    }

    #[test]
    fn coverage_levels_cover_every_count_once() {
        for max in [1, 2, 3, 5, 6, 30, 299] {
            let r = coverage_ranges(max);
            assert_eq!(r[0], (0, 0, 0));
            assert!(r.len() <= 6, "{max}: {r:?}");
            // Consecutive, no gaps, ending at max, levels increasing.
            for w in r.windows(2) {
                assert_eq!(w[1].1, w[0].2 + 1, "{max}: {r:?}");
                assert!(w[1].0 > w[0].0, "{max}: {r:?}");
            }
            assert_eq!(r.last().unwrap().2, max);
            for &(level, first, last) in &r {
                for n in first..=last {
                    assert_eq!(coverage_level(n, max), level);
                }
            }
        }
        assert_eq!(coverage_ranges(1), vec![(0, 0, 0), (2, 1, 1)]);
    }
}

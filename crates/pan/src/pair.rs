//! Pairwise alignment of two long documents: which passages of a
//! suspicious document were taken from a source document, verbatim, edited,
//! translated back and forth, or summarized.
//!
//! The method follows the sentence-based approach of Sanchez-Perez, Gelbukh
//! and Sidorov (PAN 2014), with some changes:
//!
//! 1. Both texts are cut into sentence units (short sentences merged with the
//!    next, long ones cut into windows); each unit is a tf-isf vector of
//!    lightly stemmed content words (stopwords dropped).
//! 2. Seeds: unit pairs with cosine and Dice similarity over thresholds,
//!    found through an inverted index (never all pairs of units); weaker
//!    pairs count when a neighbouring sentence pair is a full seed.
//! 3. Extension: seeds are clustered by their gaps, alternately in the
//!    suspicious and in the source document, until stable; a cluster whose
//!    passages are not similar enough as wholes is re-clustered with a
//!    smaller gap.
//! 4. Filtering: overlapping passages keep the most similar one; too short
//!    passages are dropped; edges are trimmed to the first and last word
//!    pair the two passages share, and extended over closing punctuation;
//!    a reused passage is at least 200 chars long in the source.
//! 5. Summary mode: when the first pass finds nothing, a second, more
//!    permissive pass allows large gaps in the source and keeps only
//!    passages that look like a summary (the source side much longer).
//!
//! ```
//! use parallax_pan::pair::align_pair;
//! let src = "Unrelated opening words here. The committee approved the new budget after a long debate on Tuesday evening. \
//!            It will fund schools, hospitals and roads across the northern region for three years. \
//!            Opponents said farmers would pay most of the cost. Closing remarks follow.";
//! let susp = "Something else entirely is discussed at first. The committee approved the new budget after a long debate on Tuesday evening. \
//!            It will fund schools, hospitals and roads across the northern region for three years. \
//!            Opponents said farmers would pay most of the cost. Then other matters.";
//! let found = align_pair(src, susp);
//! assert_eq!(found.len(), 1);
//! ```

use std::collections::HashMap;
use std::ops::Range;

use parallax_engine::engine::is_function_word;
use parallax_engine::text::stem;

/// One aligned passage: a char range of the source and the char range of
/// the suspicious document that reuses it.
#[derive(Clone, Debug, PartialEq)]
pub struct PairPassage {
    /// Chars of the source document (end exclusive).
    pub src: Range<usize>,
    /// Chars of the suspicious document (end exclusive).
    pub susp: Range<usize>,
    /// Cosine similarity of the two passages (tf-isf vectors), 0..=1.
    pub score: f64,
}

/// Tuning of one alignment pass.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PassConfig {
    /// Minimum cosine of a seed unit pair.
    pub seed_cos: f32,
    /// Minimum Dice coefficient of a seed unit pair.
    pub seed_dice: f32,
    /// Weaker seeds (cosine and Dice at least this) are kept when a full
    /// seed lies next to them in both documents (heavily edited text keeps
    /// some similarity in every sentence, chance matches stand alone).
    pub weak_cos: f32,
    /// Largest gap (in units) bridged in the suspicious document.
    pub gap_susp: usize,
    /// Largest gap (in units) bridged in the source document.
    pub gap_src: usize,
    /// A seed is kept only if its cosine reaches this share of the best
    /// cosine of either of its units (0: keep all).
    pub rel_cos: f32,
    /// Minimum cosine of a passage pair as wholes.
    pub valid_cos: f32,
    /// Minimum passage length in chars, on each side.
    pub min_len: usize,
    /// Minimum passage length in chars in the source document.
    pub min_src_len: usize,
    /// Extend the source side to a document edge that lies within
    /// `gap_src` units (document edges act as seeds).
    pub snap_edges: bool,
}

/// Tuning of the alignment: a first pass for copies (verbatim, edited,
/// translated) and a second, permissive pass for summaries.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AlignConfig {
    /// The first pass.
    pub copy: PassConfig,
    /// The summary pass.
    pub summary: PassConfig,
    /// A summary passage is at least this many times longer in the source.
    pub summary_ratio: f32,
    /// An edge unit of a passage is peeled off when that raises the
    /// passage cosine by at least this much (1.0 or more: never).
    pub peel_gain: f32,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            copy: PassConfig {
                seed_cos: 0.31,
                seed_dice: 0.31,
                weak_cos: 0.15,
                gap_susp: 4,
                gap_src: 4,
                rel_cos: 0.5,
                valid_cos: 0.34,
                min_len: 120,
                min_src_len: 200,
                snap_edges: false,
            },
            summary: PassConfig {
                seed_cos: 0.33,
                seed_dice: 0.33,
                weak_cos: 0.33,
                gap_susp: 4,
                gap_src: 24,
                rel_cos: 0.0,
                valid_cos: 0.25,
                min_len: 300,
                min_src_len: 300,
                snap_edges: true,
            },
            summary_ratio: 2.5,
            peel_gain: 0.02,
        }
    }
}

impl AlignConfig {
    /// Sets one parameter by name (`copy.seed_cos`, `summary.gap_src`,
    /// `summary_ratio`, `peel_gain`, ...), for tuning from the command line.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let bad = || format!("bad value for {name}: {value}");
        let f = || value.parse::<f32>().map_err(|_| bad());
        let u = || value.parse::<usize>().map_err(|_| bad());
        let b = || value.parse::<bool>().map_err(|_| bad());
        let (pass, field) = match name.split_once('.') {
            Some(("copy", f)) => (Some(&mut self.copy), f),
            Some(("summary", f)) => (Some(&mut self.summary), f),
            _ => (None, name),
        };
        match (pass, field) {
            (Some(p), "seed_cos") => p.seed_cos = f()?,
            (Some(p), "seed_dice") => p.seed_dice = f()?,
            (Some(p), "weak_cos") => p.weak_cos = f()?,
            (Some(p), "gap_susp") => p.gap_susp = u()?,
            (Some(p), "gap_src") => p.gap_src = u()?,
            (Some(p), "valid_cos") => p.valid_cos = f()?,
            (Some(p), "rel_cos") => p.rel_cos = f()?,
            (Some(p), "min_len") => p.min_len = u()?,
            (Some(p), "min_src_len") => p.min_src_len = u()?,
            (Some(p), "snap_edges") => p.snap_edges = b()?,
            (None, "summary_ratio") => self.summary_ratio = f()?,
            (None, "peel_gain") => self.peel_gain = f()?,
            _ => return Err(format!("unknown parameter: {name}")),
        }
        Ok(())
    }
}

/// Sentences with fewer content words are merged with the next one.
const MIN_UNIT_WORDS: usize = 3;
/// Longer sentences are cut into windows of this many content words.
const MAX_UNIT_WORDS: usize = 30;
/// A weak seed is supported by a strong seed at most this many units away
/// in both documents (a neighbouring sentence pair).
const SUPPORT: usize = 1;
/// Terms in more units than this are skipped when looking up candidates.
const MAX_POSTING: usize = 2000;
/// Budget of candidate look-ups for one pair (keeps degenerate inputs fast).
const MAX_WORK: usize = 30_000_000;

/// Aligns `susp` against `src`: the passages of `susp` that reuse passages
/// of `src`, ordered by position in `susp`. Never panics; time grows about
/// linearly with the inputs (candidate look-ups are capped).
pub fn align_pair(src: &str, susp: &str) -> Vec<PairPassage> {
    align_pair_with(src, susp, &AlignConfig::default())
}

/// [`align_pair`] with explicit tuning.
pub fn align_pair_with(src: &str, susp: &str, cfg: &AlignConfig) -> Vec<PairPassage> {
    let mut vocab = Vocab::default();
    let s = Doc::new(src, &mut vocab);
    let p = Doc::new(susp, &mut vocab);
    if s.units.is_empty() || p.units.is_empty() {
        return Vec::new();
    }
    let model = Model::new(&s, &p, vocab.len());
    let low = |p: &PassConfig| (p.seed_cos.min(p.weak_cos), p.seed_dice.min(p.weak_cos));
    let (lc, ld) = low(&cfg.copy);
    let (sc, sd) = low(&cfg.summary);
    let seeds = model.seeds(lc.min(sc), ld.min(sd));
    let mut found = model.run(&seeds, &cfg.copy, cfg.peel_gain, None);
    // Summaries: a short suspicious passage drawing on a much longer
    // stretch of the source. Such a passage replaces the copy passages it
    // overlaps in the suspicious document.
    let summaries = model.run(&seeds, &cfg.summary, 1.0, Some(cfg.summary_ratio));
    // The decision looks at the copy passages before peeling: their shape
    // (source side stretched or not) is what tells a summary.
    let raw = if summaries.is_empty() || cfg.peel_gain >= 1.0 {
        Vec::new()
    } else {
        model.run(&seeds, &cfg.copy, 1.0, None)
    };
    for sm in summaries {
        let overlaps = |c: &PairPassage| c.susp.start < sm.susp.end && sm.susp.start < c.susp.end;
        let shape = if cfg.peel_gain >= 1.0 { &found } else { &raw };
        // Extent of the copy passages on each side.
        let (n_susp, n_src) = {
            let ov: Vec<&PairPassage> = shape.iter().filter(|c| overlaps(c)).collect();
            let span = |f: fn(&PairPassage) -> &Range<usize>| {
                let lo = ov.iter().map(|c| f(c).start).min().unwrap_or(0);
                let hi = ov.iter().map(|c| f(c).end).max().unwrap_or(0);
                hi.saturating_sub(lo)
            };
            (span(|c| &c.susp), span(|c| &c.src))
        };
        // Copy passages of about equal length on both sides explain the
        // match better than a summary does: keep them.
        // A near-verbatim copy covering the passage is a copy, whatever
        // its raw shape.
        let verbatim: usize = found
            .iter()
            .filter(|c| overlaps(c) && c.score >= 0.8)
            .map(|c| c.susp.len())
            .sum();
        if 10 * verbatim >= 8 * sm.susp.len() {
            continue;
        }
        if n_susp == 0 || n_src as f32 >= 0.5 * cfg.summary_ratio * n_susp as f32 {
            found.retain(|c| !overlaps(c));
            found.push(sm);
        }
    }
    parallax_engine::sort::sort_by_key(&mut found, |c| (c.susp.start, c.src.start));
    found
}

// ---------------------------------------------------------------------------
// Words

#[derive(Default)]
struct Vocab {
    words: HashMap<String, u32>,
    stems: HashMap<String, u32>,
    stop: Vec<bool>,
}

impl Vocab {
    fn len(&self) -> usize {
        self.stop.len()
    }

    fn intern(&mut self, lower: &str) -> u32 {
        if let Some(&t) = self.words.get(lower) {
            return t;
        }
        // One-letter words carry nothing.
        let stop = is_function_word(lower) || lower.chars().nth(1).is_none();
        let key = if stop {
            format!("\u{1}{lower}")
        } else {
            stem(lower)
        };
        let next = self.stop.len() as u32;
        let id = *self.stems.entry(key).or_insert(next);
        if id == next {
            self.stop.push(stop);
        }
        self.words.insert(lower.to_string(), id);
        id
    }
}

// ---------------------------------------------------------------------------
// Documents

#[derive(Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    term: u32,
}

/// A sentence unit: tokens `lo..hi`, and its tf vector (term, count).
struct Unit {
    lo: usize,
    hi: usize,
    tf: Vec<(u32, u32)>,
}

struct Doc {
    chars: Vec<char>,
    toks: Vec<Tok>,
    units: Vec<Unit>,
}

impl Doc {
    fn new(text: &str, vocab: &mut Vocab) -> Doc {
        let chars: Vec<char> = text.chars().collect();
        let mut toks = Vec::new();
        let mut buf = String::new();
        let mut word_start: Option<(usize, usize)> = None; // (char, byte)
        let mut ci = 0usize;
        let mut finish = |ws: (usize, usize), end_c: usize, end_b: usize, toks: &mut Vec<Tok>| {
            let w = &text[ws.1..end_b];
            buf.clear();
            if w.is_ascii() {
                buf.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                buf.push_str(&parallax_engine::text::normalize_word(w));
            }
            if buf.is_empty() {
                return;
            }
            let term = vocab.intern(&buf);
            toks.push(Tok {
                start: ws.0,
                end: end_c,
                term,
            });
        };
        for (b, c) in text.char_indices() {
            if c.is_alphanumeric() {
                if word_start.is_none() {
                    word_start = Some((ci, b));
                }
            } else if let Some(ws) = word_start.take() {
                finish(ws, ci, b, &mut toks);
            }
            ci += 1;
        }
        if let Some(ws) = word_start.take() {
            finish(ws, ci, text.len(), &mut toks);
        }
        let breaks = sentence_starts(text, &toks);
        let units = make_units(&toks, &breaks, &vocab.stop);
        Doc { chars, toks, units }
    }

    /// Char range of tokens `lo..hi` (hi > lo).
    fn span(&self, lo: usize, hi: usize) -> Range<usize> {
        self.toks[lo].start..self.toks[hi - 1].end
    }
}

/// For each token, whether a sentence begins with it (the engine's
/// sentences, [`parallax_engine::sentences`]).
fn sentence_starts(text: &str, toks: &[Tok]) -> Vec<bool> {
    let starts = parallax_engine::sentences::sentences(text);
    let mut next = starts.iter().map(|s| s.0).skip(1).peekable();
    toks.iter()
        .map(|t| {
            let mut begins = false;
            while next.next_if(|&s| s <= t.start).is_some() {
                begins = true;
            }
            begins
        })
        .collect()
}

fn make_units(toks: &[Tok], breaks: &[bool], stop: &[bool]) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut lo = 0;
    let mut content = 0;
    let is_content = |t: &Tok| !stop.get(t.term as usize).copied().unwrap_or(true);
    let push = |lo: usize, hi: usize, units: &mut Vec<Unit>| {
        let mut terms: Vec<u32> = toks[lo..hi]
            .iter()
            .filter(|t| is_content(t))
            .map(|t| t.term)
            .collect();
        if terms.is_empty() {
            return;
        }
        parallax_engine::sort::sort_unstable(&mut terms);
        let mut tf: Vec<(u32, u32)> = Vec::new();
        for t in terms {
            match tf.last_mut() {
                Some((u, n)) if *u == t => *n += 1,
                _ => tf.push((t, 1)),
            }
        }
        units.push(Unit { lo, hi, tf });
    };
    for k in 0..toks.len() {
        if k > lo && breaks[k] && content >= MIN_UNIT_WORDS {
            push(lo, k, &mut units);
            lo = k;
            content = 0;
        }
        if is_content(&toks[k]) {
            content += 1;
            if content > MAX_UNIT_WORDS {
                push(lo, k, &mut units);
                lo = k;
                content = 1;
            }
        }
    }
    if lo < toks.len() {
        // A short tail joins the previous unit of the same document.
        if content < MIN_UNIT_WORDS {
            if let Some(last) = units.pop() {
                lo = last.lo;
            }
        }
        push(lo, toks.len(), &mut units);
    }
    units
}

// ---------------------------------------------------------------------------
// Similarity model

/// Unit vectors of both documents with tf-isf weights.
struct Model<'a> {
    s: &'a Doc,
    p: &'a Doc,
    /// Weighted vectors (term, weight) per unit, and their norms.
    svec: Vec<Vec<(u32, f32)>>,
    pvec: Vec<Vec<(u32, f32)>>,
    snorm: Vec<f32>,
    pnorm: Vec<f32>,
    idf: Vec<f32>,
}

#[derive(Clone, Copy, Debug)]
struct Seed {
    /// Unit of the suspicious document.
    p: usize,
    /// Unit of the source document.
    s: usize,
    cos: f32,
    dice: f32,
}

impl<'a> Model<'a> {
    fn new(s: &'a Doc, p: &'a Doc, nterms: usize) -> Self {
        let mut df = vec![0u32; nterms];
        for u in s.units.iter().chain(p.units.iter()) {
            for &(t, _) in &u.tf {
                df[t as usize] += 1;
            }
        }
        let n = (s.units.len() + p.units.len()) as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| if d == 0 { 0.0 } else { (n / d as f32).ln() })
            .collect();
        let weigh = |units: &[Unit]| -> (Vec<Vec<(u32, f32)>>, Vec<f32>) {
            let vecs: Vec<Vec<(u32, f32)>> = units
                .iter()
                .map(|u| {
                    u.tf.iter()
                        .map(|&(t, c)| (t, c as f32 * idf[t as usize]))
                        .collect()
                })
                .collect();
            let norms = vecs
                .iter()
                .map(|v| v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt())
                .collect();
            (vecs, norms)
        };
        let (svec, snorm) = weigh(&s.units);
        let (pvec, pnorm) = weigh(&p.units);
        Model {
            s,
            p,
            svec,
            pvec,
            snorm,
            pnorm,
            idf,
        }
    }

    /// Unit pairs whose cosine and Dice reach the thresholds.
    fn seeds(&self, min_cos: f32, min_dice: f32) -> Vec<Seed> {
        let ns = self.s.units.len();
        let nterms = self.idf.len();
        // Inverted index over source units (CSR).
        let mut count = vec![0usize; nterms + 1];
        for v in &self.svec {
            for &(t, _) in v {
                count[t as usize + 1] += 1;
            }
        }
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        let mut fill = count.clone();
        let mut post = vec![(0u32, 0f32); count[nterms]];
        for (j, v) in self.svec.iter().enumerate() {
            for &(t, w) in v {
                post[fill[t as usize]] = (j as u32, w);
                fill[t as usize] += 1;
            }
        }
        let mut dot = vec![0f32; ns];
        let mut shared = vec![0u32; ns];
        let mut touched: Vec<usize> = Vec::new();
        let mut seeds = Vec::new();
        let mut work = 0usize;
        for (i, v) in self.pvec.iter().enumerate() {
            if self.pnorm[i] <= 0.0 {
                continue;
            }
            for &(t, w) in v {
                let (a, b) = (count[t as usize], count[t as usize + 1]);
                if w <= 0.0 || b - a > MAX_POSTING {
                    continue;
                }
                work += b - a;
                for &(j, w2) in &post[a..b] {
                    let j = j as usize;
                    if shared[j] == 0 {
                        touched.push(j);
                    }
                    dot[j] += w * w2;
                    shared[j] += 1;
                }
            }
            let np = self.p.units[i].tf.len();
            for &j in &touched {
                let ns_j = self.s.units[j].tf.len();
                let cos = dot[j] / (self.pnorm[i] * self.snorm[j]).max(f32::MIN_POSITIVE);
                let dice = 2.0 * shared[j] as f32 / (np + ns_j).max(1) as f32;
                if cos >= min_cos && dice >= min_dice {
                    seeds.push(Seed {
                        p: i,
                        s: j,
                        cos,
                        dice,
                    });
                }
                dot[j] = 0.0;
                shared[j] = 0;
            }
            touched.clear();
            if work > MAX_WORK {
                break;
            }
        }
        seeds
    }

    /// Cosine of the sums of units `p` (suspicious) and `s` (source).
    fn passage_cos(&self, p: Range<usize>, s: Range<usize>, acc: &mut Vec<f32>) -> f32 {
        acc.clear();
        acc.resize(self.idf.len(), 0.0);
        // The suspicious side's sums by term, in term order (a hash map's
        // order would make the float sums, and so the verdicts, vary from
        // run to run); each term's weights add up in text order.
        let mut sum_p: Vec<(u32, f32)> = self.pvec[p].iter().flatten().copied().collect();
        parallax_engine::sort::sort_by_key(&mut sum_p, |e| e.0);
        sum_p.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            if same {
                kept.1 += next.1;
            }
            same
        });
        let np: f32 = sum_p.iter().map(|e| e.1 * e.1).sum();
        let mut ns = 0f32;
        let mut touched = Vec::new();
        for v in &self.svec[s] {
            for &(t, w) in v {
                if acc[t as usize] == 0.0 {
                    touched.push(t);
                }
                acc[t as usize] += w;
            }
        }
        let mut dot = 0f32;
        for &t in &touched {
            let w = acc[t as usize];
            ns += w * w;
            if let Ok(k) = sum_p.binary_search_by_key(&t, |e| e.0) {
                dot += w * sum_p[k].1;
            }
        }
        dot / (np.sqrt() * ns.sqrt()).max(f32::MIN_POSITIVE)
    }

    /// One pass: cluster the seeds that pass `prm`, validate, filter.
    fn run(
        &self,
        all: &[Seed],
        prm: &PassConfig,
        peel_gain: f32,
        ratio: Option<f32>,
    ) -> Vec<PairPassage> {
        let strong = |sd: &Seed| sd.cos >= prm.seed_cos && sd.dice >= prm.seed_dice;
        let weak = |sd: &Seed| sd.cos >= prm.weak_cos && sd.dice >= prm.weak_cos;
        // A weak seed needs a strong seed next to it, in other units of
        // both documents.
        let pos: std::collections::HashSet<(usize, usize)> = all
            .iter()
            .filter(|sd| strong(sd))
            .map(|sd| (sd.p, sd.s))
            .collect();
        let supported = |sd: &Seed| {
            let (p, s) = (sd.p, sd.s);
            (p.saturating_sub(SUPPORT)..=p + SUPPORT).any(|p2| {
                p2 != p
                    && (s.saturating_sub(SUPPORT)..=s + SUPPORT)
                        .any(|s2| s2 != s && pos.contains(&(p2, s2)))
            })
        };
        let mut seeds: Vec<Seed> = all
            .iter()
            .copied()
            .filter(|sd| strong(sd) || (weak(sd) && supported(sd)))
            .collect();
        if prm.rel_cos > 0.0 {
            // A unit with a near-perfect partner drops its weak partners.
            let mut best_p = vec![0f32; self.p.units.len()];
            let mut best_s = vec![0f32; self.s.units.len()];
            for sd in &seeds {
                best_p[sd.p] = best_p[sd.p].max(sd.cos);
                best_s[sd.s] = best_s[sd.s].max(sd.cos);
            }
            seeds.retain(|sd| sd.cos >= prm.rel_cos * best_p[sd.p].max(best_s[sd.s]));
        }
        if seeds.is_empty() {
            return Vec::new();
        }
        let mut acc = Vec::new();
        let mut frags: Vec<(Range<usize>, Range<usize>, f32)> = Vec::new();
        self.extend(
            seeds,
            (prm.gap_susp, prm.gap_src),
            prm,
            peel_gain,
            &mut acc,
            &mut frags,
        );
        if let Some(ratio) = ratio {
            let chars = |d: &Doc, r: &Range<usize>| {
                let t = d.units[r.start].lo..d.units[r.end - 1].hi;
                d.span(t.start, t.end).len() as f32
            };
            frags.retain(|(pr, sr, _)| chars(self.s, sr) >= ratio * chars(self.p, pr));
        }
        if prm.snap_edges {
            let n = self.s.units.len();
            for (pr, sr, cos) in frags.iter_mut() {
                let before = sr.clone();
                if sr.start <= prm.gap_src {
                    sr.start = 0;
                }
                if n - sr.end <= prm.gap_src {
                    sr.end = n;
                }
                if *sr != before {
                    *cos = self.passage_cos(pr.clone(), sr.clone(), &mut acc);
                }
            }
            // Snapped passages that now overlap in the source and lie within
            // the gap in the suspicious document are one passage.
            parallax_engine::sort::sort_by_key(&mut frags, |f| f.0.start);
            let mut merged: Vec<(Range<usize>, Range<usize>, f32)> = Vec::new();
            for f in frags.drain(..) {
                match merged.last_mut() {
                    Some(m)
                        if f.0.start <= m.0.end + prm.gap_susp
                            && f.1.start < m.1.end
                            && m.1.start < f.1.end =>
                    {
                        m.0 = m.0.start..m.0.end.max(f.0.end);
                        m.1 = m.1.start.min(f.1.start)..m.1.end.max(f.1.end);
                        m.2 = self.passage_cos(m.0.clone(), m.1.clone(), &mut acc);
                    }
                    _ => merged.push(f),
                }
            }
            frags = merged;
        }
        // Overlaps in the suspicious document: the most similar wins.
        parallax_engine::sort::sort_by(&mut frags, |a, b| b.2.total_cmp(&a.2));
        let mut kept: Vec<(Range<usize>, Range<usize>, f32)> = Vec::new();
        for f in frags {
            if kept
                .iter()
                .all(|k| f.0.end <= k.0.start || k.0.end <= f.0.start)
            {
                kept.push(f);
            }
        }
        let mut out: Vec<PairPassage> = kept
            .into_iter()
            .map(|(pu, su, score)| {
                let (pt, st) = self.trim(pu, su);
                PairPassage {
                    susp: widen(&self.p.chars, self.p.span(pt.start, pt.end)),
                    src: widen(&self.s.chars, self.s.span(st.start, st.end)),
                    score: score as f64,
                }
            })
            .filter(|c| {
                c.susp.len() >= prm.min_len && c.src.len() >= prm.min_len.max(prm.min_src_len)
            })
            .collect();
        parallax_engine::sort::sort_by_key(&mut out, |c| (c.susp.start, c.src.start));
        out
    }

    /// Clusters `seeds` with the given gaps until stable; validates each
    /// cluster, re-clustering a failing one with smaller gaps.
    fn extend(
        &self,
        seeds: Vec<Seed>,
        (gap_p, gap_s): (usize, usize),
        prm: &PassConfig,
        peel_gain: f32,
        acc: &mut Vec<f32>,
        out: &mut Vec<(Range<usize>, Range<usize>, f32)>,
    ) {
        for mut c in cluster(seeds, gap_p, gap_s) {
            let (mut pr, mut sr) = bounds(&c);
            let mut cos = self.passage_cos(pr.clone(), sr.clone(), acc);
            // Peel edge units that only dilute the passage (a stray seed
            // on a repeated sentence nearby, say).
            if peel_gain < 1.0 {
                for _ in 0..64 {
                    let mut best: Option<(f32, Vec<Seed>)> = None;
                    // A susp unit whose seed is the best partner of both
                    // its units (within the cluster) is never peeled.
                    let mut top_p: HashMap<usize, f32> = HashMap::new();
                    let mut top_s: HashMap<usize, f32> = HashMap::new();
                    for sd in &c {
                        let e = top_p.entry(sd.p).or_insert(0.0);
                        *e = e.max(sd.cos);
                        let e = top_s.entry(sd.s).or_insert(0.0);
                        *e = e.max(sd.cos);
                    }
                    let mutual = |sd: &Seed| {
                        top_p.get(&sd.p).is_some_and(|&b| sd.cos >= b)
                            && top_s.get(&sd.s).is_some_and(|&b| sd.cos >= b)
                    };
                    for side in 0..4 {
                        let at_edge = |sd: &Seed| match side {
                            0 => sd.p == pr.start,
                            1 => sd.p == pr.end - 1,
                            2 => sd.s == sr.start,
                            _ => sd.s == sr.end - 1,
                        };
                        if side < 2 && c.iter().any(|sd| at_edge(sd) && mutual(sd)) {
                            continue;
                        }
                        let rest: Vec<Seed> = c.iter().copied().filter(|sd| !at_edge(sd)).collect();
                        if rest.is_empty() || rest.len() == c.len() {
                            continue;
                        }
                        let (p2, s2) = bounds(&rest);
                        // Only lopsided cuts: a stray seed stretches one
                        // side far more than the other.
                        let dp = pr.len() - p2.len();
                        let ds = sr.len() - s2.len();
                        if dp.abs_diff(ds) < 2 {
                            continue;
                        }
                        let c2 = self.passage_cos(p2, s2, acc);
                        if best.as_ref().is_none_or(|b| c2 > b.0) {
                            best = Some((c2, rest));
                        }
                    }
                    match best {
                        Some((c2, rest)) if c2 >= cos + peel_gain => {
                            c = rest;
                            (pr, sr) = bounds(&c);
                            cos = c2;
                        }
                        _ => break,
                    }
                }
            }
            if cos >= prm.valid_cos {
                out.push((pr, sr, cos));
            } else if gap_p > 0 || gap_s > 0 {
                self.extend(
                    c,
                    (gap_p.saturating_sub(1), gap_s.saturating_sub(1)),
                    prm,
                    peel_gain,
                    acc,
                    out,
                );
            }
        }
    }

    /// Token ranges of a unit-range pair, with edges trimmed to the first
    /// and last word pair (bigram) both passages share, searched within the
    /// edge units only.
    fn trim(&self, pu: Range<usize>, su: Range<usize>) -> (Range<usize>, Range<usize>) {
        let pt = self.p.units[pu.start].lo..self.p.units[pu.end - 1].hi;
        let st = self.s.units[su.start].lo..self.s.units[su.end - 1].hi;
        let bigrams = |d: &Doc, r: &Range<usize>| -> std::collections::HashSet<(u32, u32)> {
            d.toks[r.clone()]
                .windows(2)
                .map(|w| (w[0].term, w[1].term))
                .collect()
        };
        let pb = bigrams(self.p, &pt);
        let sb = bigrams(self.s, &st);
        let cut = |d: &Doc,
                   r: Range<usize>,
                   first_hi: usize,
                   last_lo: usize,
                   other: &std::collections::HashSet<(u32, u32)>|
         -> Range<usize> {
            let t = &d.toks;
            let mut lo = r.start;
            // Leading edge: within the first unit.
            if let Some(k) = (r.start..first_hi.min(r.end.saturating_sub(1)))
                .find(|&k| other.contains(&(t[k].term, t[k + 1].term)))
            {
                lo = k;
            }
            let mut hi = r.end;
            if let Some(k) = (last_lo.max(lo + 1)..r.end)
                .rev()
                .find(|&k| other.contains(&(t[k - 1].term, t[k].term)))
            {
                hi = k + 1;
            }
            lo..hi.max(lo + 1)
        };
        let pr = cut(
            self.p,
            pt.clone(),
            self.p.units[pu.start].hi,
            self.p.units[pu.end - 1].lo,
            &sb,
        );
        let sr = cut(
            self.s,
            st.clone(),
            self.s.units[su.start].hi,
            self.s.units[su.end - 1].lo,
            &pb,
        );
        (pr, sr)
    }
}

/// Unit ranges (suspicious, source) spanned by a non-empty seed cluster.
fn bounds(c: &[Seed]) -> (Range<usize>, Range<usize>) {
    let p0 = c.iter().map(|s| s.p).min().unwrap_or(0);
    let p1 = c.iter().map(|s| s.p).max().unwrap_or(0) + 1;
    let s0 = c.iter().map(|s| s.s).min().unwrap_or(0);
    let s1 = c.iter().map(|s| s.s).max().unwrap_or(0) + 1;
    (p0..p1, s0..s1)
}

/// Extends a char range over punctuation glued to its edges (closing
/// period, quotes, brackets), never over whitespace or letters.
fn widen(chars: &[char], r: Range<usize>) -> Range<usize> {
    let glued = |c: char| !c.is_alphanumeric() && !c.is_whitespace();
    let mut lo = r.start.min(chars.len());
    while lo > 0 && glued(chars[lo - 1]) && r.start - lo < 3 {
        lo -= 1;
    }
    let mut hi = r.end.min(chars.len());
    while hi < chars.len() && glued(chars[hi]) && hi - r.end < 3 {
        hi += 1;
    }
    lo..hi
}

/// Splits seeds into groups where consecutive units (sorted by `key`) are
/// at most `gap` units apart (`gap` units between them are bridged).
fn split_by(mut seeds: Vec<Seed>, gap: usize, key: fn(&Seed) -> usize) -> Vec<Vec<Seed>> {
    parallax_engine::sort::sort_by_key(&mut seeds, |s| (key(s), s.p, s.s));
    let mut out: Vec<Vec<Seed>> = Vec::new();
    let mut last = usize::MAX;
    for s in seeds {
        let k = key(&s);
        match out.last_mut() {
            Some(g) if last != usize::MAX && k <= last + gap + 1 => g.push(s),
            _ => out.push(vec![s]),
        }
        last = k;
    }
    out
}

/// Alternately splits by gaps in the suspicious and source documents until
/// no group splits further.
fn cluster(seeds: Vec<Seed>, gap_p: usize, gap_s: usize) -> Vec<Vec<Seed>> {
    let mut groups = vec![seeds];
    loop {
        let before = groups.len();
        let mut next = Vec::new();
        for g in groups {
            for a in split_by(g, gap_p, |s| s.p) {
                next.extend(split_by(a, gap_s, |s| s.s));
            }
        }
        groups = next;
        if groups.len() == before {
            return groups;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet() {
        assert_eq!(stem("translated"), stem("translate"));
        assert_eq!(stem("translating"), stem("translates"));
        assert_eq!(stem("stories"), stem("story"));
        assert_eq!(stem("stopped"), stem("stop"));
    }

    #[test]
    fn units_merge_short_sentences() {
        let mut v = Vocab::default();
        let d = Doc::new(
            "Yes. No. The cat sat on the warm mat today. Dogs bark loudly at night here.",
            &mut v,
        );
        assert_eq!(d.units.len(), 2);
    }
}

//! Per-document preparation: tokens with terms and classes, sentence units,
//! and the sorted keys other documents are joined against. Depends on the
//! document alone, so it is cached by a hash of the text and ignored ranges.

use std::collections::HashMap;

use super::lexicon::{self, Commonness};
use crate::text::{stem, tokenize, Utf16Map};

/// Units longer than this many tokens are cut at the next clause mark.
const SOFT_UNIT: usize = 40;
/// Units are never longer than this many tokens.
const HARD_UNIT: usize = 60;
/// At most this many identical units are paired in order between two
/// documents (a guard against pathological repetition).
pub(crate) const MAX_SAME_UNITS: usize = 4096;

/// What a token can testify to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Class {
    /// Function word: no evidence.
    Stop,
    /// Very common word: weak evidence.
    Common,
    /// Ordinary content word.
    Content,
    /// Capitalized inside a sentence: likely a name.
    Name,
    /// Contains a digit.
    Number,
}

impl Class {
    /// The weight of the class before looking at the articles.
    pub(crate) fn prior(self) -> f32 {
        match self {
            Class::Stop => 0.0,
            Class::Common => 0.3,
            Class::Content | Class::Name => 1.0,
            Class::Number => 1.2,
        }
    }
}

/// One kept token.
#[derive(Clone, Debug)]
pub(crate) struct Tok {
    pub start: u32,
    pub end: u32,
    /// Hash of the token's term (canonical or stemmed form).
    pub term: u64,
    pub class: Class,
}

/// A sentence (or a clause of a very long sentence): the unit of linking.
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    /// Token range `t0..t1` into [`Prepared::toks`].
    pub t0: u32,
    pub t1: u32,
    /// Char range of the sentence, punctuation included.
    pub start: u32,
    pub end: u32,
    /// A line break (or ignored text) separates it from the previous unit.
    pub line_before: bool,
    /// Sorted distinct terms of its non-function words.
    pub terms: Vec<u64>,
    /// Sorted distinct hashes of consecutive content-word pairs.
    pub bigrams: Vec<u64>,
    /// Acronyms of the multi-word names in the unit ("Red Cross Society"
    /// gives "rcs"), so a name meets its abbreviation.
    pub extra: Vec<u64>,
    /// Sorted distinct 3-token shingles.
    pub shingles: Vec<u64>,
    /// Hash of the whole token sequence.
    pub whole: u64,
    /// Sorted distinct (term, strongest class) of its non-function words,
    /// acronyms included (as names).
    pub classes: Vec<(u64, Class)>,
}

/// Which index a key belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum KeyKind {
    /// A content term.
    Term,
    /// Two consecutive content words.
    Bigram,
    /// Three consecutive tokens, function words included.
    Shingle,
    /// The unit's whole token sequence.
    Whole,
}

/// A prepared document.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub(crate) toks: Vec<Tok>,
    pub(crate) units: Vec<Unit>,
    /// Sorted by key: (key, kind, units carrying it).
    pub(crate) index: Vec<(u64, KeyKind, Vec<u32>)>,
    /// Sorted (term, number of units carrying it) for content terms.
    pub(crate) term_units: Vec<(u64, u32)>,
    /// A readable form of each content term.
    pub(crate) words: HashMap<u64, String>,
    pub(crate) utf16: Utf16Map,
}

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Clone, Copy, Default)]
pub(crate) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ v;
    }
    fn write_u8(&mut self, v: u8) {
        self.0 = (self.0.rotate_left(8) ^ v as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map keyed by hashes.
pub(crate) type KeyMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// FNV-1a with a final mix: a stable 64-bit hash (the same on every
/// platform and run, so results never depend on hashing order).
pub(crate) fn hash_bytes(salt: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ salt;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h, salt)
}

/// Combines two hashes.
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The cache key of a document.
pub(crate) fn doc_key(text: &str, ignored: &[(usize, usize)]) -> u64 {
    let mut h = hash_bytes(1, text.as_bytes());
    for &(s, e) in ignored {
        h = mix(h, mix(s as u64, e as u64));
    }
    h
}

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '。' | '！' | '？' | '｡' | '؟' | '।' | '۔'
    )
}

fn is_always_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡' | '؟' | '।' | '۔')
}

fn is_clause_mark(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '—' | '–' | '，' | '、' | '；' | '：' | '،' | '(' | ')'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '„' | '(' | '[' | '¿' | '¡' | '「' | '『' | '《'
    )
}

/// Short words after which a period does not end a sentence.
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "prof",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "jr",
    "sr", "vs", "no", "inc", "ltd", "co", "corp", "approx", "etc", "fig", "vol", "ft", "mt",
];

/// Hard-wrapped text: most lines of similar medium length.
fn looks_wrapped(chars: &[char]) -> bool {
    let mut lens = Vec::new();
    let mut cur = 0usize;
    for &c in chars.iter().take(200_000) {
        if c == '\n' {
            if cur > 0 {
                lens.push(cur);
            }
            cur = 0;
        } else {
            cur += 1;
        }
    }
    if lens.len() < 6 {
        return false;
    }
    let mid = lens.iter().filter(|&&l| (50..=100).contains(&l)).count();
    mid * 10 >= lens.len() * 7
}

/// Normalized, merged, clamped ignored ranges.
fn clean_ranges(ignored: &[(usize, usize)], n: usize) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = ignored
        .iter()
        .map(|&(s, e)| (s.min(n), e.min(n)))
        .filter(|(s, e)| s < e)
        .collect();
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Prepares one document.
pub(crate) fn prepare(text: &str, ignored: &[(usize, usize)]) -> Prepared {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let ign = clean_ranges(ignored, n);
    let wrapped = looks_wrapped(&chars);
    let raw = tokenize(text);

    // Keep tokens outside ignored ranges; remember where text was dropped.
    let mut kept = Vec::with_capacity(raw.len());
    let mut dropped_before = Vec::with_capacity(raw.len());
    let mut ri = 0usize;
    let mut dropped = false;
    for t in raw {
        while ri < ign.len() && ign[ri].1 <= t.start {
            ri += 1;
            dropped = true;
        }
        let hit = ri < ign.len() && ign[ri].0 < t.end;
        if hit {
            dropped = true;
            continue;
        }
        dropped_before.push(dropped);
        dropped = false;
        kept.push(t);
    }

    // Segment into units.
    let mut toks: Vec<Tok> = Vec::with_capacity(kept.len());
    let mut units: Vec<Unit> = Vec::new();
    let mut words: HashMap<u64, String> = HashMap::new();
    let mut u_start_tok = 0usize;
    let mut u_line_before = true;
    // Whether each unit starts where a long sentence was cut.
    let mut unit_cut: Vec<bool> = Vec::new();
    let mut u_cut = false;
    let mut prev_norm_short_abbrev = false;
    for (k, t) in kept.iter().enumerate() {
        let mut brk = false;
        let mut line = false;
        let mut cut = false;
        if k > 0 {
            let prev = &kept[k - 1];
            let gap = &chars[prev.end.min(n)..t.start.min(n)];
            let newlines = gap.iter().filter(|&&c| c == '\n').count();
            let first = chars.get(t.start).copied().unwrap_or(' ');
            let starts_lower = first.is_lowercase();
            let terminal = gap.iter().any(|&c| is_terminal(c));
            let always = gap.iter().any(|&c| is_always_terminal(c));
            if dropped_before[k] || newlines >= 2 {
                brk = true;
                line = true;
            } else if newlines == 1 {
                let line_ended = gap
                    .iter()
                    .take_while(|&&c| c != '\n')
                    .any(|&c| is_terminal(c) || matches!(c, '"' | '”' | '’' | ':'));
                if wrapped {
                    brk = line_ended && !starts_lower;
                } else {
                    brk = line_ended || !starts_lower;
                }
                line = brk;
            } else if always {
                brk = true;
            } else if terminal && !prev_norm_short_abbrev {
                let has_space = gap.iter().any(|c| c.is_whitespace());
                brk = has_space && !starts_lower;
            }
            let cur_len = k - u_start_tok;
            if !brk && cur_len >= HARD_UNIT {
                brk = true;
                cut = true;
            }
            if !brk && cur_len >= SOFT_UNIT && gap.iter().any(|&c| is_clause_mark(c)) {
                brk = true;
                cut = true;
            }
        }
        if brk && k > u_start_tok {
            units.push(make_unit(&chars, &kept, u_start_tok, k, u_line_before));
            unit_cut.push(u_cut);
            u_cut = cut;
            u_start_tok = k;
            u_line_before = line;
        } else if brk {
            u_line_before |= line;
        }
        // A period after this token ends a sentence unless the token is an
        // abbreviation or a single capital (an initial).
        let w = &t.norm;
        let single_cap = t.capitalized && t.end - t.start == 1;
        prev_norm_short_abbrev = single_cap || ABBREV.contains(&w.as_str());

        let (term_str, class) = classify(t, k == u_start_tok);
        let term = hash_bytes(7, term_str.as_bytes());
        if class != Class::Stop {
            words.entry(term).or_insert_with(|| t.norm.clone());
        }
        toks.push(Tok {
            start: t.start as u32,
            end: t.end as u32,
            term,
            class,
        });
    }
    if u_start_tok < kept.len() {
        units.push(make_unit(
            &chars,
            &kept,
            u_start_tok,
            kept.len(),
            u_line_before,
        ));
        unit_cut.push(u_cut);
    }
    // A short tail cut off a long sentence goes back to it.
    let mut merged: Vec<Unit> = Vec::with_capacity(units.len());
    for (u, cut) in units.into_iter().zip(unit_cut) {
        match merged.last_mut() {
            Some(prev) if cut && u.t1 - u.t0 < 6 && prev.t1 == u.t0 => {
                *prev = make_unit(
                    &chars,
                    &kept,
                    prev.t0 as usize,
                    u.t1 as usize,
                    prev.line_before,
                );
            }
            _ => merged.push(u),
        }
    }
    let mut units = merged;
    for u in &units {
        let r = u.t0 as usize..u.t1 as usize;
        // Headlines and all-caps lines: capitals say nothing about names.
        let alpha = kept[r.clone()].iter().filter(|t| !t.numeric).count();
        let caps = kept[r.clone()]
            .iter()
            .filter(|t| !t.numeric && t.capitalized)
            .count();
        if alpha >= 4 && caps * 10 >= alpha * 6 {
            for t in &mut toks[r] {
                if t.class == Class::Name {
                    t.class = Class::Content;
                }
            }
        }
    }
    for u in &units {
        mark_name_parts(
            &mut toks[u.t0 as usize..u.t1 as usize],
            &kept[u.t0 as usize..u.t1 as usize],
        );
    }
    for u in &mut units {
        let r = u.t0 as usize..u.t1 as usize;
        for (acr, term) in acronyms(&toks[r.clone()], &kept[r]) {
            words.entry(term).or_insert(acr);
            u.extra.push(term);
        }
        fill_features(u, &toks);
    }

    // Index.
    let mut idx: KeyMap<(u64, KeyKind), Vec<u32>> = KeyMap::default();
    for u in units.iter_mut() {
        let ts = &toks[u.t0 as usize..u.t1 as usize];
        let mut whole = 0x5151u64;
        let mut sh: Vec<u64> = Vec::with_capacity(ts.len());
        for (i, t) in ts.iter().enumerate() {
            whole = mix(whole, t.term);
            if i >= 2 {
                sh.push(mix(mix(ts[i - 2].term, ts[i - 1].term), t.term));
            }
        }
        sh.sort_unstable();
        sh.dedup();
        u.shingles = sh;
        u.whole = whole;
    }
    for (ui, u) in units.iter().enumerate() {
        let ui = ui as u32;
        let push = |idx: &mut KeyMap<(u64, KeyKind), Vec<u32>>, key: u64, kind: KeyKind| {
            let v = idx.entry((key, kind)).or_default();
            if v.last() != Some(&ui) {
                v.push(ui);
            }
        };
        for &t in &u.terms {
            push(&mut idx, t, KeyKind::Term);
        }
        for &b in &u.bigrams {
            push(&mut idx, b, KeyKind::Bigram);
        }
        for &sh in &u.shingles {
            push(&mut idx, sh, KeyKind::Shingle);
        }
        push(&mut idx, u.whole, KeyKind::Whole);
    }
    let mut index: Vec<(u64, KeyKind, Vec<u32>)> =
        idx.into_iter().map(|((k, kind), v)| (k, kind, v)).collect();
    index.sort_unstable_by_key(|e| (e.0, e.1));
    let term_units: Vec<(u64, u32)> = index
        .iter()
        .filter(|e| e.1 == KeyKind::Term)
        .map(|e| (e.0, e.2.len() as u32))
        .collect();

    Prepared {
        toks,
        units,
        index,
        term_units,
        words,
        utf16: Utf16Map::new(text),
    }
}

fn classify(t: &crate::text::Token, first_in_unit: bool) -> (String, Class) {
    if t.numeric {
        let s: String = t.norm.chars().filter(|c| c.is_alphanumeric()).collect();
        return (s, Class::Number);
    }
    let single = t.norm.chars().count() == 1
        && t.norm
            .chars()
            .all(|c| c.is_ascii_alphabetic() || !c.is_alphabetic());
    let term: String = match lexicon::canonical(&t.norm) {
        Some(c) => c.to_string(),
        None => stem(&t.norm),
    };
    let class = match lexicon::commonness(&t.norm, &term) {
        _ if single => Class::Stop,
        Commonness::Stop => Class::Stop,
        Commonness::Common => Class::Common,
        Commonness::Rare if t.capitalized && !first_in_unit => Class::Name,
        Commonness::Rare => Class::Content,
    };
    (term, class)
}

fn make_unit(
    chars: &[char],
    kept: &[crate::text::Token],
    a: usize,
    b: usize,
    line_before: bool,
) -> Unit {
    let n = chars.len();
    let lo = if a > 0 { kept[a - 1].end } else { 0 };
    let hi = kept.get(b).map_or(n, |t| t.start);
    let mut start = kept[a].start;
    while start > lo && start > 0 && is_opening(chars[start - 1]) {
        start -= 1;
    }
    let mut end = kept[b - 1].end;
    while end < hi && end < n && !chars[end].is_whitespace() && !chars[end].is_alphanumeric() {
        end += 1;
    }
    Unit {
        t0: a as u32,
        t1: b as u32,
        start: start as u32,
        end: end as u32,
        line_before,
        terms: Vec::new(),
        bigrams: Vec::new(),
        extra: Vec::new(),
        shingles: Vec::new(),
        whole: 0,
        classes: Vec::new(),
    }
}

/// Words inside a name phrase testify to the name, not to what is said:
/// a lowercase word between two names ("HTS leader Abu") and a capitalized
/// sentence-initial word before a name ("Syrian President") count as names.
fn mark_name_parts(toks: &mut [Tok], raw: &[crate::text::Token]) {
    let n = toks.len();
    let is_name = |t: &Tok| t.class == Class::Name;
    let mut upgrade = vec![false; n];
    for k in 0..n {
        let c = toks[k].class;
        if !matches!(c, Class::Content | Class::Common) {
            continue;
        }
        let next_name = k + 1 < n && is_name(&toks[k + 1]);
        let prev_name = k > 0 && is_name(&toks[k - 1]);
        if (prev_name && next_name) || (k == 0 && raw[k].capitalized && next_name) {
            upgrade[k] = true;
        }
    }
    for (t, up) in toks.iter_mut().zip(upgrade) {
        if up {
            t.class = Class::Name;
        }
    }
}

/// Initials of multi-word capitalized names (function words inside skipped).
fn acronyms(toks: &[Tok], raw: &[crate::text::Token]) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<(String, u64)>| {
        if cur.chars().count() >= 2
            && lexicon::commonness(cur, cur) != Commonness::Stop
            && !out.iter().any(|(a, _)| a == cur)
        {
            let term = hash_bytes(7, cur.as_bytes());
            out.push((cur.clone(), term));
        }
        cur.clear();
    };
    for (t, r) in toks.iter().zip(raw) {
        let upper_word = r.capitalized && !r.numeric && r.norm.chars().count() > 1;
        if upper_word && t.class != Class::Stop {
            if let Some(c) = r.norm.chars().next() {
                cur.push(c);
            }
        } else if t.class == Class::Stop && !cur.is_empty() {
            // "of", "al", "for" inside a name.
        } else {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

fn fill_features(u: &mut Unit, toks: &[Tok]) {
    let ts = &toks[u.t0 as usize..u.t1 as usize];
    let mut terms: Vec<u64> = ts
        .iter()
        .filter(|t| t.class != Class::Stop)
        .map(|t| t.term)
        .chain(u.extra.iter().copied())
        .collect();
    terms.sort_unstable();
    terms.dedup();
    let content: Vec<u64> = ts
        .iter()
        .filter(|t| t.class != Class::Stop)
        .map(|t| t.term)
        .collect();
    let mut bigrams: Vec<u64> = content.windows(2).map(|w| mix(w[0], w[1])).collect();
    bigrams.sort_unstable();
    bigrams.dedup();
    let mut classes: Vec<(u64, Class)> = ts
        .iter()
        .filter(|t| t.class != Class::Stop)
        .map(|t| (t.term, t.class))
        .chain(u.extra.iter().map(|&t| (t, Class::Name)))
        .collect();
    classes.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    classes.dedup_by_key(|e| e.0);
    u.terms = terms;
    u.bigrams = bigrams;
    u.classes = classes;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let p = prepare(text, &[]);
        let cs: Vec<char> = text.chars().collect();
        p.units
            .iter()
            .map(|u| cs[u.start as usize..u.end as usize].iter().collect())
            .collect()
    }

    #[test]
    fn splits_sentences() {
        let s = sentences(
            "Mr. Assad left. He flew to Moscow on Nov. 27! “Free,” they said.\nHeading\nNext one",
        );
        assert_eq!(
            s,
            [
                "Mr. Assad left.",
                "He flew to Moscow on Nov. 27!",
                "“Free,” they said.",
                "Heading",
                "Next one"
            ]
        );
    }

    #[test]
    fn wrapped_lines_join() {
        let line = "word ".repeat(14);
        let text = format!("{line}\nand more {line}.\n{line}\n{line}\n{line}\n{line}\n{line}");
        let p = prepare(&text, &[]);
        assert!(p.units.len() <= 2, "{}", p.units.len());
    }

    #[test]
    fn ignored_tokens_dropped() {
        let t = "Keep this. Drop this line. Keep that.";
        let p = prepare(t, &[(11, 26)]);
        assert_eq!(p.units.len(), 2);
        assert!(p.toks.iter().all(|x| x.end <= 11 || x.start >= 26));
    }

    #[test]
    fn cjk_sentences() {
        let s = sentences("叙利亚总统离开了。反对派进入大马士革。");
        assert_eq!(s.len(), 2);
    }
}

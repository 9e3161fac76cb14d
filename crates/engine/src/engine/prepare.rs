//! Per-document preparation: tokens with terms and classes, sentence units,
//! and the sorted keys other documents are joined against. Depends on the
//! document alone, so it is cached by a hash of the text and ignored ranges.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::keys::{hash_bytes, mix, sort_keys, KeyMap, StrHasher};
use super::lexicon::{self, Commonness, Role};
use crate::sentences;
use crate::text::{for_each_word, is_capitalized, is_numeric, normalize_into, stem_into, Utf16Map};

/// Units longer than this many tokens are cut at the next clause mark.
const SOFT_UNIT: usize = 40;
/// Units are never longer than this many tokens.
pub(crate) const HARD_UNIT: usize = 60;
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
    /// A clause mark (comma, colon, dash, bracket...) stands before it.
    pub clause: bool,
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
    /// Terms of the named speakers its words are attributed to ("Sir Keir
    /// Starmer urged ..."), 0 for none: see [`find_speakers`].
    pub speakers: [u64; 6],
}

impl Unit {
    /// Whether both units attribute their words to named speakers, and
    /// to different ones: then they are not the same quote or statement.
    pub(crate) fn other_speakers(&self, other: &Unit) -> bool {
        let named = |s: &[u64; 6]| s[0] != 0;
        named(&self.speakers)
            && named(&other.speakers)
            && !self
                .speakers
                .iter()
                .any(|&t| t != 0 && other.speakers.contains(&t))
    }
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

/// The units carrying one key, ascending. Most keys are carried by one
/// unit, which is then stored inline (no allocation per key); natively
/// two or three are too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum UnitList {
    One(u32),
    #[cfg(not(target_arch = "wasm32"))]
    Few(u8, [u32; 3]),
    Many(Vec<u32>),
}

impl UnitList {
    /// The units of packed index keys (in their low 32 bits).
    fn of(keys: &[u128]) -> UnitList {
        match keys {
            [x] => UnitList::One(*x as u32),
            #[cfg(not(target_arch = "wasm32"))]
            [_, _] | [_, _, _] => {
                let unit = |i: usize| keys.get(i).map_or(0, |&x| x as u32);
                UnitList::Few(keys.len() as u8, std::array::from_fn(unit))
            }
            _ => UnitList::Many(keys.iter().map(|&x| x as u32).collect()),
        }
    }
}

impl std::ops::Deref for UnitList {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        match self {
            UnitList::One(u) => std::slice::from_ref(u),
            #[cfg(not(target_arch = "wasm32"))]
            UnitList::Few(len, few) => few.get(..*len as usize).unwrap_or(few),
            UnitList::Many(v) => v,
        }
    }
}

impl<'a> IntoIterator for &'a UnitList {
    type Item = &'a u32;
    type IntoIter = std::slice::Iter<'a, u32>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A prepared document.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub(crate) toks: Vec<Tok>,
    pub(crate) units: Vec<Unit>,
    /// Sorted by key: (key, kind, units carrying it).
    pub(crate) index: Vec<(u64, KeyKind, UnitList)>,
    /// Sorted (term, number of units carrying it) for content terms.
    pub(crate) term_units: Vec<(u64, u32)>,
    /// A readable form of each content term.
    pub(crate) words: KeyMap<u64, (u32, u32)>,
    /// The text the byte ranges of [`Prepared::words`] point into.
    pub(crate) word_text: String,
    pub(crate) utf16: Utf16Map,
}

impl Prepared {
    /// A readable form of content term `term`.
    pub(crate) fn word(&self, term: u64) -> Option<&str> {
        let &(a, b) = self.words.get(&term)?;
        self.word_text.get(a as usize..b as usize)
    }

    /// The speakers of unit `u` (of this document), as words.
    pub(crate) fn speaker_words<'a>(&'a self, u: &'a Unit) -> impl Iterator<Item = &'a str> {
        u.speakers
            .iter()
            .filter(|&&t| t != 0)
            .map(|&t| self.word(t).unwrap_or("?"))
    }
}

fn is_clause_mark(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '—' | '–' | '，' | '、' | '；' | '：' | '،' | '(' | ')'
    )
}

/// Normalized, merged, clamped ignored ranges.
fn clean_ranges(ignored: &[(usize, usize)], n: usize) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = ignored
        .iter()
        .map(|&(s, e)| (s.min(n), e.min(n)))
        .filter(|(s, e)| s < e)
        .collect();
    crate::sort::sort_unstable(&mut v);
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
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    chars.extend(text.chars());
    let n = chars.len();
    let ign = clean_ranges(ignored, n);
    let wrapped = sentences::looks_wrapped_text(text);
    // Each distinct spelling is normalized, stemmed and looked up once.
    let mut spellings: Vec<Spelling> = Vec::with_capacity(text.len() / 16 + 8);
    let mut seen: HashMap<&str, u32, BuildHasherDefault<StrHasher>> =
        HashMap::with_capacity_and_hasher(text.len() / 12 + 8, Default::default());
    // Normalized spellings, then acronyms, one after another.
    let mut word_text = String::with_capacity(text.len() / 2);
    let mut scratch = Scratch::default();
    // Keep tokens outside ignored ranges; remember where text was dropped.
    let mut kept: Vec<Kept> = Vec::with_capacity(text.len() / 5 + 1);
    let mut ri = 0usize;
    let mut dropped = false;
    for_each_word(text, |start, end, w| {
        let sp = match seen.entry(w) {
            std::collections::hash_map::Entry::Occupied(e) => *e.get(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let sp = spellings.len() as u32;
                spellings.push(Spelling::new(w, &mut word_text, &mut scratch));
                *e.insert(sp)
            }
        };
        let s = &spellings[sp as usize];
        if s.norm.0 == s.norm.1 {
            return;
        }
        while ri < ign.len() && ign[ri].1 <= start {
            ri += 1;
            dropped = true;
        }
        if ri < ign.len() && ign[ri].0 < end {
            dropped = true;
            return;
        }
        kept.push(Kept {
            start,
            end,
            sp,
            capitalized: s.capitalized,
            numeric: s.numeric,
            dropped_before: dropped,
        });
        dropped = false;
    });

    // Segment into units.
    let mut toks: Vec<Tok> = Vec::with_capacity(kept.len());
    let mut units: Vec<Unit> = Vec::new();
    let mut words: KeyMap<u64, (u32, u32)> = KeyMap::default();
    words.reserve(spellings.len());
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
        let mut clause = false;
        if k > 0 {
            let prev = &kept[k - 1];
            let gap = &chars[prev.end.min(n)..t.start.min(n)];
            clause = gap.iter().any(|&c| is_clause_mark(c));
            let first = chars.get(t.start).copied().unwrap_or(' ');
            if t.dropped_before {
                brk = true;
                line = true;
            } else if let Some(at_line) =
                sentences::ends(gap, first, prev_norm_short_abbrev, wrapped)
            {
                brk = true;
                line = at_line;
            }
            let cur_len = k - u_start_tok;
            if !brk && cur_len >= HARD_UNIT {
                brk = true;
                cut = true;
            }
            if !brk && cur_len >= SOFT_UNIT && clause {
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
        let sp = &mut spellings[t.sp as usize];
        let single_cap = t.capitalized && t.end - t.start == 1;
        prev_norm_short_abbrev = single_cap || sp.abbrev;

        let class = sp.class(k == u_start_tok);
        let term = sp.term;
        if class != Class::Stop && !sp.listed {
            // The first token of a term names it.
            sp.listed = true;
            words.entry(term).or_insert(sp.norm);
        }
        toks.push(Tok {
            start: t.start as u32,
            end: t.end as u32,
            term,
            class,
            clause,
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
    find_speakers(&mut units, &toks, &kept, &spellings, &chars);
    for u in &mut units {
        let r = u.t0 as usize..u.t1 as usize;
        for (acr, term) in acronyms(&toks[r.clone()], &kept[r], &spellings, &word_text) {
            words.entry(term).or_insert_with(|| {
                let a = word_text.len() as u32;
                word_text.push_str(&acr);
                (a, word_text.len() as u32)
            });
            u.extra.push(term);
        }
        fill_features(u, &toks);
    }

    // Index.
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
        crate::sort::sort_unstable(&mut sh);
        sh.dedup();
        u.shingles = sh;
        u.whole = whole;
    }
    // (key, kind, unit) packed so that integer order is tuple order.
    let pack = |key: u64, kind: KeyKind, ui: usize| -> u128 {
        (key as u128) << 64 | (kind as u128) << 32 | ui as u128
    };
    let n_keys: usize = units
        .iter()
        .map(|u| u.terms.len() + u.bigrams.len() + u.shingles.len() + 1)
        .sum();
    let mut all: Vec<u128> = Vec::with_capacity(n_keys);
    for (ui, u) in units.iter().enumerate() {
        all.extend(u.terms.iter().map(|&t| pack(t, KeyKind::Term, ui)));
        all.extend(u.bigrams.iter().map(|&b| pack(b, KeyKind::Bigram, ui)));
        all.extend(u.shingles.iter().map(|&h| pack(h, KeyKind::Shingle, ui)));
        all.push(pack(u.whole, KeyKind::Whole, ui));
    }
    sort_keys(&mut all);
    all.dedup();
    const KINDS: [KeyKind; 4] = [
        KeyKind::Term,
        KeyKind::Bigram,
        KeyKind::Shingle,
        KeyKind::Whole,
    ];
    let mut index: Vec<(u64, KeyKind, UnitList)> = Vec::with_capacity(all.len());
    let mut k = 0;
    while k < all.len() {
        let head = all[k] >> 32;
        let mut end = k + 1;
        while end < all.len() && all[end] >> 32 == head {
            end += 1;
        }
        let kind = KINDS[(head as usize) & 3];
        let list = UnitList::of(all.get(k..end).unwrap_or_default());
        index.push(((head >> 32) as u64, kind, list));
        k = end;
    }
    let n_terms = index.iter().filter(|e| e.1 == KeyKind::Term).count();
    let mut term_units: Vec<(u64, u32)> = Vec::with_capacity(n_terms);
    term_units.extend(
        index
            .iter()
            .filter(|e| e.1 == KeyKind::Term)
            .map(|e| (e.0, e.2.len() as u32)),
    );

    Prepared {
        toks,
        units,
        index,
        term_units,
        words,
        word_text,
        utf16: Utf16Map::new(text),
    }
}

/// A kept word of the text.
struct Kept {
    start: usize,
    end: usize,
    /// Index of its spelling.
    sp: u32,
    capitalized: bool,
    numeric: bool,
    /// Ignored text was left out just before it.
    dropped_before: bool,
}

/// The class of a spelling before its place in the sentence is known.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Base {
    Number,
    Stop,
    Common,
    Rare,
}

/// What one spelling of a word says, whatever its place in the text.
struct Spelling {
    /// Byte range of the normalized form in the word text (empty: not a
    /// word).
    norm: (u32, u32),
    /// Hash of the term (canonical or stemmed form).
    term: u64,
    base: Base,
    capitalized: bool,
    numeric: bool,
    /// A period after it does not end a sentence.
    abbrev: bool,
    /// Its first letter, when it can start an acronym (two chars or more).
    initial: Option<char>,
    /// Its term is in [`Prepared::words`] already.
    listed: bool,
    /// Its part in attributions.
    role: Role,
}

/// Reused buffers for spellings.
#[derive(Default)]
struct Scratch {
    norm: String,
    term: String,
}

impl Spelling {
    /// The spelling of `w`; its normalized form is appended to `word_text`.
    fn new(w: &str, word_text: &mut String, scratch: &mut Scratch) -> Spelling {
        let Scratch { norm, term } = scratch;
        normalize_into(w, norm);
        let capitalized = is_capitalized(w);
        let numeric = is_numeric(w);
        let (base, role) = classify(norm, numeric, term);
        let mut cs = norm.chars();
        let first = cs.next();
        let initial = if cs.next().is_some() { first } else { None };
        let a = word_text.len() as u32;
        word_text.push_str(norm);
        Spelling {
            role,
            norm: (a, word_text.len() as u32),
            abbrev: sentences::is_abbrev(norm),
            term: hash_bytes(7, term.as_bytes()),
            base,
            capitalized,
            numeric,
            initial,
            listed: false,
        }
    }

    fn class(&self, first_in_unit: bool) -> Class {
        match self.base {
            Base::Number => Class::Number,
            Base::Stop => Class::Stop,
            Base::Common => Class::Common,
            Base::Rare if self.capitalized && !first_in_unit => Class::Name,
            Base::Rare => Class::Content,
        }
    }
}

/// The base class of a normalized word and its part in attributions; its
/// term goes to `term`.
#[inline(never)]
fn classify(norm: &str, numeric: bool, term: &mut String) -> (Base, Role) {
    term.clear();
    if numeric {
        term.extend(norm.chars().filter(|c| c.is_alphanumeric()));
        return (Base::Number, Role::None);
    }
    let mut cs = norm.chars();
    let single = cs
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || !c.is_alphabetic())
        && cs.next().is_none();
    // One lookup of the word gives its canonical form and commonness (as
    // `lexicon::commonness` would).
    let known = lexicon::entry(norm);
    let initials = norm.strip_suffix("'s").unwrap_or(norm);
    match known.and_then(|e| e.canon) {
        // A number in words ("five": "5"; see `lexicon::CANON`).
        Some(c) if c.starts_with(|d: char| d.is_ascii_digit()) => {
            term.push_str(c);
            return (Base::Number, Role::None);
        }
        Some(c) => term.push_str(c),
        // "I.R.S." is "IRS" (and the initials of "Internal Revenue Service").
        None if sentences::is_initials(initials) => {
            term.extend(
                initials
                    .bytes()
                    .filter(u8::is_ascii_alphabetic)
                    .map(char::from),
            );
        }
        None => stem_into(norm, term),
    }
    let common = || {
        known.is_some_and(|e| e.common)
            || (term.as_str() != norm && lexicon::entry(term).is_some_and(|e| e.common))
    };
    let base = if single || known.is_some_and(|e| e.stop) {
        Base::Stop
    } else if common() {
        Base::Common
    } else {
        // One key for a name's transliterated spellings.
        if term.bytes().any(|b| b == b'j' || b == b'q') {
            let stem = std::mem::take(term);
            lexicon::fold_spelling(&stem, term);
        }
        Base::Rare
    };
    (base, known.map_or(Role::None, |e| e.role))
}

fn make_unit(chars: &[char], kept: &[Kept], a: usize, b: usize, line_before: bool) -> Unit {
    let lo = if a > 0 { kept[a - 1].end } else { 0 };
    let hi = kept.get(b).map_or(chars.len(), |t| t.start);
    let (start, end) = sentences::widen(chars, lo, kept[a].start, kept[b - 1].end, hi);
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
        speakers: [0; 6],
    }
}

/// The named speakers of each unit: the capitalized words just before a
/// verb of saying ("Sir Keir Starmer urged", "ICRC is calling"), or just
/// after one that follows a quote (", said Smith"). News agencies are left
/// out. A quote opening a paragraph after one that ends with a colon ("X
/// said:") is X's, and a pronoun subject ("He said") stands for the last
/// speaker named in the paragraph.
fn find_speakers(
    units: &mut [Unit],
    toks: &[Tok],
    kept: &[Kept],
    spellings: &[Spelling],
    chars: &[char],
) {
    let n = chars.len();
    let role = |k: usize| spellings[kept[k].sp as usize].role;
    // The text between tokens `k - 1` and `k`.
    let gap = |k: usize| -> &[char] {
        let a = kept[k - 1].end.min(n);
        &chars[a..kept[k].start.clamp(a, n)]
    };
    let joined = |k: usize| gap(k).iter().all(|&c| c.is_whitespace() || c == '-');
    // Terms capitalized inside a sentence somewhere in the document, sorted
    // (made when first needed).
    let names = std::cell::OnceCell::new();
    let names = || {
        names.get_or_init(|| {
            let mut v: Vec<u64> = toks
                .iter()
                .filter(|t| t.class == Class::Name)
                .map(|t| t.term)
                .collect();
            crate::sort::sort_unstable(&mut v);
            v.dedup();
            v
        })
    };
    // An acronym: two letters or more, all capitals.
    let all_caps = |k: usize| {
        let w = chars.get(kept[k].start..kept[k].end).unwrap_or_default();
        w.iter().filter(|c| c.is_alphabetic()).count() >= 2 && !w.iter().any(|c| c.is_lowercase())
    };
    // A word of a name: capitalized, not a number, function word, agency
    // or other attribution word. The first word of a sentence is one only
    // when it is no common word and is an acronym or stands capitalized
    // inside a sentence elsewhere ("Moscow", not "Witnesses").
    let name_word = |k: usize, first: bool| {
        let sp = &spellings[kept[k].sp as usize];
        kept[k].capitalized
            && !kept[k].numeric
            && toks[k].class != Class::Stop
            && sp.role == Role::None
            && (!first
                || sp.base == Base::Rare
                    && (all_caps(k) || names().binary_search(&toks[k].term).is_ok()))
    };
    // Whether a quote is left open at the end of `text`.
    let left_open = |text: &[char]| {
        text.iter().fold(false, |open, &c| match c {
            '“' | '«' => true,
            '”' | '»' => false,
            '"' => !open,
            _ => open,
        })
    };
    let mut last: [u64; 6] = [0; 6];
    // Where the current paragraph starts, and where its last unit ends.
    let (mut para, mut end) = (0usize, 0usize);
    for unit in units.iter_mut() {
        let (t0, t1) = (unit.t0 as usize, unit.t1 as usize);
        if unit.line_before {
            // A quote opening a paragraph after "X said:" is X's, and so
            // is a paragraph that goes on with a quote left open (looked
            // at only when there is a speaker to carry on).
            if last[0] != 0 {
                let opens = chars
                    .get(unit.start as usize)
                    .is_some_and(|&c| sentences::is_opening(c) && c != '(' && c != '[');
                let colon = t0 > 0
                    && gap(t0)
                        .iter()
                        .take_while(|&&c| c != '\n')
                        .any(|&c| c == ':');
                let open = || left_open(chars.get(para..end).unwrap_or_default());
                if !(opens && colon || open()) {
                    last = [0; 6];
                }
            }
            para = unit.start as usize;
        }
        end = unit.end as usize;
        let mut found: [u64; 6] = [0; 6];
        let mut count = 0;
        let mut add = |t: u64| {
            if count < 6 && !found.contains(&t) {
                found[count] = t;
                count += 1;
            }
        };
        let mut pronoun = false;
        for k in t0..t1 {
            if role(k) != Role::Speech {
                continue;
            }
            let mut j = k;
            while j > t0 && k - j < 3 && role(j - 1) == Role::Gap && joined(j) {
                j -= 1;
            }
            if j > t0 && role(j - 1) == Role::Pronoun && joined(j) {
                pronoun = true;
                continue;
            }
            // (An appositive ends with a comma: "the envoy, Anna Berg, said".)
            let appositive =
                |i: usize| i == j && gap(i).iter().all(|&c| c.is_whitespace() || c == ',');
            let mut i = j;
            while i > t0
                && j - i < 6
                && name_word(i - 1, i - 1 == t0)
                && (joined(i) || appositive(i))
            {
                i -= 1;
            }
            // After a preposition, the first name is its object ("residents
            // of Pellan said"; "head of delegation in Syria Stephan Sakalian
            // said").
            let first = if i > t0 && role(i - 1) == Role::Preposition {
                i + 1
            } else {
                i
            };
            for t in toks.get(first..j).unwrap_or_default() {
                add(t.term);
            }
            // ", said Smith" / "” said Smith"
            if i == j && k > t0 && gap(k).iter().any(|&c| matches!(c, ',' | '"' | '”' | '’')) {
                let mut m = k + 1;
                while m < t1 && m - k <= 5 && name_word(m, false) && joined(m) {
                    add(toks[m].term);
                    m += 1;
                }
            }
        }
        if count == 0 && (pronoun || unit.line_before) {
            found = last;
        }
        if found[0] != 0 {
            last = found;
        }
        unit.speakers = found;
    }
}

/// Words inside a name phrase testify to the name, not to what is said:
/// a lowercase word between two names ("HTS leader Abu") and a capitalized
/// sentence-initial word before a name ("Syrian President") count as names.
fn mark_name_parts(toks: &mut [Tok], raw: &[Kept]) {
    let n = toks.len();
    // Decided on the classes before any change: `prev_name` is the
    // previous token's class as it was.
    let mut prev_name = false;
    for k in 0..n {
        let c = toks[k].class;
        let is_name = c == Class::Name;
        if matches!(c, Class::Content | Class::Common) {
            let next_name = k + 1 < n && toks[k + 1].class == Class::Name;
            if (prev_name && next_name) || (k == 0 && raw[k].capitalized && next_name) {
                toks[k].class = Class::Name;
            }
        }
        prev_name = is_name;
    }
}

/// Initials of multi-word capitalized names (function words inside
/// skipped), folded as names are ([`lexicon::fold_spelling`]); a name
/// with a two-word long form of [`lexicon::SHORT_FORMS`] in it ("Foreign
/// Ministry") also stands for its short form ("MFA").
fn acronyms(
    toks: &[Tok],
    raw: &[Kept],
    spellings: &[Spelling],
    word_text: &str,
) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = Vec::new();
    let mut cur = String::new();
    let push = |acr: &str, out: &mut Vec<(String, u64)>| {
        if acr.chars().count() >= 2
            && lexicon::commonness(acr, acr) != Commonness::Stop
            && !out.iter().any(|(a, _)| a == acr)
        {
            let mut folded = String::with_capacity(acr.len());
            lexicon::fold_spelling(acr, &mut folded);
            out.push((acr.to_string(), hash_bytes(7, folded.as_bytes())));
        }
    };
    // The initials of a name, and of it with "of" and "and" inside, if
    // they differ.
    let flush = |cur: &str, full: &str, out: &mut Vec<(String, u64)>| {
        push(cur, out);
        if full != cur {
            push(full, out);
        }
    };
    // The initials with those of "of" and "and" inside the name too
    // ("Defense of Marriage Act": "DMA" and "DOMA"), and those waiting for
    // the next capitalized word.
    let (mut full, mut pending) = (String::new(), String::new());
    let mut prev = "";
    for (t, r) in toks.iter().zip(raw) {
        let sp = spellings.get(r.sp as usize);
        let initial = sp.and_then(|s| s.initial);
        let upper_word = r.capitalized && !r.numeric && initial.is_some();
        let norm = sp.map_or("", |s| {
            word_text
                .get(s.norm.0 as usize..s.norm.1 as usize)
                .unwrap_or("")
        });
        if upper_word && t.class != Class::Stop {
            if let Some(c) = initial {
                cur.push(c);
                full.push_str(&pending);
                full.push(c);
            }
            pending.clear();
            for (long, short) in lexicon::SHORT_FORMS {
                if long.split_once(' ') == Some((prev, norm)) {
                    push(short, &mut out);
                }
            }
        } else if t.class == Class::Stop && !cur.is_empty() {
            // "of", "al", "for" inside a name.
            if norm == "of" || norm == "and" {
                pending.push_str(&norm[..1]);
            }
        } else {
            flush(&cur, &full, &mut out);
            cur.clear();
            full.clear();
            pending.clear();
        }
        prev = norm;
    }
    flush(&cur, &full, &mut out);
    out
}

fn fill_features(u: &mut Unit, toks: &[Tok]) {
    let ts = &toks[u.t0 as usize..u.t1 as usize];
    let n_content = ts.iter().filter(|t| t.class != Class::Stop).count();
    let mut bigrams: Vec<u64> = Vec::with_capacity(n_content.saturating_sub(1));
    let mut prev: Option<u64> = None;
    for t in ts.iter().filter(|t| t.class != Class::Stop) {
        if let Some(p) = prev {
            bigrams.push(mix(p, t.term));
        }
        prev = Some(t.term);
    }
    crate::sort::sort_unstable(&mut bigrams);
    bigrams.dedup();
    let mut classes: Vec<(u64, Class)> = Vec::with_capacity(n_content + u.extra.len());
    classes.extend(
        ts.iter()
            .filter(|t| t.class != Class::Stop)
            .map(|t| (t.term, t.class))
            .chain(u.extra.iter().map(|&t| (t, Class::Name))),
    );
    crate::sort::sort_unstable_by(&mut classes, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    classes.dedup_by_key(|e| e.0);
    // The distinct terms are those of the classes, in the same order.
    u.terms = classes.iter().map(|e| e.0).collect();
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

    /// The speakers of each unit, as words.
    fn speakers(text: &str) -> Vec<Vec<String>> {
        let p = prepare(text, &[]);
        p.units
            .iter()
            .map(|u| {
                let mut names: Vec<String> = p.speaker_words(u).map(str::to_string).collect();
                names.sort();
                names
            })
            .collect()
    }

    #[test]
    fn finds_speakers() {
        let none: Vec<String> = Vec::new();
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let cases: &[(&str, Vec<Vec<String>>)] = &[
            (
                "Sir Keir Starmer urged calm.",
                vec![w(&["keir", "starmer"])],
            ),
            ("ICRC is calling for access.", vec![w(&["icrc"])]),
            ("“Calm,” said Anna Berg.", vec![w(&["anna", "berg"])]),
            ("The envoy, Anna Berg, said it.", vec![w(&["anna", "berg"])]),
            // A name after a preposition is its object, not the speaker.
            ("Residents of Pellan said it.", vec![none.clone()]),
            ("Ann Berg, the mayor of Tarsk, told us.", vec![none.clone()]),
            (
                "The head of staff in Tarsk Ann Berg said it.",
                vec![w(&["ann", "berg"])],
            ),
            // Agencies relay; officials and pronouns name no one.
            ("Reuters reported the fall.", vec![none.clone()]),
            // A sentence's first word is a name only when it is an acronym
            // or capitalized inside a sentence elsewhere.
            (
                "Witnesses said it. Troops left Tarsk.",
                vec![none.clone(), none.clone()],
            ),
            (
                "Tarsk said it. Troops left Tarsk.",
                vec![w(&["tarsk"]), none.clone()],
            ),
            ("The official said it was over.", vec![none.clone()]),
            // A pronoun stands for the last speaker of the paragraph, and
            // a new paragraph starts afresh.
            (
                "Anna Berg said it was calm. She added that talks go on.\n\nShe said more.",
                vec![w(&["anna", "berg"]), w(&["anna", "berg"]), none.clone()],
            ),
            // A quote after "X said:" is X's, and goes on over a paragraph
            // while it is open.
            (
                "Anna Berg said:\n\n“We are ready.\n\nWe call for calm.\n\nRain fell.",
                vec![
                    w(&["anna", "berg"]),
                    w(&["anna", "berg"]),
                    w(&["anna", "berg"]),
                    none.clone(),
                ],
            ),
            // Words of no attribution.
            ("Trains ran late in Leeds.", vec![none.clone()]),
        ];
        for (text, want) in cases {
            assert_eq!(&speakers(text), want, "{text}");
        }
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

    /// The units are the sentences of [`sentences::sentences`] (no long
    /// sentence here is cut into clauses).
    #[test]
    fn same_as_the_units() {
        for text in [
            "Mr. Smith arrived on Jan. 5 in St. Louis. He left.\nThen rain",
            "“We will rebuild,” the mayor said. The U.S. sent aid!\n\nNew line here",
            "one two three\nfour five. six Seven. Eight",
        ] {
            let units: Vec<(usize, usize)> = prepare(text, &[])
                .units
                .iter()
                .map(|u| (u.start as usize, u.end as usize))
                .collect();
            assert_eq!(sentences::sentences(text), units, "{text}");
        }
    }

    #[test]
    fn cjk_sentences() {
        let s = sentences("叙利亚总统离开了。反对派进入大马士革。");
        assert_eq!(s.len(), 2);
    }
}

//! Tokenizing with offsets, and normalizing words so that case, quote and
//! dash styles, diacritics and light inflection do not hide a match.
//!
//! ```
//! use parallax_engine::text::tokenize;
//! let toks = tokenize("Assad’s palace — “free”");
//! let words: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
//! assert_eq!(words, ["assad's", "palace", "free"]);
//! assert_eq!((toks[1].start, toks[1].end), (8, 14));
//! ```

#[cfg(not(target_arch = "wasm32"))]
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// One word of a text, with its place in the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Start in chars (Unicode scalar values), inclusive.
    pub start: usize,
    /// End in chars, exclusive.
    pub end: usize,
    /// Normalized form: NFKC, lowercased, apostrophes unified.
    pub norm: String,
    /// The word starts with an uppercase letter in the original.
    pub capitalized: bool,
    /// The word contains a digit.
    pub numeric: bool,
}

/// Splits `text` into words (Unicode word boundaries; punctuation and
/// whitespace dropped), each with char offsets into `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_word(text, |start, end, w| {
        let norm = normalize_word(w);
        if norm.is_empty() {
            return;
        }
        out.push(Token {
            start,
            end,
            capitalized: is_capitalized(w),
            numeric: is_numeric(w),
            norm,
        });
    });
    out
}

/// Calls `f(start, end, word)` for each word of `text` (Unicode word
/// boundaries, as `unicode_word_indices`), in order, with char offsets
/// into `text`.
pub(crate) fn for_each_word<'a>(text: &'a str, mut f: impl FnMut(usize, usize, &'a str)) {
    // Chars before the chunk at hand.
    let mut chars = 0usize;
    for_each_chunk(text, |_, chunk| {
        // In ASCII a char is a byte.
        #[cfg(not(target_arch = "wasm32"))]
        if chunk.is_ascii() {
            let at = chars;
            ascii::simple_words(chunk, |b, w| f(at + b, at + b + w.len(), w));
            chars += chunk.len();
            return;
        }
        // Walk byte offsets and count chars incrementally.
        let mut char_pos = chars;
        let mut byte_pos = 0usize;
        let mut word = |b: usize, w: &'a str| {
            char_pos += char_count(chunk.get(byte_pos..b).unwrap_or(""));
            let start = char_pos;
            char_pos += char_count(w);
            byte_pos = b + w.len();
            f(start, char_pos, w);
        };
        #[cfg(not(target_arch = "wasm32"))]
        let done = ascii::simple_words(chunk, &mut word);
        #[cfg(target_arch = "wasm32")]
        let done = false;
        if !done {
            for (b, w) in chunk.unicode_word_indices() {
                word(b, w);
            }
        }
        chars += char_count(chunk);
    });
}

/// A word splitter for ASCII text and a few common marks, natively
/// (WebAssembly segments with `unicode-segmentation` alone, keeping the
/// module small).
#[cfg(not(target_arch = "wasm32"))]
mod ascii {
    /// ASCII bytes by what they do in a word (natively): letters, digits and
    /// `_` make words (`WORD`); a `.`, `,`, `;`, `'` or `:` can join two of
    /// them (see [`simple_words`]).
    const LETTER: u8 = 1;
    const DIGIT: u8 = 2;
    const UNDERSCORE: u8 = 4;
    const WORD: u8 = LETTER | DIGIT | UNDERSCORE;
    /// Joins two letters.
    const JOINS_LETTERS: u8 = 8;
    /// Joins two digits.
    const JOINS_DIGITS: u8 = 16;

    static ASCII_CLASS: [u8; 128] = {
        let mut t = [0u8; 128];
        let mut b = 0;
        while b < 128 {
            let c = b as u8;
            t[b] = if c.is_ascii_alphabetic() {
                LETTER
            } else if c.is_ascii_digit() {
                DIGIT
            } else {
                match c {
                    b'_' => UNDERSCORE,
                    b'.' | b'\'' => JOINS_LETTERS | JOINS_DIGITS,
                    b':' => JOINS_LETTERS,
                    b',' | b';' => JOINS_DIGITS,
                    _ => 0,
                }
            };
            b += 1;
        }
        t
    };

    /// The words of `s` as `unicode_word_indices` finds them, when `s` is
    /// ASCII save for a few common marks: runs of letters, digits and `_`
    /// (with `.`, `,`, `;`, `'` or `’` between two digits, and `.`, `:`, `'`,
    /// `’` or `‘` between two letters) holding a letter or digit (UAX #29 on
    /// such text). Calls `f(byte_offset, word)` in order and returns `true`;
    /// returns `false` without a call when `s` holds other chars.
    pub(super) fn simple_words<'a>(s: &'a str, mut f: impl FnMut(usize, &'a str)) -> bool {
        let bytes = s.as_bytes();
        // Curly single quotes join like `.` (MidNumLet); the other marks are
        // ordinary breaks (Other).
        let mark = |c: char| -> u8 {
            match c {
                '\u{2018}' | '\u{2019}' => JOINS_LETTERS | JOINS_DIGITS,
                '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}' | '\u{2026}' | '\u{A0}'
                | '\u{AB}' | '\u{BB}' => 0,
                _ => u8::MAX,
            }
        };
        if !s.is_ascii() && s.chars().any(|c| !c.is_ascii() && mark(c) == u8::MAX) {
            return false;
        }
        // The class of the char at byte `i` and its length in bytes.
        let class_at = |i: usize| -> (u8, usize) {
            match bytes.get(i) {
                Some(&b) if b < 128 => (ASCII_CLASS[b as usize], 1),
                Some(_) => s
                    .get(i..)
                    .and_then(|r| r.chars().next())
                    .map_or((0, 1), |c| (mark(c), c.len_utf8())),
                None => (0, 0),
            }
        };
        let len = bytes.len();
        let mut i = 0usize;
        while i < len {
            let (class, n) = class_at(i);
            if class & WORD == 0 {
                i += n.max(1);
                continue;
            }
            let start = i;
            let mut prev = class;
            let mut alnum = class & (LETTER | DIGIT) != 0;
            i += 1;
            while i < len {
                let (class, n) = class_at(i);
                if class & WORD != 0 {
                    alnum |= class & (LETTER | DIGIT) != 0;
                    prev = class;
                    i += 1;
                    continue;
                }
                let (next, _) = class_at(i + n);
                let joins = (class & JOINS_LETTERS != 0 && prev & next & LETTER != 0)
                    || (class & JOINS_DIGITS != 0 && prev & next & DIGIT != 0);
                if !joins {
                    break;
                }
                i += n;
            }
            if alnum {
                if let Some(w) = s.get(start..i) {
                    f(start, w);
                }
            }
        }
        true
    }
}

/// Cuts `text` into chunks whose word boundaries are those they have in
/// the whole text, so that each can be segmented on its own: plain ASCII
/// runs (segmented by the fast ASCII path of `unicode-segmentation`) and
/// the stretches around other chars. A cut is made only between an ASCII
/// space and another ASCII char, where UAX #29 always breaks and no rule
/// looks across (WB3d joins spaces only to spaces, WB4 attaches only
/// non-ASCII marks). Calls `f(byte_offset, chunk)` in order.
fn for_each_chunk<'a>(text: &'a str, mut f: impl FnMut(usize, &'a str)) {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let cut_at = |p: usize| -> bool {
        if p == 0 || p >= len {
            return false;
        }
        let (x, y) = (bytes[p - 1], bytes[p]);
        x.is_ascii() && y.is_ascii() && (x == b' ') != (y == b' ')
    };
    let mut emit = |a: usize, b: usize| {
        if let Some(chunk) = text.get(a..b) {
            if !chunk.is_empty() {
                f(a, chunk);
            }
        }
    };
    // `start`: where the pending chunk begins (all ASCII up to `i`).
    let mut start = 0usize;
    let mut i = 0usize;
    loop {
        i = next_non_ascii(bytes, i);
        if i >= len {
            break;
        }
        // The ASCII run before it goes alone, up to its last cut.
        let mut c = i;
        while c > start && !cut_at(c) {
            c -= 1;
        }
        if c > start {
            emit(start, c);
            start = c;
        }
        // The rest, up to the next cut, goes to the general path.
        let mut j = i + 1;
        while j < len && !cut_at(j) {
            j += 1;
        }
        emit(start, j);
        start = j;
        i = j;
    }
    emit(start, len);
}

/// The first byte at or after `i` that is not ASCII (`bytes.len()` if none).
fn next_non_ascii(bytes: &[u8], mut i: usize) -> usize {
    while let Some(w) = bytes.get(i..i + 8) {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        if u64::from_le_bytes(b) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii() {
        i += 1;
    }
    i
}

fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// The word starts with an uppercase letter.
pub(crate) fn is_capitalized(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    }
}

/// The word contains a digit (any numeric char).
pub(crate) fn is_numeric(w: &str) -> bool {
    if w.is_ascii() {
        w.bytes().any(|b| b.is_ascii_digit())
    } else {
        w.chars().any(char::is_numeric)
    }
}

/// Normalizes one word: NFKC, lowercase, typographic apostrophes to `'`,
/// combining marks removed (so "Erdoğan" matches "Erdogan").
pub fn normalize_word(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    normalize_into(w, &mut s);
    s
}

/// [`normalize_word`] into `out` (cleared first).
pub(crate) fn normalize_into(w: &str, out: &mut String) {
    out.clear();
    if w.is_ascii() {
        // Plain ASCII is its own NFKD and NFC and has no combining marks:
        // only case and the backtick change.
        out.push_str(w);
        out.make_ascii_lowercase();
        if out.contains('`') {
            *out = out.replace('`', "'");
        }
        return;
    }
    normalize_general(w, out);
}

/// [`normalize_into`] for any text, ASCII or not.
#[cfg(not(target_arch = "wasm32"))]
fn normalize_general(w: &str, out: &mut String) {
    let mut s = String::with_capacity(w.len());
    for c in w.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        fold_char(c, &mut s);
    }
    out.extend(s.nfc());
}

/// [`normalize_into`] for any text, ASCII or not, with the
/// [`UnicodeForms`] the host supplied.
#[cfg(target_arch = "wasm32")]
fn normalize_general(w: &str, out: &mut String) {
    let Some(forms) = UNICODE_FORMS.get() else {
        // No forms supplied: apostrophes and ASCII case only.
        for c in w.chars() {
            out.push(if is_apostrophe(c) {
                '\''
            } else {
                c.to_ascii_lowercase()
            });
        }
        return;
    };
    let mut s = String::with_capacity(w.len());
    for c in (forms.nfkd_unmarked)(w).chars() {
        s.push(if is_apostrophe(c) { '\'' } else { c });
    }
    let mut lower = String::with_capacity(s.len());
    lowercase_chars(&s, &mut lower);
    out.push_str(&(forms.nfc)(&lower));
}

/// A typographic apostrophe (or a stand-in for one), read as `'`.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' | '`' | '\u{00B4}'
    )
}

/// One char of a decomposed word: typographic apostrophes to `'`, the rest
/// lowercased.
#[cfg(not(target_arch = "wasm32"))]
fn fold_char(c: char, s: &mut String) {
    if is_apostrophe(c) {
        s.push('\'');
    } else {
        s.extend(c.to_lowercase());
    }
}

/// `s` lowercased as [`str::to_lowercase`] does (a final capital sigma
/// becomes ς). In WebAssembly, text beyond ASCII is lowercased by the host
/// ([`UnicodeForms::lower`]): the case tables are not in the module.
pub fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    lowercase_general(s)
}

#[cfg(not(target_arch = "wasm32"))]
fn lowercase_general(s: &str) -> String {
    s.to_lowercase()
}

#[cfg(target_arch = "wasm32")]
fn lowercase_general(s: &str) -> String {
    match UNICODE_FORMS.get() {
        Some(forms) => (forms.lower)(s),
        // No host yet: ASCII letters only.
        None => s.to_ascii_lowercase(),
    }
}

/// `s` lowercased char by char, as [`char::to_lowercase`] does (a capital
/// sigma always becomes σ), appended to `out`.
pub fn lowercase_chars(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    #[cfg(not(target_arch = "wasm32"))]
    out.extend(s.chars().flat_map(char::to_lowercase));
    // Final_Sigma is the one context rule of the default lowercase mapping:
    // without a capital sigma, lowercasing the whole text equals lowercasing
    // each char.
    #[cfg(target_arch = "wasm32")]
    out.push_str(&lowercase_general(&s.replace('\u{3A3}', "\u{3C3}")));
}

/// The Unicode normalization forms [`normalize_word`] needs beyond ASCII.
/// Natively they come from the `unicode-normalization` tables; in
/// WebAssembly the host supplies them (a browser has the same tables, and
/// leaving them out keeps the module small), see [`set_unicode_forms`].
#[cfg(target_arch = "wasm32")]
#[derive(Clone, Copy, Debug)]
pub struct UnicodeForms {
    /// NFKD of the text, combining marks (General_Category M) removed.
    pub nfkd_unmarked: fn(&str) -> String,
    /// NFC of the text.
    pub nfc: fn(&str) -> String,
    /// The text lowercased (the default mapping, Final_Sigma included:
    /// `String.prototype.toLowerCase`).
    pub lower: fn(&str) -> String,
}

#[cfg(target_arch = "wasm32")]
static UNICODE_FORMS: std::sync::OnceLock<UnicodeForms> = std::sync::OnceLock::new();

/// Supplies the [`UnicodeForms`] (once; later calls are ignored). Until
/// then words beyond ASCII are only lowercased and their apostrophes
/// unified.
#[cfg(target_arch = "wasm32")]
pub fn set_unicode_forms(forms: UnicodeForms) {
    let _ = UNICODE_FORMS.set(forms);
}

/// A light English stemmer for normalized words: folds plurals, `-ed`,
/// `-ing`, `-ly`, `-ful`, `-ness`, `-ion` and a final `e`, so "bases",
/// "based" and "base" meet, as do "peacefully" and "peace". Words that are
/// not plain ASCII letters (names in other scripts, numbers) are returned
/// unchanged, minus a possessive `'s`.
///
/// ```
/// use parallax_engine::text::stem;
/// assert_eq!(stem("bases"), stem("based"));
/// assert_eq!(stem("peacefully"), stem("peace"));
/// assert_eq!(stem("assad's"), "assad");
/// assert_eq!(stem("дамаск"), "дамаск");
/// ```
pub fn stem(norm: &str) -> String {
    let mut s = String::with_capacity(norm.len());
    stem_into(norm, &mut s);
    s
}

/// [`stem`] into `s` (cleared first).
#[inline(never)]
pub(crate) fn stem_into(norm: &str, s: &mut String) {
    let mut w = norm;
    if let Some(x) = w.strip_suffix("'s") {
        w = x;
    }
    let w = w.trim_end_matches('\'');
    s.clear();
    s.push_str(w);
    if w.len() <= 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    let has_vowel = |x: &str| x.bytes().any(|b| b"aeiouy".contains(&b));
    // Plurals.
    if s.ends_with("sses") {
        s.truncate(s.len() - 2);
    } else if s.ends_with("ies") && s.len() > 4 {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s.pop();
    }
    // Past tense and gerund.
    let mut verbal = false;
    if s.ends_with("ied") && s.len() > 4 {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if s.ends_with("ed") && s.len() > 4 && has_vowel(&s[..s.len() - 2]) {
        s.truncate(s.len() - 2);
        verbal = true;
    } else if s.ends_with("ing") && s.len() > 5 && has_vowel(&s[..s.len() - 3]) {
        s.truncate(s.len() - 3);
        verbal = true;
    }
    if verbal {
        let b = s.as_bytes();
        let n = b.len();
        if n >= 2 && b[n - 1] == b[n - 2] && b"bdgmnprt".contains(&b[n - 1]) {
            s.pop();
        }
    }
    // Derivational endings.
    for (suf, min) in [("ly", 4usize), ("ful", 4), ("ness", 4)] {
        if s.ends_with(suf) && s.len() >= suf.len() + min {
            s.truncate(s.len() - suf.len());
        }
    }
    if (s.ends_with("tion") || s.ends_with("sion")) && s.len() > 6 {
        s.truncate(s.len() - 3);
    }
    if s.ends_with('e') && s.len() > 3 {
        s.pop();
    }
    if s.ends_with('y') && s.len() > 4 {
        s.pop();
        s.push('i');
    }
}

/// Maps char offsets of one text to UTF-16 offsets.
#[derive(Clone, Debug, Default)]
pub struct Utf16Map {
    /// `prefix[i]` = UTF-16 length of the first `i` chars.
    prefix: Vec<u32>,
}

impl Utf16Map {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut prefix = Vec::with_capacity(bytes.len() + 1);
        let mut n = 0u32;
        prefix.push(0);
        let mut i = 0usize;
        while i < bytes.len() {
            // Eight ASCII chars at once.
            if let Some(w) = bytes.get(i..i + 8) {
                let mut b = [0u8; 8];
                b.copy_from_slice(w);
                if u64::from_le_bytes(b) & 0x8080_8080_8080_8080 == 0 {
                    prefix.extend(n + 1..=n + 8);
                    n += 8;
                    i += 8;
                    continue;
                }
            }
            // One entry per char, at its first byte (not a continuation
            // byte); chars of four bytes take two UTF-16 units.
            let b = bytes[i];
            if (b as i8) >= -0x40 {
                n += if b >= 0xF0 { 2 } else { 1 };
                prefix.push(n);
            }
            i += 1;
        }
        Utf16Map { prefix }
    }

    /// UTF-16 offset of char offset `c` (clamped to the text's end).
    pub fn at(&self, c: usize) -> usize {
        let i = c.min(self.prefix.len().saturating_sub(1));
        self.prefix.get(i).copied().unwrap_or(0) as usize
    }

    /// Number of chars in the text.
    pub fn chars(&self) -> usize {
        self.prefix.len().saturating_sub(1)
    }

    /// A [`crate::model::Span`] for the char range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> crate::model::Span {
        crate::model::Span {
            start,
            end,
            start16: self.at(start),
            end16: self.at(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_as_the_standard_library() {
        for t in [
            "",
            "ABC def",
            "ΟΔΥΣΣΕΑΣ",
            "İstanbul",
            "ÀÉÎ Ωmega",
            "東京 ＭＡＹＯＲ",
        ] {
            assert_eq!(super::lowercase(t), t.to_lowercase());
            let mut chars = String::from("x");
            super::lowercase_chars(t, &mut chars);
            let want: String = t.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(chars, format!("x{want}"));
        }
        // The one difference: a final capital sigma.
        assert_eq!(super::lowercase("ΑΣ"), "ας");
        let mut s = String::new();
        super::lowercase_chars("ΑΣ", &mut s);
        assert_eq!(s, "ασ");
    }

    #[test]
    fn offsets_are_chars() {
        let t = "Ça va — très bien";
        let toks = tokenize(t);
        let chars: Vec<char> = t.chars().collect();
        for tok in &toks {
            let s: String = chars[tok.start..tok.end].iter().collect();
            assert_eq!(normalize_word(&s), tok.norm);
        }
        assert_eq!(toks[0].norm, "ca");
    }

    #[test]
    fn utf16_map_counts_surrogates() {
        let m = Utf16Map::new("a😀b");
        assert_eq!(m.at(0), 0);
        assert_eq!(m.at(2), 3);
        assert_eq!(m.at(3), 4);
        assert_eq!(m.at(99), 4);
    }

    /// Words as the crate finds them in the whole text.
    fn whole_text_words(t: &str) -> Vec<(usize, &str)> {
        t.unicode_word_indices().collect()
    }

    /// Words as [`for_each_word`] finds them, chunk by chunk.
    fn chunked_words(t: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut b = 0usize;
        for_each_word(t, |start, end, w| {
            // Byte offset of `w` inside `t`.
            let at = w.as_ptr() as usize - t.as_ptr() as usize;
            assert!(at >= b);
            // Char offsets.
            assert_eq!(start, t[..at].chars().count(), "{t:?}");
            assert_eq!(end, start + w.chars().count(), "{t:?}");
            b = at;
            out.push((at, w));
        });
        out
    }

    #[test]
    fn chunks_keep_word_boundaries() {
        for t in [
            "",
            " ",
            "a",
            "Assad’s palace — “free” now",
            "e.g. U.S. 3,000.5 a:b a'b 1'2 x_y _ __a",
            "foo \u{301}bar baz\u{200d} qux",
            "x \u{ad}y z\u{2060}w",
            "line\r\nnext\nüber  straße\t😀👍🏽 🇺🇸 end",
            "ab’c d‘e f·g h\u{a0}i",
            "٣٫٥ and ١٢٣ with ｱｲ and ｶﾞ",
        ] {
            assert_eq!(chunked_words(t), whole_text_words(t), "{t:?}");
        }
    }

    #[test]
    fn marks_keep_word_boundaries() {
        // Every string of up to four of these chars: letters, digits and
        // `_` joined (or not) by ASCII and typographic marks.
        let alphabet = [
            'a', 'B', '1', '_', ' ', '.', '\'', ':', ',', '’', '‘', '“', '—', '\u{a0}', '…', '«',
            'é',
        ];
        let mut t = String::new();
        let mut idx = [0usize; 4];
        for len in 0..=4 {
            idx.iter_mut().for_each(|i| *i = 0);
            loop {
                t.clear();
                t.extend(idx[..len].iter().map(|&i| alphabet[i]));
                assert_eq!(chunked_words(&t), whole_text_words(&t), "{t:?}");
                // The next combination.
                let mut k = 0;
                while k < len && idx[k] + 1 == alphabet.len() {
                    idx[k] = 0;
                    k += 1;
                }
                if k == len {
                    break;
                }
                idx[k] += 1;
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn chunks_keep_word_boundaries_random(
            t in "[a-zA-Z09 _.,;:'\"`\n\r\t/é’‘“”—–…«»·\u{301}\u{200d}\u{ad}\u{a0}\u{3000}٣אｱ😀🇺]{0,40}"
        ) {
            proptest::prop_assert_eq!(chunked_words(&t), whole_text_words(&t));
        }

        #[test]
        fn ascii_normalizing_is_general(w in "[ -~]{0,12}") {
            let mut fast = String::new();
            normalize_into(&w, &mut fast);
            let mut general = String::new();
            normalize_general(&w, &mut general);
            proptest::prop_assert_eq!(fast, general);
        }

        #[test]
        fn utf16_map_matches_chars(t in "[a-z é’😀\u{10000}-\u{10010}]{0,30}") {
            let m = Utf16Map::new(&t);
            let mut n = 0usize;
            proptest::prop_assert_eq!(m.at(0), 0);
            for (i, c) in t.chars().enumerate() {
                n += c.len_utf16();
                proptest::prop_assert_eq!(m.at(i + 1), n);
            }
            proptest::prop_assert_eq!(m.chars(), t.chars().count());
        }
    }

    #[test]
    fn cjk_and_rtl_tokenize() {
        assert!(!tokenize("بشار الأسد غادر دمشق").is_empty());
        assert!(!tokenize("叙利亚总统阿萨德离开大马士革").is_empty());
    }
}

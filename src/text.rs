//! Tokenizing with offsets, and normalizing words so that case, quote and
//! dash styles, diacritics and light inflection do not hide a match.
//!
//! ```
//! use parallax::text::tokenize;
//! let toks = tokenize("Assad’s palace — “free”");
//! let words: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
//! assert_eq!(words, ["assad's", "palace", "free"]);
//! assert_eq!((toks[1].start, toks[1].end), (8, 14));
//! ```

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
    // Walk byte offsets and count chars incrementally.
    let mut char_pos = 0usize;
    let mut byte_pos = 0usize;
    for (b, w) in text.unicode_word_indices() {
        char_pos += text[byte_pos..b].chars().count();
        let len = w.chars().count();
        let start = char_pos;
        let end = start + len;
        char_pos = end;
        byte_pos = b + w.len();
        let norm = normalize_word(w);
        if norm.is_empty() {
            continue;
        }
        out.push(Token {
            start,
            end,
            capitalized: w.chars().next().is_some_and(char::is_uppercase),
            numeric: w.chars().any(|c| c.is_numeric()),
            norm,
        });
    }
    out
}

/// Normalizes one word: NFKC, lowercase, typographic apostrophes to `'`,
/// combining marks removed (so "Erdoğan" matches "Erdogan").
pub fn normalize_word(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    for c in w.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' | '`' | '\u{00B4}' => s.push('\''),
            _ => s.extend(c.to_lowercase()),
        }
    }
    s.nfc().collect()
}

/// A light English stemmer for normalized words: folds plurals, `-ed`,
/// `-ing`, `-ly`, `-ful`, `-ness`, `-ion` and a final `e`, so "bases",
/// "based" and "base" meet, as do "peacefully" and "peace". Words that are
/// not plain ASCII letters (names in other scripts, numbers) are returned
/// unchanged, minus a possessive `'s`.
///
/// ```
/// use parallax::text::stem;
/// assert_eq!(stem("bases"), stem("based"));
/// assert_eq!(stem("peacefully"), stem("peace"));
/// assert_eq!(stem("assad's"), "assad");
/// assert_eq!(stem("дамаск"), "дамаск");
/// ```
pub fn stem(norm: &str) -> String {
    let mut w = norm;
    if let Some(x) = w.strip_suffix("'s") {
        w = x;
    }
    let w = w.trim_end_matches('\'');
    if w.len() <= 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return w.to_string();
    }
    let mut s = w.to_string();
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
    s
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
        let mut prefix = Vec::with_capacity(text.len() + 1);
        let mut n = 0u32;
        prefix.push(0);
        for c in text.chars() {
            n += c.len_utf16() as u32;
            prefix.push(n);
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

    #[test]
    fn cjk_and_rtl_tokenize() {
        assert!(!tokenize("بشار الأسد غادر دمشق").is_empty());
        assert!(!tokenize("叙利亚总统阿萨德离开大马士革").is_empty());
    }
}

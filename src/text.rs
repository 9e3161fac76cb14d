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

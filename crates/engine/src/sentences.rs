//! Sentences: where one ends and the next begins. The engine cuts its
//! units with these rules, and every other part that needs sentences (the
//! cited sources of a passage, PAN mode) takes them from [`sentences`].
//!
//! A sentence ends at a terminal mark (`.`, `!`, `?`, `…` and their CJK,
//! Arabic and Devanagari forms) followed by a space and a word that does
//! not start in lowercase, unless the word before the period is an
//! abbreviation ("Mr.", "Jan.") or an initial; at a blank line; at a line
//! break after a terminal mark, a closing quote or a colon, or before a
//! capital (in hard-wrapped text only after such a mark); and always after
//! the CJK, Arabic and Devanagari full stops.
//!
//! ```
//! use parallax_engine::sentences::sentences;
//! let text = "Mr. Smith arrived on Jan. 5 in St. Louis. He left.\nThen rain";
//! let cut: Vec<String> = sentences(text)
//!     .iter()
//!     .map(|&(s, e)| text.chars().skip(s).take(e - s).collect())
//!     .collect();
//! assert_eq!(cut, ["Mr. Smith arrived on Jan. 5 in St. Louis.", "He left.", "Then rain"]);
//! ```

use crate::text::tokenize;

/// The sentences of `text`: char ranges (start, end), in order, from the
/// first word of each (and the opening quotes or brackets before it) to its
/// last word and the punctuation glued to it. Text without words has none.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let wrapped = looks_wrapped_text(text);
    // Each word: its char range, and whether a period after it can end a
    // sentence (not after an abbreviation or an initial).
    // (The words of `tokenize`, whose code the app has already.)
    let words: Vec<(usize, usize, bool)> = tokenize(text)
        .into_iter()
        .map(|t| {
            let abbrev = (t.capitalized && t.end - t.start == 1) || is_abbrev(&t.norm);
            (t.start, t.end, abbrev)
        })
        .collect();
    let mut out = Vec::new();
    let mut first = 0;
    for k in 1..=words.len() {
        let next = words.get(k);
        let ends = next.is_none_or(|&(start, _, _)| {
            let (_, end, abbrev) = words[k - 1];
            let gap = chars.get(end..start).unwrap_or_default();
            let c = chars.get(start).copied().unwrap_or(' ');
            self::ends(gap, c, abbrev, wrapped).is_some()
        });
        if ends {
            let lo = if first > 0 { words[first - 1].1 } else { 0 };
            let hi = next.map_or(chars.len(), |w| w.0);
            out.push(widen(&chars, lo, words[first].0, words[k - 1].1, hi));
            first = k;
        }
    }
    out
}

/// Whether a sentence ends between two words: `gap` is the text between
/// them, `next` the first char of the second word, `abbrev` whether the
/// first word is an abbreviation or an initial, `wrapped` whether the text
/// is hard-wrapped ([`looks_wrapped_text`]). `Some(true)` for an end at a
/// line break, `Some(false)` for one within a line, `None` for no end.
pub(crate) fn ends(gap: &[char], next: char, abbrev: bool, wrapped: bool) -> Option<bool> {
    let newlines = gap.iter().filter(|&&c| c == '\n').count();
    let starts_lower = next.is_lowercase();
    if newlines >= 2 {
        return Some(true);
    }
    if newlines == 1 {
        let line_ended = gap
            .iter()
            .take_while(|&&c| c != '\n')
            .any(|&c| is_terminal(c) || matches!(c, '"' | '”' | '’' | ':'));
        let brk = if wrapped {
            line_ended && !starts_lower
        } else {
            line_ended || !starts_lower
        };
        return brk.then_some(true);
    }
    if gap.iter().any(|&c| is_always_terminal(c)) {
        return Some(false);
    }
    let terminal = gap.iter().any(|&c| is_terminal(c));
    let has_space = gap.iter().any(|c| c.is_whitespace());
    (terminal && !abbrev && has_space && !starts_lower).then_some(false)
}

/// The char range of a sentence whose words run from `first` to `last`:
/// widened back over opening quotes and brackets (not before `lo`, the end
/// of the word before) and on over the punctuation glued to its last word
/// (not past `hi`, the start of the next word).
pub(crate) fn widen(
    chars: &[char],
    lo: usize,
    first: usize,
    last: usize,
    hi: usize,
) -> (usize, usize) {
    let n = chars.len();
    let mut start = first;
    while start > lo && start > 0 && is_opening(chars[start - 1]) {
        start -= 1;
    }
    let mut end = last;
    while end < hi && end < n && !chars[end].is_whitespace() && !chars[end].is_alphanumeric() {
        end += 1;
    }
    (start, end)
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

pub(crate) fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '„' | '(' | '[' | '¿' | '¡' | '「' | '『' | '《'
    )
}

/// Whether a normalized word is initials with periods ("i.r.s", "u.s"):
/// an abbreviation, so "the I.R.S. Official" goes on.
pub(crate) fn is_initials(norm: &str) -> bool {
    let b = norm.as_bytes();
    b.len() >= 3
        && b.len() % 2 == 1
        && b.iter().enumerate().all(|(k, &c)| {
            if k % 2 == 0 {
                c.is_ascii_alphabetic()
            } else {
                c == b'.'
            }
        })
}

/// Short words after which a period does not end a sentence, and
/// initials.
pub(crate) fn is_abbrev(w: &str) -> bool {
    is_initials(w)
        || matches!(
            w,
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "st"
                | "gen"
                | "col"
                | "lt"
                | "sgt"
                | "capt"
                | "gov"
                | "sen"
                | "rep"
                | "prof"
                | "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
                | "jr"
                | "sr"
                | "vs"
                | "no"
                | "inc"
                | "ltd"
                | "co"
                | "corp"
                | "approx"
                | "etc"
                | "fig"
                | "vol"
                | "ft"
                | "mt"
        )
}

/// Hard-wrapped text: most lines of similar medium length (in chars,
/// over the first 200,000 chars), counted line by line.
pub(crate) fn looks_wrapped_text(text: &str) -> bool {
    // (A char takes a byte at least.)
    let head = if text.len() > 200_000 {
        text.char_indices()
            .nth(200_000)
            .and_then(|(at, _)| text.get(..at))
            .unwrap_or(text)
    } else {
        text
    };
    // Every piece but the last ends with a line break.
    let mut lines = head.split('\n');
    lines.next_back();
    let lens: Vec<usize> = lines
        .filter(|l| !l.is_empty())
        .map(|l| l.chars().count())
        .collect();
    wrapped_lines(&lens)
}

/// Whether lines of these lengths (empty ones left out) look wrapped.
fn wrapped_lines(lens: &[usize]) -> bool {
    if lens.len() < 6 {
        return false;
    }
    let mid = lens.iter().filter(|&&l| (50..=100).contains(&l)).count();
    mid * 10 >= lens.len() * 7
}

/// [`looks_wrapped_text`] char by char (what the tests hold it to).
#[cfg(test)]
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
    wrapped_lines(&lens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<String> {
        let cs: Vec<char> = text.chars().collect();
        sentences(text)
            .iter()
            .map(|&(s, e)| cs[s..e].iter().collect())
            .collect()
    }

    #[test]
    fn ends_and_not() {
        assert_eq!(
            cut("“It rained,” he said. Dr. Who (the doctor) left! Then?"),
            [
                "“It rained,” he said.",
                "Dr. Who (the doctor) left!",
                "Then?"
            ]
        );
        assert_eq!(
            cut("A. B. Smith said so. e.g. this."),
            ["A. B. Smith said so. e.g. this."]
        );
        assert_eq!(
            cut("Title\n\nbody text\nmore"),
            ["Title", "body text\nmore"]
        );
        assert_eq!(
            cut("The I.R.S. Official spoke. U.S. forces left."),
            ["The I.R.S. Official spoke.", "U.S. forces left."]
        );
        assert_eq!(cut("叙利亚总统离开了。反对派进入大马士革。").len(), 2);
        assert!(cut("").is_empty() && cut(" .. ").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn wrapped_line_by_line_as_char_by_char(
            lines in proptest::collection::vec((40usize..110, "[a é’\r]{0,3}"), 0..12)
        ) {
            let text: String = lines
                .iter()
                .map(|(n, tail)| format!("{}{tail}\n", "w".repeat(*n)))
                .collect();
            let chars: Vec<char> = text.chars().collect();
            proptest::prop_assert_eq!(looks_wrapped_text(&text), looks_wrapped(&chars));
        }
    }
}

//! Checks and conversions for what a reader brings in (pasted text, files):
//! size limits, binary detection, decoding with replacement, splitting a
//! paste into several articles, and plain text from Markdown. Pure Rust, so
//! every rule is tested natively; the browser side only moves bytes.
//!
//! Paste convention: several articles pasted at once are separated by a line
//! that holds only three or more `-` or `=` characters.
//!
//! ```
//! use parallax::viewmodel::intake::split_paste;
//! let parts = split_paste("First article.\n---\nSecond article.\n");
//! assert_eq!(parts, ["First article.", "Second article."]);
//! ```

use std::fmt;

/// Largest file read, in bytes (checked before reading, so a huge file
/// never freezes the page). News pages saved as HTML are well below this.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Longest article kept, in chars, after extraction.
pub const MAX_ARTICLE_CHARS: usize = 300_000;

/// Most articles in one workspace.
pub const MAX_ARTICLES: usize = 300;

/// What a file holds, judged from its name, type and first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Plain text.
    Text,
    /// Markdown (converted to plain text).
    Markdown,
    /// An HTML page (the article is extracted from it).
    Html,
    /// A workspace file written by Parallax.
    Workspace,
}

/// Why an input was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing but whitespace.
    Empty,
    /// Binary data (NUL bytes or many control characters).
    Binary,
    /// A file over [`MAX_FILE_BYTES`].
    TooLarge {
        /// Size of the file in bytes.
        bytes: u64,
    },
    /// Text over [`MAX_ARTICLE_CHARS`].
    TooLong {
        /// Length in chars.
        chars: usize,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Empty => f.write_str("it is empty: there is no text to compare"),
            Refusal::Binary => f.write_str(
                "it looks like binary data (an image, PDF or program), not text; \
                 save the article as text or HTML, or copy its text and paste it",
            ),
            Refusal::TooLarge { bytes } => write!(
                f,
                "it is {} and the limit is {}; a news article is far smaller, so this is \
                 probably not an article (copy the article's text and paste it instead)",
                human_bytes(*bytes),
                human_bytes(MAX_FILE_BYTES)
            ),
            Refusal::TooLong { chars } => write!(
                f,
                "its text is {} characters long and the limit is {} per article; \
                 paste only the article you want to compare",
                group_digits(*chars as u64),
                group_digits(MAX_ARTICLE_CHARS as u64)
            ),
        }
    }
}

/// Text decoded from bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text (line ends normalized to `\n`, byte order mark removed).
    pub text: String,
    /// True when invalid UTF-8 was replaced by U+FFFD.
    pub replaced: bool,
}

/// A size in bytes for people: "740 bytes", "12.3 KB", "20.0 MB".
pub fn human_bytes(n: u64) -> String {
    if n < 1024 {
        format!("{n} bytes")
    } else if n < 1024 * 1024 {
        format!("{} KB", crate::formats::fixed::fixed(n as f64 / 1024.0, 1))
    } else {
        format!(
            "{} MB",
            crate::formats::fixed::fixed(n as f64 / (1024.0 * 1024.0), 1)
        )
    }
}

fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Refuses a file by its size before it is read.
pub fn check_size(bytes: u64) -> Result<(), Refusal> {
    if bytes > MAX_FILE_BYTES {
        Err(Refusal::TooLarge { bytes })
    } else {
        Ok(())
    }
}

/// True when the bytes look like binary data rather than text: a NUL byte,
/// or more than 10% control characters other than tab, newline, carriage
/// return and form feed (judged on the first 64 KB).
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.is_empty() {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) || b == 0x7f)
        .count();
    control * 10 > head.len()
}

/// Decodes bytes as text: UTF-16 when it starts with a UTF-16 byte order
/// mark, otherwise UTF-8 with invalid sequences replaced (and reported).
/// Refuses binary data and empty text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Refusal> {
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((rest, false)),
        [0xFE, 0xFF, rest @ ..] => Some((rest, true)),
        _ => None,
    };
    let (text, replaced) = if let Some((rest, big_endian)) = utf16 {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if big_endian {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            })
            .collect();
        let text: String = char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        let replaced = text.contains(char::REPLACEMENT_CHARACTER) || rest.len() % 2 == 1;
        (text, replaced)
    } else {
        if looks_binary(bytes) {
            return Err(Refusal::Binary);
        }
        match String::from_utf8_lossy(bytes) {
            std::borrow::Cow::Borrowed(s) => (s.to_string(), false),
            std::borrow::Cow::Owned(s) => (s, true),
        }
    };
    if looks_binary_text(&text) {
        return Err(Refusal::Binary);
    }
    let text = normalize(&text);
    if text.trim().is_empty() {
        return Err(Refusal::Empty);
    }
    Ok(Decoded { text, replaced })
}

/// Same control-character rule as [`looks_binary`], on decoded text.
fn looks_binary_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c == '\0' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0c}')) {
            control += 1;
        }
    }
    control > 0 && (text.contains('\0') || control * 10 > total)
}

/// Normalizes line ends to `\n`, removes a byte order mark and trailing
/// whitespace on each line, and trims blank lines at both ends.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(a), Some(b)) => lines[a..=b].join("\n"),
        _ => String::new(),
    }
}

/// Checks a text about to become an article.
pub fn check_text(text: &str) -> Result<(), Refusal> {
    if text.trim().is_empty() {
        return Err(Refusal::Empty);
    }
    if looks_binary_text(text) {
        return Err(Refusal::Binary);
    }
    let chars = text.chars().count();
    if chars > MAX_ARTICLE_CHARS {
        return Err(Refusal::TooLong { chars });
    }
    Ok(())
}

/// True for a separator line between pasted articles: only three or more
/// `-` or three or more `=` (surrounding spaces allowed).
pub fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && (t.bytes().all(|b| b == b'-') || t.bytes().all(|b| b == b'='))
}

/// Splits pasted text into articles at separator lines (see
/// [`is_separator`]); each part is normalized and empty parts are dropped.
pub fn split_paste(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    let mut parts = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if is_separator(line) {
            parts.push(normalize(&cur.join("\n")));
            cur.clear();
        } else {
            cur.push(line);
        }
    }
    parts.push(normalize(&cur.join("\n")));
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// What a file holds, from its name (extension first), its MIME type and
/// its first bytes.
pub fn file_kind(name: &str, mime: &str, head: &[u8]) -> FileKind {
    let lower = crate::text::lowercase(name);
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "html" | "htm" | "xhtml" | "shtml" => return FileKind::Html,
        "md" | "markdown" => return FileKind::Markdown,
        "json" => return FileKind::Workspace,
        "txt" | "text" => return FileKind::Text,
        _ => {}
    }
    if mime.contains("html") {
        return FileKind::Html;
    }
    if mime.contains("json") {
        return FileKind::Workspace;
    }
    let start = crate::text::lowercase(&String::from_utf8_lossy(&head[..head.len().min(512)]));
    let start = start.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        FileKind::Html
    } else {
        FileKind::Text
    }
}

/// The name of a file without its extension ("report.final.txt" →
/// "report.final").
pub fn file_stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    }
}

/// Plain text from Markdown: heading marks, emphasis, link and image syntax,
/// block quotes and code fences are removed; the words are kept as written
/// (code, fenced or in backticks, verbatim; underscores inside a word, as in
/// `snake__case`, are not emphasis; `\*` is a star).
pub fn markdown_to_text(md: &str) -> String {
    let mut out = Vec::new();
    let mut fence = false;
    for line in normalize(md).lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        if fence {
            out.push(line.to_string());
            continue;
        }
        let t = t.trim_start_matches('#').trim_start();
        let t = t.trim_start_matches('>').trim_start();
        out.push(strip_md_inline(t));
    }
    normalize(&out.join("\n"))
}

fn strip_md_inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let word = |j: Option<usize>| {
        j.and_then(|j| chars.get(j))
            .is_some_and(|c| c.is_alphanumeric())
    };
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // A run of the same mark character.
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        match c {
            '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            // Code span: its text verbatim, up to a run of as many backticks.
            '`' => {
                let close = (i + run..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|&&x| x == '`').count() == run
                        && (j == 0 || chars[j - 1] != '`')
                });
                if let Some(j) = close {
                    out.extend(&chars[i + run..j]);
                    i = j + run;
                } else {
                    out.extend(&chars[i..i + run]);
                    i += run;
                }
                continue;
            }
            '*' => {
                i += run;
                continue;
            }
            // Underscores inside a word are part of it.
            '_' => {
                if word(i.checked_sub(1)) && word(Some(i + run)) {
                    out.extend(&chars[i..i + run]);
                }
                i += run;
                continue;
            }
            _ => {}
        }
        // Images: ![alt](url) → nothing but the alt text.
        // Links: [text](url) → text.
        let img = c == '!' && chars.get(i + 1) == Some(&'[');
        if c == '[' || img {
            let open = if img { i + 1 } else { i };
            if let Some(close) = (open + 1..chars.len()).find(|&j| chars[j] == ']') {
                if chars.get(close + 1) == Some(&'(') {
                    if let Some(end) = (close + 2..chars.len()).find(|&j| chars[j] == ')') {
                        out.push_str(&strip_md_inline(
                            &chars[open + 1..close].iter().collect::<String>(),
                        ));
                        i = end + 1;
                        continue;
                    }
                }
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `s.split_whitespace().count()`, a byte at a time (faster on long
/// texts): only a character's first byte can start or end a word.
pub fn word_count(s: &str) -> usize {
    let (mut n, mut inside) = (0, false);
    for (i, b) in s.bytes().enumerate() {
        let space = match b {
            0..0x80 => b.is_ascii_whitespace() || b == 0x0b,
            0xc0.. => s[i..].chars().next().is_some_and(char::is_whitespace),
            _ => continue,
        };
        n += usize::from(inside && space);
        inside = !space;
    }
    n + usize::from(inside)
}

/// The direction of a text for its box: that of its first letter with a
/// strong direction (within the first 2,000 characters), else `auto`.
///
/// ```
/// use parallax::viewmodel::intake::direction;
/// assert_eq!(direction("« مرحبا » hello"), "rtl");
/// assert_eq!(direction("12, hello מה"), "ltr");
/// assert_eq!(direction("2024"), "auto");
/// ```
pub fn direction(text: &str) -> &'static str {
    for c in text.chars().take(2000) {
        if matches!(c, '\u{590}'..='\u{8ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}' | '\u{10800}'..='\u{10fff}' | '\u{1e800}'..='\u{1efff}')
            && c.is_alphabetic()
        {
            return "rtl";
        }
        if c.is_alphabetic() {
            return "ltr";
        }
    }
    "auto"
}

/// Longest outlet label kept, in characters.
pub const MAX_LABEL_CHARS: usize = 80;

/// An outlet label fit to show: control, bidi-override and other
/// invisible formatting characters removed, runs of whitespace made one
/// space, trimmed, at most [`MAX_LABEL_CHARS`] characters (cut with an
/// ellipsis). Empty when nothing is left.
///
/// ```
/// use parallax::viewmodel::intake::clean_label;
/// assert_eq!(clean_label("  Reuters\u{202e}tsop\n\t "), "Reuterstsop");
/// assert_eq!(clean_label("A  \u{7}B"), "A B");
/// ```
pub fn clean_label(label: &str) -> String {
    let words: Vec<String> = label
        .split(|c: char| c.is_whitespace() || c.is_control())
        .map(|w| w.chars().filter(|&c| !is_format(c)).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    if joined.chars().count() <= MAX_LABEL_CHARS {
        return joined;
    }
    let mut cut: String = joined.chars().take(MAX_LABEL_CHARS - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// Invisible formatting characters (Unicode category Cf, the ones that
/// occur in practice): bidi marks, embeddings, overrides and isolates, zero
/// widths, the byte order mark, soft hyphen.
fn is_format(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Makes page markup inert before the browser parses it: `<script>`,
/// `<style>`, `<template>` and `<base>` elements are dropped, and event
/// handler (`on…`), `style` and `srcdoc` attributes are renamed to
/// `data-defused-…`. A parsed document never runs scripts anyway; this
/// also keeps the page's own security policy from reporting every inline
/// handler of a saved page. Text outside tags is copied unchanged.
///
/// ```
/// use parallax::viewmodel::intake::defuse_html;
/// assert_eq!(
///     defuse_html("<p onclick='x()' class=a>Hi <b>you</b></p><script>x<\\/p>()</script>"),
///     "<p data-defused-onclick='x()' class=a>Hi <b>you</b></p>"
/// );
/// ```
pub fn defuse_html(src: &str) -> String {
    let b = src.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n);
    let mut i = 0;
    let mut text_from = 0;
    let find_ci = |from: usize, pat: &str| -> Option<usize> {
        let pat = pat.as_bytes();
        (from..n.saturating_sub(pat.len() - 1))
            .find(|&k| b[k..k + pat.len()].eq_ignore_ascii_case(pat))
    };
    while i < n {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        // Comments, doctype, processing instructions: copied as they are.
        if b[i..].starts_with(b"<!--") {
            let end = find_ci(i + 4, "-->").map_or(n, |e| e + 3);
            i = end;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        let closing = next == b'/';
        let name_at = if closing { i + 2 } else { i + 1 };
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let mut j = name_at;
        while j < n && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        let name = src[name_at..j].to_ascii_lowercase();
        out.push_str(&src[text_from..i]);
        // Find the end of the tag, minding quoted attribute values, and
        // rewrite attribute names on the way.
        let mut tag = String::from(&src[i..j]);
        let mut k = j;
        let mut ended = false;
        while k < n {
            match b[k] {
                b'>' => {
                    tag.push('>');
                    k += 1;
                    ended = true;
                    break;
                }
                c if c.is_ascii_whitespace() || c == b'/' => {
                    tag.push(c as char);
                    k += 1;
                }
                _ => {
                    let start = k;
                    while k < n
                        && !b[k].is_ascii_whitespace()
                        && !matches!(b[k], b'=' | b'>' | b'/')
                    {
                        k += 1;
                    }
                    let attr = &src[start..k];
                    let lower = attr.to_ascii_lowercase();
                    if lower.starts_with("on") || lower == "style" || lower == "srcdoc" {
                        tag.push_str("data-defused-");
                    }
                    tag.push_str(attr);
                    while k < n && b[k].is_ascii_whitespace() {
                        tag.push(b[k] as char);
                        k += 1;
                    }
                    if k < n && b[k] == b'=' {
                        tag.push('=');
                        k += 1;
                        while k < n && b[k].is_ascii_whitespace() {
                            tag.push(b[k] as char);
                            k += 1;
                        }
                        let vstart = k;
                        if k < n && (b[k] == b'"' || b[k] == b'\'') {
                            let q = b[k];
                            k += 1;
                            while k < n && b[k] != q {
                                k += 1;
                            }
                            k = (k + 1).min(n);
                        } else {
                            while k < n && !b[k].is_ascii_whitespace() && b[k] != b'>' {
                                k += 1;
                            }
                        }
                        tag.push_str(&src[vstart..k]);
                    }
                }
            }
        }
        let dropped = matches!(name.as_str(), "script" | "style" | "template" | "base");
        if !dropped {
            out.push_str(&tag);
        }
        i = k;
        if ended && !closing && matches!(name.as_str(), "script" | "style" | "template") {
            // Skip the element's content up to its end tag.
            let close = format!("</{name}");
            i = match find_ci(i, &close) {
                Some(e) => {
                    let gt = b[e..]
                        .iter()
                        .position(|&c| c == b'>')
                        .map_or(n, |p| e + p + 1);
                    gt
                }
                None => n,
            };
        }
        text_from = i;
    }
    out.push_str(&src[text_from.min(n)..]);
    out
}

/// Names for a message: all of them up to `shown`, else the first `shown`
/// and how many more ("a, b, c and 297 more").
pub fn name_list(names: &[String], shown: usize) -> String {
    if names.len() <= shown.max(1) {
        return names.join(", ");
    }
    let shown = shown.max(1);
    format!(
        "{} and {} more",
        names[..shown].join(", "),
        names.len() - shown
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_count_is_split_whitespace_count() {
        let parts = [
            "", " ", "a", "\u{b}", "\u{c}", "\u{1c}", "\u{85}", "\u{a0}", "\u{2009}", "\u{200b}",
            "\u{3000}", "é", "中文", "😀", "ب", "\t", "\r\n", "x y",
        ];
        let mut seed = 7u32;
        for _ in 0..5000 {
            let mut s = String::new();
            for _ in 0..seed % 9 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                s.push_str(parts[(seed >> 16) as usize % parts.len()]);
            }
            assert_eq!(word_count(&s), s.split_whitespace().count(), "{s:?}");
        }
    }

    #[test]
    fn paste_splits_on_dash_or_equals_lines_only() {
        let t = "A one.\nA two.\n---\nB one.\n  =====  \nC.\n--\nstill C\n";
        assert_eq!(
            split_paste(t),
            ["A one.\nA two.", "B one.", "C.\n--\nstill C"]
        );
        assert_eq!(split_paste("only one"), ["only one"]);
        assert!(split_paste("---\n\n===\n").is_empty());
        assert!(!is_separator("-=-"));
        assert!(!is_separator("- - -"));
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"PK\x03\x04\0\0abc"), Err(Refusal::Binary));
        let mostly_control: Vec<u8> = (0..100)
            .map(|i| if i % 5 == 0 { 1 } else { b'a' })
            .collect();
        assert_eq!(decode(&mostly_control), Err(Refusal::Binary));
        assert!(decode(b"tab\there\r\nline\x0cfeed").is_ok());
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let d = decode(b"caf\xe9 au lait").unwrap();
        assert!(d.replaced);
        assert_eq!(d.text, "caf\u{fffd} au lait");
        let d = decode("ok, ünïcödé 東京 🙂".as_bytes()).unwrap();
        assert!(!d.replaced);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut b = vec![0xFF, 0xFE];
        for u in "héllo".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&b).unwrap().text, "héllo");
    }

    #[test]
    fn empty_and_sizes() {
        assert_eq!(decode(b"  \n\t\n"), Err(Refusal::Empty));
        assert_eq!(decode(b""), Err(Refusal::Empty));
        assert!(check_size(MAX_FILE_BYTES).is_ok());
        let r = check_size(20 * 1024 * 1024).unwrap_err();
        assert!(r.to_string().contains("20.0 MB"), "{r}");
        let long = "a".repeat(MAX_ARTICLE_CHARS + 1);
        assert!(matches!(check_text(&long), Err(Refusal::TooLong { .. })));
        assert!(check_text("x").is_ok());
    }

    #[test]
    fn normalize_line_ends() {
        assert_eq!(normalize("\u{feff}\r\n\r\na \r\nb\rc\n\n"), "a\nb\nc");
    }

    #[test]
    fn kinds_and_stems() {
        assert_eq!(file_kind("a.HTM", "", b""), FileKind::Html);
        assert_eq!(file_kind("a.md", "", b""), FileKind::Markdown);
        assert_eq!(
            file_kind("noext", "", b"  <!DOCTYPE html><p>"),
            FileKind::Html
        );
        assert_eq!(file_kind("a.txt", "text/html", b"<html>"), FileKind::Text);
        assert_eq!(file_kind("ws.json", "", b"{"), FileKind::Workspace);
        assert_eq!(file_stem("dir/report.final.txt"), "report.final");
        assert_eq!(file_stem(".hidden"), ".hidden");
    }

    #[test]
    fn html_is_defused() {
        let page = "<!doctype html><html><head><base href='https://x.test/'><style>p{}</style>\
            <script src=a.js></script><SCRIPT>if (a < b) { document.write('<p onclick=1>') }</SCRIPT></head>\
            <body ONLOAD=\"go()\"><img src=x onerror=alert(1)><p style=\"color:red\" title='a > b'>5 < 6 and 7 > 3, \
            on=1 onion=2</p><!-- <p onclick=x> --><iframe srcdoc=\"<script>x</script>\"></iframe>\
            <template><p onclick=y>t</p></template><svg><g onload=z /></svg></body></html>";
        let d = defuse_html(page);
        for bad in [
            "<script src",
            "<SCRIPT",
            "<style",
            "<base",
            "<template",
            " onerror=",
            " ONLOAD=",
            " onload=",
            " style=",
            " srcdoc=",
            "document.write",
        ] {
            assert!(!d.contains(bad), "{bad} in {d}");
        }
        for kept in [
            "5 < 6 and 7 > 3, on=1 onion=2</p>",
            "title='a > b'",
            "<!-- <p onclick=x> -->",
            "data-defused-onerror=alert(1)",
            "<img src=x ",
        ] {
            assert!(d.contains(kept), "{kept} missing in {d}");
        }
        // Unterminated input never panics.
        for s in [
            "<",
            "<a",
            "<a b='",
            "<script>",
            "<!--",
            "<p on",
            "</",
            "<a\u{e9}>",
            "é<é",
        ] {
            let _ = defuse_html(s);
        }
    }

    #[test]
    fn markdown_is_flattened() {
        let md = "# Title\n\nSome **bold** and [a link](http://x.y) here.\n![pic](p.png)\n> quoted\n```\ncode\n```";
        assert_eq!(
            markdown_to_text(md),
            "Title\n\nSome bold and a link here.\npic\nquoted\ncode"
        );
    }

    #[test]
    fn markdown_keeps_the_words() {
        for (md, text) in [
            (
                "The `snake__case__name` field",
                "The snake__case__name field",
            ),
            ("a snake__case__name here", "a snake__case__name here"),
            (
                "__bold__ and _it_ and *em* and ***both***",
                "bold and it and em and both",
            ),
            ("run ``a `tick` b`` now", "run a `tick` b now"),
            (
                "code `2*3*4` stays; math 2\\*3",
                "code 2*3*4 stays; math 2*3",
            ),
            ("unclosed `tick stays", "unclosed `tick stays"),
            ("[**bold** link](http://x)", "bold link"),
            (
                "```\n**not** _emphasis_ in a fence\n```\nafter",
                "**not** _emphasis_ in a fence\nafter",
            ),
        ] {
            assert_eq!(markdown_to_text(md), text, "{md}");
        }
    }

    #[test]
    fn labels_are_cleaned_and_bounded() {
        assert_eq!(
            clean_label("  Le\u{202e}Monde \u{2066}x\u{2069} "),
            "LeMonde x"
        );
        assert_eq!(clean_label("A\u{0}\u{1b}[31mB\r\nC"), "A [31mB C");
        assert_eq!(clean_label("\u{200f}\u{feff} \t"), "");
        assert_eq!(clean_label("مرحبا  بالعالم"), "مرحبا بالعالم");
        let long = clean_label(&"word ".repeat(200_000));
        assert_eq!(long.chars().count(), MAX_LABEL_CHARS);
        assert!(long.ends_with("word…") || long.ends_with('…'));
        assert_eq!(
            clean_label(&"x".repeat(MAX_LABEL_CHARS)).chars().count(),
            MAX_LABEL_CHARS
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}", bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let _ = decode(&bytes);
            let _ = split_paste(&s);
            let _ = markdown_to_text(&s);
            let l = clean_label(&s);
            proptest::prop_assert!(l.chars().count() <= MAX_LABEL_CHARS);
            proptest::prop_assert!(!l.chars().any(|c| c.is_control() || is_format(c)));
            let d = defuse_html(&s);
            // Text without markup passes through unchanged.
            if !s.contains('<') {
                proptest::prop_assert_eq!(d, s.clone());
            }
            let _ = defuse_html(&String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn name_lists_stay_short() {
        let names: Vec<String> = (1..=300).map(|i| format!("a{i}")).collect();
        assert_eq!(name_list(&names[..2], 5), "a1, a2");
        assert_eq!(name_list(&names[..5], 5), "a1, a2, a3, a4, a5");
        assert_eq!(name_list(&names, 3), "a1, a2, a3 and 297 more");
        assert_eq!(name_list(&names[..2], 0), "a1 and 1 more");
        assert_eq!(name_list(&[], 3), "");
    }
}

//! Lines of a copied article that are not the article: newsletter and
//! messaging-app prompts, "Read more" links, share and cookie text, reader
//! comment sections, lines repeated within the article, tag lines, source
//! and advert lines. They are found by generic rules (no outlet- or
//! story-specific strings), left out of the alignment as ignored char
//! ranges, and shown to the reader dimmed and restorable.
//!
//! ```
//! use parallax::viewmodel::boilerplate::{detect, Reason};
//! let text = "Rebels entered the city.\nSign up for our daily newsletter!\nThe army left.";
//! let found = detect(text);
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].reason, Reason::Promo);
//! assert_eq!(&text[25..58], "Sign up for our daily newsletter!");
//! assert_eq!((found[0].start, found[0].end), (25, 58));
//! ```

use crate::viewmodel::intake::word_count;
use std::collections::HashMap;

/// Why a line was judged not to be article text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// A call to subscribe, join, follow or download.
    Promo,
    /// A "Read more" / "Related" link or the list of links under it.
    ReadMore,
    /// Share buttons, cookie and consent text, copyright lines.
    Share,
    /// A reader comment section (header and everything after it).
    Comments,
    /// A line that occurs more than once in the article.
    Repeated,
    /// A tag or topic line.
    Tags,
    /// A "Source:" line, an advert marker or a picture credit.
    Meta,
}

impl Reason {
    /// A short description for the reader.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Promo => "subscription or app prompt",
            Reason::ReadMore => "link to another article",
            Reason::Share => "share, cookie or copyright text",
            Reason::Comments => "reader comments",
            Reason::Repeated => "repeated line",
            Reason::Tags => "tag line",
            Reason::Meta => "source, advert or credit line",
        }
    }
}

/// One line judged not to be article text. `start`/`end` are char offsets
/// into the text (end exclusive), covering the line without its surrounding
/// whitespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flagged {
    /// Start, in chars.
    pub start: usize,
    /// End, in chars (exclusive).
    pub end: usize,
    /// Why.
    pub reason: Reason,
}

/// One line of a text with its char range (trimmed of surrounding
/// whitespace). Blank lines are included with an empty range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// Start, in chars.
    pub start: usize,
    /// End, in chars (exclusive).
    pub end: usize,
    /// The trimmed line.
    pub text: &'a str,
}

/// The lines of `text` with char offsets.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut chars_before = 0usize;
    for raw in text.split('\n') {
        let lead = raw.len() - raw.trim_start().len();
        let t = raw.trim();
        let start = chars_before + raw[..lead].chars().count();
        let end = start + t.chars().count();
        out.push(Line {
            start,
            end,
            text: t,
        });
        chars_before += raw.chars().count() + 1;
    }
    out
}

fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            crate::text::lowercase_chars(w, &mut out);
        }
    }
    out
}

fn starts_with_any(s: &str, list: &[&str]) -> bool {
    list.iter().any(|p| {
        s.strip_prefix(p)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
    })
}

fn contains_word(s: &str, list: &[&str]) -> bool {
    s.split(' ').any(|w| list.contains(&w))
}

const CTA_START: &[&str] = &[
    "join",
    "subscribe",
    "sign up",
    "signup",
    "follow us",
    "follow our",
    "download",
    "get our",
    "get the",
    "click",
    "tap",
    "register",
    "don t miss",
    "never miss",
    "want more",
    "stay informed",
    "stay updated",
    "stay up to date",
    "install",
    "listen to our",
    "watch our",
    "support our",
    "become a member",
    "like us",
];

const PROMO_WORDS: &[&str] = &[
    "newsletter",
    "newsletters",
    "community",
    "channel",
    "whatsapp",
    "telegram",
    "app",
    "inbox",
    "email",
    "updates",
    "alerts",
    "offers",
    "deals",
    "subscription",
    "subscribe",
    "podcast",
    "notifications",
    "our",
    "here",
    "now",
    "free",
    "today",
];

const SHORT_CTA: &[&str] = &[
    "join now",
    "subscribe",
    "subscribe now",
    "sign up",
    "sign up now",
    "sign in",
    "log in",
    "click here",
    "read more",
    "show more",
    "load more",
    "see more",
    "share",
    "share this",
    "share this article",
    "share on facebook",
    "share on twitter",
    "share on x",
    "copy link",
    "link copied",
    "print",
    "email",
    "tweet",
    "whatsapp",
    "facebook",
    "twitter",
    "linkedin",
    "accept",
    "accept all",
    "reject all",
    "manage cookies",
    "continue reading",
    "listen to this article",
    "skip to content",
    "skip advertisement",
    "advertisement",
    "sponsored",
    "scroll to continue",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "close",
    "menu",
];

const READ_MORE_START: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "read next",
    "related",
    "related articles",
    "related stories",
    "related news",
    "related content",
    "see also",
    "more on this",
    "more on this story",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "most read",
    "most popular",
    "trending",
    "must read",
    "don t miss",
    "watch",
    "more from",
];

const TAG_START: &[&str] = &[
    "tags",
    "tagged",
    "topics",
    "keywords",
    "filed under",
    "categories",
];

const COMMENT_HEADERS: &[&str] = &[
    "comments",
    "add comment",
    "add a comment",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "show comments",
    "view comments",
    "join the conversation",
    "join the discussion",
    "reader comments",
    "readers comments",
];

/// True for a line that reads as a title (a link or heading): short, no
/// sentence-final full stop.
fn title_like(t: &str) -> bool {
    let w = word_count(t);
    (1..=16).contains(&w) && !t.ends_with('.') && !t.ends_with(',')
}

/// Words glued without a space where a lower-case run of 3+ letters meets
/// a capital ("rebelsSyria"): the mark of a tag list copied as text.
fn glued_joins(t: &str) -> usize {
    let mut joins = 0;
    let mut lower_run = 0;
    for c in t.chars() {
        if c.is_lowercase() {
            lower_run += 1;
        } else {
            if c.is_uppercase() && lower_run >= 3 {
                joins += 1;
            }
            lower_run = 0;
        }
    }
    joins
}

/// The reason line `t` (squashed: `s`) is not article text, if any.
fn classify(t: &str, s: &str) -> Option<Reason> {
    if s.is_empty() {
        return None;
    }
    let w = word_count(t);
    if SHORT_CTA.contains(&s) {
        return Some(if s.starts_with("read") || s.starts_with("continue") {
            Reason::ReadMore
        } else if s.starts_with("advert")
            || s.starts_with("sponsored")
            || s.contains("continue")
            || s.starts_with("skip")
        {
            Reason::Meta
        } else if s.starts_with("join") || s.starts_with("sub") || s.starts_with("sign") {
            Reason::Promo
        } else {
            Reason::Share
        });
    }
    if w <= 30 && starts_with_any(s, CTA_START) && contains_word(s, PROMO_WORDS) {
        return Some(Reason::Promo);
    }
    if w <= 30
        && contains_word(s, &["newsletter", "newsletters"])
        && contains_word(s, &["sign", "subscribe", "our", "inbox", "email"])
    {
        return Some(Reason::Promo);
    }
    if w <= 20
        && starts_with_any(s, READ_MORE_START)
        && (t.contains(':') || READ_MORE_START.contains(&s))
    {
        return Some(Reason::ReadMore);
    }
    if w <= 40
        && contains_word(s, &["cookie", "cookies"])
        && contains_word(
            s,
            &[
                "accept",
                "consent",
                "use",
                "uses",
                "settings",
                "policy",
                "preferences",
            ],
        )
    {
        return Some(Reason::Share);
    }
    if w <= 20
        && (t.contains('©')
            || s.starts_with("copyright")
            || s.contains("all rights reserved")
            || s.starts_with("share this")
            || s.starts_with("share on"))
    {
        return Some(Reason::Share);
    }
    if w <= 40 && starts_with_any(s, TAG_START) && t.contains(':') {
        return Some(Reason::Tags);
    }
    if w <= 25 && glued_joins(t) >= 2 && !t.ends_with(['.', '!', '?', '"', '”']) {
        return Some(Reason::Tags);
    }
    if let Some(rest) = t
        .strip_prefix("Source:")
        .or_else(|| t.strip_prefix("SOURCE:"))
    {
        let rest = rest.trim();
        if !rest.is_empty() && word_count(rest) <= 4 && !rest.ends_with('.') {
            return Some(Reason::Meta);
        }
    }
    if w <= 10
        && starts_with_any(
            s,
            &["photo", "image", "picture", "credit", "photograph", "video"],
        )
        && t.contains(':')
        && !t.ends_with('.')
    {
        return Some(Reason::Meta);
    }
    None
}

/// Whether squashed line `s` heads a comment section.
fn comment_header(s: &str) -> bool {
    let trimmed = s.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let leading_count = s
        .split_once(' ')
        .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
        .map(|(_, rest)| rest);
    COMMENT_HEADERS.contains(&trimmed) || leading_count.is_some_and(|r| r == "comments")
}

/// Finds the lines of `text` that are not article text, in text order.
/// Never panics; empty text gives nothing.
pub fn detect(text: &str) -> Vec<Flagged> {
    let lines = lines(text);
    let mut reasons: Vec<Option<Reason>> = vec![None; lines.len()];
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].text.is_empty())
        .collect();

    // Each line without case and punctuation, found once.
    let squashed: Vec<String> = lines.iter().map(|l| squash(l.text)).collect();

    // Line by line.
    for &i in &content {
        reasons[i] = classify(lines[i].text, &squashed[i]);
    }

    // A "Read more:" header with nothing after the colon: the short title
    // lines right after it are links too.
    for (k, &i) in content.iter().enumerate() {
        let t = lines[i].text;
        if reasons[i] == Some(Reason::ReadMore) && t.trim_end().ends_with(':') {
            for &j in content[k + 1..].iter().take(6) {
                if reasons[j].is_some() || !title_like(lines[j].text) {
                    break;
                }
                reasons[j] = Some(Reason::ReadMore);
            }
        }
    }

    // Lines repeated within the article (compared without case and
    // punctuation; two words or more, or a short call to action).
    let mut seen: HashMap<&str, Vec<usize>> = HashMap::new();
    for &i in &content {
        let key = squashed[i].as_str();
        if !key.is_empty() {
            seen.entry(key).or_default().push(i);
        }
    }
    for (key, at) in &seen {
        if at.len() > 1 && (key.contains(' ') || key.chars().count() >= 12) {
            for &i in at {
                reasons[i].get_or_insert(Reason::Repeated);
            }
        }
    }

    // A comment section in the second half of the article: its header and
    // everything after it.
    let half = content.len() / 2;
    if let Some(&first) = content
        .iter()
        .skip(half.max(1))
        .find(|&&i| comment_header(&squashed[i]))
    {
        for &i in content.iter().filter(|&&i| i >= first) {
            reasons[i] = Some(Reason::Comments);
        }
    }

    lines
        .iter()
        .zip(reasons)
        .filter_map(|(l, r)| {
            r.map(|reason| Flagged {
                start: l.start,
                end: l.end,
                reason,
            })
        })
        .collect()
}

/// The char ranges of flagged lines, for `InputDoc::ignored`.
pub fn ranges(flagged: &[Flagged]) -> Vec<(usize, usize)> {
    flagged.iter().map(|f| (f.start, f.end)).collect()
}

/// Adds `range` to `ignored` or removes it when present (one line's
/// toggle). The result stays sorted.
pub fn toggle(ignored: &[(usize, usize)], range: (usize, usize)) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = ignored.to_vec();
    if let Some(p) = out.iter().position(|&r| r == range) {
        out.remove(p);
    } else if range.0 < range.1 {
        out.push(range);
        crate::sort::sort_unstable(&mut out);
    }
    out
}

/// Keeps only well-formed ranges inside a text of `len` chars, sorted and
/// without duplicates.
pub fn sanitize(ignored: &[(usize, usize)], len: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = ignored
        .iter()
        .map(|&(a, b)| (a.min(len), b.min(len)))
        .filter(|&(a, b)| a < b)
        .collect();
    crate::sort::sort_unstable(&mut out);
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged_text(text: &str) -> Vec<(String, Reason)> {
        let chars: Vec<char> = text.chars().collect();
        detect(text)
            .into_iter()
            .map(|f| (chars[f.start..f.end].iter().collect(), f.reason))
            .collect()
    }

    #[test]
    fn offsets_are_chars_and_trimmed() {
        let text = "Ünïcode 東京 line.\n   Subscribe now   \nEnd.";
        let f = detect(text);
        assert_eq!(f.len(), 1);
        let chars: Vec<char> = text.chars().collect();
        let got: String = chars[f[0].start..f[0].end].iter().collect();
        assert_eq!(got, "Subscribe now");
    }

    #[test]
    fn promo_lines_and_repeats() {
        let t = "Officials said the talks failed.\n\
                 Join our WhatsApp Community to receive travel deals, free stays, and special offers!\n\
                 - Join Now -\n\
                 The talks resume on Monday.\n\
                 Join our WhatsApp Community to receive travel deals, free stays, and special offers!\n\
                 - Join Now -\n\
                 Follow us on Telegram for the latest updates.\n\
                 Get the app: breaking news alerts on your phone";
        let got = flagged_text(t);
        assert_eq!(got.len(), 6, "{got:?}");
        assert!(got.iter().all(|(s, _)| !s.contains("talks")));
        assert_eq!(got[0].1, Reason::Promo);
        assert_eq!(got[1].1, Reason::Promo);
    }

    #[test]
    fn article_sentences_mentioning_telegram_stay() {
        let t = "The group said on Telegram that it was the end of a dark era.\n\
                 Join the protest, the leader urged supporters in a speech on Sunday, and they came in their thousands to the square.\n\
                 He said he would follow the path it started in 2011.";
        assert!(detect(t).is_empty(), "{:?}", flagged_text(t));
    }

    #[test]
    fn read_more_block_and_inline_link() {
        let t = "First paragraph of the story.\n\
                 Read more: Latest news from the region\n\
                 The second paragraph goes on with the facts.\n\
                 read more:\n\
                 How did the attack unfold?\n\
                 Who are the fighters and what are their plans?\n\
                 \n\
                 The story continues with a long sentence that ends properly.\n\
                 World leaders react to the news";
        let got = flagged_text(t);
        let texts: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Read more: Latest news from the region",
                "read more:",
                "How did the attack unfold?",
                "Who are the fighters and what are their plans?"
            ]
        );
        assert!(got.iter().all(|(_, r)| *r == Reason::ReadMore));
    }

    #[test]
    fn comment_section_to_the_end() {
        let t = "Para one.\n\nPara two.\n\nPara three.\n\nPara four.\n\
                 Comments (12)\nAdd Comment\n  • A Reader\n\n    I disagree with all of this.";
        let got = flagged_text(t);
        let texts: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Comments (12)",
                "Add Comment",
                "• A Reader",
                "I disagree with all of this."
            ]
        );
        // A "comments" word early on is not a comment section.
        let early = "Comments\nPara one.\nPara two.\nPara three.";
        assert!(flagged_text(early).iter().all(|(s, _)| s != "Para three."));
    }

    #[test]
    fn tag_lines_glued_or_labelled() {
        let t = "The story ends here.\nCityfledrebelsCountryCountry President Someone\nTags: politics, war, region";
        let got = flagged_text(t);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|(_, r)| *r == Reason::Tags));
        // Brand names with one inner capital are not tag lines.
        assert!(detect("He posted on YouTube and sold iPhones in McDonald's car park.").is_empty());
    }

    #[test]
    fn cookie_share_source_lines() {
        let t = "We use cookies to improve your experience. Accept all to continue.\n\
                 Share this article\n\
                 A real sentence about a statue that was toppled in the square.\n\
                 © 2024 Example Media. All rights reserved.\n\
                 Source: example.co.uk";
        let got = flagged_text(t);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[3].1, Reason::Meta);
    }

    #[test]
    fn demo_set_boilerplate_is_found_and_text_kept() {
        let all: Vec<Vec<(String, Reason)>> = crate::viewmodel::demo::DEMO_TEXTS
            .iter()
            .map(|t| flagged_text(t))
            .collect();
        let has = |d: usize, s: &str| all[d].iter().any(|(t, _)| t.contains(s));
        assert!(has(0, "Source: dailymail.co.uk"));
        assert!(has(1, "Read more: Latest news from Syria"));
        assert!(has(1, "How did the rebel attack unfold?"));
        assert!(has(1, "How an ophthalmologist became a brutal dictator"));
        assert!(has(2, "Comments (1)"));
        assert!(has(2, "Wake up."));
        assert!(has(2, "DamascusfledrebelsSyria"));
        assert_eq!(
            all[3]
                .iter()
                .filter(|(t, _)| t.contains("WhatsApp"))
                .count(),
            2
        );
        assert_eq!(
            all[3].iter().filter(|(t, _)| t == "- Join Now -").count(),
            2
        );
        // No sentence of reporting is flagged: every flagged line is short
        // or is in the comment section.
        for (d, found) in all.iter().enumerate() {
            for (t, r) in found {
                assert!(
                    *r == Reason::Comments || t.split_whitespace().count() <= 16,
                    "doc {d}: {t}"
                );
            }
        }
        assert!(!has(1, "World leaders react"));
        assert!(!has(4, "Where is Bashar"));
        assert!(!has(1, "said on Telegram"));
    }

    #[test]
    fn toggle_and_sanitize() {
        let r = toggle(&[(5, 9)], (1, 3));
        assert_eq!(r, [(1, 3), (5, 9)]);
        assert_eq!(toggle(&r, (5, 9)), [(1, 3)]);
        assert_eq!(toggle(&[], (4, 4)), []);
        assert_eq!(
            sanitize(&[(8, 20), (1, 2), (1, 2), (30, 40), (5, 3)], 10),
            [(1, 2), (8, 10)]
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "",
            "\n",
            "\n\n\n",
            "   ",
            "©",
            "Comments",
            "read more:",
            "🙂\r\n🙂\r\n",
        ] {
            let _ = detect(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn detect_ranges_are_inside_and_on_lines(text in "(\\PC{0,20}\n?){0,12}") {
            let n = text.chars().count();
            let lines = lines(&text);
            for f in detect(&text) {
                proptest::prop_assert!(f.start < f.end && f.end <= n);
                proptest::prop_assert!(lines.iter().any(|l| l.start == f.start && l.end == f.end));
            }
        }
    }
}

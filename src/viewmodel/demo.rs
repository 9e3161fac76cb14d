//! The built-in demo set: five articles about one event (2024-12-08), as a
//! reader copied them from five outlets' pages (`www/demo/`).
//!
//! Natively the texts are compiled in. The web page carries them as data
//! (a JSON block that `scripts/assemble.mjs` writes into the page from
//! `www/demo/`), so the WebAssembly module, which the worker loads too,
//! stays free of them.

/// The demo articles' texts, in their file order.
#[cfg(not(target_arch = "wasm32"))]
pub const DEMO_TEXTS: [&str; 5] = [
    include_str!("../../www/demo/000_716acfc6e395a404.txt"),
    include_str!("../../www/demo/001_53b1704cb3af4afa.txt"),
    include_str!("../../www/demo/002_6a8994be06bd0234.txt"),
    include_str!("../../www/demo/003_85f3401c19c17d6b.txt"),
    include_str!("../../www/demo/004_bf8dd990abff67d1.txt"),
];

/// Where the demo articles come from, as their articles' origin says.
pub const DEMO_SOURCE: &str = "demo set: five reports of 8 December 2024";

/// The lines of each demo article left out as boilerplate: what
/// [`crate::viewmodel::boilerplate::detect`] finds in them (a test keeps the two in
/// step), so a page starting with the demo set need not look for them.
pub const DEMO_IGNORED: [&[(usize, usize)]; 5] = [
    &[(2219, 2242)],
    &[
        (282, 315),
        (2925, 2935),
        (2936, 2968),
        (2969, 3020),
        (5826, 5836),
        (5837, 5896),
        (5897, 5944),
    ],
    &[
        (4366, 4421),
        (4422, 4434),
        (4435, 4446),
        (4449, 4470),
        (4476, 4592),
    ],
    &[(196, 280), (281, 293), (294, 378), (379, 391)],
    &[],
];

/// The outlet an article names for itself in a `Source: example.com` line,
/// if it has one.
///
/// ```
/// use parallax::viewmodel::demo::named_outlet;
/// assert_eq!(named_outlet("Text.\nSource: dailymail.co.uk\n"), Some("dailymail.co.uk".into()));
/// assert_eq!(named_outlet("No outlet here."), None);
/// ```
pub fn named_outlet(text: &str) -> Option<String> {
    text.lines().rev().find_map(|line| {
        let rest = line.trim().strip_prefix("Source:")?.trim();
        let ok =
            !rest.is_empty() && rest.chars().count() <= 60 && !rest.contains(char::is_whitespace);
        ok.then(|| rest.to_string())
    })
}

/// Longest label made from a headline, in chars.
const HEADLINE_CHARS: usize = 40;

/// A label for an article: the outlet its text names (a `Source:` line),
/// else its file name when that names something (`fox-news.txt`, not
/// `article2.txt` or a hash), else its headline (the first line), shortened;
/// "Article N" (`index` 0-based) only for a text without words.
///
/// ```
/// use parallax::viewmodel::demo::label_for;
/// assert_eq!(label_for("Rebels enter Damascus. More later.\nBody.", None, 1), "Rebels enter Damascus");
/// assert_eq!(label_for("Body.", Some("fox-news"), 0), "fox-news");
/// assert_eq!(label_for("Body text.", Some("article2"), 0), "Body text");
/// ```
pub fn label_for(text: &str, file_stem: Option<&str>, index: usize) -> String {
    named_outlet(text)
        .or_else(|| file_stem.filter(|s| names_something(s)).map(str::to_string))
        .or_else(|| headline(text))
        .unwrap_or_else(|| format!("Article {}", index + 1))
}

/// Whether a file name stem is a name a reader chose: letters that are
/// not a generic word ("article", "text", "untitled"), and no long run of
/// hex digits (a hash).
fn names_something(stem: &str) -> bool {
    const GENERIC: [&str; 8] = [
        "article",
        "text",
        "file",
        "untitled",
        "document",
        "doc",
        "page",
        "pastedtext",
    ];
    let letters: String = stem
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    !letters.is_empty()
        && !GENERIC.contains(&letters.as_str())
        && !stem
            .split(|c: char| !c.is_ascii_hexdigit())
            .any(|r| r.len() >= 8)
}

/// The first line with letters, without a leading date ("date
/// 2024-12-08"), up to its first sentence end, cut at a word to at most
/// [`HEADLINE_CHARS`] chars (an ellipsis marks the cut).
fn headline(text: &str) -> Option<String> {
    let line = text.lines().find(|l| l.chars().any(char::is_alphabetic))?;
    let line = line.trim_start();
    let line = line
        .strip_prefix("date")
        .unwrap_or(line)
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || matches!(c, ' ' | '-' | '/' | '.' | ':' | ',')
        });
    let (mut out, mut len) = (String::new(), 0);
    for w in line.split_whitespace() {
        len += w.chars().count() + 1;
        if len > HEADLINE_CHARS + 1 {
            out.truncate(out.trim_end_matches([',', ';', ':', ' ']).len());
            out.push('\u{2026}');
            break;
        }
        out.push_str(w);
        if w.ends_with(['.', '!', '?']) {
            out.pop();
            break;
        }
        out.push(' ');
    }
    let out = out.trim_end();
    (!out.is_empty()).then(|| out.to_string())
}

/// The demo set as (label, text) pairs.
pub fn demo_set() -> Vec<(String, String)> {
    texts()
        .into_iter()
        .enumerate()
        .map(|(i, t)| (label_for(&t, None, i), t))
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
fn texts() -> Vec<String> {
    DEMO_TEXTS.map(String::from).to_vec()
}

/// The texts of the page's `parallax-demo` block (a JSON array of
/// strings); none when the page has no such block.
#[cfg(target_arch = "wasm32")]
fn texts() -> Vec<String> {
    let block = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("parallax-demo"))
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    let Ok(value) = crate::formats::json::parse(&block) else {
        return Vec::new();
    };
    value
        .items()
        .unwrap_or_default()
        .iter()
        .filter_map(|v| v.as_str().map(String::from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_ignored_lines_are_what_the_detector_finds() {
        for (text, ignored) in DEMO_TEXTS.iter().zip(DEMO_IGNORED) {
            let found =
                crate::viewmodel::boilerplate::ranges(&crate::viewmodel::boilerplate::detect(text));
            assert_eq!(found, ignored);
        }
    }

    #[test]
    fn demo_labels() {
        let labels: Vec<String> = demo_set().into_iter().map(|(l, _)| l).collect();
        assert_eq!(
            labels,
            [
                "dailymail.co.uk",
                "Syria\u{2019}s ousted President Bashar al-Assad\u{2026}",
                "Bashar al-Assad has fled Damascus",
                "\"End Of Era Of Tyranny\": Bashar Al-Assad\u{2026}",
                "Moscow: With rebels taking control of\u{2026}",
            ]
        );
        assert!(labels.iter().all(|l| !l.starts_with("Article")));
    }

    #[test]
    fn labels_from_file_names_and_headlines() {
        assert_eq!(label_for("x", Some("nyt_assad"), 0), "nyt_assad");
        for generic in [
            "article 2",
            "Article-3",
            "000_716acfc6e395a404",
            "untitled",
            "12",
        ] {
            assert_eq!(
                label_for("Rebels reach the capital", Some(generic), 0),
                "Rebels reach the capital",
                "{generic}"
            );
        }
        assert_eq!(label_for("  \n\n", None, 2), "Article 3");
        assert_eq!(label_for("2024-12-08\n", None, 0), "Article 1");
        assert_eq!(
            label_for(
                "Assad, who ruled Syria for 24 years, fled to Moscow on a plane on Sunday.",
                None,
                0
            ),
            "Assad, who ruled Syria for 24 years\u{2026}"
        );
        assert_eq!(
            label_for("First of three, about the port strike.", None, 0),
            "First of three, about the port strike"
        );
        assert_eq!(
            label_for("Text.\nSource: example.test", Some("fox"), 0),
            "example.test"
        );
    }
}

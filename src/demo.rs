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
    include_str!("../www/demo/000_716acfc6e395a404.txt"),
    include_str!("../www/demo/001_53b1704cb3af4afa.txt"),
    include_str!("../www/demo/002_6a8994be06bd0234.txt"),
    include_str!("../www/demo/003_85f3401c19c17d6b.txt"),
    include_str!("../www/demo/004_bf8dd990abff67d1.txt"),
];

/// The lines of each demo article left out as boilerplate: what
/// [`crate::boilerplate::detect`] finds in them (a test keeps the two in
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
/// use parallax::demo::named_outlet;
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

/// A label for article `index`: the outlet it names, or a neutral
/// "Article N" (1-based).
pub fn label_for(text: &str, index: usize) -> String {
    named_outlet(text).unwrap_or_else(|| format!("Article {}", index + 1))
}

/// The demo set as (label, text) pairs.
pub fn demo_set() -> Vec<(String, String)> {
    texts()
        .into_iter()
        .enumerate()
        .map(|(i, t)| (label_for(&t, i), t))
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
    let Ok(value) = crate::json::parse(&block) else {
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
            let found = crate::boilerplate::ranges(&crate::boilerplate::detect(text));
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
                "Article 2",
                "Article 3",
                "Article 4",
                "Article 5"
            ]
        );
    }
}

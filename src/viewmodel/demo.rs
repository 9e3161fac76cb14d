//! The built-in demo set: five articles about one event (2024-12-08), as a
//! reader copied them from five outlets' pages (`www/demo/`).
//!
//! Natively the texts are compiled in. The web page carries them as data
//! (a JSON block that `scripts/assemble.mjs` writes into the page from
//! `www/demo/`), so the WebAssembly module, which the worker loads too,
//! stays free of them.

use crate::viewmodel::labels::label_for;

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

/// The demo set as (label, text) pairs, from its texts (`texts`: natively
/// [`DEMO_TEXTS`]; in the page, the block `app::services::demo` reads).
pub fn demo_set_of(texts: Vec<String>) -> Vec<(String, String)> {
    texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| (label_for(&t, None, i), t))
        .collect()
}

/// The demo set as (label, text) pairs.
#[cfg(not(target_arch = "wasm32"))]
pub fn demo_set() -> Vec<(String, String)> {
    demo_set_of(DEMO_TEXTS.map(String::from).to_vec())
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
}

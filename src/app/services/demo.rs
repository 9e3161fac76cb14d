//! The demo set's texts as the page carries them: the `parallax-demo`
//! block, a JSON array of strings that `scripts/assemble.mjs` writes from
//! `www/demo/` (so the module, which the worker loads too, stays free of
//! them).

use crate::viewmodel::state::NewArticle;

/// The texts of the page's `parallax-demo` block; none when the page has
/// no such block.
fn texts() -> Vec<String> {
    let block = gloo::utils::document()
        .get_element_by_id("parallax-demo")
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

/// The demo set, ready to load.
pub fn articles() -> Vec<NewArticle> {
    NewArticle::demo_set_of(texts())
}

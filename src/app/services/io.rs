//! The page's IO written in plain JavaScript (`www/io.js`, the global
//! `parallaxIo`): the kept workspace's reads and writes (IndexedDB or
//! localStorage), the tabs' channel, fetching a page, reading the article
//! in a saved page, share-code compression, the clipboard, downloads, the
//! colour theme, linked highlighting and scrolling of passages, and the
//! notice after an internal error. The same calls
//! made from WebAssembly through web-sys cost several times more of the
//! download; the decisions stay in Rust (`storage`, `fetch`).

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Reads `keys` in a new read-write transaction: `[handle, ...values]`.
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn begin(keys: &Array) -> Promise;
    /// Writes `[key, value or null, ...]` with `begin`'s handle; fails
    /// with `true` when storage is full.
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn commit(handle: &JsValue, writes: &Array) -> Promise;
    /// True once the store opened on localStorage.
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn small() -> bool;
    /// True when some storage may work.
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn available() -> bool;
    /// What the previous version kept: `[workspace, previous]`.
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn legacy() -> Array;
    /// Removes what the previous version kept.
    #[wasm_bindgen(js_namespace = parallaxIo, js_name = dropLegacy)]
    pub fn drop_legacy();
    /// True when a workspace is probably kept (read before start).
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn marked() -> bool;
    /// Notes that a workspace is kept; asks for persistent storage.
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn mark();
    /// Tells the other tabs of a save (`""`: of a history change).
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn tell(stamp: &str);
    /// Calls `f` with what the other tabs tell.
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn listen(f: &Closure<dyn Fn(String)>);
    /// Fetches `url` reading at most `max` bytes for at most `ms`:
    /// `[url, content type, bytes]`; fails with a reason (see fetch.rs).
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn fetch(url: &str, max: f64, ms: u32) -> Promise;
    /// The article in a saved page (`html` defused, `url` where it came
    /// from or `""`), read with the browser's `DOMParser`: `[title, outlet,
    /// date, text]`, missing ones undefined; fails with a reason to show.
    #[wasm_bindgen(js_namespace = parallaxIo, catch)]
    fn page(html: &str, url: &str) -> Result<Array, JsValue>;
    /// The host of an address, without a leading `www.`.
    #[wasm_bindgen(js_namespace = parallaxIo, js_name = host)]
    pub fn host_of(url: &str) -> Option<String>;
    /// Shows the colour theme on the light/dark switch now on the page and
    /// lets it switch (the theme is kept by `www/io.js` from the start).
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn theme();
    /// Linked highlighting and passage navigation inside `root` (see
    /// `hooks::linked`); `focused` hears of keyboard focus (a group number
    /// or undefined). Returns `[repaint, step(dir), stop]`.
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn linked(root: &web_sys::Element, focused: &Closure<dyn Fn(JsValue)>) -> Array;
    /// Focuses the first element of group `g` in `root`, unless focus is on
    /// that group already.
    #[wasm_bindgen(js_namespace = parallaxIo, js_name = focusGroup)]
    pub fn focus_group(root: &web_sys::Element, g: u32);
    /// Brings the lit passage into view in every column of `root`.
    #[wasm_bindgen(js_namespace = parallaxIo, js_name = revealLit)]
    pub fn reveal_lit(root: &web_sys::Element);
    /// Scrolls column `col` of `root` to the segment holding char `at`.
    #[wasm_bindgen(js_namespace = parallaxIo, js_name = scrollColumn)]
    pub fn scroll_column(root: &web_sys::Element, col: u32, at: f64);
    /// Stops the fetch under way.
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn stop();
    /// `bytes` compressed as raw DEFLATE (`CompressionStream`): a
    /// `Uint8Array`.
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn deflate(bytes: &js_sys::Uint8Array) -> Promise;
    /// Copies `text` to the clipboard; fails when the browser refuses.
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn copy(text: &str) -> Promise;
    /// Saves `text` as the file `name` of type `mime`; false when the
    /// browser refuses.
    #[wasm_bindgen(js_namespace = parallaxIo)]
    pub fn download(name: &str, mime: &str, text: &str) -> bool;
    /// Shows the notice after an internal error: `detail`, whether storage
    /// works, the workspace last kept and its number of articles (0: none
    /// offered as a file).
    #[wasm_bindgen(js_namespace = parallaxIo, catch)]
    pub fn crash(detail: &str, kept: bool, json: &str, articles: u32) -> Result<(), JsValue>;
}

/// What was read from a saved page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extracted {
    /// Headline.
    pub title: Option<String>,
    /// Outlet: `og:site_name`, or the page's host.
    pub outlet: Option<String>,
    /// Publication date as the page gives it.
    pub date: Option<String>,
    /// The article text, one paragraph per line group (headline first).
    pub text: String,
}

/// Reads the article in the page `html` (page furniture left out). `url` is
/// where the page came from, if known (for the outlet when the page does not
/// name itself). Nothing from the page is ever inserted as markup.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, String> {
    let html = crate::viewmodel::intake::defuse_html(html);
    let got = page(&html, url.unwrap_or("")).map_err(|e| {
        e.as_string()
            .unwrap_or_else(|| "The page could not be read as HTML.".to_string())
    })?;
    let part = |i| got.get(i).as_string();
    Ok(Extracted {
        title: part(0),
        outlet: part(1),
        date: part(2),
        text: part(3).unwrap_or_default(),
    })
}

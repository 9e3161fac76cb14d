//! The page's IO written in plain JavaScript (`www/io.js`, the global
//! `parallaxIo`): the kept workspace's reads and writes (IndexedDB or
//! localStorage), the tabs' channel, fetching a page, share-code
//! compression, the clipboard, downloads, and the notice after an internal
//! error. The same calls
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

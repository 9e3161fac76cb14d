//! Share links: the workspace compressed into the URL fragment under the
//! key [`FRAGMENT_KEY`] (other keys, such as the view, are kept). The
//! fragment never reaches a server. The browser compresses
//! (`CompressionStream`, raw DEFLATE); reading a code needs no browser
//! help ([`Workspace::from_share_code`]).

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::formats::fragment::Fragment;
use crate::formats::workspace::{Workspace, WsError, FRAGMENT_KEY, SHARE_LIMIT};

/// `bytes` compressed by the browser as raw DEFLATE (`www/io.js`).
async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, JsValue> {
    let packed = JsFuture::from(super::io::deflate(&js_sys::Uint8Array::from(bytes))).await?;
    Ok(js_sys::Uint8Array::new(&packed).to_vec())
}

/// The share code of `ws` (compact JSON, raw DEFLATE, base64url), whatever
/// its length.
pub async fn code(ws: &Workspace) -> Result<String, JsValue> {
    Ok(Workspace::share_code_of(
        &deflate(&ws.share_payload()).await?,
    ))
}

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// A link that opens `ws`, or the length its share code would have when
/// it is too long for a link (0 when the browser could not make one).
pub async fn link(ws: &Workspace) -> Result<String, usize> {
    let code = code(ws).await.map_err(|_| 0usize)?;
    if !Workspace::fits_link(&code) {
        return Err(code.len());
    }
    let loc = location().ok_or(0usize)?;
    let href = loc.href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default().to_string();
    let mut frag = Fragment::parse(&loc.hash().unwrap_or_default());
    frag.set(FRAGMENT_KEY, &code);
    Ok(format!("{base}#{frag}"))
}

/// The longest share code a link may carry, for messages.
pub fn limit() -> usize {
    SHARE_LIMIT
}

/// True when the page's address carries a shared workspace.
pub fn in_location() -> bool {
    location()
        .and_then(|l| l.hash().ok())
        .is_some_and(|h| Fragment::parse(&h).get(FRAGMENT_KEY).is_some())
}

/// Reads a shared workspace from the page's fragment (left there until
/// [`clear_location`]: until it is kept, a reload opens it again).
/// Decompressed in a task after the page's first one and read in the
/// next: a large link holds the page a third as long at a time.
pub async fn from_location() -> Option<Result<Workspace, WsError>> {
    let hash = location()?.hash().ok()?;
    let frag = Fragment::parse(&hash);
    let code = frag.get(FRAGMENT_KEY)?;
    super::perf::next_task().await;
    let json = match Workspace::share_json(code) {
        Ok(json) => json,
        Err(e) => return Some(Err(e)),
    };
    super::perf::next_task().await;
    Some(Workspace::from_json(&json))
}

/// True when the page was opened from a file (`file://`): its links work
/// on this computer only.
pub fn from_file() -> bool {
    location().and_then(|l| l.protocol().ok()).as_deref() == Some("file:")
}

/// Removes the shared workspace from the address bar (keeping the other
/// keys), so a reload shows the workspace as kept in storage rather than
/// opening the link again.
pub fn clear_location() {
    let Some(loc) = location() else { return };
    let mut frag = Fragment::parse(&loc.hash().unwrap_or_default());
    if frag.get(FRAGMENT_KEY).is_some() {
        frag.remove(FRAGMENT_KEY);
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let url = format!("#{frag}");
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// Copies `text` to the clipboard; false when the browser refuses (the
/// link stays on screen to copy by hand).
pub async fn copy(text: &str) -> bool {
    JsFuture::from(super::io::copy(text)).await.is_ok()
}

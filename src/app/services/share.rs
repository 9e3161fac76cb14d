//! Share links: the workspace compressed into the URL fragment under the
//! key [`FRAGMENT_KEY`] (other keys, such as the view, are kept). The
//! fragment never reaches a server.

use wasm_bindgen_futures::JsFuture;

use crate::fragment::Fragment;
use crate::workspace::{Workspace, WsError, FRAGMENT_KEY, SHARE_LIMIT};

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// A link that opens `ws`, or the length its share code would have when
/// it is too long for a link.
pub fn link(ws: &Workspace) -> Result<String, usize> {
    let code = ws
        .share_code()
        .ok_or_else(|| ws.share_code_unlimited().len())?;
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

/// Reads a shared workspace from the page's fragment, then removes it from
/// the address bar (keeping the other keys), so a reload shows the
/// workspace as kept in storage rather than opening the link again.
pub fn take_from_location() -> Option<Result<Workspace, WsError>> {
    let loc = location()?;
    let hash = loc.hash().ok()?;
    let mut frag = Fragment::parse(&hash);
    let code = frag.get(FRAGMENT_KEY)?.to_string();
    frag.remove(FRAGMENT_KEY);
    let rest = frag.to_string();
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let href = loc.href().unwrap_or_default();
        let base = href.split('#').next().unwrap_or_default();
        let url = if rest.is_empty() {
            base.to_string()
        } else {
            format!("{base}#{rest}")
        };
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    Some(Workspace::from_share_code(&code))
}

/// Copies `text` to the clipboard; false when the browser refuses (the
/// link stays on screen to copy by hand).
pub async fn copy(text: &str) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let navigator = w.navigator();
    // Missing outside secure contexts: calling it would throw.
    let present = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !present {
        return false;
    }
    let clipboard = navigator.clipboard();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

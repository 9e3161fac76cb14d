//! The last line of defence: when the app panics (a bug), WebAssembly
//! stops and the page would freeze without a word. The hook installed here
//! logs the panic to the console and puts a plain notice at the top of the
//! page: what happened, that the workspace is kept (with a link to save it
//! as a file, in case the page fails again), and a Reload button.
//! It is built in plain JavaScript (`www/io.js`) with DOM calls and text
//! nodes only (the app itself may be broken by then) and leaves the page
//! below readable, so text can still be copied out of it.

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;

/// Set once the notice is shown (a panic while showing it shows nothing more).
static SHOWN: AtomicBool = AtomicBool::new(false);

/// Installs the panic hook (idempotent). In the alignment worker (no
/// document) the panic is only logged; the page reports the failed
/// comparison itself.
pub fn install() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    // Through Yew, which would otherwise put its own hook in place when the
    // app is rendered.
    yew::set_custom_panic_hook(Box::new(|info| {
        // The module is built without panic locations
        // (-Zlocation-detail=none, scripts/build.sh): the message says it.
        let message = info.payload_as_str().unwrap_or("(no message)");
        let detail = match info.location() {
            Some(at) if at.line() != 0 => {
                format!("{message} (at {}:{}:{})", at.file(), at.line(), at.column())
            }
            _ => message.to_string(),
        };
        // An Error object, so the console shows the JavaScript stack too.
        web_sys::console::error_1(
            &js_sys::Error::new(&format!(
                "Parallax stopped after an internal error: {detail}"
            ))
            .into(),
        );
        if !SHOWN.swap(true, Ordering::SeqCst) && web_sys::window().is_some() {
            let json = super::storage::last().unwrap_or_default();
            let n = crate::formats::workspace::Workspace::from_json(&json)
                .map_or(0, |w| w.articles.len());
            let _ = super::io::crash(&detail, super::storage::available(), &json, n as u32);
        }
    }));
}

/// A panic on purpose, for the browser tests of the notice (exported to
/// JavaScript; calling it only stops this page).
#[wasm_bindgen(js_name = "__parallax_test_panic")]
pub fn test_panic() {
    panic!("test panic requested from JavaScript");
}

//! The last line of defence: when the app panics (a bug), WebAssembly
//! stops and the page would freeze without a word. The hook installed here
//! logs the panic to the console and puts a plain notice at the top of the
//! page: what happened, that the workspace is kept (with a link to save it
//! as a file, in case the page fails again), and a Reload button.
//! It is built with plain DOM calls and text nodes only (the app itself may
//! be broken by then) and leaves the page below readable, so text can
//! still be copied out of it.

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

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
        if !SHOWN.swap(true, Ordering::SeqCst) {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                let _ = show(&doc, &detail);
            }
        }
    }));
}

/// A panic on purpose, for the browser tests of the notice (exported to
/// JavaScript; calling it only stops this page).
#[wasm_bindgen(js_name = "__parallax_test_panic")]
pub fn test_panic() {
    panic!("test panic requested from JavaScript");
}

fn el(doc: &Document, tag: &str, class: &str, text: Option<&str>) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if let Some(t) = text {
        e.append_child(&doc.create_text_node(t))?;
    }
    Ok(e)
}

fn show(doc: &Document, detail: &str) -> Result<(), JsValue> {
    let kept = super::storage::available();
    let body = doc.body().ok_or_else(|| JsValue::from_str("no body"))?;
    let panel = el(doc, "section", "crash", None)?;
    panel.set_attribute("role", "alert")?;
    panel.set_attribute("aria-labelledby", "crash-title")?;
    panel.set_attribute("data-testid", "crash")?;
    let title = el(doc, "h2", "crash-title", Some("Parallax stopped working"))?;
    title.set_id("crash-title");
    panel.append_child(&title)?;
    let what = "An internal error stopped Parallax, so this page no longer responds. \
                Nothing was sent anywhere.";
    let what = el(doc, "p", "", Some(what))?;
    panel.append_child(&what)?;
    let keep = if kept {
        "Your workspace (articles, labels, what was left out) is kept in this browser as of \
         your last change: reload the page to carry on where you were."
    } else {
        "This browser gives Parallax no storage, so your articles could not be kept: copy any \
         text you need from the page below before you reload."
    };
    let note = el(doc, "p", "", Some(keep))?;
    note.set_attribute("data-testid", "crash-kept")?;
    panel.append_child(&note)?;
    // The kept workspace as a file, through a plain download link (no
    // code runs when it is clicked), in case reloading fails again.
    if let Some(link) = download_link(doc)? {
        let p = el(doc, "p", "", None)?;
        p.append_child(&link)?;
        panel.append_child(&p)?;
    }
    let details = el(doc, "details", "crash-details", None)?;
    let summary = el(doc, "summary", "", Some("Technical details"))?;
    details.append_child(&summary)?;
    let pre = el(doc, "pre", "", Some(detail))?;
    pre.set_attribute("data-testid", "crash-detail")?;
    details.append_child(&pre)?;
    panel.append_child(&details)?;
    let button = el(doc, "button", "crash-reload", Some("Reload"))?;
    button.set_attribute("type", "button")?;
    button.set_attribute("data-testid", "crash-reload")?;
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref())?;
    reload.forget();
    panel.append_child(&button)?;
    body.prepend_with_node_1(&panel)?;
    if let Some(b) = button.dyn_ref::<web_sys::HtmlElement>() {
        let _ = b.focus();
    }
    Ok(())
}

/// A link that downloads the workspace kept in storage, if there is one.
fn download_link(doc: &Document) -> Result<Option<Element>, JsValue> {
    let Some(json) = super::storage::last() else {
        return Ok(None);
    };
    let Ok(ws) = crate::workspace::Workspace::from_json(&json) else {
        return Ok(None);
    };
    if ws.articles.is_empty() {
        return Ok(None);
    }
    let parts = js_sys::Array::of1(&JsValue::from_str(&json));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a = el(
        doc,
        "a",
        "crash-save",
        Some(&format!(
            "Save the kept workspace as a file ({} article{})",
            ws.articles.len(),
            if ws.articles.len() == 1 { "" } else { "s" }
        )),
    )?;
    a.set_attribute("href", &url)?;
    a.set_attribute("download", "parallax-workspace.json")?;
    a.set_attribute("data-testid", "crash-save")?;
    Ok(Some(a))
}

//! Performance marks (`performance.mark`), read by the benchmarks.

use std::cell::RefCell;

use gloo::timers::callback::Timeout;
use wasm_bindgen_futures::JsFuture;

/// Runs `f` in a task of its own after `ms` milliseconds (0: once the
/// browser has had its turn); dropping the handle cancels it. One copy of
/// the timer code for every use.
pub fn after(ms: u32, f: Box<dyn FnOnce()>) -> Timeout {
    Timeout::new(ms, f)
}

/// Resolves in a later task of the page's event loop.
pub async fn next_task() {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let later = web_sys::window().and_then(|w| w.set_timeout_with_callback(&resolve).ok());
        if later.is_none() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = JsFuture::from(wait).await;
}

/// Adds a performance mark (page only; the worker has no window).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Adds a performance mark once per page (`name` must be unique).
pub fn mark_once(name: &str) {
    thread_local! {
        static DONE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    }
    let first = DONE.with(|d| {
        let mut d = d.borrow_mut();
        if d.iter().any(|n| n == name) {
            false
        } else {
            d.push(name.to_string());
            true
        }
    });
    if first {
        mark(name);
    }
}

//! The Yew web app (wasm32 only). Components live in `components/`, state in
//! `state.rs`, browser IO in `services/`.

use wasm_bindgen::prelude::*;

mod components;
mod hooks;
mod services;
mod store;
mod worker;

/// Entry point called by the JS glue once the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    // A panic shows a notice with a Reload button instead of a frozen page.
    services::panic::install();
    // The word normalizer uses the browser's Unicode tables.
    services::unicode::install();
    // In the alignment worker (no window) there is nothing to mount.
    if web_sys::window().is_none() {
        return;
    }
    services::perf::mark("parallax:wasm-start");
    let root = gloo::utils::document()
        .get_element_by_id("app")
        .expect("index.html has #app");
    services::compute::prepare_first();
    yew::Renderer::<components::App>::with_root(root).render();
}

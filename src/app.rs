//! The Yew web app (wasm32 only). Components live in `components/`, state in
//! `state.rs`, browser IO in `services/`.

use wasm_bindgen::prelude::*;

mod components;

/// Entry point called by the JS glue once the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    let root = gloo::utils::document()
        .get_element_by_id("app")
        .expect("index.html has #app");
    yew::Renderer::<components::App>::with_root(root).render();
}

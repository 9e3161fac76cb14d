//! The page's URL fragment, where the view state and share codes live.

use crate::formats::fragment::Fragment;
use crate::viewmodel::viewstate::{ViewState, FRAGMENT_KEY};

/// The page's URL fragment.
pub fn fragment() -> Fragment {
    Fragment::parse(&gloo::utils::window().location().hash().unwrap_or_default())
}

/// Sets the page's URL fragment, with no history entry and no
/// `hashchange`.
pub fn replace_fragment(f: &Fragment) {
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{f}")),
        );
    }
}

/// The view state stored in the page's URL fragment.
pub fn view_from_url() -> ViewState {
    fragment()
        .get(FRAGMENT_KEY)
        .map(ViewState::decode)
        .unwrap_or_default()
}

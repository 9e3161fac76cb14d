//! The light/dark switch.

use yew::prelude::*;

use crate::app::hooks::use_theme;

/// A button switching between light and dark (the system setting applies
/// until it is used; the choice is remembered).
#[component]
pub fn ThemeToggle() -> Html {
    let (dark, onclick) = use_theme();
    html! {
        <button type="button" class="theme-toggle" data-testid="theme-toggle" aria-pressed={if dark { "true" } else { "false" }}
            aria-label="Dark mode" title={if dark { "Switch to light mode" } else { "Switch to dark mode" }} {onclick}>
            <span aria-hidden="true">{ if dark { "☾" } else { "☀" } }</span>
            <span class="theme-label">{ "Dark mode" }</span>
        </button>
    }
}

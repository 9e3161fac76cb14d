//! The light/dark switch.

use yew::prelude::*;

/// A button switching between light and dark (the system setting applies
/// until it is used; the choice is remembered). `www/io.js` keeps the
/// theme (`data-theme` on `<html>`) and marks this button: shown once, it
/// is handed over.
#[component]
pub fn ThemeToggle() -> Html {
    use_effect_with((), |_| crate::app::services::io::theme());
    html! {
        <button type="button" class="theme-toggle" data-testid="theme-toggle" aria-pressed="false"
            aria-label="Dark mode" title="Switch to dark mode">
            <span aria-hidden="true">{ "\u{2600}" }</span>
            <span class="theme-label">{ "Dark mode" }</span>
        </button>
    }
}

//! The colour theme.

use gloo::events::EventListener;
use yew::prelude::*;

/// The colour theme: `data-theme` on `<html>`, remembered in local storage;
/// with nothing remembered the system setting applies. Returns whether the
/// page is dark now and a toggle (a click handler).
#[hook]
pub fn use_theme() -> (bool, Callback<MouseEvent>) {
    const KEY: &str = "parallax-theme";
    let system_dark = || {
        gloo::utils::window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches())
    };
    let stored = use_state(|| {
        gloo::utils::window()
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .filter(|t| t == "dark" || t == "light")
    });
    {
        let stored = (*stored).clone();
        use_effect_with(stored, |stored| {
            let root = gloo::utils::document().document_element();
            if let Some(root) = root {
                match stored {
                    Some(t) => {
                        let _ = root.set_attribute("data-theme", t);
                    }
                    None => {
                        let _ = root.remove_attribute("data-theme");
                    }
                }
            }
        });
    }
    // Follow the system setting while it applies.
    let system_changed = use_state(|| 0u32);
    {
        let system_changed = system_changed.clone();
        use_effect_with((), move |_| {
            let listener = gloo::utils::window()
                .match_media("(prefers-color-scheme: dark)")
                .ok()
                .flatten()
                .map(|mq| {
                    EventListener::new(&mq, "change", move |_| {
                        system_changed.set(system_changed.wrapping_add(1));
                    })
                });
            move || drop(listener)
        });
    }
    let dark = match stored.as_deref() {
        Some("dark") => true,
        Some(_) => false,
        None => system_dark(),
    };
    let toggle = {
        let stored = stored.clone();
        Callback::from(move |_: MouseEvent| {
            let next = if dark { "light" } else { "dark" };
            if let Some(s) = gloo::utils::window().local_storage().ok().flatten() {
                let _ = s.set_item(KEY, next);
            }
            stored.set(Some(next.to_string()));
        })
    };
    (dark, toggle)
}

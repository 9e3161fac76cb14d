//! The view state: its reducer, kept in step with the URL fragment.

use gloo::events::EventListener;
use yew::prelude::*;

use crate::app::services::url::{fragment, replace_fragment, view_from_url};
use crate::app::store::{ViewCtx, ViewStore};
use crate::viewmodel::viewstate::{ViewAction, FRAGMENT_KEY};

/// The view reducer, initialised from the URL.
#[hook]
pub fn use_view_store() -> ViewCtx {
    use_reducer(|| ViewStore(view_from_url()))
}

/// Keeps the view state and the URL fragment in step: every change is
/// written under the key `view` (other keys untouched, no history entry),
/// and a changed fragment (a pasted link, back/forward) restores the view.
#[hook]
pub fn use_view_url(view: ViewCtx) {
    {
        let encoded = view.0.encode();
        use_effect_with(encoded, |encoded| {
            let mut f = fragment();
            if f.get(FRAGMENT_KEY) != Some(encoded.as_str()) {
                f.set(FRAGMENT_KEY, encoded);
                replace_fragment(&f);
            }
        });
    }
    let dispatcher = view.dispatcher();
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
            dispatcher.dispatch(ViewAction::Restore(view_from_url()));
        });
        move || drop(listener)
    });
}

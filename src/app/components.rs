//! Function components of the page.

use yew::prelude::*;

mod controls;
mod export;
mod history;
mod input;
mod keep;
mod legend;
mod manage;
mod matrix;
mod more;
mod notices;
mod passage;
mod reading;
mod results;
mod sources;
mod story;
mod strip;
mod theme;

use super::hooks::{use_compute, use_view_store, use_view_url};
use super::store::{AppCtx, Store, ViewCtx};

/// The whole page: the state as contexts, the header, the comparison.
#[component]
pub fn App() -> Html {
    let app = use_reducer(|| Store(super::services::compute::take_first()));
    let view = use_view_store();
    use_view_url(view.clone());
    use_compute(app.clone());
    // With two or more articles the comparison comes first (what a reader
    // came for); until then, the panel to add articles does. Keyed, so both
    // keep their state when they swap places.
    let compare_first = app.0.articles.len() >= 2;
    let demo = crate::viewmodel::state::NewArticle::all_demo(&app.0.articles);
    let body = if compare_first {
        html! { <><results::Results key="results" /><keep::WorkspacePanel key="workspace" /></> }
    } else {
        html! { <><keep::WorkspacePanel key="workspace" /><results::Results key="results" /></> }
    };
    html! {
        <ContextProvider<AppCtx> context={app}>
            <ContextProvider<ViewCtx> context={view}>
                <main class="app">
                    <header class="topbar">
                        <h1>{ "Parallax" }</h1>
                        <theme::ThemeToggle />
                        { intro(demo) }
                    </header>
                    { body }
                </main>
            </ContextProvider<ViewCtx>>
        </ContextProvider<AppCtx>>
    }
}

/// What the page is, whether it shows the demo set (`demo`), and a way
/// to the panel for adding articles.
fn intro(demo: bool) -> Html {
    // Focusing the paste box brings the panel into view.
    let go = Callback::from(|_: MouseEvent| {
        if let Some(el) = gloo::utils::document().get_element_by_id("ws-paste-text") {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
    html! {
        <div class="intro" data-testid="intro">
            <p>{ "Compare news articles about one event: which passages they share, word by word, and what each outlet adds. Nothing you load leaves this browser." }</p>
            if demo {
                <p class="intro-demo" data-testid="demo-note"><strong>{ "This is a demo: " }</strong>
                    { "five reports of 8 December 2024 on Bashar al-Assad leaving Syria." }</p>
            }
            { button("btn btn-primary", "add-own", if demo { "Add your own articles" } else { "Add articles" }, false, go) }
        </div>
    }
}

/// A button of class `class` and `data-testid` `testid` showing `text`
/// (the many buttons of the page share this one piece of markup).
pub fn button(
    class: &'static str,
    testid: &'static str,
    text: &'static str,
    disabled: bool,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! {
        <button type="button" {class} data-testid={testid} {disabled} {onclick}>{ text }</button>
    }
}

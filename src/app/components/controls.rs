//! The view tabs and the filters: minimum similarity, kinds, outlets, cited
//! source.

use yew::prelude::*;

use crate::app::store::{Shared, ViewDispatch};
use crate::viewmodel::analysis::{kind_class, kind_label, Analysis};
use crate::viewmodel::viewstate::{
    is_shown, View, ViewAction, ViewState, DEFAULT_MIN_SCORE, KINDS,
};

/// The view switcher (arrow keys move between tabs); `current` is the
/// view shown.
pub fn tabs(current: View, dispatch: &ViewDispatch) -> Html {
    let onkeydown = {
        let d = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = View::ALL.iter().position(|&v| v == current).unwrap_or(0);
            let n = View::ALL.len();
            let next = match e.key().as_str() {
                "ArrowRight" => (i + 1) % n,
                "ArrowLeft" => (i + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            let v = View::ALL[next];
            d.dispatch(ViewAction::Show(v));
            if let Some(el) = gloo::utils::document()
                .query_selector(&format!("[data-testid=\"tab-{}\"]", v.slug()))
                .ok()
                .flatten()
            {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
    };
    html! {
        <nav class="tabs" role="tablist" aria-label="Views" {onkeydown}>
            { for View::ALL.iter().map(|&v| {
                let d = dispatch.clone();
                let selected = v == current;
                html! {
                    <button type="button" role="tab" class={classes!("tab", selected.then_some("active"))}
                        aria-selected={if selected { "true" } else { "false" }} tabindex={if selected { "0" } else { "-1" }} data-testid={format!("tab-{}", v.slug())}
                        onclick={Callback::from(move |_: MouseEvent| d.dispatch(ViewAction::Show(v)))}>
                        { v.title() }
                    </button>
                }
            }) }
        </nav>
    }
}

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The result.
    pub analysis: Shared<Analysis>,
    /// The view state.
    pub view: ViewState,
    /// Visible groups per kind.
    pub counts: [usize; 3],
    /// View state dispatcher.
    pub dispatch: ViewDispatch,
}

/// The filter bar.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let a = &props.analysis;
    let vs = &props.view;
    let oninput = {
        let d = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            if let Ok(m) = v.parse::<u8>() {
                d.dispatch(ViewAction::MinScore(m));
            }
        })
    };
    let source_name = vs.source.as_ref().map(|k| {
        a.sources().iter().find(|s| &s.key == k).map_or_else(
            || AttrValue::from(k.clone()),
            |s| AttrValue::from(s.name.clone()),
        )
    });
    let clear_source = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(ViewAction::Source(None)))
    };
    html! {
        <div class="controls" role="group" aria-label="Filters" data-testid="controls">
            <label class="ctl ctl-range">
                <span class="ctl-name">{ "Min. similarity" }</span>
                <input type="range" min="0" max="100" step="5" value={vs.min_score.to_string()}
                    data-testid="min-score" aria-valuetext={format!("{}%", vs.min_score)} {oninput} />
                <output class="ctl-value">{ format!("{}%", vs.min_score) }</output>
                if vs.min_score < DEFAULT_MIN_SCORE {
                    <span class="ctl-note" data-testid="weak-links">{ "weaker links shown" }</span>
                }
            </label>
            <div class="ctl ctl-kinds" role="group" aria-label="Kinds shown">
                <span class="ctl-name" aria-hidden="true">{ "Show kinds" }</span>
                { for KINDS.iter().enumerate().map(|(i, &k)| {
                    let d = props.dispatch.clone();
                    let on = vs.kinds[i];
                    html! {
                        <button type="button" class={classes!("chip", "kind-chip", kind_class(k), on.then_some("on"))}
                            aria-pressed={if on { "true" } else { "false" }} data-testid={format!("kind-{i}")}
                            onclick={Callback::from(move |_: MouseEvent| d.dispatch(ViewAction::ToggleKind(k)))}>
                            <span class="swatch" aria-hidden="true"></span>
                            { kind_label(k) }<span class="count">{ props.counts[i] }</span>
                        </button>
                    }
                }) }
            </div>
            <div class="ctl ctl-outlets" role="group" aria-label="Outlets shown in every view (press to hide or show)">
                <span class="ctl-name" aria-hidden="true">{ "Show outlets" }</span>
                { for (0..a.n()).map(|dd| {
                    let d = props.dispatch.clone();
                    let on = is_shown(&vs.hidden, dd);
                    let label = a.label(dd);
                    html! {
                        <button type="button" class={classes!("chip", "outlet-chip", on.then_some("on"))}
                            aria-pressed={if on { "true" } else { "false" }} data-testid="outlet-toggle"
                            title={if on { "Hide this outlet in every view" } else { "Show this outlet again" }}
                            onclick={Callback::from(move |_: MouseEvent| d.dispatch(ViewAction::ToggleArticle(dd)))}>
                            { label }
                        </button>
                    }
                }) }
            </div>
            if !vs.hidden.is_empty() {
                <p class="ctl-note" data-testid="hidden-note" role="status">
                    { "Outlets marked \u{201C}hidden\u{201D} are left out of every view; press one to show it again." }
                </p>
            }
            if let Some(name) = source_name {
                <div class="ctl ctl-source">
                    <span class="ctl-name">{ "Citing" }</span>
                    <button type="button" class="src-tag active" data-testid="source-filter" aria-pressed="true"
                        onclick={clear_source} aria-label={format!("Citing {name}: clear this filter")}>
                        { name }{ " ×" }
                    </button>
                </div>
            }
        </div>
    }
}

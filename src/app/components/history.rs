//! “Earlier workspaces”: the history of workspaces set aside (by a link, a
//! file, the demo set, “Remove all”, another tab) and of removed articles,
//! newest first; each can be brought back, saved as a file or forgotten.

use yew::prelude::*;

use super::notices::{push, Level, NotesCtx};
use crate::app::services::{files, storage};
use crate::app::store::AppCtx;
use crate::formats::fixed::plural;
use crate::formats::workspace::Workspace;
use crate::viewmodel::history::{History, Why};
use crate::viewmodel::state::Action;

/// Brings history entry `id` back: a removed article is added again; a
/// workspace replaces the open one (which is set aside in its turn).
pub fn restore(app: AppCtx, notes: NotesCtx, id: u32, why: Why) {
    wasm_bindgen_futures::spawn_local(async move {
        let ws = match storage::entry(id).await {
            Some(raw) => {
                Workspace::from_json(&raw).map_err(|e| crate::viewmodel::history::storage_error(&e))
            }
            None => Err("it is no longer kept".to_string()),
        };
        match ws {
            Ok(ws) if why == Why::Removed => {
                app.dispatch(Action::AddArticles(ws.to_new_articles()));
            }
            Ok(ws) => super::input::replace_keeping(
                &app,
                &notes,
                ws.to_new_articles(),
                "the earlier workspace",
                Why::Restored,
            ),
            Err(e) => push(
                &notes,
                Level::Error,
                format!("That workspace could not be brought back: {e}."),
            ),
        }
    });
}

/// What a click in the list asks for, from the button's `data-act` and
/// its entry's `data-id` and `data-why` (one handler for the whole list).
fn on_click(e: MouseEvent, app: &AppCtx, notes: &NotesCtx) {
    let Some(button) = e
        .target_dyn_into::<web_sys::Element>()
        .and_then(|t| t.closest("[data-act]").ok().flatten())
    else {
        return;
    };
    let Some(item) = button.closest("[data-id]").ok().flatten() else {
        return;
    };
    let attr = |el: &web_sys::Element, k: &str| el.get_attribute(k).unwrap_or_default();
    let Ok(id) = attr(&item, "data-id").parse::<u32>() else {
        return;
    };
    let why = Why::from_slug(&attr(&item, "data-why")).unwrap_or(Why::Restored);
    let notes = notes.clone();
    match attr(&button, "data-act").as_str() {
        "restore" => restore(app.clone(), notes, id, why),
        "export" => wasm_bindgen_futures::spawn_local(async move {
            let saved = match storage::entry(id).await {
                Some(raw) => files::download(
                    &format!("parallax-workspace-{id}.json"),
                    "application/json",
                    &raw,
                ),
                None => Err("That workspace is no longer kept.".to_string()),
            };
            if let Err(e) = saved {
                push(&notes, Level::Error, e);
            }
        }),
        _ => wasm_bindgen_futures::spawn_local(storage::forget(id)),
    }
}

/// The list of earlier workspaces (nothing when there is none).
pub fn history_list(h: &History, app: &AppCtx, notes: &NotesCtx) -> Html {
    if h.entries.is_empty() {
        return html! {};
    }
    let onclick = {
        let (app, notes) = (app.clone(), notes.clone());
        Callback::from(move |e: MouseEvent| on_click(e, &app, &notes))
    };
    let items = h.entries.iter().map(|e| {
        let what = if e.count == 0 {
            format!("Unreadable ({})", e.labels)
        } else {
            format!("{}: {}", plural(e.count, "article"), e.labels)
        };
        let when = js_sys::Date::new(&(e.time as f64).into())
            .to_locale_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED);
        html! {
            <li key={e.id} class="ws-item" data-testid="history-item" data-id={e.id.to_string()} data-why={e.why.slug()}>
                <p dir="auto">{ what }</p>
                <p class="ws-item-meta">{ format!("{} · {}", String::from(when), e.why.describe()) }</p>
                <div class="ws-item-buttons">
                    if e.count > 0 {
                        <button type="button" class="btn btn-small" data-testid="history-restore" data-act="restore">
                            { if e.why == Why::Removed { "Add back" } else { "Bring back" } }
                        </button>
                    }
                    <button type="button" class="btn btn-small" data-testid="history-export" data-act="export">{ "Save as file" }</button>
                    <button type="button" class="btn btn-small btn-danger" data-testid="history-forget" data-act="forget">{ "Forget" }</button>
                </div>
            </li>
        }
    });
    html! {
        <section class="ws-panel" data-testid="history" aria-labelledby="ws-history-h">
            <h2 id="ws-history-h">{ "Earlier workspaces" }</h2>
            <p class="ws-hint">{ "What a link, a file, the demo set or another tab replaced, and removed articles, are kept here in this browser until you forget them." }</p>
            <ol class="ws-list" {onclick}>{ for items }</ol>
        </section>
    }
}

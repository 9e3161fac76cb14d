//! “Earlier workspaces”: the history of workspaces set aside (by a link, a
//! file, the demo set, “Remove all”, another tab) and of removed articles,
//! newest first; each can be brought back, saved as a file or forgotten.

use yew::prelude::*;

use super::keep::plural;
use super::notices::{push, Level, NotesCtx};
use crate::app::services::{files, storage};
use crate::app::store::AppCtx;
use crate::history::{History, Why};
use crate::state::Action;
use crate::workspace::Workspace;

/// Brings history entry `id` back: a removed article is added again; a
/// workspace replaces the open one (which is set aside in its turn).
pub fn restore(app: AppCtx, notes: NotesCtx, id: u32, why: Why) {
    wasm_bindgen_futures::spawn_local(async move {
        let ws = match storage::entry(id).await {
            Some(raw) => Workspace::from_json(&raw).map_err(|e| crate::history::storage_error(&e)),
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

fn when(ms: u64) -> String {
    let d = js_sys::Date::new(&(ms as f64).into());
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The list of earlier workspaces (nothing when there is none).
pub fn history_list(h: &History, app: &AppCtx, notes: &NotesCtx) -> Html {
    if h.entries.is_empty() {
        return html! {};
    }
    let items = h.entries.iter().map(|e| {
        let (id, why) = (e.id, e.why);
        let on_restore = {
            let (app, notes) = (app.clone(), notes.clone());
            Callback::from(move |_| restore(app.clone(), notes.clone(), id, why))
        };
        let on_export = {
            let notes = notes.clone();
            Callback::from(move |_| {
                let notes = notes.clone();
                wasm_bindgen_futures::spawn_local(async move {
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
                });
            })
        };
        let on_forget = Callback::from(move |_| {
            wasm_bindgen_futures::spawn_local(storage::forget(id));
        });
        let what = if e.count == 0 {
            format!("Unreadable ({})", e.labels)
        } else {
            format!("{}: {}", plural(e.count), e.labels)
        };
        let bring = if why == Why::Removed { "Add back" } else { "Bring back" };
        html! {
            <li key={id} class="ws-item" data-testid="history-item" data-id={id.to_string()} data-why={why.slug()}>
                <p dir="auto">{ what }</p>
                <p class="ws-item-meta">{ format!("{} · {}", when(e.time), why.describe()) }</p>
                <div class="ws-item-buttons">
                    if e.count > 0 {
                        { super::button("btn btn-small", "history-restore", bring, false, on_restore) }
                    }
                    { super::button("btn btn-small", "history-export", "Save as file", false, on_export) }
                    { super::button("btn btn-small btn-danger", "history-forget", "Forget", false, on_forget) }
                </div>
            </li>
        }
    });
    html! {
        <section class="ws-panel" data-testid="history" aria-labelledby="ws-history-h">
            <h2 id="ws-history-h">{ "Earlier workspaces" }</h2>
            <p class="ws-hint">{ "What a link, a file, the demo set or another tab replaced, and removed articles, are kept here in this browser until you forget them." }</p>
            <ol class="ws-list">{ for items }</ol>
        </section>
    }
}

//! Keep, share, export: the workspace file, the share link, the result as
//! JSON, the matrix and passages as CSV, a standalone HTML report, print.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::input::on_file_input;
use super::notices::{push, Level, NotesCtx};
use crate::app::services::{files, share};
use crate::app::store::{AppCtx, ViewCtx};
use crate::formats::export::{self, SourceDoc};
use crate::formats::workspace::Workspace;
use crate::viewmodel::state::{AppState, Compute};

/// Now, as an ISO 8601 string (UTC).
fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// A number as JavaScript writes it (the shortest text that reads back
/// as the same number), for the JSON export.
fn js_number(x: f64) -> String {
    js_sys::Number::from(x)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// The workspace of `state`, with the current view in its settings.
pub fn workspace_of(state: &AppState, view: Option<&ViewCtx>) -> Workspace {
    let mut ws = Workspace::from_state(state);
    if let Some(v) = view {
        ws.settings.insert("view".to_string(), v.0.encode());
    }
    ws
}

fn docs(state: &AppState) -> Vec<SourceDoc<'_>> {
    state
        .articles
        .iter()
        .map(|a| SourceDoc {
            label: &a.label,
            text: &a.text,
            ignored: &a.ignored,
            title: a.meta.title.as_deref(),
            date: a.meta.date.as_deref(),
            source: a.meta.source.as_deref(),
        })
        .collect()
}

/// Which export.
#[derive(Clone, Copy, PartialEq)]
enum What {
    Json,
    Matrix,
    Passages,
    Report,
}

/// Props of [`ExportPanel`].
#[derive(Properties, PartialEq)]
pub struct ExportProps {
    /// Whether browser storage works (shown to the reader).
    pub saved: Result<(), String>,
}

/// The "Keep, share, export" panel.
#[component]
pub fn ExportPanel(props: &ExportProps) -> Html {
    let app = use_context::<AppCtx>().expect("AppCtx provided");
    let view = use_context::<ViewCtx>();
    let notes = use_context::<NotesCtx>().expect("NotesCtx provided");
    let link = use_state_eq(|| None::<Result<String, usize>>);

    // A new link is needed whenever the articles change.
    {
        let link = link.clone();
        use_effect_with(app.0.revision, move |_| link.set(None));
    }

    let result = match &app.0.compute {
        Compute::Done(c) => Some(c.clone()),
        _ => None,
    };
    let ready = result.is_some() && app.0.articles.len() >= 2;

    let export = |what: What| {
        let (app, notes) = (app.clone(), notes.clone());
        Callback::from(move |_| {
            let Compute::Done(cmp) = &app.0.compute else {
                push(
                    &notes,
                    Level::Error,
                    "Nothing to export yet: the comparison is not finished.",
                );
                return;
            };
            let docs = docs(&app.0);
            let stamp = now_iso();
            let (name, mime, body) = match what {
                What::Json => (
                    export::file_name("result", &stamp, "json"),
                    "application/json",
                    export::result_json_with(
                        cmp,
                        &docs,
                        crate::formats::json::Writer::with_floats(true, js_number),
                    ),
                ),
                What::Matrix => (
                    export::file_name("matrix", &stamp, "csv"),
                    "text/csv;charset=utf-8",
                    export::matrix_csv(cmp, &docs),
                ),
                What::Passages => (
                    export::file_name("passages", &stamp, "csv"),
                    "text/csv;charset=utf-8",
                    export::passages_csv(cmp, &docs),
                ),
                What::Report => (
                    export::file_name("report", &stamp, "html"),
                    "text/html;charset=utf-8",
                    export::html_report(
                        cmp,
                        &docs,
                        &stamp.replace('T', " ")[..16.min(stamp.len())],
                    ),
                ),
            };
            if let Err(e) = files::download(&name, mime, &body) {
                push(&notes, Level::Error, e);
            }
        })
    };

    let on_save_ws = {
        let (app, notes, view) = (app.clone(), notes.clone(), view.clone());
        Callback::from(move |_| {
            let ws = workspace_of(&app.0, view.as_ref());
            let name = export::file_name("workspace", &now_iso(), "json");
            if let Err(e) = files::download(&name, "application/json", &ws.to_json_pretty()) {
                push(&notes, Level::Error, e);
            }
        })
    };
    let on_open_ws = on_file_input(app.clone(), notes.clone());
    let on_share = {
        let (app, notes, view, link) = (app.clone(), notes.clone(), view.clone(), link.clone());
        Callback::from(move |_| {
            if app.0.articles.is_empty() {
                push(
                    &notes,
                    Level::Error,
                    "There is nothing to share: add articles first.",
                );
                return;
            }
            let ws = workspace_of(&app.0, view.as_ref());
            let (notes, link) = (notes.clone(), link.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let made = share::link(&ws).await;
                link.set(Some(made.clone()));
                if let Ok(url) = made {
                    if share::copy(&url).await {
                        push(&notes, Level::Info, "Share link copied to the clipboard.");
                    }
                }
            });
        })
    };
    let on_print = Callback::from(|_| {
        let _ = gloo::utils::window().print();
    });

    let link_view = match &*link {
        None => html! {},
        Some(Ok(url)) => html! {
            <div class="ws-share-out">
                <label for="ws-share-link">{ "Share link (the articles travel inside it; no server sees them)" }</label>
                <input id="ws-share-link" data-testid="share-link" readonly=true value={url.clone()}
                    onfocus={Callback::from(|e: FocusEvent| {
                        if let Some(i) = e.target_dyn_into::<HtmlInputElement>() { i.select(); }
                    })} />
                if share::from_file() {
                    <p class="note-warning" data-testid="share-file-warning" role="status">
                        { "Opened from a file, this link works on this computer only: a colleague cannot \
                           open it. Send a workspace file (Save workspace file) or the report (HTML) instead, \
                           or make the link in Parallax at its web address." }
                    </p>
                }
            </div>
        },
        Some(Err(len)) => html! {
            <p class="ws-share-too-long note-warning" data-testid="share-too-long" role="status">
                { format!("This workspace is too large for a link ({} compressed; a link carries up to {}). \
                    Save a workspace file and send that instead: opening it in Parallax restores everything.",
                    crate::viewmodel::intake::human_bytes(*len as u64), crate::viewmodel::intake::human_bytes(share::limit() as u64)) }
            </p>
        },
    };
    let status = match &props.saved {
        Ok(()) => html! {
            <p class="ws-saved" data-testid="save-status" data-ok="true">
                { if crate::app::services::storage::small() {
                    "Your workspace is kept in this browser's small local storage (its database is not available to this page) and comes back when you reload; a workspace file is safer for large ones."
                } else {
                    "Your workspace is kept in this browser and comes back when you reload."
                } }
            </p>
        },
        Err(msg) => html! {
            <p class="ws-saved note-warning" data-testid="save-status" data-ok="false" role="status">{ msg.clone() }</p>
        },
    };
    let hint = if ready {
        ""
    } else if app.0.articles.len() < 2 {
        "Exports of the result are available once two or more articles are compared."
    } else if matches!(app.0.compute, Compute::Failed(_)) {
        "The comparison failed, so there is no result to export; the workspace can still be saved."
    } else {
        "Exports of the result are available when the comparison is finished."
    };

    html! {
        <section class="ws-panel ws-export" data-testid="export-panel" aria-labelledby="ws-export-h">
            <h2 id="ws-export-h">{ "Keep, share, export" }</h2>
            { status }
            <div class="ws-row ws-buttons">
                { super::button("btn", "workspace-save", "Save workspace file", false, on_save_ws) }
                <label class="btn" for="ws-open-input">{ "Open workspace file" }</label>
                <input id="ws-open-input" class="visually-hidden" type="file" accept=".json,application/json"
                    data-testid="workspace-open" onchange={on_open_ws} />
                { super::button("btn", "share-make", "Make a share link", false, on_share) }
            </div>
            { link_view }
            <h3>{ "Export the result" }</h3>
            <div class="ws-row ws-buttons">
                { super::button("btn", "export-report", "Report (HTML)", !ready, export(What::Report)) }
                { super::button("btn", "export-json", "Result (JSON)", !ready, export(What::Json)) }
                { super::button("btn", "export-matrix", "Pair matrix (CSV)", !ready, export(What::Matrix)) }
                { super::button("btn", "export-passages", "Passages (CSV)", !ready, export(What::Passages)) }
                { super::button("btn", "print", "Print", false, on_print) }
            </div>
            if !hint.is_empty() {
                <p class="ws-hint" data-testid="export-hint">{ hint }</p>
            }
        </section>
    }
}

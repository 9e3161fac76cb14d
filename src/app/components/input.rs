//! Bringing articles in: paste (one or several, separated by a line of
//! `---` or `===`), files (picker or drag and drop anywhere on the page:
//! .txt, .md, .html/.htm, or a workspace .json) and web addresses.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::notices::{push, Level, NoteAction, NotesCtx};
use crate::app::services::{fetch, files, storage};
use crate::app::store::AppCtx;
use crate::formats::fixed::plural;
use crate::viewmodel::history::Why;
use crate::viewmodel::intake::{self, MAX_ARTICLES};
use crate::viewmodel::state::{Action, ArticleMeta, NewArticle};

/// Longest paste put in the paste box, in bytes; longer ones are read
/// directly.
const PASTE_BOX_BYTES: usize = 100_000;

/// Replaces the workspace with `list`, keeping what it replaces: set aside
/// in storage and offered back in a note.
pub fn replace_keeping(
    app: &AppCtx,
    notes: &NotesCtx,
    list: Vec<NewArticle>,
    what: &str,
    why: Why,
) {
    let previous: Vec<NewArticle> =
        crate::formats::workspace::Workspace::from_state(&app.0).to_new_articles();
    let n = list.len();
    if !previous.is_empty() {
        storage::replaced(why);
    }
    app.dispatch(Action::ReplaceArticles(list));
    if previous.is_empty() {
        push(
            notes,
            Level::Info,
            format!("Opened {what} ({}).", plural(n, "article")),
        );
    } else {
        notes.dispatch(super::notices::NotesAction::Push(
            Level::Info,
            format!(
                "Opened {what} ({}). The {} you had open were set aside.",
                plural(n, "article"),
                plural(previous.len(), "article"),
            ),
            Some(NoteAction::BringBack(Rc::new(previous))),
        ));
    }
}

/// Adds what the inputs became, and says what happened to each.
pub fn apply(app: &AppCtx, notes: &NotesCtx, outcomes: Vec<files::Outcome>) {
    let have = app.0.articles.len();
    let mut added: Vec<NewArticle> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    for o in outcomes {
        if let Some(w) = &o.warning {
            push(notes, Level::Warning, format!("{}: {w}", o.name));
        }
        match o.result {
            Ok(files::Loaded::Article(a)) => {
                if have + added.len() >= MAX_ARTICLES {
                    refused.push(o.name);
                } else {
                    names.push(a.label.clone());
                    added.push(a);
                }
            }
            Ok(files::Loaded::Workspace(ws)) => {
                let list = ws.to_new_articles();
                replace_keeping(
                    app,
                    notes,
                    list,
                    &format!("the workspace file {}", o.name),
                    Why::File,
                );
                return;
            }
            Err(e) => push(notes, Level::Error, format!("{}: {e}", o.name)),
        }
    }
    if !refused.is_empty() {
        // One note for all of them, however many.
        push(
            notes,
            Level::Error,
            format!(
                "Not added: {} ({}): a workspace holds at most {MAX_ARTICLES} articles. \
                 Remove some first.",
                plural(refused.len(), "article"),
                intake::name_list(&refused, 5)
            ),
        );
    }
    if !added.is_empty() {
        let n = added.len();
        app.dispatch(Action::AddArticles(added));
        push(
            notes,
            Level::Info,
            format!(
                "Added {}: {}.",
                plural(n, "article"),
                intake::name_list(&names, 10)
            ),
        );
    }
}

/// The `change` handler of a file input: loads the picked files, then
/// clears the input so picking the same file again fires once more.
pub fn on_file_input(app: AppCtx, notes: NotesCtx) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
            return;
        };
        let list = files::list(input.files());
        input.set_value("");
        load_files(app.clone(), notes.clone(), list);
    })
}

/// Reads dropped or picked files, then adds them.
pub fn load_files(app: AppCtx, notes: NotesCtx, list: Vec<web_sys::File>) {
    if list.is_empty() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let outcomes = files::read_all(list).await;
        apply(&app, &notes, outcomes);
    });
}

/// Listens for files dropped anywhere on the page (and stops the browser
/// from opening a dropped file in place of the app, which would lose the
/// workspace).
#[hook]
fn use_page_drop(app: AppCtx, notes: NotesCtx, dragging: UseStateHandle<bool>) {
    let latest = use_mut_ref(|| (app.clone(), notes.clone()));
    *latest.borrow_mut() = (app, notes);
    use_effect_with((), move |_| {
        let window = gloo::utils::window();
        let opts = EventListenerOptions::enable_prevent_default();
        let over_flag = dragging.clone();
        let over = EventListener::new_with_options(&window, "dragover", opts, move |e| {
            e.prevent_default();
            if let Some(d) = e.dyn_ref::<DragEvent>() {
                if let Some(dt) = d.data_transfer() {
                    dt.set_drop_effect("copy");
                }
            }
            over_flag.set(true);
        });
        let leave_flag = dragging.clone();
        let leave = EventListener::new(&window, "dragleave", move |e| {
            // Leaving the window: no related target.
            let gone = e
                .dyn_ref::<web_sys::MouseEvent>()
                .is_some_and(|m| m.related_target().is_none());
            if gone {
                leave_flag.set(false);
            }
        });
        let drop_flag = dragging;
        let on_drop = EventListener::new_with_options(&window, "drop", opts, move |e| {
            e.prevent_default();
            drop_flag.set(false);
            let Some(d) = e.dyn_ref::<DragEvent>() else {
                return;
            };
            let Some(dt) = d.data_transfer() else { return };
            let list = files::list(dt.files());
            let (app, notes) = latest.borrow().clone();
            if list.is_empty() {
                // Dropped text (a selection dragged from another page).
                let text = dt.get_data("text/plain").unwrap_or_default();
                if !text.trim().is_empty() {
                    add_text(&app, &notes, &text);
                }
                return;
            }
            load_files(app, notes, list);
        });
        move || drop((over, leave, on_drop))
    });
}

/// Adds pasted text: one article, or several separated by `---`/`===`
/// lines. True when every part was taken in.
pub fn add_text(app: &AppCtx, notes: &NotesCtx, text: &str) -> bool {
    let parts = intake::split_paste(text);
    if parts.is_empty() {
        push(
            notes,
            Level::Error,
            "Nothing to add: the box is empty. Paste the text of an article first.",
        );
        return false;
    }
    let have = app.0.articles.len();
    let many = parts.len() > 1;
    let outcomes: Vec<files::Outcome> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = if many {
                format!("Pasted text {}", i + 1)
            } else {
                "Pasted text".to_string()
            };
            files::Outcome {
                name,
                // Pasted page source is read like a saved page.
                result: if intake::file_kind("", "", p.as_bytes()) == intake::FileKind::Html {
                    crate::app::services::io::extract(p, None).and_then(|page| {
                        let meta = ArticleMeta {
                            title: page.title,
                            date: page.date,
                            source: None,
                        };
                        files::article_from_text(&page.text, None, meta, page.outlet)
                    })
                } else {
                    files::article_from_text(p, None, ArticleMeta::default(), None)
                }
                .map(files::Loaded::Article),
                warning: None,
            }
        })
        .collect();
    let all = outcomes.iter().all(|o| o.result.is_ok()) && have + parts.len() <= MAX_ARTICLES;
    apply(app, notes, outcomes);
    all
}

/// The "Add articles" panel.
#[component]
pub fn InputPanel() -> Html {
    let app = use_context::<AppCtx>().expect("AppCtx provided");
    let notes = use_context::<NotesCtx>().expect("NotesCtx provided");
    let dragging = use_state_eq(|| false);
    let fetching = use_state(|| false);
    let paste_ref = use_node_ref();
    let url_ref = use_node_ref();
    use_page_drop(app.clone(), notes.clone(), dragging.clone());

    let on_paste_add = {
        let (app, notes, paste_ref) = (app.clone(), notes.clone(), paste_ref.clone());
        Callback::from(move |()| {
            let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            // The box is cleared only when all of it was taken in: a
            // refused paste stays for the reader to fix.
            if add_text(&app, &notes, &area.value()) {
                area.set_value("");
            }
        })
    };
    let on_paste_click = on_paste_add.reform(|_: MouseEvent| ());
    // Ctrl+Enter (or Cmd+Enter) in the box adds too.
    let on_paste_key = {
        let add = on_paste_add.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                add.emit(());
            }
        })
    };
    let on_files = on_file_input(app.clone(), notes.clone());
    let on_fetch = {
        let (app, notes, url_ref, fetching) = (
            app.clone(),
            notes.clone(),
            url_ref.clone(),
            fetching.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = url_ref.cast::<HtmlInputElement>() else {
                return;
            };
            let url = match fetch::check_url(&input.value()) {
                Ok(u) => u,
                Err(msg) => {
                    push(&notes, Level::Error, msg);
                    return;
                }
            };
            fetching.set(true);
            let (app, notes, fetching, input) =
                (app.clone(), notes.clone(), fetching.clone(), input.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = match fetch::fetch(&url).await {
                    Ok(page) => files::from_bytes(
                        &page.url,
                        &page.content_type,
                        &page.bytes,
                        Some(&page.url),
                    ),
                    Err(msg) => files::Outcome {
                        name: url.clone(),
                        result: Err(msg),
                        warning: None,
                    },
                };
                if outcome.result.is_ok() {
                    input.set_value("");
                }
                apply(&app, &notes, vec![outcome]);
                fetching.set(false);
            });
        })
    };
    let on_cancel = Callback::from(|_| fetch::stop());
    // A large paste is read directly, never put in the box: laying out
    // megabytes of text in a text box can hold the page for seconds.
    let on_paste = {
        let (app, notes) = (app.clone(), notes.clone());
        Callback::from(move |e: Event| {
            let Some(text) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
                .and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            if text.len() > PASTE_BOX_BYTES {
                e.prevent_default();
                push(
                    &notes,
                    Level::Info,
                    format!(
                        "The pasted text ({}) is too long to show in the box, so it was read directly.",
                        intake::human_bytes(text.len() as u64)
                    ),
                );
                add_text(&app, &notes, &text);
            }
        })
    };
    // The box's direction comes from the start of its text (not
    // dir="auto", which reads all of it at every change).
    let on_input = Callback::from(|e: InputEvent| {
        if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
            let v = area.value();
            let _ = area.set_attribute("dir", intake::direction(&v));
        }
    });
    let on_zone_key = {
        let input_id = "ws-file-input";
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                if let Some(el) = gloo::utils::document().get_element_by_id(input_id) {
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        el.click();
                    }
                }
            }
        })
    };

    let n = app.0.articles.len();
    let need = match n {
        0 => Some("Add two or more articles about the same event to compare them."),
        1 => Some("One article loaded: add at least one more, since a comparison needs two."),
        _ => None,
    };
    html! {
        <section class="ws-panel ws-input" data-testid="input-panel" aria-labelledby="ws-input-h">
            <h2 id="ws-input-h">{ "Add articles" }</h2>
            if let Some(msg) = need {
                <p class="ws-need" data-testid="need-two" role="status">{ msg }</p>
            }
            <div class="ws-paste">
                <label for="ws-paste-text">{ "Paste article text" }</label>
                <textarea id="ws-paste-text" ref={paste_ref} data-testid="paste-text" rows="5" onkeydown={on_paste_key}
                    onpaste={on_paste} oninput={on_input}
                    placeholder="Paste one article here. To add several at once, put a line with only --- (or ===) between them." />
                <div class="ws-row">
                    <button type="button" class="btn btn-primary" data-testid="paste-add" onclick={on_paste_click}>
                        { "Add pasted text" }
                    </button>
                    <span class="ws-hint">{ "Separate several articles with a line of --- or ===. Ctrl+Enter adds." }</span>
                </div>
            </div>
            <div class={classes!("ws-drop", (*dragging).then_some("is-dragging"))} data-testid="drop-zone"
                tabindex="0" role="button" aria-describedby="ws-drop-help" onkeydown={on_zone_key}>
                <p>{ "Drop files anywhere on the page, or " }
                    <label for="ws-file-input" class="ws-file-label">{ "choose files" }</label>
                </p>
                <p id="ws-drop-help" class="ws-hint">
                    { format!("Text (.txt), Markdown (.md), saved web pages (.html, .htm) or a workspace file (.json); several at once; up to {} each.",
                        intake::human_bytes(intake::MAX_FILE_BYTES)) }
                </p>
            </div>
            // Outside the zone (a button: no control may sit inside it) and
            // out of the tab order (the zone opens it from the keyboard).
            <input id="ws-file-input" class="visually-hidden" type="file" multiple=true data-testid="file-input"
                tabindex="-1" accept=".txt,.text,.md,.markdown,.html,.htm,.xhtml,.json,text/plain,text/markdown,text/html,application/json"
                onchange={on_files} />
            <form class="ws-url" novalidate=true onsubmit={on_fetch}>
                <label for="ws-url-input">{ "Or fetch a web page" }</label>
                <div class="ws-row">
                    <input id="ws-url-input" ref={url_ref} type="url" inputmode="url" data-testid="url-input"
                        placeholder="https://…" autocomplete="off" spellcheck="false" />
                    <button type="submit" class="btn" data-testid="url-fetch" disabled={*fetching}>
                        { if *fetching { "Fetching…" } else { "Fetch" } }
                    </button>
                    if *fetching {
                        { super::button("btn", "url-cancel", "Cancel", false, on_cancel) }
                    }
                </div>
                <p class="ws-hint">{ "Works only where the site lets other pages read it; otherwise save the page and drop the file, or paste its text." }</p>
            </form>
        </section>
    }
}

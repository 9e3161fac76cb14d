//! The reader's articles: rename the outlet label, edit the text, remove
//! (with undo), reorder, review the lines left out of the comparison
//! (boilerplate, dimmed, toggled back per line), restore the demo set.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::input::replace_keeping;
use super::more::{show_more, use_limit};
use super::notices::{Level, NoteAction, NotesAction, NotesCtx};
use crate::app::services::storage;
use crate::app::store::{AppCtx, Shared, Store};
use crate::formats::fixed::plural;
use crate::formats::workspace::{Workspace, WsArticle};
use crate::viewmodel::boilerplate::{self, Reason};
use crate::viewmodel::history::Why;
use crate::viewmodel::state::{Action, Article, NewArticle};

/// Props of [`ManageItem`].
#[derive(Properties, PartialEq)]
pub struct ItemProps {
    /// The article.
    pub article: Article,
    /// Its position.
    pub index: usize,
    /// How many articles there are.
    pub count: usize,
    /// Sends actions (stable: an item re-renders only when its own props
    /// change, not on every change of the app state, such as progress).
    pub dispatch: UseReducerDispatcher<Store>,
}

/// One article in the list.
#[component]
pub fn ManageItem(props: &ItemProps) -> Html {
    let app = props.dispatch.clone();
    let notes = use_context::<NotesCtx>().expect("NotesCtx provided");
    let editing = use_state_eq(|| false);
    // The lines are listed only while their list is open.
    let open = use_state_eq(|| false);
    let edit_ref = use_node_ref();
    let label_ref = use_node_ref();
    let a = &props.article;
    let id = a.id;

    // The label box and the edit box are not controlled: the page re-renders
    // while the comparison runs, and that must not undo what is being
    // typed. They are filled when the label changes and when editing starts.
    {
        let label_ref = label_ref.clone();
        use_effect_with(a.label.clone(), move |label| {
            if let Some(input) = label_ref.cast::<HtmlInputElement>() {
                input.set_value(label);
            }
        });
    }
    {
        let edit_ref = edit_ref.clone();
        let text = a.text.clone();
        use_effect_with(*editing, move |on| {
            if *on {
                if let Some(area) = edit_ref.cast::<HtmlTextAreaElement>() {
                    area.set_value(&text);
                    let _ = area.focus();
                }
            }
        });
    }

    let on_rename = {
        let app = app.clone();
        let current = a.label.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let v = input.value();
                if v.trim().is_empty() {
                    input.set_value(&current);
                } else {
                    app.dispatch(Action::RenameArticle { id, label: v });
                }
            }
        })
    };
    let mv = |to: usize| {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::MoveArticle { id, to }))
    };
    let on_remove = {
        let (app, notes) = (app.clone(), notes.clone());
        let kept = Rc::new(NewArticle {
            label: a.label.clone(),
            text: a.text.clone(),
            ignored: a.ignored.clone(),
            meta: a.meta.clone(),
        });
        let (index, label, article) = (props.index, a.label.clone(), a.clone());
        Callback::from(move |_| {
            // Kept in the history too: the note's Undo lasts as long as
            // the page.
            let one = Workspace::new(vec![WsArticle::of(&article)]);
            wasm_bindgen_futures::spawn_local(async move {
                let _ = storage::set_aside(Why::Removed, one.to_json()).await;
            });
            app.dispatch(Action::RemoveArticle(id));
            notes.dispatch(NotesAction::Push(
                Level::Info,
                format!("Removed “{label}”."),
                Some(NoteAction::Undo(kept.clone(), index)),
            ));
        })
    };
    let on_edit = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(true))
    };
    let on_cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(false))
    };
    let on_save = {
        let (app, notes, editing, edit_ref) = (
            app.clone(),
            notes.clone(),
            editing.clone(),
            edit_ref.clone(),
        );
        Callback::from(move |_| {
            let Some(area) = edit_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let text = crate::viewmodel::intake::normalize(&area.value());
            if let Err(r) = crate::viewmodel::intake::check_text(&text) {
                super::notices::push(&notes, Level::Error, format!("Not saved: {r}."));
                return;
            }
            app.dispatch(Action::EditText {
                id,
                text: Rc::from(text.as_str()),
            });
            editing.set(false);
        })
    };

    // Keyed by the text's pointer: comparing 300k characters per render
    // would cost what the memo saves.
    let word_count = *use_memo(Shared(a.text.clone()), |t| {
        crate::viewmodel::intake::word_count(t)
    });
    // Every line, with its state: detected boilerplate is marked with its
    // reason; left-out lines are dimmed; each toggles. Found only while
    // the list is open, once per text.
    let detected = use_memo((Shared(a.text.clone()), *open), |(t, open)| {
        if *open {
            boilerplate::detect(t)
        } else {
            Vec::new()
        }
    });
    let lines: Vec<Html> = if *open {
        line_items(a, &detected, &app)
    } else {
        Vec::new()
    };
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(d) = e.target_dyn_into::<web_sys::Element>() {
                open.set(d.has_attribute("open"));
            }
        })
    };
    let left_out = a.ignored.len();

    let mut meta: Vec<String> = vec![format!("{word_count} words")];
    if let Some(d) = &a.meta.date {
        meta.push(d.clone());
    }
    if let Some(s) = &a.meta.source {
        meta.push(s.clone());
    }

    html! {
        <li class="ws-item" data-testid="manage-item" data-id={id.to_string()}>
            <div class="ws-item-head">
                <span class="ws-item-num" aria-hidden="true">{ props.index + 1 }</span>
                <label class="ws-label-cap" for={format!("ws-label-{id}")} title="The name every view and export uses; type to rename">
                    { "Outlet" }<span aria-hidden="true">{ " ✎" }</span></label>
                <input id={format!("ws-label-{id}")} class="ws-label-input" data-testid="label-input" dir="auto"
                    ref={label_ref} onchange={on_rename} maxlength="80" placeholder="Outlet name" />
                <div class="ws-item-buttons">
                    <button type="button" class="btn btn-icon" data-testid="move-up" aria-label={format!("Move {} up", a.label)}
                        disabled={props.index == 0} onclick={mv(props.index.saturating_sub(1))}>{ "↑" }</button>
                    <button type="button" class="btn btn-icon" data-testid="move-down" aria-label={format!("Move {} down", a.label)}
                        disabled={props.index + 1 >= props.count} onclick={mv(props.index + 1)}>{ "↓" }</button>
                    { super::button("btn btn-small", "edit", "Edit text", *editing, on_edit) }
                    { super::button("btn btn-small btn-danger", "remove", "Remove", false, on_remove) }
                </div>
            </div>
            if let Some(t) = &a.meta.title {
                <p class="ws-item-title" dir="auto">{ t.clone() }</p>
            }
            <p class="ws-item-meta" dir="auto">{ meta.join(" · ") }</p>
            if *editing {
                <div class="ws-edit">
                    <label class="visually-hidden" for={format!("ws-edit-{id}")}>{ "Article text" }</label>
                    <textarea id={format!("ws-edit-{id}")} ref={edit_ref} data-testid="edit-text" dir={crate::viewmodel::intake::direction(&a.text)} rows="12" />
                    <div class="ws-row">
                        { super::button("btn btn-primary", "edit-save", "Save text", false, on_save) }
                        { super::button("btn", "edit-cancel", "Cancel", false, on_cancel) }
                        <span class="ws-hint">{ "Lines that are not article text are found again after saving." }</span>
                    </div>
                </div>
            }
            <details class="ws-lines" ontoggle={on_toggle}>
                <summary data-testid="bp-summary">
                    { if left_out == 0 { "All lines used in the comparison".to_string() }
                      else { format!("{} left out as not article text", plural(left_out, "line")) } }
                    <span class="ws-hint">{ " · review lines" }</span>
                </summary>
                <ol class="bp-list">{ for lines }</ol>
            </details>
        </li>
    }
}

/// One list item per non-empty line of `a`: detected boilerplate is marked
/// with its reason; left-out lines are dimmed; each toggles.
fn line_items(
    a: &Article,
    detected: &[boilerplate::Flagged],
    app: &UseReducerDispatcher<Store>,
) -> Vec<Html> {
    let id = a.id;
    let reason_of = |s: usize, e: usize| -> Option<Reason> {
        detected
            .iter()
            .find(|f| f.start == s && f.end == e)
            .map(|f| f.reason)
    };
    boilerplate::lines(&a.text)
        .into_iter()
        .filter(|l| !l.text.is_empty())
        .map(|l| {
            let range = (l.start, l.end);
            let ignored = a.ignored.contains(&range);
            let reason = reason_of(l.start, l.end);
            let toggle = {
                let app = app.clone();
                Callback::from(move |_| app.dispatch(Action::ToggleIgnored { id, range }))
            };
            let label = if ignored { "Use" } else { "Leave out" };
            let title = if ignored {
                "Bring this line back into the comparison"
            } else {
                "Leave this line out of the comparison"
            };
            html! {
                <li key={l.start} class={classes!("bp-line", ignored.then_some("is-ignored"), reason.map(|_| "is-detected"))}
                    data-testid="bp-line" data-ignored={if ignored { "true" } else { "false" }}>
                    <button type="button" class="btn btn-small bp-toggle" data-testid="bp-toggle"
                        aria-pressed={if ignored { "true" } else { "false" }} title={title} onclick={toggle}>{ label }</button>
                    <span class="bp-text" dir="auto">{ l.text.to_string() }</span>
                    if let Some(r) = reason {
                        <span class="bp-reason">{ r.describe() }</span>
                    }
                </li>
            }
        })
        .collect()
}

/// The list of articles.
#[component]
pub fn ManagePanel() -> Html {
    let app = use_context::<AppCtx>().expect("AppCtx provided");
    let notes = use_context::<NotesCtx>().expect("NotesCtx provided");
    let articles = app.0.articles.clone();
    let dispatch = app.dispatcher();
    let count = articles.len();
    // Long lists come a page at a time (the limit stays while articles
    // are edited, moved or removed).
    let limit = use_limit((None, None, Vec::new()));
    let listed = count.min(*limit);
    let on_demo = {
        let (app, notes) = (app.clone(), notes.clone());
        Callback::from(move |_| {
            replace_keeping(
                &app,
                &notes,
                crate::app::services::demo::articles(),
                "the demo set",
                Why::Demo,
            );
        })
    };
    let on_clear = {
        let (app, notes) = (app.clone(), notes.clone());
        Callback::from(move |_| {
            let kept: Vec<NewArticle> = Workspace::from_state(&app.0).to_new_articles();
            if kept.is_empty() {
                return;
            }
            let n = kept.len();
            storage::replaced(Why::Clear);
            app.dispatch(Action::ReplaceArticles(Vec::new()));
            notes.dispatch(NotesAction::Push(
                Level::Info,
                format!("Removed all {n} articles: the workspace is empty, ready for yours."),
                Some(NoteAction::Refill(Rc::new(kept))),
            ));
        })
    };
    html! {
        <section class="ws-panel ws-manage" data-testid="manage-panel" aria-labelledby="ws-manage-h">
            <div class="ws-panel-head">
                <h2 id="ws-manage-h">{ format!("Your articles ({count})") }</h2>
                <div class="ws-item-buttons">
                    <button type="button" class="btn btn-small" data-testid="remove-all" onclick={on_clear}
                        disabled={count == 0}>{ "Remove all" }</button>
                    <button type="button" class="btn btn-small" data-testid="restore-demo" onclick={on_demo}>
                        { "Load the demo set" }
                    </button>
                </div>
            </div>
            if count == 0 {
                <p class="ws-empty">{ "No articles yet." }</p>
            }
            <ol class="ws-list" data-testid="article-list">
                { for articles.iter().take(listed).enumerate().map(|(i, a)| html! {
                    <ManageItem key={a.id} article={a.clone()} index={i} count={count} dispatch={dispatch.clone()} />
                }) }
            </ol>
            { show_more(listed, count, "articles", "manage-more", &limit) }
        </section>
    }
}

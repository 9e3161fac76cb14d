//! Messages about loading, keeping and sharing the workspace: what was
//! added, what was refused and why, what was set aside (with a button to
//! bring it back). Rendered as text only.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::store::AppCtx;
use crate::viewmodel::history::Why;
use crate::viewmodel::state::{Action, NewArticle};

/// How serious a note is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something happened as asked.
    Info,
    /// It worked, but look.
    Warning,
    /// Nothing was done.
    Error,
}

impl Level {
    fn class(self) -> &'static str {
        match self {
            Level::Info => "note-info",
            Level::Warning => "note-warning",
            Level::Error => "note-error",
        }
    }
}

/// A button offered with a note.
#[derive(Clone, Debug, PartialEq)]
pub enum NoteAction {
    /// Put these articles back as the workspace (what a load replaced).
    BringBack(Rc<Vec<NewArticle>>),
    /// Put a removed article back at its place.
    Undo(Rc<NewArticle>, usize),
    /// Put back the articles "Remove all" took away (offered until
    /// articles are loaded again).
    Refill(Rc<Vec<NewArticle>>),
    /// Bring back this entry of the history.
    Restore(u32),
}

/// One message.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// Unique within the page.
    pub id: u32,
    /// How serious.
    pub level: Level,
    /// Plain text.
    pub text: String,
    /// A button, if any.
    pub action: Option<NoteAction>,
}

/// The list of notes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Notes {
    next: u32,
    /// Newest last.
    pub list: Vec<Note>,
}

/// Changes to the notes.
pub enum NotesAction {
    /// Add a note.
    Push(Level, String, Option<NoteAction>),
    /// Drop one note.
    Dismiss(u32),
    /// Drop the offers to put back removed articles (others were loaded).
    Settle,
}

impl Reducible for Notes {
    type Action = NotesAction;

    fn reduce(self: Rc<Self>, action: NotesAction) -> Rc<Self> {
        let mut n = (*self).clone();
        match action {
            NotesAction::Push(level, text, action) => {
                n.list.push(Note {
                    id: n.next,
                    level,
                    text,
                    action,
                });
                n.next += 1;
                // Keep the list short: the oldest go first.
                if n.list.len() > 8 {
                    n.list.remove(0);
                }
            }
            NotesAction::Dismiss(id) => n.list.retain(|x| x.id != id),
            NotesAction::Settle => n
                .list
                .retain(|x| !matches!(x.action, Some(NoteAction::Refill(_)))),
        }
        Rc::new(n)
    }
}

/// The notes and their dispatcher, for the workspace panels.
pub type NotesCtx = UseReducerHandle<Notes>;

/// Shorthand for pushing a note.
pub fn push(notes: &NotesCtx, level: Level, text: impl Into<String>) {
    notes.dispatch(NotesAction::Push(level, text.into(), None));
}

/// The notes, newest first.
#[component]
pub fn Notices() -> Html {
    let notes = use_context::<NotesCtx>().expect("NotesCtx provided");
    let app = use_context::<AppCtx>().expect("AppCtx provided");
    if notes.list.is_empty() {
        return html! { <div class="ws-notes" data-testid="notes" aria-live="polite"></div> };
    }
    let items = notes.list.iter().rev().map(|n| {
        let id = n.id;
        let dismiss = {
            let notes = notes.clone();
            Callback::from(move |_| notes.dispatch(NotesAction::Dismiss(id)))
        };
        let action = n.action.clone().map(|a| {
            let (label, testid) = match &a {
                NoteAction::Undo(..) => ("Undo", "note-undo"),
                _ => ("Bring it back", "note-bring-back"),
            };
            let onclick = {
                let app = app.clone();
                let notes = notes.clone();
                Callback::from(move |_| {
                    match &a {
                        NoteAction::BringBack(list) | NoteAction::Refill(list) => super::input::replace_keeping(
                            &app,
                            &notes,
                            list.as_ref().clone(),
                            "the earlier workspace",
                            Why::Restored,
                        ),
                        NoteAction::Restore(entry) => {
                            super::history::restore(app.clone(), notes.clone(), *entry, Why::Restored)
                        }
                        NoteAction::Undo(article, at) => {
                            let id = app.0.next_id;
                            app.dispatch(Action::AddArticles(vec![article.as_ref().clone()]));
                            app.dispatch(Action::MoveArticle { id, to: *at });
                        }
                    }
                    notes.dispatch(NotesAction::Dismiss(id));
                })
            };
            html! { <button type="button" class="btn btn-small" data-testid={testid} {onclick}>{ label }</button> }
        });
        let role = if n.level == Level::Error { "alert" } else { "status" };
        html! {
            <li key={n.id} class={classes!("ws-note", n.level.class())} data-testid="note">
                // The role sits on the text: a list may hold only list items.
                <span class="ws-note-text" dir="auto" role={role}>{ n.text.clone() }</span>
                { for action }
                <button type="button" class="btn-close" aria-label="Dismiss this message"
                    data-testid="note-dismiss" onclick={dismiss}>{ "×" }</button>
            </li>
        }
    });
    html! {
        <div class="ws-notes" data-testid="notes" aria-live="polite">
            <ul>{ for items }</ul>
        </div>
    }
}

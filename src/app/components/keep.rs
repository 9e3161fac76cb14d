//! The workspace panels and what keeps the workspace: on start, a shared
//! link (URL fragment key `ws`) or the workspace kept in the browser is
//! opened; afterwards every change is saved. Failures are told, never
//! silent, and what is open stays open.

use yew::prelude::*;

use super::export::{workspace_of, ExportPanel};
use super::input::InputPanel;
use super::manage::ManagePanel;
use super::notices::{Level, NoteAction, Notes, NotesAction, NotesCtx, Notices};
use crate::app::services::{share, storage};
use crate::app::store::{AppCtx, ViewCtx};
use crate::state::Action;
use crate::viewstate::{ViewAction, ViewState};
use crate::workspace::Workspace;

fn plural(n: usize) -> String {
    format!("{n} article{}", if n == 1 { "" } else { "s" })
}

fn url_has_view() -> bool {
    crate::app::services::url::fragment()
        .get(crate::viewstate::FRAGMENT_KEY)
        .is_some()
}

fn restore_view(ws: &Workspace, view: Option<&ViewCtx>) {
    if let (Some(v), Some(ctx)) = (ws.settings.get("view"), view) {
        if !url_has_view() {
            ctx.dispatch(ViewAction::Restore(ViewState::decode(v)));
        }
    }
}

/// Opens the shared workspace in the link, else the kept one. Returns the
/// link's workspace, if one opened (the address keeps the link while its
/// articles are shown).
fn startup(app: &AppCtx, view: Option<&ViewCtx>, notes: &NotesCtx) -> Option<Workspace> {
    let kept = storage::load();
    let mut linked = None;
    match share::from_location() {
        // Kept here already (a reload of the opened link): as kept.
        Some(Ok(ws)) if matches!(&kept, Ok(Some(k)) if k.articles == ws.articles) => {
            linked = Some(ws);
        }
        Some(Ok(ws)) => {
            let n = ws.articles.len();
            app.dispatch(Action::ReplaceArticles(ws.to_new_articles()));
            restore_view(&ws, view);
            match kept {
                Ok(Some(mine)) if !mine.articles.is_empty() && mine != ws => {
                    storage::set_aside_saved();
                    notes.dispatch(NotesAction::Push(
                        Level::Info,
                        format!(
                            "Opened the workspace shared in the link ({}). Your own workspace \
                             ({}) was set aside, not deleted.",
                            plural(n),
                            plural(mine.articles.len())
                        ),
                        Some(NoteAction::BringBack(std::rc::Rc::new(
                            mine.to_new_articles(),
                        ))),
                    ));
                }
                _ => super::notices::push(
                    notes,
                    Level::Info,
                    format!("Opened the workspace shared in the link ({}).", plural(n)),
                ),
            }
            return Some(ws);
        }
        Some(Err(e)) => {
            let msg = match &kept {
                Ok(Some(_)) => format!("The link's workspace could not be opened: {e}. Your own workspace is shown instead."),
                _ => format!("The link's workspace could not be opened: {e}."),
            };
            super::notices::push(notes, Level::Error, msg);
            share::drop_from_location();
        }
        None => {}
    }
    match kept {
        Ok(Some(ws)) => {
            app.dispatch(Action::ReplaceArticles(ws.to_new_articles()));
            restore_view(&ws, view);
        }
        Ok(None) => {}
        Err(e) => super::notices::push(
            notes,
            Level::Error,
            format!(
                "The workspace kept in this browser could not be read ({e}). The demo set is \
                 shown; the kept copy is left untouched until you change something."
            ),
        ),
    }
    // A workspace set aside earlier (by a shared link or a file) and not
    // yet brought back or replaced.
    if let Ok(Some(prev)) = storage::previous() {
        if !prev.articles.is_empty() {
            notes.dispatch(NotesAction::Push(
                Level::Info,
                format!(
                    "A workspace you had before ({}) is still set aside.",
                    plural(prev.articles.len())
                ),
                Some(NoteAction::BringBack(std::rc::Rc::new(
                    prev.to_new_articles(),
                ))),
            ));
        }
    }
    linked
}

/// The workspace panels: add, manage, keep/share/export, with messages.
#[component]
pub fn WorkspacePanel() -> Html {
    let app = use_context::<AppCtx>().expect("AppCtx provided");
    let view = use_context::<ViewCtx>();
    let notes = use_reducer(Notes::default);
    let saved = use_state_eq(|| {
        if storage::available() {
            Ok(())
        } else {
            Err(storage::SaveError::Unavailable.message())
        }
    });
    let first = use_mut_ref(|| true);
    // The workspace a shared link opened, while its articles are shown.
    let linked = use_mut_ref(|| None::<Workspace>);
    // The panels are built just after the first paint: the comparison
    // above them (what the first screen shows) is on screen sooner.
    let built = use_state_eq(|| false);

    {
        let (app, view, notes) = (app.clone(), view.clone(), notes.clone());
        let (built, linked) = (built.clone(), linked.clone());
        use_effect_with((), move |_| {
            *linked.borrow_mut() = startup(&app, view.as_ref(), &notes);
            built.set(true);
        });
    }
    {
        // Save after every change (not on the first render: the kept
        // workspace is being opened then).
        let (app, view, saved, notes) = (app.clone(), view.clone(), saved.clone(), notes.clone());
        use_effect_with(app.0.revision, move |_| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            if !app.0.articles.is_empty() {
                // Articles loaded after "Remove all": its offer to put
                // them back is stale.
                notes.dispatch(NotesAction::Settle);
            }
            let ws = workspace_of(&app.0, view.as_ref());
            let mut link = linked.borrow_mut();
            if link.as_ref().is_some_and(|l| l.articles != ws.articles) {
                // Changed since the link opened: the address no longer
                // describes what is shown.
                *link = None;
                share::drop_from_location();
            }
            storage::save(&ws, move |r| match r {
                Ok(()) => saved.set(Ok(())),
                Err(e) => {
                    let msg = e.message();
                    if *saved != Err(msg.clone()) {
                        super::notices::push(&notes, Level::Warning, msg.clone());
                    }
                    saved.set(Err(msg));
                }
            });
        });
    }

    html! {
        <ContextProvider<NotesCtx> context={notes}>
            <div class="ws" data-testid="workspace">
                <Notices />
                if *built {
                    <InputPanel />
                    <ManagePanel />
                    <ExportPanel saved={(*saved).clone()} />
                }
            </div>
        </ContextProvider<NotesCtx>>
    }
}

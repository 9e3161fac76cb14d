//! The workspace panels and what keeps the workspace: on start, a shared
//! link (URL fragment key `ws`) or the workspace kept in the browser is
//! opened; afterwards every change is saved, and what a change replaces is
//! set aside in the history first. Failures are told, never silent, and
//! what is open stays open.

use std::rc::Rc;

use yew::prelude::*;

use super::export::{workspace_of, ExportPanel};
use super::history::history_list;
use super::input::InputPanel;
use super::manage::ManagePanel;
use super::notices::{push, Level, NoteAction, Notes, NotesAction, NotesCtx, Notices};
use crate::app::services::share;
use crate::app::services::storage::{self, Kept};
use crate::app::store::{AppCtx, ViewCtx};
use crate::formats::fixed::plural;
use crate::formats::fragment::Fragment;
use crate::formats::workspace::Workspace;
use crate::viewmodel::history::{History, Why};
use crate::viewmodel::state::Action;
use crate::viewmodel::viewstate::{ViewAction, ViewState};

/// "1 article", "6 articles".
fn url_has_view() -> bool {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    Fragment::parse(&hash)
        .get(crate::viewmodel::viewstate::FRAGMENT_KEY)
        .is_some()
}

fn restore_view(ws: &Workspace, view: Option<&ViewCtx>) {
    if let (Some(v), Some(ctx)) = (ws.settings.get("view"), view) {
        if !url_has_view() {
            ctx.dispatch(ViewAction::Restore(ViewState::decode(v)));
        }
    }
}

/// Opens the shared workspace in the link, else the kept one. The address
/// keeps an opened link (so it can be copied and shared again) until the
/// articles change; `linked` holds the link's workspace meanwhile.
async fn startup(app: AppCtx, view: Option<ViewCtx>, notes: NotesCtx, linked: Linked) {
    let link = share::from_location().await;
    if matches!(link, Some(Err(_))) {
        share::clear_location();
    }
    let kept = storage::load().await;
    let view = view.as_ref();
    match link {
        // Kept here already (a reload of the opened link): opened as kept,
        // nothing set aside again.
        Some(Ok(ws)) if matches!(&kept, Kept::Workspace(k) if k.articles == ws.articles) => {
            storage::adopting();
            app.dispatch(Action::ReplaceArticles(ws.to_new_articles()));
            restore_view(&ws, view);
            *linked.borrow_mut() = Some(ws);
            return;
        }
        Some(Ok(ws)) => {
            // The kept workspace is set aside by the first save.
            storage::replaced(Why::Link);
            app.dispatch(Action::ReplaceArticles(ws.to_new_articles()));
            restore_view(&ws, view);
            push(
                &notes,
                Level::Info,
                format!(
                    "Opened the workspace shared in the link ({}).",
                    plural(ws.articles.len(), "article")
                ),
            );
            *linked.borrow_mut() = Some(ws);
            return;
        }
        Some(Err(e)) => push(
            &notes,
            Level::Error,
            match &kept {
                Kept::Workspace(_) => format!("The link's workspace could not be opened: {e}. Your own workspace is shown instead."),
                _ => format!("The link's workspace could not be opened: {e}."),
            },
        ),
        None => {}
    }
    match kept {
        Kept::Workspace(ws) => {
            storage::adopting();
            app.dispatch(Action::ReplaceArticles(ws.to_new_articles()));
            restore_view(&ws, view);
        }
        Kept::Nothing => {}
        Kept::Unreadable(why) => push(
            &notes,
            Level::Error,
            format!(
                "The workspace kept in this browser could not be read ({why}). The demo set is \
                 shown; the kept copy is set aside, untouched, under “Earlier workspaces”: save \
                 it as a file or forget it there."
            ),
        ),
    }
}

/// The workspace a shared link opened, while its articles are shown.
type Linked = Rc<std::cell::RefCell<Option<Workspace>>>;

/// The workspace panels: add, manage, keep/share/export, with messages.
#[component]
pub fn WorkspacePanel() -> Html {
    let app = use_context::<AppCtx>().expect("AppCtx provided");
    let view = use_context::<ViewCtx>();
    let notes = use_reducer(Notes::default);
    let history = use_state_eq(|| Rc::new(History::default()));
    let saved = use_state_eq(|| {
        if storage::available() {
            Ok(())
        } else {
            Err(storage::SaveError::Unavailable.message())
        }
    });
    // The panels are built just after the first paint: the comparison
    // above them (what the first screen shows) is on screen sooner.
    let built = use_state_eq(|| false);
    let linked: Linked = use_mut_ref(|| None);

    {
        let (app, view, notes, history) =
            (app.clone(), view.clone(), notes.clone(), history.clone());
        let (built, linked) = (built.clone(), linked.clone());
        use_effect_with((), move |_| {
            storage::on_history(move |h| history.set(Rc::new(h)));
            let (a, n) = (app.clone(), notes.clone());
            storage::on_other_tab(move |ws| {
                storage::adopting();
                a.dispatch(Action::ReplaceArticles(ws.to_new_articles()));
                push(
                    &n,
                    Level::Info,
                    format!(
                        "This workspace was changed in another tab; this tab now shows it ({}).",
                        plural(ws.articles.len(), "article")
                    ),
                );
            });
            wasm_bindgen_futures::spawn_local(startup(app, view, notes, linked));
            built.set(true);
        });
    }
    {
        // Save after every change (the first render's state is the demo
        // or the kept workspace being opened: not saved; see storage).
        let (app, view, saved, notes) = (app.clone(), view.clone(), saved.clone(), notes.clone());
        let linked = linked.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(app.0.revision, move |_| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            if !app.0.articles.is_empty() {
                // Articles loaded after "Remove all": its offer to put
                // them back is stale.
                notes.dispatch(NotesAction::Settle);
            }
            // Written in a task of its own: the change is drawn first.
            crate::app::services::perf::after(
                0,
                Box::new(move || {
                    let ws = workspace_of(&app.0, view.as_ref());
                    let mut link = linked.borrow_mut();
                    if link.as_ref().is_none_or(|l| l.articles != ws.articles) {
                        // Changed since the link opened: the address no longer
                        // describes what is shown.
                        *link = None;
                        share::clear_location();
                    }
                    let json: Rc<str> = ws.to_json().into();
                    storage::save(json, move |r| match r {
                        Ok(aside) => {
                            saved.set(Ok(()));
                            let Some(e) = aside else { return };
                            let text = match e.why {
                                Why::Link => format!(
                            "The workspace you had open before ({}: {}) was set aside, not \
                             deleted: bring it back here or from “Earlier workspaces”.",
                            plural(e.count, "article"),
                            e.labels
                        ),
                                Why::Tab => format!(
                            "Another tab had changed this workspace since this tab opened it; \
                             that version ({}) was set aside under “Earlier workspaces”, not lost.",
                            plural(e.count, "article")
                        ),
                                _ => return,
                            };
                            notes.dispatch(NotesAction::Push(
                                Level::Info,
                                text,
                                Some(NoteAction::Restore(e.id)),
                            ));
                        }
                        Err(e) => {
                            let msg = e.message();
                            if *saved != Err(msg.clone()) {
                                push(&notes, Level::Warning, msg.clone());
                            }
                            saved.set(Err(msg));
                        }
                    });
                }),
            )
            .forget();
        });
    }

    html! {
        <ContextProvider<NotesCtx> context={notes.clone()}>
            <div class="ws" data-testid="workspace">
                <Notices />
                if *built {
                    <InputPanel />
                    <ManagePanel />
                    <ExportPanel saved={(*saved).clone()} />
                    { history_list(&history, &app, &notes) }
                }
            </div>
        </ContextProvider<NotesCtx>>
    }
}

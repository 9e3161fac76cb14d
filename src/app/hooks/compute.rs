//! The alignment, run when the articles change.

use std::rc::Rc;

use yew::prelude::*;

/// Runs the alignment whenever the articles change (their revision), after
/// the page has painted; a newer revision, or the reader's Stop, cancels the
/// older run.
#[hook]
pub fn use_compute(app: crate::app::store::AppCtx) {
    let revision = app.0.revision;
    let stopped = app.0.compute == crate::viewmodel::state::Compute::Stopped;
    // The first state may come aligned already (services::compute::prepare_first).
    let done = matches!(app.0.compute, crate::viewmodel::state::Compute::Done(_));
    let articles = app.0.articles.clone();
    let dispatcher = app.dispatcher();
    // Stopping changes the dependencies: the clean-up cancels the run (the
    // worker is terminated) and nothing starts until the reader resumes.
    use_effect_with((revision, stopped), move |&(rev, stopped)| {
        let handle = (articles.len() >= 2 && !stopped && !done).then(|| {
            use crate::app::services::compute;
            compute::start(
                rev,
                Rc::new(compute::input_docs(&articles)),
                Callback::from(move |action| dispatcher.dispatch(action)),
            )
        });
        move || {
            if let Some(h) = handle {
                h.cancel();
            }
        }
    });
}

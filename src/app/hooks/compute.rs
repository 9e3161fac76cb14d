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
        use crate::app::services::compute;
        let handle = Rc::new(std::cell::RefCell::new(None));
        let mut later = None;
        if articles.len() >= 2 && !stopped && !done {
            let docs = Rc::new(compute::input_docs(&articles));
            let report = Callback::from(move |action| dispatcher.dispatch(action));
            if compute::large(&docs) {
                // Sent in a task of its own: the page draws the new
                // articles first.
                let h = handle.clone();
                later = Some(crate::app::services::perf::after(
                    0,
                    Box::new(move || *h.borrow_mut() = Some(compute::start(rev, docs, report))),
                ));
            } else {
                *handle.borrow_mut() = Some(compute::start(rev, docs, report));
            }
        }
        move || {
            drop(later);
            if let Some(h) = handle.take() {
                h.cancel();
            }
        }
    });
}

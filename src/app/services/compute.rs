//! Runs the alignment outside rendering: after a short timeout (so the page
//! paints its progress indicator first), then reports back as [`Action`]s
//! tagged with the revision they belong to. The interface is small on
//! purpose: a worker-based runner can replace the body without touching
//! callers.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::Callback;

use crate::engine::{compare_with_progress, InputDoc};
use crate::state::Action;

/// A running (or scheduled) alignment. Dropping it, or calling
/// [`ComputeHandle::cancel`], stops it from reporting.
pub struct ComputeHandle {
    timeout: Option<Timeout>,
    cancelled: Rc<Cell<bool>>,
    /// The run in the Web Worker, when one took it (stopped when dropped).
    job: Option<crate::app::worker::Job>,
}

impl ComputeHandle {
    /// Stops the run; nothing more is reported.
    pub fn cancel(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.cancelled.set(true);
        self.job.take();
        if let Some(t) = self.timeout.take() {
            t.cancel();
        }
    }
}

impl Drop for ComputeHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Starts aligning `docs` for `revision`; `report` receives
/// [`Action::Progress`], then [`Action::Computed`] or [`Action::Failed`].
pub fn start(revision: u64, docs: Rc<Vec<InputDoc>>, report: Callback<Action>) -> ComputeHandle {
    let cancelled = Rc::new(Cell::new(false));
    report.emit(Action::Progress {
        revision,
        done: 0.0,
    });
    // In a Web Worker when possible, so the page stays responsive.
    if let Some(job) = crate::app::worker::start(revision, &docs, report.clone()) {
        return ComputeHandle {
            timeout: None,
            cancelled,
            job: Some(job),
        };
    }
    let flag = cancelled.clone();
    let timeout = Timeout::new(30, move || {
        if flag.get() {
            return;
        }
        mark("parallax:compute-start");
        let mut last = 0.0;
        let result = compare_with_progress(&docs, &mut |done| {
            // Progress is reported in steps (a worker can stream it).
            if done - last >= 0.1 {
                last = done;
                report.emit(Action::Progress { revision, done });
            }
            !flag.get()
        });
        mark("parallax:compute-end");
        if flag.get() {
            return;
        }
        match result {
            Some(cmp) => report.emit(Action::Computed {
                revision,
                result: Rc::new(cmp),
            }),
            None => report.emit(Action::Failed {
                revision,
                message: "The comparison stopped before it finished. Try again, or with fewer or shorter articles.".into(),
            }),
        }
    });
    ComputeHandle {
        timeout: Some(timeout),
        cancelled,
        job: None,
    }
}

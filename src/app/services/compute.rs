//! Runs the alignment outside rendering and reports back as [`Action`]s
//! tagged with the revision they belong to.
//!
//! Where it runs: in the Web Worker (src/app/worker.rs) once that is up, so
//! the page stays responsive. A small set (like the built-in demo, a few
//! milliseconds of work) that arrives before the worker is ready runs on the
//! page instead, right away: starting a worker costs more than the
//! comparison, and the first results show sooner. The worker is then
//! started for the runs that follow. Without Worker support everything runs
//! on the page, after a short timeout so the progress indicator paints first.
//!
//! The page's first state ([`prepare_first`]) is built before anything is
//! rendered: the demo set, already aligned, so the first render shows the
//! results.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::Callback;

use crate::app::services::perf::{after, mark};
use crate::engine::{compare_with_progress, InputDoc};
use crate::viewmodel::state::{reduce, Action, AppState, Article, Compute};

thread_local! {
    /// The state the page starts with, from [`prepare_first`].
    static FIRST: Cell<Option<AppState>> = const { Cell::new(None) };
}

/// The articles as the engine takes them.
pub fn input_docs(articles: &[Article]) -> Vec<InputDoc> {
    articles
        .iter()
        .map(|a| InputDoc {
            label: a.label.clone(),
            text: a.text.to_string(),
            ignored: a.ignored.clone(),
        })
        .collect()
}

/// Builds the state the page starts with, before the first render: the
/// demo set and, unless a workspace in the link or kept in this browser is
/// about to replace it, its alignment (a few milliseconds of work). The
/// first render then shows the results, with no progress panel, layout and
/// second render before them. The worker is started for the runs that
/// follow.
pub fn prepare_first() {
    let mut s = reduce(
        &AppState::default(),
        Action::ReplaceArticles(crate::app::services::demo::articles()),
    );
    if !super::storage::kept() && !super::share::in_location() {
        mark("parallax:compute-start");
        s.compute = Compute::Done(Rc::new(crate::engine::compare(&input_docs(&s.articles))));
        mark("parallax:compute-end");
        crate::app::worker::prewarm_now();
    }
    FIRST.set(Some(s));
}

/// The state from [`prepare_first`] (taken once, by the app's store).
pub fn take_first() -> AppState {
    FIRST.take().unwrap_or_default()
}

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

/// Sets of at most this many articles and bytes of text in all count as
/// small enough to align on the page while the worker is not ready (the
/// demo set: 5 articles, 21,000 bytes, a few milliseconds).
const PAGE_MAX_DOCS: usize = 8;
const PAGE_MAX_BYTES: usize = 32_000;

/// Sets of more text than this (bytes) are sent to the worker in a task
/// after the one that draws them.
const LARGE_BYTES: usize = 1 << 20;

fn bytes(docs: &[InputDoc]) -> usize {
    docs.iter().map(|d| d.text.len()).sum()
}

/// True for a set whose run starts a task later ([`LARGE_BYTES`]).
pub fn large(docs: &[InputDoc]) -> bool {
    bytes(docs) > LARGE_BYTES
}

fn small(docs: &[InputDoc]) -> bool {
    docs.len() <= PAGE_MAX_DOCS && bytes(docs) <= PAGE_MAX_BYTES
}

/// Starts aligning `docs` for `revision`; `report` receives
/// [`Action::Progress`], then [`Action::Computed`] or [`Action::Failed`].
pub fn start(revision: u64, docs: Rc<Vec<InputDoc>>, report: Callback<Action>) -> ComputeHandle {
    let cancelled = Rc::new(Cell::new(false));
    report.emit(Action::Progress {
        revision,
        done: 0.0,
    });
    let on_page = small(&docs) && !crate::app::worker::ready();
    // In a Web Worker when possible, so the page stays responsive.
    if !on_page {
        if let Some(job) = crate::app::worker::start(revision, &docs, report.clone()) {
            return ComputeHandle {
                timeout: None,
                cancelled,
                job: Some(job),
            };
        }
    }
    let flag = cancelled.clone();
    // A small set runs as soon as the page has handled this event; a large
    // one (no worker here) lets the progress indicator paint first.
    let delay = if on_page { 0 } else { 30 };
    let timeout = after(
        delay,
        Box::new(move || {
            if flag.get() {
                return;
            }
            mark("parallax:compute-start");
            let mut last = 0.0;
            let result = compare_with_progress(&docs, &mut |done| {
                // Progress is reported in steps (a worker can stream it); a
                // small run is over before a step would paint.
                if !on_page && done - last >= 0.1 {
                    last = done;
                    report.emit(Action::Progress { revision, done });
                }
                !flag.get()
            });
            mark("parallax:compute-end");
            if flag.get() {
                return;
            }
            if on_page {
                // The runs that follow go to the worker: start it now.
                crate::app::worker::prewarm_now();
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
        }),
    );
    ComputeHandle {
        timeout: Some(timeout),
        cancelled,
        job: None,
    }
}

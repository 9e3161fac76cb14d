//! The alignment in a Web Worker, so the page stays responsive on large
//! workspaces.
//!
//! Both sides live here. In the worker (www/worker.js), the same wasm
//! module is instantiated from the `WebAssembly.Module` the page sends, and
//! [`worker_compare`] runs the engine with one long-lived [`Aligner`]: its
//! caches make adding, editing or removing one article redo only the work
//! that involves it. On the page, [`start`] posts the articles to the worker
//! and turns its messages into [`Action`]s; dropping the returned [`Job`]
//! while it runs terminates the worker (the next run starts a fresh one).
//!
//! Where the worker comes from: `worker.js` next to the page (dist/index.html),
//! or, in the single-file page (dist/parallax.html, file://), a `blob:` URL
//! made from the `#parallax-worker` data block (the inlined glue plus the
//! worker code, put there by scripts/assemble.mjs), run as a classic worker. If a worker cannot be
//! created or fails to start, the caller's synchronous path runs instead.
//!
//! Messages, page to worker: `{type: "init", module}`, `{type: "compare",
//! id, docs}` (`docs` is JSON: `[{label, text, ignored}]`, as a string or
//! as UTF-8 bytes in a `Uint8Array`), `{type: "reset"}`
//! (forget the caches), `{type: "memory"}`. Worker to page:
//! `{type: "ready"}`, `{type: "progress", id, done}`, `{type: "partial", id,
//! result}` (a provisional [`Comparison`] after one article changed),
//! `{type: "result", id, result, ms}` (a [`Comparison`] in the binary form
//! of [`crate::formats::wire`], a `Uint8Array`; `ms` spent in the worker),
//! `{type: "error", id, message}`, `{type: "reset"}`, `{type: "memory",
//! bytes}`, `{type: "fatal", message}` (the module did not start).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

use crate::app::services::perf::{after, mark};
use crate::engine::{Aligner, InputDoc};
use crate::formats::json::{self, Value, Writer};
use crate::model::Comparison;
use crate::viewmodel::state::Action;

/// The articles as they cross to the worker: `[{label, text, ignored:
/// [[start, end], ...]}]`.
fn write_docs(docs: &[InputDoc]) -> String {
    let mut w = Writer::new(false);
    w.arr(docs, |w, d| {
        w.obj(|w| {
            w.key("label").str(&d.label);
            w.key("text").str(&d.text);
            w.key("ignored").arr(&d.ignored, |w, &(s, e)| {
                w.arr([s, e], |w, n| w.usize(n));
            });
        });
    });
    w.finish()
}

/// Reads what [`write_docs`] wrote (plain loops: less code than collecting
/// into an Option).
fn read_docs(json: &str) -> Option<Vec<InputDoc>> {
    let index = |v: &Value| usize::try_from(v.as_u64()?).ok();
    let mut docs = Vec::new();
    for d in json::parse(json).ok()?.items()? {
        let mut ignored = Vec::new();
        for r in d.get("ignored")?.items()? {
            match r.items()? {
                [s, e] => ignored.push((index(s)?, index(e)?)),
                _ => return None,
            }
        }
        docs.push(InputDoc {
            label: d.get("label")?.as_str()?.to_string(),
            text: d.get("text")?.as_str()?.to_string(),
            ignored,
        });
    }
    Some(docs)
}

// ------------------------------------------------------------ worker side

thread_local! {
    /// The worker's aligner, kept between runs for its caches.
    static ALIGNER: RefCell<Aligner> = RefCell::new(Aligner::new());
}

/// Below this much text (bytes; about 50,000 words, some 70 articles) the
/// exact result after a one-article change comes in about 0.1 s: a
/// provisional one first would only add a render of the page.
const PROVISIONAL_FROM_BYTES: usize = 300_000;

/// Compares the articles in `docs_json` (`[{label, text, ignored}]`) with
/// the worker's long-lived aligner, calling `progress(fraction_done)` now
/// and then; returns the [`Comparison`] in the binary form of
/// [`crate::formats::wire`]. With `partial`, when one article changed since the last
/// run and the set is large, first hands it a provisional result (the same
/// form) built from the kept links ([`Aligner::compare_provisional`]).
/// Called in the worker (and by the browser benchmark).
#[wasm_bindgen]
pub fn worker_compare(
    docs_json: &str,
    progress: &js_sys::Function,
    partial: Option<js_sys::Function>,
) -> Result<Vec<u8>, JsValue> {
    let docs = read_docs(docs_json).ok_or_else(|| JsValue::from_str("bad articles"))?;
    let text: usize = docs.iter().map(|d| d.text.len()).sum();
    if let Some(partial) = partial.filter(|_| text >= PROVISIONAL_FROM_BYTES) {
        let quick = ALIGNER.with(|a| a.borrow_mut().compare_provisional(&docs));
        if let Some(q) = quick {
            let bytes = js_sys::Uint8Array::from(&crate::formats::wire::encode(&q)[..]);
            let _ = partial.call1(&JsValue::NULL, &bytes);
        }
    }
    let mut last = -1.0;
    let result = ALIGNER.with(|a| {
        a.borrow_mut().compare_with_progress(&docs, &mut |done| {
            // About a hundred messages per run at most.
            if done - last >= 0.01 || done >= 1.0 {
                last = done;
                let _ = progress.call1(&JsValue::NULL, &JsValue::from_f64(done));
            }
            true
        })
    });
    let result = result.unwrap_or_default();
    Ok(crate::formats::wire::encode(&result))
}

/// Forgets the worker aligner's caches (the benchmark's cold runs).
#[wasm_bindgen]
pub fn worker_reset() {
    ALIGNER.with(|a| *a.borrow_mut() = Aligner::new());
}

// -------------------------------------------------------------- page side

/// The run the worker is busy with.
struct Running {
    id: u64,
    revision: u64,
    report: Callback<Action>,
    /// Kept for the synchronous fallback if the worker fails to start.
    docs: Rc<Vec<InputDoc>>,
}

/// The page's worker and the run it is busy with.
struct Pool {
    worker: web_sys::Worker,
    /// Set once the worker has instantiated the module.
    ready: Rc<Cell<bool>>,
    running: Rc<RefCell<Option<Running>>>,
    _onmessage: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::ErrorEvent)>,
    blob_url: Option<String>,
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.worker.terminate();
        if let Some(url) = self.blob_url.take() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    }
}

thread_local! {
    static POOL: RefCell<Option<Pool>> = const { RefCell::new(None) };
    /// Set once a worker failed to start: use the synchronous path.
    static DISABLED: Cell<bool> = const { Cell::new(false) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

/// A run in the worker. Dropping it before the result arrives stops it
/// (the worker is terminated, and a fresh one takes the next run).
pub struct Job {
    id: u64,
}

impl Drop for Job {
    fn drop(&mut self) {
        let busy = POOL.with(|p| {
            p.borrow().as_ref().is_some_and(|pool| {
                pool.running
                    .borrow()
                    .as_ref()
                    .is_some_and(|r| r.id == self.id)
            })
        });
        if busy {
            // Dropping the pool terminates the worker.
            drop_later(POOL.with(|p| p.borrow_mut().take()));
        }
    }
}

/// Whether the worker is up and has instantiated the module.
pub fn ready() -> bool {
    POOL.with(|p| {
        p.try_borrow()
            .ok()
            .is_some_and(|p| p.as_ref().is_some_and(|pool| pool.ready.get()))
    })
}

/// Starts the worker ahead of the comparisons that will need it (no-op if
/// it runs): called once the page has aligned a small set by itself (the
/// demo before the first render, see services/compute.rs).
pub fn prewarm_now() {
    if DISABLED.with(Cell::get) {
        return;
    }
    let failed = POOL.with(|p| {
        let mut p = p.borrow_mut();
        if p.is_none() {
            match spawn() {
                Ok(pool) => *p = Some(pool),
                Err(_) => return true,
            }
        }
        false
    });
    if failed {
        disable();
    }
}

/// Starts aligning `docs` in the worker; `None` when workers are not
/// available here (the caller then runs the engine itself).
pub fn start(revision: u64, docs: &Rc<Vec<InputDoc>>, report: Callback<Action>) -> Option<Job> {
    if DISABLED.with(Cell::get) {
        return None;
    }
    let json = write_docs(docs);
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let posted = POOL.with(|p| {
        let mut p = p.borrow_mut();
        if p.is_none() {
            *p = Some(spawn().ok()?);
        }
        let pool = p.as_ref()?;
        *pool.running.borrow_mut() = Some(Running {
            id,
            revision,
            report,
            docs: docs.clone(),
        });
        let msg = js_sys::Object::new();
        set(&msg, "type", &"compare".into());
        set(&msg, "id", &JsValue::from_f64(id as f64));
        // As UTF-8 bytes, decoded in the worker: a JS string of a large
        // set costs the page a long task.
        set(
            &msg,
            "docs",
            &js_sys::Uint8Array::from(json.as_bytes()).into(),
        );
        pool.worker.post_message(&msg).ok()
    });
    if posted.is_none() {
        disable();
        return None;
    }
    mark("parallax:compute-start");
    Some(Job { id })
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &key.into(), value);
}

/// The [`Comparison`] in a worker message's `result` (see [`crate::formats::wire`]).
fn read_result(data: &JsValue) -> Option<Comparison> {
    let bytes = get(data, "result").dyn_into::<js_sys::Uint8Array>().ok()?;
    crate::formats::wire::decode(&bytes.to_vec())
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Drops the pool (terminating its worker) once the current event is
/// handled: never inside one of its own callbacks.
fn drop_later(pool: Option<Pool>) {
    if let Some(pool) = pool {
        pool.worker.terminate();
        after(0, Box::new(move || drop(pool))).forget();
    }
}

/// Workers failed here: drop the pool and use the synchronous path from now on.
fn disable() {
    DISABLED.with(|d| d.set(true));
    drop_later(POOL.with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.take())));
}

/// The worker did not start: finish the pending run on the page instead.
fn fall_back(running: Option<Running>, why: &str) {
    web_sys::console::warn_1(
        &format!("Parallax: running the comparison on the page ({why})").into(),
    );
    disable();
    if let Some(r) = running {
        let result = crate::engine::compare(&r.docs);
        r.report.emit(Action::Computed {
            revision: r.revision,
            result: Rc::new(result),
        });
    }
}

fn spawn() -> Result<Pool, JsValue> {
    let document = gloo::utils::document();
    let options = web_sys::WorkerOptions::new();
    let (url, blob_url) = match document.get_element_by_id("parallax-worker") {
        // The single file: the worker's source is in the page. A classic
        // worker: Chromium refuses module workers from blob: URLs made in a
        // file:// page.
        Some(block) => {
            options.set_type(web_sys::WorkerType::Classic);
            let source = block.text_content().unwrap_or_default();
            let parts = js_sys::Array::of1(&JsValue::from_str(&source));
            let bag = web_sys::BlobPropertyBag::new();
            bag.set_type("text/javascript");
            let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)?;
            let url = web_sys::Url::create_object_url_with_blob(&blob)?;
            (url.clone(), Some(url))
        }
        None => {
            options.set_type(web_sys::WorkerType::Module);
            let base = document.base_uri()?.unwrap_or_default();
            (
                web_sys::Url::new_with_base("worker.js", &base)?.href(),
                None,
            )
        }
    };
    let worker = web_sys::Worker::new_with_options(&url, &options)?;
    let running: Rc<RefCell<Option<Running>>> = Rc::new(RefCell::new(None));
    let ready = Rc::new(Cell::new(false));

    let state = running.clone();
    let is_ready = ready.clone();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        move |e: web_sys::MessageEvent| {
            let data = e.data();
            let kind = get(&data, "type").as_string().unwrap_or_default();
            if kind == "ready" {
                is_ready.set(true);
                mark("parallax:worker-ready");
                return;
            }
            if kind == "fatal" {
                let why = get(&data, "message").as_string().unwrap_or_default();
                let pending = state.borrow_mut().take();
                fall_back(pending, &why);
                return;
            }
            let id = get(&data, "id").as_f64().unwrap_or(-1.0) as u64;
            let current = state
                .borrow()
                .as_ref()
                .map(|r| (r.id, r.revision, r.report.clone()));
            let Some((run_id, revision, report)) = current else {
                return;
            };
            if id != run_id {
                return;
            }
            match kind.as_str() {
                "progress" => {
                    let done = get(&data, "done").as_f64().unwrap_or(0.0);
                    report.emit(Action::Progress { revision, done });
                }
                "partial" => {
                    if let Some(result) = read_result(&data) {
                        mark("parallax:compute-partial");
                        report.emit(Action::Provisional {
                            revision,
                            result: Rc::new(result),
                        });
                    }
                }
                "result" => {
                    state.borrow_mut().take();
                    mark("parallax:compute-end");
                    match read_result(&data) {
                        // Drawn in a task of its own: reading a large
                        // result back is a task's worth already.
                        Some(result) => {
                            after(
                                0,
                                Box::new(move || {
                                    report.emit(Action::Computed {
                                        revision,
                                        result: Rc::new(result),
                                    })
                                }),
                            )
                            .forget();
                        }
                        None => report.emit(Action::Failed {
                            revision,
                            message: "The comparison could not be read back.".into(),
                        }),
                    }
                }
                "error" => {
                    state.borrow_mut().take();
                    let message = get(&data, "message").as_string().unwrap_or_default();
                    web_sys::console::error_1(&format!("Parallax worker: {message}").into());
                    report.emit(Action::Failed {
                    revision,
                    message: "The comparison failed on these articles. Try removing the article you added last.".into(),
                });
                    // The module may be in a bad state after a trap: start afresh next time.
                    drop_later(POOL.with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.take())));
                }
                _ => {}
            }
        },
    );
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));

    let state = running.clone();
    let onerror = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        e.prevent_default();
        let pending = state.borrow_mut().take();
        // A script that failed to load has no message.
        let why = get(&e, "message")
            .as_string()
            .unwrap_or_else(|| "it did not load".into());
        fall_back(pending, &format!("worker error: {why}"));
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));

    let init = js_sys::Object::new();
    set(&init, "type", &"init".into());
    set(&init, "module", &wasm_bindgen::module());
    worker.post_message(&init)?;

    Ok(Pool {
        worker,
        ready,
        running,
        _onmessage: onmessage,
        _onerror: onerror,
        blob_url,
    })
}

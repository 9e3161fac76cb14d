//! Keeps the workspace, and the history of workspaces set aside
//! ([`crate::viewmodel::history`]), in the browser's IndexedDB: one store of strings,
//! changed in transactions, so a new copy replaces the old one at once (a
//! reload or a crash mid-way finds the old one, never nothing) and a
//! workspace is set aside in the same transaction that writes its
//! replacement. Where IndexedDB is unavailable the same keys go to
//! localStorage (smaller; the reader is told); where neither works, the
//! workspace stays in memory and the reader is told.
//!
//! Keys: `current` (`stamp` newline workspace JSON), `history` (the list),
//! `h<id>` (an entry's workspace). The stamp names the tab and save that
//! wrote the copy: a tab writes over a copy it did not write or open only
//! after setting that copy aside. Tabs tell each other of every save
//! (`BroadcastChannel`), and a tab shows the workspace another tab saved.
//! What the previous version kept in localStorage is moved over once.
//! This module decides what is read and written; `www/io.js` reads and
//! writes ([`super::io`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::prelude::*;

use super::io as js;
use wasm_bindgen_futures::JsFuture;

use crate::formats::workspace::Workspace;
use crate::viewmodel::history::{self, Entry, History, Why, Writes, CURRENT, LIST};

/// Why saving failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The browser gives this page no storage (private mode, blocked
    /// cookies/site data, some file:// setups).
    Unavailable,
    /// The storage quota is used up.
    Full {
        /// Size of what was being saved, in characters.
        chars: usize,
    },
}

impl SaveError {
    /// A message for the reader.
    pub fn message(&self) -> String {
        match self {
            SaveError::Unavailable => "This browser does not let Parallax keep your workspace \
                (site storage is blocked or unavailable). Your articles stay open in this tab; \
                use “Save workspace file” to keep them."
                .to_string(),
            SaveError::Full { chars } => format!(
                "The browser's storage for this page is full, so the workspace ({}) could not be \
                 kept for the next visit; what was kept before is untouched. Your articles stay \
                 open in this tab; use “Save workspace file” to keep them, or remove some articles.",
                crate::viewmodel::intake::human_bytes(*chars as u64 * 2)
            ),
        }
    }
}

thread_local! {
    /// The stamp of the kept copy this tab wrote or opened (None: the next
    /// save sets the kept copy aside, for [`PENDING`]'s reason).
    static BASE: RefCell<Option<String>> = const { RefCell::new(None) };
    static PENDING: Cell<Option<Why>> = const { Cell::new(None) };
    /// The workspace JSON last saved or opened (identical saves are
    /// skipped; the crash notice offers it as a file).
    static LAST: RefCell<Option<Rc<str>>> = const { RefCell::new(None) };
    /// Saves wait until the kept workspace is read; one runs at a time,
    /// the latest waiting one after it.
    static READY: Cell<bool> = const { Cell::new(false) };
    static BUSY: Cell<bool> = const { Cell::new(false) };
    static QUEUED: RefCell<Option<Queued>> = const { RefCell::new(None) };
    /// Set when the next change comes from another tab (not saved back).
    static ADOPTING: Cell<bool> = const { Cell::new(false) };
    static SAVES: Cell<u32> = const { Cell::new(0) };
    static TAB: String = format!("{:x}", (js_sys::Math::random() * 4_294_967_296.0) as u64);
    /// Told of every change of the history.
    static ON_HISTORY: Hear<History> = const { RefCell::new(None) };
    /// Told when another tab saved a workspace.
    static ON_OTHER: Hear<Workspace> = const { RefCell::new(None) };
}

type Hear<T> = RefCell<Option<Rc<dyn Fn(T)>>>;
type Done = Box<dyn FnOnce(Result<Option<Entry>, SaveError>)>;
type Queued = (Rc<str>, Done);

/// What a transaction writes, decided from what it read.
type Change = Box<dyn FnOnce(&[Option<String>]) -> Writes>;

/// One change of the kept data: reads `keys`, then writes what `change`
/// makes of them; returns what was read. In IndexedDB one transaction
/// (all or nothing); in localStorage each write at once, the puts in
/// order (new keys before the key that points to them), deletions last.
async fn txn(keys: &[&str], change: Change) -> Result<Vec<Option<String>>, SaveError> {
    txn_then(keys, change, None).await
}

/// [`txn`], and `last` (key, value made a JS string beforehand, its
/// length) put after what `change` writes: a large value becomes a JS
/// string in a task of its own, not in the transaction's.
async fn txn_then(
    keys: &[&str],
    change: Change,
    last: Option<(&str, JsValue, usize)>,
) -> Result<Vec<Option<String>>, SaveError> {
    let read: Array = JsFuture::from(js::begin(&keys.iter().map(|k| JsValue::from(*k)).collect()))
        .await
        .map_err(|_| SaveError::Unavailable)?
        .into();
    let values: Vec<Option<String>> = (1..read.length())
        .map(|i| read.get(i).as_string())
        .collect();
    let writes = Array::new();
    let mut chars = 0;
    for (k, v) in change(&values) {
        chars = chars.max(v.as_ref().map_or(0, String::len));
        writes.push(&k.into());
        writes.push(&v.map_or(JsValue::NULL, JsValue::from));
    }
    if let Some((k, v, len)) = last {
        chars = chars.max(len);
        writes.push(&k.into());
        writes.push(&v);
    }
    match JsFuture::from(js::commit(&read.get(0), &writes)).await {
        Ok(_) => Ok(values),
        Err(full) if full.is_truthy() => Err(SaveError::Full { chars }),
        Err(_) => Err(SaveError::Unavailable),
    }
}

fn notify(h: History) {
    if let Some(f) = ON_HISTORY.with(|f| f.borrow().clone()) {
        f(h);
    }
}

/// Calls `f` with the history whenever it changes (here or in another tab).
pub fn on_history(f: impl Fn(History) + 'static) {
    ON_HISTORY.with(|c| *c.borrow_mut() = Some(Rc::new(f)));
}

fn stamp_of(record: &str) -> (&str, &str) {
    record.split_once('\n').unwrap_or(("", record))
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}

fn set_base(stamp: Option<&str>) {
    BASE.with(|b| *b.borrow_mut() = stamp.map(str::to_string));
}

fn history_of(v: &Option<String>) -> History {
    History::from_json(v.as_deref().unwrap_or_default())
}

/// What [`load`] found.
pub enum Kept {
    /// Nothing kept.
    Nothing,
    /// The kept workspace.
    Workspace(Workspace),
    /// A kept copy that could not be read (why), now set aside in the
    /// history, untouched, until the reader exports or forgets it.
    Unreadable(String),
}

/// Opens the kept data and reads the kept workspace. What the previous
/// version kept in localStorage is moved over: its workspace becomes the
/// kept one unless there is one, anything else goes to the history. A
/// copy that cannot be read is set aside in the history as it is (never
/// overwritten). Saves wait for this.
pub async fn load() -> Kept {
    // The previous version's workspace, then the one it had set aside.
    let legacy: Vec<(u32, String)> = js::legacy()
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((i as u32, v.as_string()?)))
        .collect();
    let found = Rc::new(RefCell::new((Kept::Nothing, History::default())));
    let out = found.clone();
    let r = txn(
        &[CURRENT, LIST],
        Box::new(move |v| {
            let mut h = history_of(&v[1]);
            let mut current = v[0].clone();
            let mut w = Writes::new();
            let mut kept = Kept::Nothing;
            let unreadable = |h: &mut History, w: &mut Writes, raw: &str, e| {
                w.extend(h.set_aside(Why::Unreadable, raw, now()).1);
                Kept::Unreadable(history::storage_error(&e))
            };
            for (key, raw) in &legacy {
                let ws = match raw.strip_prefix("z:") {
                    Some(code) => Workspace::from_share_code(code),
                    None => Workspace::from_json(raw),
                };
                match ws {
                    Ok(ws) if current.is_none() && *key == 0 => {
                        let record = format!("{}\n{}", new_stamp(), ws.to_json());
                        w.push((CURRENT.to_string(), Some(record.clone())));
                        current = Some(record);
                    }
                    Ok(ws) => w.extend(h.set_aside(Why::Restored, &ws.to_json(), now()).1),
                    Err(e) => kept = unreadable(&mut h, &mut w, raw, e),
                }
            }
            if let Some(record) = &current {
                let (stamp, json) = stamp_of(record);
                set_base(Some(stamp));
                kept = match Workspace::from_json(json) {
                    Ok(ws) => {
                        LAST.with(|l| *l.borrow_mut() = Some(Rc::from(json)));
                        Kept::Workspace(ws)
                    }
                    // Set aside now (then this tab may write over it).
                    Err(e) => unreadable(&mut h, &mut w, json, e),
                };
            }
            *out.borrow_mut() = (kept, h);
            w
        }),
    )
    .await;
    let (kept, h) = found.replace((Kept::Nothing, History::default()));
    match r {
        Ok(_) => {
            js::drop_legacy();
        }
        // Not set aside: the first save tries again.
        Err(_) if matches!(kept, Kept::Unreadable(_)) => replaced(Why::Unreadable),
        Err(_) => {}
    }
    notify(h);
    listen();
    READY.set(true);
    run_queued();
    kept
}

fn new_stamp() -> String {
    let n = SAVES.with(|s| {
        s.set(s.get() + 1);
        s.get()
    });
    TAB.with(|t| format!("{t}.{n}"))
}

/// The workspace open in this tab replaces the kept one for `why` (a
/// link, a file, ...): the next save sets the kept copy aside first.
pub fn replaced(why: Why) {
    set_base(None);
    PENDING.set(Some(why));
}

/// The next change shows what another tab saved: it is not saved back.
pub fn adopting() {
    ADOPTING.set(true);
}

/// Saves the workspace `json` and calls `done` with the outcome: the entry
/// set aside to make room, if any. A save that a later one supersedes
/// before it starts is dropped (its `done` is not called).
pub fn save(json: Rc<str>, done: impl FnOnce(Result<Option<Entry>, SaveError>) + 'static) {
    if ADOPTING.replace(false) {
        return;
    }
    QUEUED.with(|q| *q.borrow_mut() = Some((json, Box::new(done))));
    run_queued();
}

fn run_queued() {
    if !READY.get() || BUSY.get() {
        return;
    }
    let Some((json, done)) = QUEUED.with(|q| q.borrow_mut().take()) else {
        return;
    };
    BUSY.set(true);
    wasm_bindgen_futures::spawn_local(async move {
        // Stored in a task of its own, after the one that made the copy.
        super::perf::next_task().await;
        let r = write(json).await;
        BUSY.set(false);
        done(r);
        run_queued();
    });
}

async fn write(json: Rc<str>) -> Result<Option<Entry>, SaveError> {
    let same = LAST.with(|l| l.borrow().as_deref() == Some(&*json));
    if same && PENDING.get().is_none() {
        return Ok(None);
    }
    let stamp = new_stamp();
    let aside = Rc::new(RefCell::new(None));
    let (out, record) = (aside.clone(), format!("{stamp}\n{json}"));
    let value = (CURRENT, JsValue::from(record.as_str()), record.len());
    txn_then(
        &[CURRENT, LIST],
        Box::new(move |v| {
            let mut w = Writes::new();
            if let Some(kept) = &v[0] {
                let (stamp, kept) = stamp_of(kept);
                let mine = BASE.with(|b| b.borrow().as_deref() == Some(stamp));
                if !mine && kept != stamp_of(&record).1 {
                    let mut h = history_of(&v[1]);
                    let (e, ws) = h.set_aside(PENDING.get().unwrap_or(Why::Tab), kept, now());
                    w = ws;
                    *out.borrow_mut() = Some((e, h));
                }
            }
            w
        }),
        Some(value),
    )
    .await?;
    set_base(Some(&stamp));
    PENDING.set(None);
    LAST.with(|l| *l.borrow_mut() = Some(json));
    js::mark();
    let aside = aside.take().map(|(e, h)| {
        notify(h);
        e
    });
    js::tell(&stamp);
    Ok(aside)
}

/// Changes the history list (in a transaction of its own) with `f`,
/// which returns the writes besides the list.
async fn with_history(f: impl FnOnce(&mut History) -> Writes + 'static) -> Result<(), SaveError> {
    let out = Rc::new(RefCell::new(None));
    let keep = out.clone();
    txn(
        &[LIST],
        Box::new(move |v| {
            let mut h = history_of(&v[0]);
            let w = f(&mut h);
            *keep.borrow_mut() = Some(h);
            w
        }),
    )
    .await?;
    if let Some(h) = out.take() {
        notify(h);
    }
    js::tell("");
    Ok(())
}

/// Sets `json` (a workspace: a removed article) aside in the history.
pub async fn set_aside(why: Why, json: String) -> Result<(), SaveError> {
    with_history(move |h| h.set_aside(why, &json, now()).1).await
}

/// Drops history entry `id` for good.
pub async fn forget(id: u32) {
    let _ = with_history(move |h| {
        if h.remove(id) {
            vec![
                (LIST.to_string(), Some(h.to_json())),
                (history::key(id), None),
            ]
        } else {
            Vec::new()
        }
    })
    .await;
}

/// What is kept under `keys`, read in a transaction of its own.
async fn read(keys: &[&str]) -> Vec<Option<String>> {
    txn(keys, Box::new(|_| Writes::new()))
        .await
        .unwrap_or_default()
}

/// What history entry `id` holds.
pub async fn entry(id: u32) -> Option<String> {
    let key = history::key(id);
    read(&[&key]).await.pop().flatten()
}

/// Calls `f` with the workspace whenever another tab saves one.
pub fn on_other_tab(f: impl Fn(Workspace) + 'static) {
    ON_OTHER.with(|c| *c.borrow_mut() = Some(Rc::new(f)));
}

fn listen() {
    let on = Closure::<dyn Fn(String)>::new(|stamp: String| {
        wasm_bindgen_futures::spawn_local(async move {
            let v = read(&[CURRENT, LIST]).await;
            let Some([current, list]) = v.get(..2) else {
                return;
            };
            notify(history_of(list));
            let Some(record) = current else { return };
            let (now, json) = stamp_of(record);
            let mine = BASE.with(|b| b.borrow().as_deref() == Some(now));
            if stamp.is_empty() || BUSY.get() || mine || PENDING.get().is_some() {
                return;
            }
            if let Ok(ws) = Workspace::from_json(json) {
                set_base(Some(now));
                LAST.with(|l| *l.borrow_mut() = Some(Rc::from(json)));
                if let Some(f) = ON_OTHER.with(|c| c.borrow().clone()) {
                    f(ws);
                }
            }
        });
    });
    js::listen(&on);
    on.forget();
}

/// True when a workspace is probably kept here (it opens on start, not the
/// demo): told by a mark in localStorage, without opening the database.
pub fn kept() -> bool {
    js::marked()
}

/// True when some storage works (it can be blocked entirely).
pub fn available() -> bool {
    js::available()
}

/// True when the workspace is kept in localStorage, IndexedDB being
/// unavailable (known once opened).
pub fn small() -> bool {
    js::small()
}

/// The workspace JSON last saved or opened, if any.
pub fn last() -> Option<Rc<str>> {
    LAST.with(|l| l.borrow().clone())
}

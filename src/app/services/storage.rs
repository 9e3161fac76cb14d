//! Keeps the workspace, and the history of workspaces set aside
//! ([`crate::history`]), in the browser's IndexedDB: one store of strings,
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

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbTransactionMode, Storage};

use crate::history::{self, Entry, History, Why, Writes, CURRENT, LIST};
use crate::workspace::Workspace;

/// localStorage keys of the previous version (moved over once).
const LEGACY: [&str; 2] = ["parallax-workspace", "parallax-workspace-previous"];
/// localStorage key telling the page, before anything is read, that a
/// workspace is kept (so the demo is not aligned for nothing).
const MARK: &str = "parallax-kept";
/// Prefix of this module's keys in localStorage.
const LOCAL_PREFIX: &str = "parallax-kv-";

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
                crate::intake::human_bytes(*chars as u64 * 2)
            ),
        }
    }
}

/// Where the workspace is kept.
enum Backend {
    Idb(IdbDatabase),
    Local(Storage),
    Nowhere,
}

thread_local! {
    static BACKEND: RefCell<Option<Rc<Backend>>> = const { RefCell::new(None) };
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
    static CHANNEL: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
    /// Told of every change of the history.
    static ON_HISTORY: Hear<History> = const { RefCell::new(None) };
    /// Told when another tab saved a workspace.
    static ON_OTHER: Hear<Workspace> = const { RefCell::new(None) };
}

type Hear<T> = RefCell<Option<Rc<dyn Fn(T)>>>;
type Done = Box<dyn FnOnce(Result<Option<Entry>, SaveError>)>;
type Queued = (Rc<str>, Done);

fn is_quota(err: &JsValue) -> bool {
    err.dyn_ref::<web_sys::DomException>().is_some_and(|e| {
        let name = e.name();
        name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" || e.code() == 22
    })
}

fn local() -> Option<Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// A promise settled by an IndexedDB request or transaction's events.
fn settled(target: &JsValue, ok: &str, err: &[&str]) -> JsFuture {
    let p = js_sys::Promise::new(&mut |resolve, reject| {
        let _ = js_sys::Reflect::set(target, &ok.into(), &resolve);
        for e in err {
            let _ = js_sys::Reflect::set(target, &(*e).into(), &reject);
        }
    });
    JsFuture::from(p)
}

async fn open_idb() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let req = factory.open_with_u32("parallax", 1)?;
    let r = req.clone();
    let upgrade = Closure::once_into_js(move || {
        if let Ok(db) = r.result() {
            let _ = db.unchecked_into::<IdbDatabase>().create_object_store("kv");
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    settled(&req, "onsuccess", &["onerror"]).await?;
    Ok(req.result()?.unchecked_into())
}

async fn backend() -> Rc<Backend> {
    if let Some(b) = BACKEND.with(|b| b.borrow().clone()) {
        return b;
    }
    let b = Rc::new(match open_idb().await {
        Ok(db) => Backend::Idb(db),
        Err(_) => local().map_or(Backend::Nowhere, Backend::Local),
    });
    BACKEND.with(|c| c.borrow_mut().get_or_insert(b).clone())
}

/// What a transaction writes, decided from what it read.
type Change = Box<dyn FnOnce(&[Option<String>]) -> Writes>;

/// One change of the kept data: reads `keys`, then writes what `change`
/// makes of them; returns what was read. In IndexedDB one transaction
/// (all or nothing); in localStorage each write at once, the puts in
/// order (new keys before the key that points to them), deletions last.
async fn txn(keys: &[&str], change: Change) -> Result<Vec<Option<String>>, SaveError> {
    let b = backend().await;
    let unavailable = |_| SaveError::Unavailable;
    let values: Vec<Option<String>>;
    match &*b {
        Backend::Idb(db) => {
            let tx = db
                .transaction_with_str_and_mode("kv", IdbTransactionMode::Readwrite)
                .map_err(unavailable)?;
            let store = tx.object_store("kv").map_err(unavailable)?;
            let mut reqs = Vec::new();
            for k in keys {
                reqs.push(store.get(&(*k).into()).map_err(unavailable)?);
            }
            // Requests finish in order: the last one done, all are.
            if let Some(last) = reqs.last() {
                settled(last, "onsuccess", &["onerror"])
                    .await
                    .map_err(unavailable)?;
            }
            values = reqs
                .iter()
                .map(|r| r.result().ok().and_then(|v| v.as_string()))
                .collect();
            let (puts, deletes): (Writes, Writes) =
                change(&values).into_iter().partition(|w| w.1.is_some());
            let mut chars = 0;
            for (k, v) in puts.iter().chain(&deletes) {
                let r = match v {
                    Some(v) => {
                        chars = chars.max(v.len());
                        store.put_with_key(&v.into(), &k.into())
                    }
                    None => store.delete(&k.into()),
                };
                if let Err(e) = r {
                    let _ = tx.abort();
                    return Err(fail(&e, chars));
                }
            }
            if settled(&tx, "oncomplete", &["onabort", "onerror"])
                .await
                .is_err()
            {
                return Err(fail(
                    &tx.error().map(JsValue::from).unwrap_or_default(),
                    chars,
                ));
            }
        }
        Backend::Local(s) => {
            let key = |k: &str| format!("{LOCAL_PREFIX}{k}");
            values = keys
                .iter()
                .map(|k| s.get_item(&key(k)).ok().flatten())
                .collect();
            let (puts, deletes): (Writes, Writes) =
                change(&values).into_iter().partition(|w| w.1.is_some());
            for (k, v) in &puts {
                let v = v.as_deref().unwrap_or_default();
                s.set_item(&key(k), v).map_err(|e| fail(&e, v.len()))?;
            }
            for (k, _) in &deletes {
                let _ = s.remove_item(&key(k));
            }
        }
        Backend::Nowhere => return Err(SaveError::Unavailable),
    }
    Ok(values)
}

fn fail(e: &JsValue, chars: usize) -> SaveError {
    if is_quota(e) {
        SaveError::Full { chars }
    } else {
        SaveError::Unavailable
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
    let ls = local();
    let legacy: Vec<(&str, String)> = LEGACY
        .iter()
        .filter_map(|k| Some((*k, ls.as_ref()?.get_item(k).ok()??)))
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
                    Ok(ws) if current.is_none() && *key == LEGACY[0] => {
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
            if let Some(ls) = &ls {
                for k in LEGACY {
                    let _ = ls.remove_item(k);
                }
            }
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
    txn(
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
            w.push((CURRENT.to_string(), Some(record)));
            w
        }),
    )
    .await?;
    set_base(Some(&stamp));
    PENDING.set(None);
    LAST.with(|l| *l.borrow_mut() = Some(json));
    if let Some(ls) = local() {
        if ls.get_item(MARK).ok().flatten().is_none() {
            let _ = ls.set_item(MARK, "1");
            persist();
        }
    }
    let aside = aside.take().map(|(e, h)| {
        notify(h);
        e
    });
    announce(&stamp);
    Ok(aside)
}

/// Asks the browser not to evict the kept data under storage pressure
/// (granted or not, nothing else changes).
fn persist() {
    let Some(w) = web_sys::window() else { return };
    let nav = w.navigator();
    let present = js_sys::Reflect::get(&nav, &"storage".into())
        .is_ok_and(|s| !s.is_undefined() && !s.is_null());
    if present {
        let _ = nav.storage().persist();
    }
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
    announce("");
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

fn announce(stamp: &str) {
    CHANNEL.with(|c| {
        if let Some(c) = &*c.borrow() {
            let _ = c.post_message(&stamp.into());
        }
    });
}

/// Calls `f` with the workspace whenever another tab saves one.
pub fn on_other_tab(f: impl Fn(Workspace) + 'static) {
    ON_OTHER.with(|c| *c.borrow_mut() = Some(Rc::new(f)));
}

fn listen() {
    let Ok(channel) = web_sys::BroadcastChannel::new("parallax") else {
        return;
    };
    let on = Closure::<dyn Fn(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
        let stamp = e.data().as_string().unwrap_or_default();
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
    channel.set_onmessage(Some(on.as_ref().unchecked_ref()));
    on.forget();
    CHANNEL.with(|c| *c.borrow_mut() = Some(channel));
}

/// True when a workspace is probably kept here (it opens on start, not the
/// demo): told by a mark in localStorage, without opening the database.
pub fn kept() -> bool {
    local().is_some_and(|s| {
        [MARK, LEGACY[0]]
            .iter()
            .any(|k| s.get_item(k).ok().flatten().is_some())
    })
}

/// True when some storage works (it can be blocked entirely).
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| w.indexed_db().ok().flatten().is_some()) || local().is_some()
}

/// True when the workspace is kept in localStorage, IndexedDB being
/// unavailable (known once opened).
pub fn small() -> bool {
    BACKEND.with(|b| matches!(b.borrow().as_deref(), Some(Backend::Local(_))))
}

/// The workspace JSON last saved or opened, if any.
pub fn last() -> Option<Rc<str>> {
    LAST.with(|l| l.borrow().clone())
}

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
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode, Storage};

use crate::history::{self, Entry, History, Why};
use crate::workspace::Workspace;

/// localStorage keys of the previous version (moved over once).
const LEGACY: [&str; 2] = ["parallax-workspace", "parallax-workspace-previous"];
/// localStorage key telling the page, before anything is read, that a
/// workspace is kept (so the demo is not aligned for nothing).
const MARK: &str = "parallax-kept";
/// Prefix of this module's keys in localStorage.
const LOCAL_PREFIX: &str = "parallax-kv-";
const CURRENT: &str = "current";
const HISTORY: &str = "history";

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
    static ON_HISTORY: RefCell<Option<Rc<dyn Fn(History)>>> = const { RefCell::new(None) };
}

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

async fn request(req: Result<IdbRequest, JsValue>) -> Result<JsValue, JsValue> {
    let req = req?;
    settled(&req, "onsuccess", &["onerror"]).await?;
    req.result()
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
    Ok(request(Ok(req.into())).await?.unchecked_into())
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

/// One change of the kept data: in IndexedDB a transaction (all or
/// nothing); in localStorage each write at once, new keys before the key
/// that points to them, deletions last.
struct Tx {
    idb: Option<(IdbTransaction, web_sys::IdbObjectStore)>,
    local: Option<Storage>,
    deletes: Vec<String>,
}

impl Tx {
    fn new(b: &Backend) -> Result<Tx, SaveError> {
        let unavailable = |_| SaveError::Unavailable;
        Ok(match b {
            Backend::Idb(db) => {
                let tx = db
                    .transaction_with_str_and_mode("kv", IdbTransactionMode::Readwrite)
                    .map_err(unavailable)?;
                let store = tx.object_store("kv").map_err(unavailable)?;
                Tx {
                    idb: Some((tx, store)),
                    local: None,
                    deletes: Vec::new(),
                }
            }
            Backend::Local(s) => Tx {
                idb: None,
                local: Some(s.clone()),
                deletes: Vec::new(),
            },
            Backend::Nowhere => return Err(SaveError::Unavailable),
        })
    }

    async fn get(&self, key: &str) -> Option<String> {
        match (&self.idb, &self.local) {
            (Some((_, store)), _) => request(store.get(&key.into())).await.ok()?.as_string(),
            (_, Some(s)) => s.get_item(&format!("{LOCAL_PREFIX}{key}")).ok()?,
            _ => None,
        }
    }

    fn put(&self, key: &str, value: &str) -> Result<(), SaveError> {
        let r = match (&self.idb, &self.local) {
            (Some((_, store)), _) => store.put_with_key(&value.into(), &key.into()).map(drop),
            (_, Some(s)) => s.set_item(&format!("{LOCAL_PREFIX}{key}"), value),
            _ => Err(JsValue::NULL),
        };
        r.map_err(|e| fail(&e, value.len()))
    }

    async fn commit(self, chars: usize) -> Result<(), SaveError> {
        if let Some((tx, store)) = &self.idb {
            for k in &self.deletes {
                let _ = store.delete(&k.into());
            }
            return match settled(tx, "oncomplete", &["onabort", "onerror"]).await {
                Ok(_) => Ok(()),
                Err(_) => Err(fail(&tx.error().map(JsValue::from).unwrap_or_default(), chars)),
            };
        }
        if let Some(s) = &self.local {
            for k in &self.deletes {
                let _ = s.remove_item(&format!("{LOCAL_PREFIX}{k}"));
            }
        }
        Ok(())
    }

    /// Sets `stored` aside in the history (the list read and written in
    /// this transaction); returns the new entry and list.
    async fn set_aside(&mut self, why: Why, stored: &str) -> Result<(Entry, History), SaveError> {
        let mut h = History::from_json(&self.get(HISTORY).await.unwrap_or_default());
        let e = Entry::of(h.next_id(), js_sys::Date::now() as u64, why, stored);
        self.put(&e.key(), stored)?;
        let gone = h.push(e.clone());
        self.put(HISTORY, &h.to_json())?;
        self.deletes.extend(gone.into_iter().map(history::key));
        Ok((e, h))
    }
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

/// Moves what the previous version kept in localStorage over (in the
/// transaction `tx`): the kept workspace becomes the current one unless
/// there is one, anything else goes to the history. Returns the keys to
/// remove from localStorage once that is committed.
async fn migrate(
    tx: &mut Tx,
    current: &mut Option<String>,
    unreadable: &mut Option<String>,
) -> Result<Vec<&'static str>, SaveError> {
    let Some(ls) = local() else {
        return Ok(Vec::new());
    };
    let mut moved = Vec::new();
    for key in LEGACY {
        let Some(raw) = ls.get_item(key).ok().flatten() else {
            continue;
        };
        let ws = match raw.strip_prefix("z:") {
            Some(code) => Workspace::from_share_code(code),
            None => Workspace::from_json(&raw),
        };
        let json = match ws {
            Ok(w) => w.to_json(),
            Err(e) => {
                tx.set_aside(Why::Unreadable, &raw).await?;
                unreadable.get_or_insert(history::storage_error(&e));
                moved.push(key);
                continue;
            }
        };
        if current.is_none() && key == LEGACY[0] {
            let record = format!("{}\n{json}", new_stamp());
            tx.put(CURRENT, &record)?;
            *current = Some(record);
        } else {
            tx.set_aside(Why::Restored, &json).await?;
        }
        moved.push(key);
    }
    Ok(moved)
}

/// Opens the kept data (moving over what the previous version kept) and
/// reads the kept workspace. A copy that cannot be read is set aside in
/// the history as it is (never overwritten). Saves wait for this.
pub async fn load() -> Kept {
    let b = backend().await;
    let kept = match Tx::new(&b) {
        Ok(mut tx) => {
            let mut current = tx.get(CURRENT).await;
            let mut bad = None;
            let moved = migrate(&mut tx, &mut current, &mut bad)
                .await
                .unwrap_or_default();
            let mut found = bad.map_or(Kept::Nothing, Kept::Unreadable);
            if let Some(record) = &current {
                let (stamp, json) = stamp_of(record);
                match Workspace::from_json(json) {
                    Ok(ws) => {
                        BASE.with(|b| *b.borrow_mut() = Some(stamp.to_string()));
                        LAST.with(|l| *l.borrow_mut() = Some(Rc::from(json)));
                        found = Kept::Workspace(ws);
                    }
                    Err(e) => {
                        // Set aside now (then this tab may write over it);
                        // if that fails, the first save tries again.
                        if tx.set_aside(Why::Unreadable, json).await.is_ok() {
                            BASE.with(|b| *b.borrow_mut() = Some(stamp.to_string()));
                        }
                        found = Kept::Unreadable(history::storage_error(&e));
                    }
                }
            }
            let h = History::from_json(&tx.get(HISTORY).await.unwrap_or_default());
            if tx.commit(0).await.is_ok() {
                if let Some(ls) = local() {
                    for k in moved {
                        let _ = ls.remove_item(k);
                    }
                }
            } else if matches!(found, Kept::Unreadable(_)) {
                replaced(Why::Unreadable);
            }
            notify(h);
            found
        }
        Err(_) => Kept::Nothing,
    };
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
    BASE.with(|b| *b.borrow_mut() = None);
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
        let r = write(&json).await;
        BUSY.set(false);
        done(r);
        run_queued();
    });
}

async fn write(json: &Rc<str>) -> Result<Option<Entry>, SaveError> {
    let same = LAST.with(|l| l.borrow().as_deref() == Some(&**json));
    if same && PENDING.get().is_none() {
        return Ok(None);
    }
    let b = backend().await;
    let mut tx = Tx::new(&b)?;
    let mut aside = None;
    if let Some(record) = tx.get(CURRENT).await {
        let (stamp, kept) = stamp_of(&record);
        let mine = BASE.with(|b| b.borrow().as_deref() == Some(stamp));
        if !mine && kept != &**json {
            aside = Some(
                tx.set_aside(PENDING.get().unwrap_or(Why::Tab), kept)
                    .await?,
            );
        }
    }
    let stamp = new_stamp();
    tx.put(CURRENT, &format!("{stamp}\n{json}"))?;
    tx.commit(json.len()).await?;
    BASE.with(|b| *b.borrow_mut() = Some(stamp.clone()));
    PENDING.set(None);
    LAST.with(|l| *l.borrow_mut() = Some(json.clone()));
    if let Some(ls) = local() {
        if ls.get_item(MARK).ok().flatten().is_none() {
            let _ = ls.set_item(MARK, "1");
            persist();
        }
    }
    let aside = aside.map(|(e, h)| {
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

/// Sets `json` (a workspace: a removed article) aside in the history.
pub async fn set_aside(why: Why, json: &str) -> Result<Entry, SaveError> {
    let b = backend().await;
    let mut tx = Tx::new(&b)?;
    let (e, h) = tx.set_aside(why, json).await?;
    tx.commit(json.len()).await?;
    notify(h);
    announce("");
    Ok(e)
}

/// What history entry `id` holds.
pub async fn entry(id: u32) -> Option<String> {
    let b = backend().await;
    Tx::new(&b).ok()?.get(&history::key(id)).await
}

/// Drops history entry `id` for good.
pub async fn forget(id: u32) {
    let b = backend().await;
    let Ok(mut tx) = Tx::new(&b) else { return };
    let mut h = History::from_json(&tx.get(HISTORY).await.unwrap_or_default());
    if h.remove(id) && tx.put(HISTORY, &h.to_json()).is_ok() {
        tx.deletes.push(history::key(id));
        if tx.commit(0).await.is_ok() {
            notify(h);
            announce("");
        }
    }
}

/// The kept history, read again (after another tab changed it).
async fn reload_history() {
    let b = backend().await;
    if let Ok(tx) = Tx::new(&b) {
        notify(History::from_json(&tx.get(HISTORY).await.unwrap_or_default()));
    }
}

fn announce(stamp: &str) {
    CHANNEL.with(|c| {
        if let Some(c) = &*c.borrow() {
            let _ = c.post_message(&stamp.into());
        }
    });
}

thread_local! {
    /// Told when another tab saved a workspace: its stamp.
    static ON_OTHER: RefCell<Option<Rc<dyn Fn(Workspace)>>> = const { RefCell::new(None) };
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
            reload_history().await;
            if stamp.is_empty() || BUSY.get() {
                return;
            }
            let b = backend().await;
            let Ok(tx) = Tx::new(&b) else { return };
            let Some(record) = tx.get(CURRENT).await else {
                return;
            };
            let (now, json) = stamp_of(&record);
            let mine = BASE.with(|b| b.borrow().as_deref() == Some(now));
            if mine || PENDING.get().is_some() {
                return;
            }
            if let Ok(ws) = Workspace::from_json(json) {
                BASE.with(|b| *b.borrow_mut() = Some(now.to_string()));
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

//! Keeps the workspace in the browser's localStorage, so it survives a
//! reload. Storage can be missing (blocked by privacy settings) or full:
//! every failure is reported, and the workspace stays in memory.

use std::cell::Cell;

use wasm_bindgen::JsCast;
use web_sys::Storage;

use crate::workspace::Workspace;

/// The saved workspace.
const KEY: &str = "parallax-workspace";
/// The workspace that was saved before a shared one replaced it.
const PREVIOUS_KEY: &str = "parallax-workspace-previous";
/// Prefix of a compressed entry (used when the plain JSON does not fit).
const PACKED: &str = "z:";

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
                 kept for the next visit. Your articles stay open in this tab; use “Save \
                 workspace file” to keep them, or remove some articles.",
                crate::intake::human_bytes(*chars as u64 * 2)
            ),
        }
    }
}

fn local() -> Result<Storage, SaveError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(SaveError::Unavailable)
}

fn is_quota(err: &wasm_bindgen::JsValue) -> bool {
    err.dyn_ref::<web_sys::DomException>().is_some_and(|e| {
        let name = e.name();
        name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" || e.code() == 22
    })
}

fn put(storage: &Storage, key: &str, value: &str) -> Result<(), SaveError> {
    storage.set_item(key, value).map_err(|e| {
        if is_quota(&e) {
            SaveError::Full { chars: value.len() }
        } else {
            SaveError::Unavailable
        }
    })
}

thread_local! {
    /// Counts saves, so that a compressed copy finished after a later save
    /// is not written over it.
    static SAVES: Cell<u64> = const { Cell::new(0) };
}

/// Saves `ws` and calls `done` with the outcome. When the plain JSON does
/// not fit, a compressed copy (the share code, made by the browser) is
/// tried before giving up; `done` is then called when it is written.
pub fn save(ws: &Workspace, done: impl FnOnce(Result<(), SaveError>) + 'static) {
    let this = SAVES.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let storage = match local() {
        Ok(s) => s,
        Err(e) => return done(Err(e)),
    };
    let json = ws.to_json();
    match put(&storage, KEY, &json) {
        Err(SaveError::Full { .. }) => {
            // Free the old copy first: it may be what fills the quota.
            let _ = storage.remove_item(KEY);
            let ws = ws.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(code) = super::share::code(&ws).await else {
                    return done(Err(SaveError::Full { chars: json.len() }));
                };
                if SAVES.with(Cell::get) != this {
                    return; // a later save took over
                }
                let packed = format!("{PACKED}{code}");
                done(put(&storage, KEY, &packed).map_err(|e| match e {
                    SaveError::Full { .. } => SaveError::Full { chars: json.len() },
                    e => e,
                }));
            });
        }
        r => done(r),
    }
}

fn read(key: &str) -> Result<Option<Workspace>, String> {
    let Ok(storage) = local() else {
        return Ok(None);
    };
    let Some(raw) = storage.get_item(key).ok().flatten() else {
        return Ok(None);
    };
    let ws = match raw.strip_prefix(PACKED) {
        Some(code) => Workspace::from_share_code(code),
        None => Workspace::from_json(&raw),
    };
    ws.map(Some).map_err(|e| e.to_string())
}

/// The saved workspace, if any. A damaged entry is reported, and kept (so
/// nothing is lost) until the next successful save.
pub fn load() -> Result<Option<Workspace>, String> {
    read(KEY)
}

/// True when a workspace is kept here (it opens on start, not the demo).
/// The entry is looked up, not read into the module (it can be large).
pub fn kept() -> bool {
    local().is_ok_and(|s| {
        !js_sys::Reflect::get(&s, &KEY.into())
            .unwrap_or_default()
            .is_undefined()
    })
}

/// True when storage works (it can be blocked entirely).
pub fn available() -> bool {
    local().is_ok()
}

/// Keeps a copy of the saved workspace aside (before a shared workspace
/// replaces it), so it can be brought back. Returns true when there was one.
pub fn set_aside_saved() -> bool {
    let Ok(storage) = local() else {
        return false;
    };
    match storage.get_item(KEY).ok().flatten() {
        Some(raw) => put(&storage, PREVIOUS_KEY, &raw).is_ok(),
        None => false,
    }
}

/// The workspace set aside by [`set_aside_saved`], if any.
pub fn previous() -> Result<Option<Workspace>, String> {
    read(PREVIOUS_KEY)
}

/// Forgets the set-aside workspace.
pub fn forget_previous() {
    if let Ok(s) = local() {
        let _ = s.remove_item(PREVIOUS_KEY);
    }
}

//! The history of workspaces kept in the browser: every workspace that
//! something replaced (a shared link, a workspace file, the demo set,
//! "Remove all", another tab's change) and every removed article is set
//! aside here before the replacement is written, so "set aside" is always
//! true and each can be brought back. Pure Rust: the list and its rules;
//! the browser keeps the list as JSON and each entry's workspace beside it
//! (`src/app/services/storage.rs`).
//!
//! ```
//! use parallax::viewmodel::history::{Entry, History, Why};
//! let mut h = History::default();
//! let e = Entry::of(h.next_id(), 0, Why::Link, "{}");
//! assert!(h.push(e).is_empty());
//! assert_eq!(History::from_json(&h.to_json()), h);
//! ```

use crate::formats::json::{parse, Value, Writer};
use crate::formats::workspace::Workspace;

/// The storage key of the kept workspace.
pub const CURRENT: &str = "current";
/// The storage key of the history list.
pub const LIST: &str = "history";

/// Changes to the kept data: `(key, Some(value))` puts, `(key, None)`
/// deletes.
pub type Writes = Vec<(String, Option<String>)>;

/// Entries always kept, however large.
pub const KEEP_AT_LEAST: usize = 5;
/// Most entries kept; the oldest beyond it go.
pub const MAX_ENTRIES: usize = 100;
/// Most characters of workspace kept in the history (all entries); the
/// oldest beyond it go, except the newest [`KEEP_AT_LEAST`].
pub const MAX_CHARS: usize = 64 * 1024 * 1024;

/// Why a workspace was set aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// A shared link was opened.
    Link,
    /// A workspace file was opened.
    File,
    /// The demo set was loaded.
    Demo,
    /// "Remove all".
    Clear,
    /// Another tab saved over it.
    Tab,
    /// One article was removed (the entry holds it alone).
    Removed,
    /// The kept copy could not be read (the entry holds it as it was).
    Unreadable,
    /// An entry of the history was brought back in its place.
    Restored,
}

const WHYS: [(Why, &str, &str); 8] = [
    (Why::Link, "link", "set aside when a shared link was opened"),
    (
        Why::File,
        "file",
        "set aside when a workspace file was opened",
    ),
    (Why::Demo, "demo", "set aside when the demo set was loaded"),
    (Why::Clear, "clear", "set aside by “Remove all”"),
    (
        Why::Tab,
        "tab",
        "changed in another tab, set aside when this tab saved",
    ),
    (Why::Removed, "removed", "removed article"),
    (
        Why::Unreadable,
        "unreadable",
        "kept copy that could not be read",
    ),
    (
        Why::Restored,
        "restored",
        "set aside when another was brought back",
    ),
];

impl Why {
    fn row(self) -> &'static (Why, &'static str, &'static str) {
        WHYS.iter().find(|w| w.0 == self).unwrap_or(&WHYS[0])
    }

    /// Its name in the stored list.
    pub fn slug(self) -> &'static str {
        self.row().1
    }

    /// What happened, for the reader.
    pub fn describe(self) -> &'static str {
        self.row().2
    }

    /// The reason named `s` in the stored list.
    pub fn from_slug(s: &str) -> Option<Why> {
        WHYS.iter().find(|w| w.1 == s).map(|w| w.0)
    }
}

/// One workspace set aside (its content is stored under [`Entry::key`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Unique, growing.
    pub id: u32,
    /// When, in milliseconds since 1970.
    pub time: u64,
    /// Why.
    pub why: Why,
    /// How many articles (0 when unreadable).
    pub count: usize,
    /// The first labels, or why it cannot be read.
    pub labels: String,
    /// Hash of the stored text (the same content is kept once).
    pub hash: String,
    /// Length of the stored text, in characters.
    pub chars: usize,
}

impl Entry {
    /// The entry for `stored` (a workspace document, or whatever an
    /// unreadable kept copy holds).
    pub fn of(id: u32, time: u64, why: Why, stored: &str) -> Entry {
        let (count, labels) = match Workspace::from_json(stored) {
            Ok(ws) => {
                let names: Vec<String> = ws.articles.iter().map(|a| a.label.clone()).collect();
                (names.len(), crate::viewmodel::intake::name_list(&names, 4))
            }
            Err(e) => (0, storage_error(&e)),
        };
        Entry {
            id,
            time,
            why,
            count,
            labels,
            hash: hash(stored),
            chars: stored.len(),
        }
    }

    /// The storage key of its content.
    pub fn key(&self) -> String {
        key(self.id)
    }
}

/// The storage key of entry `id`'s content.
pub fn key(id: u32) -> String {
    format!("h{id}")
}

/// What is wrong with a kept copy, for the reader (not the wording of a
/// damaged link: nothing was shared).
pub fn storage_error(e: &crate::formats::workspace::WsError) -> String {
    use crate::formats::workspace::WsError;
    match e {
        WsError::BadCode => "the stored copy is damaged".to_string(),
        e => e.to_string(),
    }
}

/// FNV-1a, 64 bits, in hex.
pub fn hash(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    format!("{h:x}")
}

/// The entries, newest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// Newest first.
    pub entries: Vec<Entry>,
}

impl History {
    /// An id no entry has had (ids grow).
    pub fn next_id(&self) -> u32 {
        self.entries.iter().map(|e| e.id + 1).max().unwrap_or(1)
    }

    /// Adds `e` as the newest entry. An older entry with the same content
    /// is dropped (it is the same), and so are the oldest beyond
    /// [`MAX_ENTRIES`] or [`MAX_CHARS`] (never the newest
    /// [`KEEP_AT_LEAST`]). Returns the ids dropped, whose content is to be
    /// deleted.
    pub fn push(&mut self, e: Entry) -> Vec<u32> {
        let mut gone: Vec<u32> = Vec::new();
        self.entries.retain(|x| {
            let same = x.hash == e.hash && x.chars == e.chars;
            if same {
                gone.push(x.id);
            }
            !same
        });
        self.entries.insert(0, e);
        let mut total = 0;
        let mut keep = 0;
        for x in &self.entries {
            total += x.chars;
            if keep >= KEEP_AT_LEAST && (keep >= MAX_ENTRIES || total > MAX_CHARS) {
                break;
            }
            keep += 1;
        }
        gone.extend(self.entries.drain(keep..).map(|x| x.id));
        gone
    }

    /// Sets `stored` aside as the newest entry, made at `time`: the entry,
    /// and the writes that keep it (its content, the list, and the
    /// deletion of the entries it pushed out).
    pub fn set_aside(&mut self, why: Why, stored: &str, time: u64) -> (Entry, Writes) {
        let e = Entry::of(self.next_id(), time, why, stored);
        let mut w = vec![(e.key(), Some(stored.to_string()))];
        let gone = self.push(e.clone());
        w.push((LIST.to_string(), Some(self.to_json())));
        w.extend(gone.into_iter().map(|id| (key(id), None)));
        (e, w)
    }

    /// Removes entry `id`; true when it was there.
    pub fn remove(&mut self, id: u32) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.id != id);
        self.entries.len() != before
    }

    /// The list as stored.
    pub fn to_json(&self) -> String {
        let mut w = Writer::new(false);
        w.arr(&self.entries, |w, e| {
            w.obj(|w| {
                w.key("id").uint(e.id);
                w.key("t").uint(e.time);
                w.key("why").str(e.why.slug());
                w.key("n").usize(e.count);
                w.key("l").str(&e.labels);
                w.key("h").str(&e.hash);
                w.key("c").usize(e.chars);
            });
        });
        w.finish()
    }

    /// The stored list; entries that cannot be read are left out (a list
    /// that cannot be read at all is empty).
    pub fn from_json(json: &str) -> History {
        let Ok(v) = parse(json) else {
            return History::default();
        };
        let num = |e: &Value, k: &str| e.get(k).and_then(Value::as_u64);
        let text = |e: &Value, k: &str| e.get(k).and_then(Value::as_str).map(str::to_string);
        let entries = v
            .items()
            .unwrap_or_default()
            .iter()
            .filter_map(|e| {
                Some(Entry {
                    id: u32::try_from(num(e, "id")?).ok()?,
                    time: num(e, "t")?,
                    why: Why::from_slug(e.get("why")?.as_str()?)?,
                    count: num(e, "n")? as usize,
                    labels: text(e, "l")?,
                    hash: text(e, "h")?,
                    chars: num(e, "c")? as usize,
                })
            })
            .collect();
        History { entries }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::workspace::WsArticle;

    fn ws(labels: &[&str]) -> String {
        Workspace::new(labels.iter().map(|l| WsArticle::new(*l, "Text.")).collect()).to_json()
    }

    #[test]
    fn entries_describe_their_workspace() {
        let e = Entry::of(3, 17, Why::Link, &ws(&["A", "B", "C", "D", "E"]));
        assert_eq!((e.count, e.labels.as_str()), (5, "A, B, C, D and 1 more"));
        assert_eq!(e.key(), "h3");
        let bad = Entry::of(
            4,
            17,
            Why::Unreadable,
            "{\"format\":\"parallax-workspace\",\"version\":7,\"articles\":[]}",
        );
        assert_eq!(bad.count, 0);
        assert!(bad.labels.contains("newer Parallax"), "{}", bad.labels);
        let cut = Entry::of(5, 17, Why::Unreadable, "{\"format\":");
        assert!(!cut.labels.contains("link"), "{}", cut.labels);
        assert_eq!(
            storage_error(&crate::formats::workspace::WsError::BadCode),
            "the stored copy is damaged"
        );
    }

    #[test]
    fn same_content_is_kept_once_and_limits_hold() {
        let mut h = History::default();
        let a = ws(&["A"]);
        assert!(h.push(Entry::of(h.next_id(), 1, Why::Link, &a)).is_empty());
        assert!(h
            .push(Entry::of(h.next_id(), 2, Why::Removed, &ws(&["B"])))
            .is_empty());
        // The same content again: the older copy goes, the new one is first.
        assert_eq!(h.push(Entry::of(h.next_id(), 3, Why::File, &a)), [1]);
        assert_eq!(h.entries.iter().map(|e| e.id).collect::<Vec<_>>(), [3, 2]);
        for i in 0..MAX_ENTRIES {
            h.push(Entry::of(
                h.next_id(),
                4,
                Why::Removed,
                &ws(&[&format!("L{i}")]),
            ));
        }
        assert_eq!(h.entries.len(), MAX_ENTRIES);
        assert_eq!(h.entries[0].labels, format!("L{}", MAX_ENTRIES - 1));
        // Huge entries: the newest few stay whatever their size.
        let mut big = h.entries[0].clone();
        big.chars = MAX_CHARS;
        for _ in 0..KEEP_AT_LEAST + 2 {
            big.id = h.next_id();
            big.hash = big.id.to_string();
            h.push(big.clone());
        }
        assert_eq!(h.entries.len(), KEEP_AT_LEAST);
        let oldest = h.entries[KEEP_AT_LEAST - 1].id;
        let (e, w) = h.set_aside(Why::Tab, &ws(&["Z"]), 9);
        assert_eq!(w[0], (e.key(), Some(ws(&["Z"]))));
        assert_eq!(w[1], (LIST.to_string(), Some(h.to_json())));
        assert_eq!(w[2..], [(key(oldest), None)]);
        assert!(h.remove(h.entries[1].id));
        assert!(!h.remove(9999));
    }

    #[test]
    fn list_round_trips_and_damage_is_tolerated() {
        let mut h = History::default();
        for (i, why) in WHYS.iter().enumerate() {
            h.push(Entry::of(
                h.next_id(),
                1_700_000_000_000 + i as u64,
                why.0,
                &ws(&["«A»", "B\"c"]),
            ));
            h.entries[0].hash = i.to_string();
        }
        assert_eq!(History::from_json(&h.to_json()), h);
        assert_eq!(History::from_json("{not json"), History::default());
        let one = History::from_json(
            r#"[{"id":1},{"id":2,"t":3,"why":"link","n":1,"l":"A","h":"x","c":9}]"#,
        );
        assert_eq!(one.entries.len(), 1);
        assert_eq!(one.next_id(), 3);
        for w in WHYS {
            assert_eq!(Why::from_slug(w.0.slug()), Some(w.0));
            assert!(!w.0.describe().is_empty());
        }
    }
}

//! What the reader is looking at: the current view, the articles side by
//! side, the filters and the focused passage. Pure Rust, so it is tested
//! natively; the web app keeps it in the URL fragment under the key
//! [`FRAGMENT_KEY`] so a view can be bookmarked and restored.
//!
//! ```
//! use parallax::viewmodel::viewstate::{View, ViewState};
//! let mut v = ViewState::default();
//! v.view = View::Reading;
//! v.columns = vec![2, 0];
//! v.min_score = 60;
//! let s = v.encode();
//! assert_eq!(s, "reading;c=2.0;min=60");
//! assert_eq!(ViewState::decode(&s), v);
//! ```

use crate::formats::fragment;
use crate::model::Kind;

/// The fragment key the view state is stored under.
pub const FRAGMENT_KEY: &str = "view";

/// Most articles shown side by side.
pub const MAX_COLUMNS: usize = 4;

/// The views of a comparison.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    /// Who shares how much with whom: matrix and coverage strips.
    #[default]
    Overview,
    /// Two to four articles side by side, shared passages linked.
    Reading,
    /// Every shared passage as a row, each outlet's wording aligned.
    Story,
    /// The sources the articles cite.
    Sources,
}

impl View {
    /// All views, in tab order.
    pub const ALL: [View; 4] = [View::Overview, View::Reading, View::Story, View::Sources];

    /// The name used in the fragment.
    pub fn slug(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Reading => "reading",
            View::Story => "story",
            View::Sources => "sources",
        }
    }

    /// The name shown to the reader.
    pub fn title(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Reading => "Side by side",
            View::Story => "Story units",
            View::Sources => "Cited sources",
        }
    }

    fn from_slug(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.slug() == s)
    }
}

/// Index of a kind in [`ViewState::kinds`].
pub fn kind_index(k: Kind) -> usize {
    match k {
        Kind::Verbatim => 0,
        Kind::Near => 1,
        Kind::Paraphrase => 2,
    }
}

/// The kinds in [`ViewState::kinds`] order.
pub const KINDS: [Kind; 3] = [Kind::Verbatim, Kind::Near, Kind::Paraphrase];

const KIND_LETTERS: [char; 3] = ['v', 'n', 'p'];

/// The reader's view of a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewState {
    /// The current view.
    pub view: View,
    /// Articles shown side by side (indices, in column order).
    pub columns: Vec<usize>,
    /// Minimum similarity of a shown passage, in percent: the probability
    /// that its sentences report the same fact.
    pub min_score: u8,
    /// Kinds shown, indexed by [`kind_index`].
    pub kinds: [bool; 3],
    /// Articles hidden from every view.
    pub hidden: Vec<usize>,
    /// The focused passage group.
    pub group: Option<usize>,
    /// Only passages citing this source (its key, see `attribution`).
    pub source: Option<String>,
}

/// The default minimum similarity (percent): the engine's default link
/// probability, where precision is high. Lower values show weaker links.
pub const DEFAULT_MIN_SCORE: u8 = (crate::engine::LINK_DEFAULT * 100.0 + 0.5) as u8;

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            view: View::Overview,
            columns: Vec::new(),
            min_score: DEFAULT_MIN_SCORE,
            kinds: [true; 3],
            hidden: Vec::new(),
            group: None,
            source: None,
        }
    }
}

fn list(v: &[usize]) -> String {
    v.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(".")
}

fn parse_list(s: &str, max_len: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for p in s.split(['.', ',']) {
        if let Ok(i) = p.parse::<usize>() {
            // Article indices are small; anything huge is garbage.
            if i < 10_000 && !out.contains(&i) && out.len() < max_len {
                out.push(i);
            }
        }
    }
    out
}

impl ViewState {
    /// The fragment value: the view name, then `;key=value` for every field
    /// that differs from its default.
    pub fn encode(&self) -> String {
        let mut s = self.view.slug().to_string();
        if !self.columns.is_empty() {
            s.push_str(";c=");
            s.push_str(&list(&self.columns));
        }
        if self.min_score != DEFAULT_MIN_SCORE {
            s.push_str(&format!(";min={}", self.min_score));
        }
        if self.kinds != [true; 3] {
            s.push_str(";k=");
            for (i, on) in self.kinds.iter().enumerate() {
                if *on {
                    s.push(KIND_LETTERS[i]);
                }
            }
        }
        if !self.hidden.is_empty() {
            s.push_str(";hide=");
            s.push_str(&list(&self.hidden));
        }
        if let Some(g) = self.group {
            s.push_str(&format!(";g={g}"));
        }
        if let Some(src) = &self.source {
            s.push_str(";src=");
            s.push_str(&fragment::encode(src));
        }
        s
    }

    /// Parses a fragment value. Unknown or malformed parts are ignored and
    /// values are clamped; nothing panics.
    pub fn decode(s: &str) -> ViewState {
        let mut v = ViewState::default();
        for (i, part) in s.split(';').enumerate() {
            let (key, val) = part.split_once('=').unwrap_or((part, ""));
            match key {
                _ if i == 0 && !part.contains('=') => {
                    v.view = View::from_slug(part).unwrap_or_default();
                }
                "c" => v.columns = parse_list(val, MAX_COLUMNS),
                "min" => {
                    v.min_score = val
                        .parse::<u32>()
                        .map_or(DEFAULT_MIN_SCORE, |m| m.min(100) as u8)
                }
                "k" => {
                    v.kinds = [false; 3];
                    for c in val.chars() {
                        if let Some(i) = KIND_LETTERS.iter().position(|&l| l == c) {
                            v.kinds[i] = true;
                        }
                    }
                }
                "hide" => v.hidden = parse_list(val, 64),
                "g" => v.group = val.parse().ok(),
                "src" => {
                    let src = fragment::decode(val);
                    v.source = (!src.trim().is_empty()).then_some(src);
                }
                _ => {}
            }
        }
        v
    }

    /// Whether articles of kind `k` are shown.
    pub fn shows_kind(&self, k: Kind) -> bool {
        self.kinds[kind_index(k)]
    }

    /// The articles of `n` that are not hidden, in order.
    pub fn shown(&self, n: usize) -> Vec<usize> {
        shown_docs(n, &self.hidden)
    }

    /// The columns to show for `n` articles: in range, distinct, not hidden,
    /// at least two when there are two visible articles (filled in order).
    pub fn columns_for(&self, n: usize) -> Vec<usize> {
        let shown = self.shown(n);
        let mut cols: Vec<usize> = Vec::new();
        for &c in &self.columns {
            if shown.contains(&c) && !cols.contains(&c) && cols.len() < MAX_COLUMNS {
                cols.push(c);
            }
        }
        for &c in &shown {
            if cols.len() >= 2 {
                break;
            }
            if !cols.contains(&c) {
                cols.push(c);
            }
        }
        cols
    }
}

/// Whether article `doc` is shown, `hidden` being the ones the reader hid:
/// the one place that decides it for every view.
pub fn is_shown(hidden: &[usize], doc: usize) -> bool {
    !hidden.contains(&doc)
}

/// The articles of `n` not in `hidden`, in order: what every view shows.
pub fn shown_docs(n: usize, hidden: &[usize]) -> Vec<usize> {
    (0..n).filter(|&d| is_shown(hidden, d)).collect()
}

/// Everything that changes the view state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViewAction {
    /// Switch to a view.
    Show(View),
    /// Open the reading view for articles `a` and `b`.
    OpenPair(usize, usize),
    /// Show article `doc` in column `slot` (appending when `slot` is past
    /// the end).
    SetColumn { slot: usize, doc: usize, n: usize },
    /// Remove column `slot`.
    RemoveColumn { slot: usize, n: usize },
    /// Set the minimum similarity (percent).
    MinScore(u8),
    /// Show or hide a kind.
    ToggleKind(Kind),
    /// Show or hide an article.
    ToggleArticle(usize),
    /// Focus a passage group (or none).
    Focus(Option<usize>),
    /// Filter by cited source (or none).
    Source(Option<String>),
    /// Open the reading view at article `doc`, passage group `group`;
    /// `with` lists the other articles carrying that passage, so that one
    /// of them is shown beside it.
    OpenAt {
        doc: usize,
        group: Option<usize>,
        with: Vec<usize>,
        n: usize,
    },
    /// Replace everything (restoring from the URL).
    Restore(ViewState),
}

/// The pure reducer of the view state.
pub fn reduce(state: &ViewState, action: ViewAction) -> ViewState {
    let mut s = state.clone();
    match action {
        ViewAction::Show(v) => s.view = v,
        ViewAction::OpenPair(a, b) => {
            s.view = View::Reading;
            s.columns = if a == b { vec![a] } else { vec![a, b] };
            s.hidden.retain(|h| *h != a && *h != b);
            s.group = None;
        }
        ViewAction::SetColumn { slot, doc, n } => {
            let mut cols = s.columns_for(n);
            if let Some(existing) = cols.iter().position(|&c| c == doc) {
                // Swap places instead of showing one article twice.
                if slot < cols.len() {
                    cols.swap(existing, slot);
                }
            } else if slot < cols.len() {
                cols[slot] = doc;
            } else if cols.len() < MAX_COLUMNS && doc < n {
                cols.push(doc);
            }
            s.columns = cols;
        }
        ViewAction::RemoveColumn { slot, n } => {
            let mut cols = s.columns_for(n);
            if cols.len() > 2 && slot < cols.len() {
                cols.remove(slot);
            }
            s.columns = cols;
        }
        ViewAction::MinScore(m) => s.min_score = m.min(100),
        ViewAction::ToggleKind(k) => {
            let i = kind_index(k);
            s.kinds[i] = !s.kinds[i];
        }
        ViewAction::ToggleArticle(d) => {
            if let Some(p) = s.hidden.iter().position(|&h| h == d) {
                s.hidden.remove(p);
            } else {
                s.hidden.push(d);
                crate::sort::sort_unstable(&mut s.hidden);
                s.columns.retain(|&c| c != d);
            }
        }
        ViewAction::Focus(g) => s.group = g,
        ViewAction::Source(src) => s.source = src,
        ViewAction::OpenAt {
            doc,
            group,
            with,
            n,
        } => {
            s.view = View::Reading;
            s.hidden.retain(|&h| h != doc);
            let mut cols = s.columns_for(n);
            let keep = cols.len().max(2);
            if !cols.contains(&doc) {
                // The article comes first; the column count stays the same.
                cols.insert(0, doc);
            }
            // A counterpart of the passage beside it, unless one is shown.
            let shown = |c: &usize| with.contains(c) && *c != doc;
            if !cols.iter().any(shown) {
                if let Some(&p) = with
                    .iter()
                    .find(|&&p| p != doc && p < n && is_shown(&s.hidden, p))
                {
                    let at = cols.iter().position(|&c| c == doc).map_or(0, |i| i + 1);
                    cols.insert(at, p);
                }
            }
            cols.truncate(keep);
            s.columns = cols;
            s.group = group;
        }
        ViewAction::Restore(v) => s = v,
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_encodes_to_view_name_only() {
        assert_eq!(ViewState::default().encode(), "overview");
        assert_eq!(ViewState::decode("overview"), ViewState::default());
        assert_eq!(ViewState::decode(""), ViewState::default());
    }

    #[test]
    fn round_trip_every_field() {
        let v = ViewState {
            view: View::Story,
            columns: vec![3, 1, 0],
            min_score: 55,
            kinds: [true, false, true],
            hidden: vec![2, 4],
            group: Some(17),
            source: Some("state media; Reuters=ok".into()),
        };
        let s = v.encode();
        assert_eq!(ViewState::decode(&s), v, "{s}");
        // Survives the fragment's own encoding too.
        let mut f = fragment::Fragment::parse("#ws=abc");
        f.set(FRAGMENT_KEY, &s);
        let back = fragment::Fragment::parse(&format!("#{f}"));
        assert_eq!(ViewState::decode(back.get(FRAGMENT_KEY).unwrap()), v);
        assert_eq!(back.get("ws"), Some("abc"));
    }

    #[test]
    fn hostile_input_is_clamped_or_ignored() {
        let cases = [
            ("bogus", ViewState::default()),
            (
                "reading;c=1.1.x.99999999999.2.3.4.5;min=900;k=zz;g=-3;src=",
                ViewState {
                    view: View::Reading,
                    columns: vec![1, 2, 3, 4],
                    min_score: 100,
                    kinds: [false; 3],
                    ..Default::default()
                },
            ),
            (
                ";;=;c;min=abc",
                ViewState {
                    columns: vec![],
                    ..Default::default()
                },
            ),
            (
                "sources;src=%ZZ",
                ViewState {
                    view: View::Sources,
                    source: Some("%ZZ".into()),
                    ..Default::default()
                },
            ),
        ];
        for (input, want) in cases {
            assert_eq!(ViewState::decode(input), want, "{input}");
        }
    }

    #[test]
    fn columns_are_in_range_distinct_and_visible() {
        let v = ViewState {
            columns: vec![7, 2, 2, 1],
            hidden: vec![1],
            ..Default::default()
        };
        assert_eq!(v.columns_for(5), vec![2, 0]);
        assert_eq!(v.columns_for(1), vec![0]);
        assert_eq!(v.columns_for(0), Vec::<usize>::new());
        assert_eq!(ViewState::default().columns_for(3), vec![0, 1]);
    }

    #[test]
    fn reducer_actions() {
        let s = ViewState {
            hidden: vec![3],
            group: Some(4),
            ..Default::default()
        };
        let s = reduce(&s, ViewAction::OpenPair(3, 1));
        assert_eq!(
            (s.view, s.columns.clone(), s.hidden.clone()),
            (View::Reading, vec![3, 1], vec![])
        );
        assert_eq!(s.group, None);
        // Setting a column to an article already shown swaps them.
        let t = reduce(
            &s,
            ViewAction::SetColumn {
                slot: 0,
                doc: 1,
                n: 5,
            },
        );
        assert_eq!(t.columns, vec![1, 3]);
        let t = reduce(
            &t,
            ViewAction::SetColumn {
                slot: 9,
                doc: 4,
                n: 5,
            },
        );
        assert_eq!(t.columns, vec![1, 3, 4]);
        let t = reduce(&t, ViewAction::RemoveColumn { slot: 0, n: 5 });
        assert_eq!(t.columns, vec![3, 4]);
        // Never fewer than two columns.
        let t = reduce(&t, ViewAction::RemoveColumn { slot: 0, n: 5 });
        assert_eq!(t.columns, vec![3, 4]);
        let t = reduce(&t, ViewAction::ToggleArticle(4));
        assert_eq!((t.hidden.clone(), t.columns.clone()), (vec![4], vec![3]));
        assert_eq!(t.columns_for(5), vec![3, 0]);
        let t = reduce(&t, ViewAction::ToggleKind(Kind::Near));
        assert!(!t.shows_kind(Kind::Near) && t.shows_kind(Kind::Verbatim));
        let t = reduce(&t, ViewAction::MinScore(250));
        assert_eq!(t.min_score, 100);
        // Opens article `doc` at passage 1, which the articles `with` carry.
        let open = |s: &ViewState, doc: usize, with: &[usize]| {
            reduce(
                s,
                ViewAction::OpenAt {
                    doc,
                    group: Some(1),
                    with: with.to_vec(),
                    n: 5,
                },
            )
        };
        let t = open(&t, 4, &[3, 0]);
        assert_eq!(
            (t.view, t.columns_for(5), t.group),
            (View::Reading, vec![4, 3], Some(1))
        );
        assert!(t.hidden.is_empty());
        // The column beside it carries no counterpart: one that does comes in.
        assert_eq!(open(&t, 4, &[1, 2]).columns_for(5), vec![4, 1]);
        // With three columns, the counterpart replaces the last one.
        let three = ViewState {
            columns: vec![0, 1, 2],
            ..Default::default()
        };
        assert_eq!(open(&three, 3, &[4]).columns_for(5), vec![3, 4, 0]);
        // A hidden counterpart is not brought in; nothing else changes.
        let hid = ViewState {
            hidden: vec![4],
            ..Default::default()
        };
        assert_eq!(open(&hid, 0, &[4]).columns_for(5), vec![0, 1]);
    }
}

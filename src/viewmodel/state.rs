//! The app's state and its reducer: pure Rust (no web imports), so it is
//! tested natively. The web app wraps [`reduce`] in a Yew reducer.

use std::rc::Rc;

use crate::model::Comparison;

/// One article of the workspace.
#[derive(Clone, Debug, Eq)]
pub struct Article {
    /// Stable id within the workspace (never reused).
    pub id: u32,
    /// Outlet label.
    pub label: String,
    /// Original text, shared (never cloned per render).
    pub text: Rc<str>,
    /// Char ranges left out of the alignment (boilerplate), restorable.
    pub ignored: Vec<(usize, usize)>,
    /// Where the article came from (title, date, file or address).
    pub meta: ArticleMeta,
}

/// Texts compare by pointer first (`Rc<str>` compares every byte): the
/// store and the article list compare the articles on every change, and
/// the texts are usually the very same.
impl PartialEq for Article {
    fn eq(&self, o: &Self) -> bool {
        self.id == o.id
            && self.label == o.label
            && (Rc::ptr_eq(&self.text, &o.text) || self.text == o.text)
            && self.ignored == o.ignored
            && self.meta == o.meta
    }
}

/// What is known of an article besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    /// Headline, when read from a page.
    pub title: Option<String>,
    /// Publication date as the page gives it.
    pub date: Option<String>,
    /// The file name or web address it was loaded from.
    pub source: Option<String>,
}

/// An article about to be added: its boilerplate already found.
#[derive(Clone, Debug, PartialEq)]
pub struct NewArticle {
    /// Outlet label.
    pub label: String,
    /// Text.
    pub text: Rc<str>,
    /// Char ranges left out of the alignment.
    pub ignored: Vec<(usize, usize)>,
    /// Title, date, origin.
    pub meta: ArticleMeta,
}

impl NewArticle {
    /// An article whose boilerplate lines (see [`crate::viewmodel::boilerplate`]) are
    /// left out of the alignment.
    pub fn cleaned(label: impl Into<String>, text: impl Into<Rc<str>>, meta: ArticleMeta) -> Self {
        let text: Rc<str> = text.into();
        let ignored =
            crate::viewmodel::boilerplate::ranges(&crate::viewmodel::boilerplate::detect(&text));
        NewArticle {
            label: label.into(),
            text,
            ignored,
            meta,
        }
    }

    /// The built-in demo set from its texts (in the page, the block
    /// `app::services::demo` reads), boilerplate left out (found ahead:
    /// [`crate::viewmodel::demo::DEMO_IGNORED`]).
    pub fn demo_set_of(texts: Vec<String>) -> Vec<NewArticle> {
        crate::viewmodel::demo::demo_set_of(texts)
            .into_iter()
            .zip(crate::viewmodel::demo::DEMO_IGNORED)
            .map(|((label, text), ignored)| NewArticle {
                label,
                text: text.into(),
                ignored: ignored.to_vec(),
                meta: ArticleMeta {
                    source: Some(crate::viewmodel::demo::DEMO_SOURCE.to_string()),
                    ..ArticleMeta::default()
                },
            })
            .collect()
    }

    /// The built-in demo set (its texts compiled in).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn demo_set() -> Vec<NewArticle> {
        Self::demo_set_of(
            crate::viewmodel::demo::DEMO_TEXTS
                .map(String::from)
                .to_vec(),
        )
    }

    /// Whether `articles` are the demo set's (every one came from it).
    pub fn all_demo(articles: &[Article]) -> bool {
        !articles.is_empty()
            && articles
                .iter()
                .all(|a| a.meta.source.as_deref() == Some(crate::viewmodel::demo::DEMO_SOURCE))
    }
}

/// Where the alignment stands.
#[derive(Clone, Debug, Default)]
pub enum Compute {
    /// Nothing computed yet.
    #[default]
    Idle,
    /// Running; fraction done in 0..=1.
    Running(f64),
    /// Done for the current articles.
    Done(Rc<Comparison>),
    /// A provisional result for the current articles (after one article
    /// changed), shown while the exact one is computed; fraction done.
    Refining(Rc<Comparison>, f64),
    /// Failed with a message for the reader.
    Failed(String),
    /// Stopped by the reader before it finished; nothing runs until they
    /// ask again or change the articles.
    Stopped,
}

/// Results compare by identity: the state is compared on every change,
/// and a large result compared field by field costs a long task.
impl PartialEq for Compute {
    fn eq(&self, other: &Self) -> bool {
        let same = Rc::ptr_eq;
        match (self, other) {
            (Compute::Idle, Compute::Idle) | (Compute::Stopped, Compute::Stopped) => true,
            (Compute::Running(a), Compute::Running(b)) => a == b,
            (Compute::Done(a), Compute::Done(b)) => same(a, b),
            (Compute::Refining(a, p), Compute::Refining(b, q)) => same(a, b) && p == q,
            (Compute::Failed(a), Compute::Failed(b)) => a == b,
            _ => false,
        }
    }
}

impl Compute {
    /// The result to show: exact, or provisional while refining.
    pub fn result(&self) -> Option<&Rc<Comparison>> {
        match self {
            Compute::Done(c) | Compute::Refining(c, _) => Some(c),
            _ => None,
        }
    }
}

/// The whole app state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    /// The articles, in display order.
    pub articles: Rc<Vec<Article>>,
    /// Next article id.
    pub next_id: u32,
    /// Bumped whenever the articles change, so stale results are ignored.
    pub revision: u64,
    /// The alignment of `articles` at `revision`.
    pub compute: Compute,
}

/// Everything that can change the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Alignment progress for `revision`.
    Progress { revision: u64, done: f64 },
    /// A provisional result for `revision`; the exact one follows.
    Provisional {
        revision: u64,
        result: Rc<Comparison>,
    },
    /// Stop the running alignment.
    Stop,
    /// Run the stopped alignment again.
    Resume,
    /// Alignment finished for `revision`.
    Computed {
        revision: u64,
        result: Rc<Comparison>,
    },
    /// Alignment failed for `revision`.
    Failed { revision: u64, message: String },
    /// Append articles.
    AddArticles(Vec<NewArticle>),
    /// Replace all articles (a loaded workspace, the demo set).
    ReplaceArticles(Vec<NewArticle>),
    /// Remove one article.
    RemoveArticle(u32),
    /// Move an article to position `to` (clamped).
    MoveArticle { id: u32, to: usize },
    /// Rename an article's outlet label (blank labels are ignored).
    RenameArticle { id: u32, label: String },
    /// Replace an article's text; its boilerplate is found again.
    EditText { id: u32, text: Rc<str> },
    /// Leave a line out of the alignment, or bring it back.
    ToggleIgnored { id: u32, range: (usize, usize) },
}

impl AppState {
    /// Appends `list` (ids assigned in order) and marks the articles changed.
    fn push_articles(&mut self, list: Vec<NewArticle>, replace: bool) {
        let mut articles = if replace {
            Vec::new()
        } else {
            self.articles.as_ref().clone()
        };
        for a in list {
            let len = a.text.chars().count();
            let mut label = crate::viewmodel::intake::clean_label(&a.label);
            if label.is_empty() {
                label = crate::viewmodel::labels::label_for(&a.text, None, articles.len());
            }
            articles.push(Article {
                id: self.next_id,
                label: distinct(&articles, label, self.next_id),
                ignored: crate::viewmodel::boilerplate::sanitize(&a.ignored, len),
                text: a.text,
                meta: a.meta,
            });
            self.next_id += 1;
        }
        self.set_articles(articles);
    }

    fn set_articles(&mut self, articles: Vec<Article>) {
        self.articles = Rc::new(articles);
        self.revision += 1;
        self.compute = Compute::Idle;
    }

    /// Applies `f` to the article `id`, if present, and marks the articles
    /// changed when `f` returns true.
    fn update_article(&mut self, id: u32, f: impl FnOnce(&mut Article) -> bool) {
        let mut articles = self.articles.as_ref().clone();
        if let Some(a) = articles.iter_mut().find(|a| a.id == id) {
            if f(a) {
                self.set_articles(articles);
            }
        }
    }
}

/// `label`, told apart from the labels of `articles` other than `id` by a
/// number ("Reuters (2)") when one of them is the same.
fn distinct(articles: &[Article], label: String, id: u32) -> String {
    let taken = |l: &str| articles.iter().any(|a| a.id != id && a.label == l);
    if label.is_empty() || !taken(&label) {
        return label;
    }
    (2..)
        .map(|n| format!("{label} ({n})"))
        .find(|l| !taken(l))
        .unwrap_or(label)
}

/// The pure reducer: the next state after `action`.
pub fn reduce(state: &AppState, action: Action) -> AppState {
    let mut s = state.clone();
    match action {
        Action::Stop => {
            if matches!(
                s.compute,
                Compute::Idle | Compute::Running(_) | Compute::Refining(..)
            ) {
                s.compute = Compute::Stopped;
            }
        }
        Action::Resume => {
            if s.compute == Compute::Stopped {
                s.compute = Compute::Idle;
            }
        }
        // A stopped run reports nothing more.
        Action::Progress { .. }
        | Action::Provisional { .. }
        | Action::Computed { .. }
        | Action::Failed { .. }
            if s.compute == Compute::Stopped => {}
        Action::Progress { revision, done } if revision == s.revision => {
            let done = done.clamp(0.0, 1.0);
            s.compute = match std::mem::take(&mut s.compute) {
                Compute::Refining(r, _) => Compute::Refining(r, done),
                _ => Compute::Running(done),
            };
        }
        Action::Provisional { revision, result } if revision == s.revision => {
            if matches!(s.compute, Compute::Idle | Compute::Running(_)) {
                s.compute = Compute::Refining(result, 0.0);
            }
        }
        Action::Computed { revision, result } if revision == s.revision => {
            s.compute = Compute::Done(result);
        }
        Action::Failed { revision, message } if revision == s.revision => {
            s.compute = Compute::Failed(message);
        }
        Action::AddArticles(list) => s.push_articles(list, false),
        Action::ReplaceArticles(list) => s.push_articles(list, true),
        Action::RemoveArticle(id) => {
            if s.articles.iter().any(|a| a.id == id) {
                let rest = s.articles.iter().filter(|a| a.id != id).cloned().collect();
                s.set_articles(rest);
            }
        }
        Action::MoveArticle { id, to } => {
            if let Some(from) = s.articles.iter().position(|a| a.id == id) {
                let mut list = s.articles.as_ref().clone();
                let a = list.remove(from);
                let to = to.min(list.len());
                list.insert(to, a);
                if to != from {
                    s.set_articles(list);
                }
            }
        }
        Action::RenameArticle { id, label } => {
            let label = distinct(
                &s.articles,
                crate::viewmodel::intake::clean_label(&label),
                id,
            );
            if !label.is_empty() {
                s.update_article(id, |a| {
                    let changed = a.label != label;
                    a.label = label;
                    changed
                });
            }
        }
        Action::EditText { id, text } => s.update_article(id, |a| {
            if a.text == text {
                return false;
            }
            a.ignored = crate::viewmodel::boilerplate::ranges(
                &crate::viewmodel::boilerplate::detect(&text),
            );
            a.text = text;
            true
        }),
        Action::ToggleIgnored { id, range } => s.update_article(id, |a| {
            let len = a.text.chars().count();
            let next = crate::viewmodel::boilerplate::toggle(&a.ignored, range);
            let next = crate::viewmodel::boilerplate::sanitize(&next, len);
            let changed = next != a.ignored;
            a.ignored = next;
            changed
        }),
        // Results of an older revision are stale.
        Action::Progress { .. }
        | Action::Provisional { .. }
        | Action::Computed { .. }
        | Action::Failed { .. } => {}
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(list: &[(&str, &str)]) -> Action {
        Action::ReplaceArticles(
            list.iter()
                .map(|(l, t)| NewArticle {
                    label: l.to_string(),
                    text: Rc::from(*t),
                    ignored: Vec::new(),
                    meta: ArticleMeta::default(),
                })
                .collect(),
        )
    }

    #[test]
    fn labels_are_clean_and_told_apart() {
        let s = reduce(
            &AppState::default(),
            set(&[
                ("Reuters", "a"),
                ("Reuters", "b"),
                (" \u{202e} ", "c"),
                ("Reuters (2)", "d"),
            ]),
        );
        let labels: Vec<&str> = s.articles.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(labels, ["Reuters", "Reuters (2)", "c", "Reuters (2) (2)"]);
        let id = s.articles[0].id;
        let r = reduce(
            &s,
            Action::RenameArticle {
                id,
                label: "\u{202e}c".into(),
            },
        );
        assert_eq!(r.articles[0].label, "c (2)");
        let r = reduce(
            &s,
            Action::RenameArticle {
                id,
                label: "x".repeat(1 << 20),
            },
        );
        assert_eq!(
            r.articles[0].label.chars().count(),
            crate::viewmodel::intake::MAX_LABEL_CHARS
        );
        // Renaming to its own label changes nothing.
        assert_eq!(
            reduce(
                &s,
                Action::RenameArticle {
                    id,
                    label: "Reuters".into()
                }
            ),
            s
        );
    }

    #[test]
    fn stale_results_are_ignored() {
        let s = reduce(&AppState::default(), set(&[("A", "x")]));
        let old = s.revision;
        let s = reduce(&s, set(&[("B", "y")]));
        let s2 = reduce(
            &s,
            Action::Computed {
                revision: old,
                result: Rc::new(Comparison::default()),
            },
        );
        assert_eq!(s2.compute, Compute::Idle);
        assert_eq!(s2.articles[0].id, 1);
    }

    fn two_articles() -> AppState {
        reduce(&AppState::default(), set(&[("A", "x"), ("B", "y")]))
    }

    #[test]
    fn provisional_result_shows_until_the_exact_one() {
        let s = two_articles();
        let rev = s.revision;
        let quick = Rc::new(Comparison::default());
        let s = reduce(
            &s,
            Action::Provisional {
                revision: rev,
                result: quick.clone(),
            },
        );
        assert!(matches!(&s.compute, Compute::Refining(r, _) if Rc::ptr_eq(r, &quick)));
        let s = reduce(
            &s,
            Action::Progress {
                revision: rev,
                done: 0.4,
            },
        );
        assert!(matches!(s.compute, Compute::Refining(_, p) if p == 0.4));
        assert!(s.compute.result().is_some());
        // A stale provisional result is ignored.
        let stale = reduce(&s, set(&[("C", "z")]));
        let stale = reduce(
            &stale,
            Action::Provisional {
                revision: rev,
                result: quick.clone(),
            },
        );
        assert_eq!(stale.compute, Compute::Idle);
        let exact = Rc::new(Comparison::default());
        let s = reduce(
            &s,
            Action::Computed {
                revision: rev,
                result: exact.clone(),
            },
        );
        assert!(matches!(&s.compute, Compute::Done(r) if Rc::ptr_eq(r, &exact)));
        // Once exact, a late provisional result changes nothing.
        let s = reduce(
            &s,
            Action::Provisional {
                revision: rev,
                result: quick,
            },
        );
        assert!(matches!(&s.compute, Compute::Done(r) if Rc::ptr_eq(r, &exact)));
    }

    #[test]
    fn stop_holds_until_resumed_or_changed() {
        let s = two_articles();
        let rev = s.revision;
        let s = reduce(
            &s,
            Action::Progress {
                revision: rev,
                done: 0.3,
            },
        );
        let s = reduce(&s, Action::Stop);
        assert_eq!(s.compute, Compute::Stopped);
        // A run that was already on its way reports nothing more.
        let late = reduce(
            &s,
            Action::Progress {
                revision: rev,
                done: 0.5,
            },
        );
        assert_eq!(late.compute, Compute::Stopped);
        let late = reduce(
            &s,
            Action::Computed {
                revision: rev,
                result: Rc::new(Comparison::default()),
            },
        );
        assert_eq!(late.compute, Compute::Stopped);
        // Nothing finished is never marked stopped.
        let done = reduce(
            &reduce(
                &AppState::default(),
                Action::Computed {
                    revision: 0,
                    result: Rc::new(Comparison::default()),
                },
            ),
            Action::Stop,
        );
        assert!(matches!(done.compute, Compute::Done(_)));
        // Resuming asks for a fresh run; so does changing the articles.
        assert_eq!(reduce(&s, Action::Resume).compute, Compute::Idle);
        let changed = reduce(&s, set(&[("C", "z")]));
        assert_eq!(changed.compute, Compute::Idle);
        assert_eq!(s.articles.len(), 2);
    }

    fn new(label: &str, text: &str) -> NewArticle {
        NewArticle::cleaned(label, text, ArticleMeta::default())
    }

    #[test]
    fn add_remove_move_rename_edit() {
        let s = reduce(
            &AppState::default(),
            Action::AddArticles(vec![new("A", "a"), new("B", "b")]),
        );
        let s = reduce(&s, Action::AddArticles(vec![new("C", "c")]));
        let ids: Vec<u32> = s.articles.iter().map(|a| a.id).collect();
        assert_eq!(ids, [0, 1, 2]);
        let rev = s.revision;
        let s = reduce(&s, Action::MoveArticle { id: 2, to: 0 });
        let labels: Vec<&str> = s.articles.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(labels, ["C", "A", "B"]);
        assert!(s.revision > rev);
        let s = reduce(&s, Action::MoveArticle { id: 2, to: 99 });
        assert_eq!(s.articles[2].id, 2);
        let s = reduce(&s, Action::RemoveArticle(0));
        assert_eq!(s.articles.len(), 2);
        let rev = s.revision;
        let s = reduce(&s, Action::RemoveArticle(42));
        assert_eq!(s.revision, rev, "removing nothing changes nothing");
        let s = reduce(
            &s,
            Action::RenameArticle {
                id: 1,
                label: "  Outlet  ".into(),
            },
        );
        assert_eq!(s.articles[0].label, "Outlet");
        let s2 = reduce(
            &s,
            Action::RenameArticle {
                id: 1,
                label: " ".into(),
            },
        );
        assert_eq!(s2, s, "a blank label is refused");
        let s = reduce(
            &s,
            Action::EditText {
                id: 1,
                text: Rc::from("News.\nSubscribe to our newsletter\nMore news."),
            },
        );
        assert_eq!(s.articles[0].ignored, [(6, 33)]);
        let s = reduce(&s, Action::ReplaceArticles(NewArticle::demo_set()));
        assert_eq!(s.articles.len(), 5);
        assert_eq!(s.articles[0].id, 3, "ids are never reused");
        assert!(s.articles.iter().any(|a| !a.ignored.is_empty()));
    }

    #[test]
    fn toggle_ignored_line() {
        let s = reduce(
            &AppState::default(),
            Action::AddArticles(vec![new("A", "Story.\nRead more: elsewhere")]),
        );
        assert_eq!(s.articles[0].ignored, [(7, 27)]);
        let s = reduce(
            &s,
            Action::ToggleIgnored {
                id: 0,
                range: (7, 27),
            },
        );
        assert!(s.articles[0].ignored.is_empty());
        let s = reduce(
            &s,
            Action::ToggleIgnored {
                id: 0,
                range: (0, 6),
            },
        );
        assert_eq!(s.articles[0].ignored, [(0, 6)]);
        let rev = s.revision;
        let s = reduce(
            &s,
            Action::ToggleIgnored {
                id: 0,
                range: (50, 60),
            },
        );
        assert_eq!(s.revision, rev, "out-of-range toggles change nothing");
    }
}

//! The app's state and its reducer: pure Rust (no web imports), so it is
//! tested natively. The web app wraps [`reduce`] in a Yew reducer.

use std::rc::Rc;

use crate::model::Comparison;

/// One article of the workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// Stable id within the workspace (never reused).
    pub id: u32,
    /// Outlet label.
    pub label: String,
    /// Original text, shared (never cloned per render).
    pub text: Rc<str>,
    /// Char ranges left out of the alignment (boilerplate), restorable.
    pub ignored: Vec<(usize, usize)>,
}

/// Where the alignment stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Compute {
    /// Nothing computed yet.
    #[default]
    Idle,
    /// Running; fraction done in 0..=1.
    Running(f64),
    /// Done for the current articles.
    Done(Rc<Comparison>),
    /// Failed with a message for the reader.
    Failed(String),
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
    /// A message for the reader (errors, warnings), if any.
    pub notice: Option<String>,
}

/// Everything that can change the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replace all articles with (label, text) pairs.
    SetArticles(Vec<(String, Rc<str>)>),
    /// Alignment progress for `revision`.
    Progress { revision: u64, done: f64 },
    /// Alignment finished for `revision`.
    Computed { revision: u64, result: Rc<Comparison> },
    /// Alignment failed for `revision`.
    Failed { revision: u64, message: String },
    /// Show or clear a notice.
    Notice(Option<String>),
}

/// The pure reducer: the next state after `action`.
pub fn reduce(state: &AppState, action: Action) -> AppState {
    let mut s = state.clone();
    match action {
        Action::SetArticles(list) => {
            let mut next = s.next_id;
            let articles = list
                .into_iter()
                .map(|(label, text)| {
                    next += 1;
                    Article {
                        id: next - 1,
                        label,
                        text,
                        ignored: Vec::new(),
                    }
                })
                .collect();
            s.next_id = next;
            s.articles = Rc::new(articles);
            s.revision += 1;
            s.compute = Compute::Idle;
        }
        Action::Progress { revision, done } if revision == s.revision => {
            s.compute = Compute::Running(done.clamp(0.0, 1.0));
        }
        Action::Computed { revision, result } if revision == s.revision => {
            s.compute = Compute::Done(result);
        }
        Action::Failed { revision, message } if revision == s.revision => {
            s.compute = Compute::Failed(message);
        }
        Action::Notice(n) => s.notice = n,
        // Results of an older revision are stale.
        Action::Progress { .. } | Action::Computed { .. } | Action::Failed { .. } => {}
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_results_are_ignored() {
        let s = reduce(
            &AppState::default(),
            Action::SetArticles(vec![("A".into(), Rc::from("x"))]),
        );
        let old = s.revision;
        let s = reduce(&s, Action::SetArticles(vec![("B".into(), Rc::from("y"))]));
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
}

//! The alignment engine: from N articles to one [`Comparison`].

use crate::model::Comparison;

/// One article handed to the engine.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InputDoc {
    /// Outlet label.
    pub label: String,
    /// Full original text (offsets in the result point into it).
    pub text: String,
    /// Char ranges (start, end) left out of the alignment, such as
    /// boilerplate lines; they keep their offsets but never match.
    pub ignored: Vec<(usize, usize)>,
}

impl InputDoc {
    /// An article with nothing ignored.
    pub fn new(label: impl Into<String>, text: impl Into<String>) -> Self {
        InputDoc {
            label: label.into(),
            text: text.into(),
            ignored: Vec::new(),
        }
    }
}

/// Compares the articles. Same as [`compare_with_progress`] with no progress.
pub fn compare(docs: &[InputDoc]) -> Comparison {
    compare_with_progress(docs, &mut |_| true).unwrap_or_default()
}

/// Compares the articles, calling `progress(fraction_done)` now and then;
/// returns `None` when `progress` returns `false` (cancelled).
pub fn compare_with_progress(
    docs: &[InputDoc],
    progress: &mut dyn FnMut(f64) -> bool,
) -> Option<Comparison> {
    let _ = progress(1.0);
    Some(Comparison {
        documents: docs
            .iter()
            .map(|d| crate::model::Document {
                label: d.label.clone(),
                chars: d.text.chars().count(),
            })
            .collect(),
        ..Default::default()
    })
}

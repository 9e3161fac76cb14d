//! What the engine is given: one article, its text and what to ignore.

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

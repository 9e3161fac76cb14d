//! The alignment engine: from N articles to one [`Comparison`].
//!
//! Given several articles about one event, the engine finds every passage
//! two or more of them share, whether copied word for word, edited (words
//! substituted, inserted or dropped, quotes and dashes restyled, lines
//! rewrapped) or paraphrased (the same specific fact or quote in other
//! words), and groups each passage across all the articles that carry it:
//! one [`Group`](crate::model::Group) per passage, with one member per
//! article, a word-by-word alignment of each member, and the evidence that
//! links them.
//!
//! ```
//! use parallax_engine::engine::{compare, InputDoc};
//! use parallax_engine::model::Kind;
//!
//! let docs = [
//!     InputDoc::new("Wire", "Rain fell all day. The mayor of Springfield resigned on \
//!         Tuesday after a long dispute over the harbour budget."),
//!     InputDoc::new("Paper", "Springfield's mayor resigned on Tuesday after a long \
//!         dispute over the harbour budget, officials said. Schools stayed open."),
//! ];
//! let cmp = compare(&docs);
//! assert_eq!(cmp.groups.len(), 1);
//! let group = &cmp.groups[0];
//! // Copied wording, lightly edited (not a mere paraphrase).
//! assert_ne!(group.kind, Kind::Paraphrase);
//! // One member per article, with char offsets into each text.
//! let first: String = docs[0].text.chars()
//!     .skip(group.members[0].span.start)
//!     .take(group.members[0].span.end - group.members[0].span.start)
//!     .collect();
//! assert!(first.starts_with("The mayor of Springfield resigned"));
//! assert!(group.evidence.words.contains(&"harbour".to_string()));
//! // What only one article carries.
//! assert_eq!(cmp.unique[1].len(), 1);
//! ```
//!
//! How it works (see `DESIGN.md` for more):
//! 1. *Prepare* each document on its own (cached by a hash of its text and
//!    ignored ranges): tokens are normalized, stemmed and classed (function
//!    word, common word, content word, name, number) with a built-in sense
//!    of English; the text is cut into sentence units (clauses for very
//!    long sentences); each unit gets its terms, word pairs and 3-token
//!    shingles, indexed for joining.
//! 2. *Link*: candidate unit pairs come from one sorted pass over all
//!    documents' indexes (keys rare across the set and within each pair of
//!    documents), then each candidate is judged on its evidence, weighed by
//!    rarity across the whole set: shared rare words, names and numbers,
//!    shared word pairs, a dense clause-level match, and copied runs in order.
//! 3. *Cluster* the links strongest first into groups with at most one
//!    member per document, growing members over adjacent sentences.
//! 4. *Align* each member word by word against the group (`similar` on
//!    normalized terms) and collect the evidence.
//!
//! The result does not depend on the order of the input: documents are put
//! in a canonical order (by content) before linking, and indices are mapped
//! back at the end.

mod align;
mod aligner;
mod assemble;
mod cluster;
mod cores;
mod explain;
mod input;
mod judging;
mod keys;
mod lexicon;
mod link;
mod linker;
mod prepare;
mod provisional;
mod trace;
mod weights;

use crate::model::Comparison;

pub use aligner::Aligner;
#[doc(hidden)]
pub use explain::{explain, link_features, link_rows, Explained, LinkRow};
pub use input::InputDoc;
pub use lexicon::{fold_spelling, is_function_word, SHORT_FORMS, WEEKDAYS};
#[doc(hidden)]
pub use link::Stats;
pub use prepare::Prepared;
pub use trace::{Phase, Trace, TracedLink};

/// The probability from which a link is shown by default: links between
/// [`LINK_FLOOR`] and this are weaker (see `DESIGN.md`, link model).
pub const LINK_DEFAULT: f32 = linker::DEFAULT;
/// The weakest link the engine keeps (a probability).
pub const LINK_FLOOR: f32 = linker::FLOOR;

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
    Aligner::new().compare_with_progress(docs, progress)
}

/// A seeded xorshift generator: reproducible pseudo-random numbers for the
/// engine's randomized tests.
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

//! The alignment engine of Parallax: given several articles about one
//! event, the passages two or more of them share (copied word for word,
//! edited, or paraphrased), one group per passage with one member per
//! article, each member aligned word by word.
//!
//! Pure Rust with no web imports: [`engine`] computes one
//! [`model::Comparison`], which every renderer consumes; [`text`] holds the
//! tokenizing and normalizing it is built on, [`sentences`] where a
//! sentence ends (for every part that needs sentences).
//!
//! ```
//! use parallax_engine::engine::{compare, InputDoc};
//!
//! let docs = [
//!     InputDoc::new("Wire", "The mayor of Springfield resigned on Tuesday after a long \
//!         dispute over the harbour budget."),
//!     InputDoc::new("Paper", "Springfield's mayor resigned on Tuesday after a long \
//!         dispute over the harbour budget, officials said."),
//! ];
//! let cmp = compare(&docs);
//! assert_eq!(cmp.groups.len(), 1);
//! assert_eq!(cmp.groups[0].members.len(), 2);
//! ```

#![forbid(unsafe_code)]

pub mod engine;
pub mod model;
pub mod sentences;
#[doc(hidden)]
pub mod sort;
pub mod text;

//! The one result type every renderer consumes (web view, CLI JSON, PAN XML).
//!
//! Offsets: `start`/`end` count Unicode scalar values (Rust `char`s) into the
//! document's original text, end exclusive. `start16`/`end16` are the same
//! positions in UTF-16 code units, for the browser.

use serde::{Deserialize, Serialize};

/// One input article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Outlet label shown to the reader.
    pub label: String,
    /// Length of the text in chars.
    pub chars: usize,
}

/// How closely the members of a passage group agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Same words in the same order (after normalizing case, punctuation,
    /// quote/dash styles and whitespace).
    Verbatim,
    /// One source sentence, edited: words substituted, inserted or dropped.
    Near,
    /// The same specific fact or quote in other words.
    Paraphrase,
}

/// A range of a document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// Start, in chars (inclusive).
    pub start: usize,
    /// End, in chars (exclusive).
    pub end: usize,
    /// Start, in UTF-16 code units.
    pub start16: usize,
    /// End, in UTF-16 code units.
    pub end16: usize,
}

/// One word of a member passage, marked shared or differing against the group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "WordFields")]
pub struct Word {
    /// Where the word sits in the document (chars and UTF-16).
    #[serde(flatten)]
    pub span: Span,
    /// True when the word is matched in the group's other wording(s).
    pub shared: bool,
}

/// One article's occurrence of a shared passage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "MemberFields")]
pub struct Member {
    /// Index into [`Comparison::documents`].
    pub doc: usize,
    /// Where the passage sits.
    #[serde(flatten)]
    pub span: Span,
    /// Word-level alignment of this member against the group.
    pub words: Vec<Word>,
}

// Reading a flattened field makes serde buffer every object first; these
// spell the same JSON fields out, so `Word` and `Member` read directly.

/// The JSON fields of a [`Word`].
#[derive(Deserialize)]
struct WordFields {
    start: usize,
    end: usize,
    start16: usize,
    end16: usize,
    shared: bool,
}

impl From<WordFields> for Word {
    fn from(w: WordFields) -> Self {
        Word {
            span: Span {
                start: w.start,
                end: w.end,
                start16: w.start16,
                end16: w.end16,
            },
            shared: w.shared,
        }
    }
}

/// The JSON fields of a [`Member`].
#[derive(Deserialize)]
struct MemberFields {
    doc: usize,
    start: usize,
    end: usize,
    start16: usize,
    end16: usize,
    words: Vec<Word>,
}

impl From<MemberFields> for Member {
    fn from(m: MemberFields) -> Self {
        Member {
            doc: m.doc,
            span: Span {
                start: m.start,
                end: m.end,
                start16: m.start16,
                end16: m.end16,
            },
            words: m.words,
        }
    }
}

/// Why a group was linked: the specific evidence the members share.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Content words (normalized) found in the members.
    pub words: Vec<String>,
    /// Proper names shared.
    pub names: Vec<String>,
    /// Numbers and dates shared.
    pub numbers: Vec<String>,
}

/// One passage shared by two or more articles: one member per article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Stable id within this result (0..groups.len()).
    pub id: usize,
    /// Verbatim, near or paraphrase.
    pub kind: Kind,
    /// Similarity in 0..=1.
    pub score: f64,
    /// One member per article carrying the passage, ordered by `doc`.
    pub members: Vec<Member>,
    /// Evidence of the link.
    pub evidence: Evidence,
}

/// How much of one article is found in another.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairShare {
    /// Row article.
    pub a: usize,
    /// Column article.
    pub b: usize,
    /// Share of A's words found in B (0..=1).
    pub a_in_b: f64,
    /// Share of B's words found in A (0..=1).
    pub b_in_a: f64,
}

/// The whole comparison of N articles.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The articles, in the order given.
    pub documents: Vec<Document>,
    /// Shared passages, ordered by (number of members desc, first member position).
    pub groups: Vec<Group>,
    /// One entry per unordered pair a < b.
    pub pairs: Vec<PairShare>,
    /// Per article, the passages no other article carries.
    pub unique: Vec<Vec<Span>>,
}

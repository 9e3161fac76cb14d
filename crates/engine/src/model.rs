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

impl Kind {
    /// The kind's name in the JSON result and the exports: `verbatim`,
    /// `near` or `paraphrase`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Verbatim => "verbatim",
            Kind::Near => "near",
            Kind::Paraphrase => "paraphrase",
        }
    }
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
///
/// In JSON its span's fields sit beside `shared` (`{"start", "end",
/// "start16", "end16", "shared"}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "WordRepr")]
pub struct Word {
    /// Where the word sits in the document (chars and UTF-16).
    pub span: Span,
    /// True when the word is matched in the group's other wording(s).
    pub shared: bool,
}

/// One article's occurrence of a shared passage.
///
/// In JSON its span's fields sit beside `doc` and `words`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "MemberRepr")]
pub struct Member {
    /// Index into [`Comparison::documents`].
    pub doc: usize,
    /// Where the passage sits.
    pub span: Span,
    /// Word-level alignment of this member against the group.
    pub words: Vec<Word>,
}

// The JSON shape of `Word` and `Member`: the span's fields inline. Written
// out rather than `#[serde(flatten)]`, which buffers every field on reading
// and made reading a large result several times slower.

#[derive(Deserialize)]
struct WordRepr {
    start: usize,
    end: usize,
    start16: usize,
    end16: usize,
    shared: bool,
}

impl From<WordRepr> for Word {
    fn from(w: WordRepr) -> Self {
        let WordRepr {
            start,
            end,
            start16,
            end16,
            shared,
        } = w;
        Word {
            span: Span {
                start,
                end,
                start16,
                end16,
            },
            shared,
        }
    }
}

#[derive(Deserialize)]
struct MemberRepr {
    doc: usize,
    start: usize,
    end: usize,
    start16: usize,
    end16: usize,
    words: Vec<Word>,
}

impl From<MemberRepr> for Member {
    fn from(m: MemberRepr) -> Self {
        let MemberRepr {
            doc,
            start,
            end,
            start16,
            end16,
            words,
        } = m;
        Member {
            doc,
            span: Span {
                start,
                end,
                start16,
                end16,
            },
            words,
        }
    }
}

impl Serialize for Word {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Word", 5)?;
        serialize_span(&mut st, &self.span)?;
        st.serialize_field("shared", &self.shared)?;
        st.end()
    }
}

impl Serialize for Member {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Member", 6)?;
        st.serialize_field("doc", &self.doc)?;
        serialize_span(&mut st, &self.span)?;
        st.serialize_field("words", &self.words)?;
        st.end()
    }
}

/// A span's four fields, inline in the struct being written.
fn serialize_span<S: serde::ser::SerializeStruct>(st: &mut S, span: &Span) -> Result<(), S::Error> {
    st.serialize_field("start", &span.start)?;
    st.serialize_field("end", &span.end)?;
    st.serialize_field("start16", &span.start16)?;
    st.serialize_field("end16", &span.end16)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_and_words_have_their_span_inline_in_json() {
        let span = |start, end| Span {
            start,
            end,
            start16: start + 1,
            end16: end + 1,
        };
        let m = Member {
            doc: 2,
            span: span(10, 20),
            words: vec![Word {
                span: span(10, 14),
                shared: true,
            }],
        };
        let v = serde_json::to_value(&m).expect("json");
        assert_eq!(
            v,
            serde_json::json!({
                "doc": 2, "start": 10, "end": 20, "start16": 11, "end16": 21,
                "words": [{"start": 10, "end": 14, "start16": 11, "end16": 15, "shared": true}]
            })
        );
        let back: Member = serde_json::from_value(v).expect("read back");
        assert_eq!(back, m);
        // A field missing is an error, not a default.
        let bad = serde_json::json!({"doc": 0, "start": 1, "end": 2, "start16": 1, "words": []});
        assert!(serde_json::from_value::<Member>(bad).is_err());
    }
}

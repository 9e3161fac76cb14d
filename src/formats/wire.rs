//! A compact binary form of a [`Comparison`], for handing a result from
//! the alignment worker to the page: quicker to write and read than JSON,
//! and reading it needs far less code in the WebAssembly module than a
//! JSON deserializer for the whole result.
//!
//! Layout: the number of groups as a little-endian `u32` (readers that only
//! want the count can stop there), the groups, the documents, the pairs,
//! the unique spans. Integers are LEB128, floats their 8 IEEE bytes
//! (little-endian), strings a length and UTF-8, lists a length and items.
//!
//! ```
//! use parallax::model::Comparison;
//! let c = Comparison::default();
//! assert_eq!(parallax::formats::wire::decode(&parallax::formats::wire::encode(&c)), Some(c));
//! ```

use crate::model::{Comparison, Document, Evidence, Group, Kind, Member, PairShare, Span, Word};

/// `c` in the binary form.
pub fn encode(c: &Comparison) -> Vec<u8> {
    let mut w = Vec::new();
    w.extend_from_slice(&(c.groups.len() as u32).to_le_bytes());
    for g in &c.groups {
        put_group(&mut w, g);
    }
    put_usize(&mut w, c.documents.len());
    for d in &c.documents {
        put_str(&mut w, &d.label);
        put_usize(&mut w, d.chars);
    }
    put_usize(&mut w, c.pairs.len());
    for p in &c.pairs {
        put_usize(&mut w, p.a);
        put_usize(&mut w, p.b);
        put_f64(&mut w, p.a_in_b);
        put_f64(&mut w, p.b_in_a);
    }
    put_usize(&mut w, c.unique.len());
    for spans in &c.unique {
        put_usize(&mut w, spans.len());
        for s in spans {
            put_span(&mut w, s);
        }
    }
    w
}

/// Reads [`encode`]'s output back; `None` when `bytes` is not exactly one
/// well-formed result.
pub fn decode(bytes: &[u8]) -> Option<Comparison> {
    let mut r = Reader { b: bytes, pos: 0 };
    let head: [u8; 4] = r.take(4)?.try_into().ok()?;
    let n_groups = u32::from_le_bytes(head) as usize;
    let mut groups = Vec::with_capacity(n_groups.min(r.left()));
    for _ in 0..n_groups {
        groups.push(r.group()?);
    }
    let documents = r.list(|r| {
        Some(Document {
            label: r.string()?,
            chars: r.usize()?,
        })
    })?;
    let pairs = r.list(|r| {
        Some(PairShare {
            a: r.usize()?,
            b: r.usize()?,
            a_in_b: r.f64()?,
            b_in_a: r.f64()?,
        })
    })?;
    let unique = r.list(|r| r.list(Reader::span))?;
    (r.left() == 0).then_some(Comparison {
        documents,
        groups,
        pairs,
        unique,
    })
}

fn put_usize(w: &mut Vec<u8>, mut x: usize) {
    while x >= 0x80 {
        w.push(x as u8 | 0x80);
        x >>= 7;
    }
    w.push(x as u8);
}

fn put_f64(w: &mut Vec<u8>, x: f64) {
    w.extend_from_slice(&x.to_bits().to_le_bytes());
}

fn put_str(w: &mut Vec<u8>, s: &str) {
    put_usize(w, s.len());
    w.extend_from_slice(s.as_bytes());
}

fn put_span(w: &mut Vec<u8>, s: &Span) {
    for x in [s.start, s.end, s.start16, s.end16] {
        put_usize(w, x);
    }
}

fn put_group(w: &mut Vec<u8>, g: &Group) {
    put_usize(w, g.id);
    w.push(match g.kind {
        Kind::Verbatim => 0,
        Kind::Near => 1,
        Kind::Paraphrase => 2,
    });
    put_f64(w, g.score);
    put_usize(w, g.members.len());
    for m in &g.members {
        put_usize(w, m.doc);
        put_span(w, &m.span);
        put_usize(w, m.words.len());
        for x in &m.words {
            put_span(w, &x.span);
            w.push(x.shared as u8);
        }
    }
    for list in [&g.evidence.words, &g.evidence.names, &g.evidence.numbers] {
        put_usize(w, list.len());
        for s in list {
            put_str(w, s);
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn left(&self) -> usize {
        self.b.len() - self.pos
    }

    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.b.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(s)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn usize(&mut self) -> Option<usize> {
        let mut x = 0usize;
        let rest = self.b.get(self.pos..)?;
        for (i, &b) in rest
            .iter()
            .enumerate()
            .take(usize::BITS.div_ceil(7) as usize)
        {
            x |= ((b & 0x7f) as usize) << (7 * i);
            if b < 0x80 {
                self.pos += i + 1;
                return Some(x);
            }
        }
        None
    }

    fn f64(&mut self) -> Option<f64> {
        let b: [u8; 8] = self.take(8)?.try_into().ok()?;
        Some(f64::from_bits(u64::from_le_bytes(b)))
    }

    fn bool(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn string(&mut self) -> Option<String> {
        let n = self.usize()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    /// A length, then that many items read by `item`.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.usize()?;
        // Every item takes at least one byte: a bad length cannot reserve much.
        let mut out = Vec::with_capacity(n.min(self.left()));
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }

    fn span(&mut self) -> Option<Span> {
        Some(Span {
            start: self.usize()?,
            end: self.usize()?,
            start16: self.usize()?,
            end16: self.usize()?,
        })
    }

    fn group(&mut self) -> Option<Group> {
        let id = self.usize()?;
        let kind = match self.byte()? {
            0 => Kind::Verbatim,
            1 => Kind::Near,
            2 => Kind::Paraphrase,
            _ => return None,
        };
        let score = self.f64()?;
        let members = self.list(|r| {
            Some(Member {
                doc: r.usize()?,
                span: r.span()?,
                words: r.list(|r| {
                    Some(Word {
                        span: r.span()?,
                        shared: r.bool()?,
                    })
                })?,
            })
        })?;
        let evidence = Evidence {
            words: self.list(Reader::string)?,
            names: self.list(Reader::string)?,
            numbers: self.list(Reader::string)?,
        };
        Some(Group {
            id,
            kind,
            score,
            members,
            evidence,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Aligner, InputDoc};

    fn demo_result() -> Comparison {
        let docs: Vec<InputDoc> = crate::viewmodel::demo::DEMO_TEXTS
            .iter()
            .enumerate()
            .map(|(i, t)| InputDoc {
                label: format!("Outlet «{i}» — ü"),
                text: t.to_string(),
                ignored: vec![],
            })
            .collect();
        Aligner::new().compare(&docs)
    }

    #[test]
    fn the_demo_result_round_trips() {
        let c = demo_result();
        assert!(!c.groups.is_empty());
        let bytes = encode(&c);
        assert_eq!(
            u32::from_le_bytes(bytes[..4].try_into().unwrap()) as usize,
            c.groups.len()
        );
        assert_eq!(decode(&bytes), Some(c));
    }

    /// The form replaces serde at the worker boundary (DESIGN.md, "Crossing
    /// to JavaScript"): the page gets what serde, through a value tree as
    /// `serde-wasm-bindgen` builds one, would hand it.
    #[test]
    fn carries_what_serde_carries() {
        let c = demo_result();
        let by_serde: Comparison =
            serde_json::from_value(serde_json::to_value(&c).unwrap()).unwrap();
        assert_eq!(decode(&encode(&c)), Some(by_serde));
    }

    #[test]
    fn extreme_numbers_round_trip() {
        let mut c = demo_result();
        c.groups[0].score = -0.0;
        c.groups[0].id = usize::MAX;
        c.pairs[0].a_in_b = f64::INFINITY;
        c.pairs[0].b_in_a = f64::MIN_POSITIVE;
        c.unique[0].push(Span {
            start: usize::MAX,
            end: 0,
            start16: 1 << 40,
            end16: 127,
        });
        let back = decode(&encode(&c)).unwrap();
        assert_eq!(back, c);
        assert!(back.groups[0].score.is_sign_negative());
    }

    #[test]
    fn truncated_or_padded_input_is_refused() {
        let bytes = encode(&demo_result());
        for n in 0..bytes.len() {
            assert_eq!(decode(&bytes[..n]), None, "prefix of {n} bytes");
        }
        let mut more = bytes.clone();
        more.push(0);
        assert_eq!(decode(&more), None);
    }

    #[test]
    fn bad_tags_and_lengths_are_refused() {
        // A group count far beyond the input, an unknown kind, a huge list.
        assert_eq!(decode(&[255, 255, 255, 255]), None);
        assert_eq!(decode(&[1, 0, 0, 0, 0, 9]), None);
        assert_eq!(decode(&[0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f]), None);
        assert_eq!(
            decode(&[0, 0, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]),
            None
        );
    }
}

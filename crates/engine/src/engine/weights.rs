//! How rare each term is across the whole set of documents compared: the
//! weights verdicts and evidence are measured with.

use super::keys::KeyMap;
use super::prepare::{Class, Prepared};

/// Rarity of terms across the whole set of documents compared.
pub(crate) struct Weights {
    idf: KeyMap<u64, f32>,
    /// Per document: the rarity of each token's term.
    tok: Vec<Vec<f32>>,
    /// Per document and unit: the rarity of each entry of its `classes`.
    cls: Vec<Vec<Vec<f32>>>,
}

/// The rarities one unit's verdicts need, looked up once per comparison.
#[derive(Clone, Copy)]
pub(crate) struct UnitIdf<'a> {
    /// Of each token of the unit.
    pub tok: &'a [f32],
    /// Of each entry of the unit's `classes`.
    pub cls: &'a [f32],
}

/// The evidence weight of a token of `class` with rarity `idf`.
pub(crate) fn weight_of(class: Class, idf: f32) -> f32 {
    if class == Class::Stop {
        0.0
    } else {
        class.prior() * idf
    }
}

impl Weights {
    /// Counts in how many units each term occurs, over all documents.
    pub(crate) fn new(docs: &[&Prepared]) -> Self {
        // Unit counts, then in place their rarities (counts are whole
        // numbers far below 2^24, exact as `f32`).
        let mut idf: KeyMap<u64, f32> = KeyMap::default();
        let mut units = 0usize;
        for d in docs {
            units += d.units.len();
            for &(t, c) in &d.term_units {
                *idf.entry(t).or_insert(0.0) += c as f32;
            }
        }
        let u = units.max(2) as f32;
        let norm = (1.0 + u / 2.0).ln().max(1e-3);
        let rarity = |d: f32| ((1.0 + u / d.max(1.0)).ln() / norm).clamp(0.0, 1.0);
        // Most terms occur in a few units: the logarithm (a library call in
        // WebAssembly) once per small count.
        let mut small = [f32::NAN; 64];
        for v in idf.values_mut() {
            *v = match small.get_mut(*v as usize) {
                Some(r) => {
                    if r.is_nan() {
                        *r = rarity(*v);
                    }
                    *r
                }
                None => rarity(*v),
            };
        }
        let of = |t: u64| idf.get(&t).copied().unwrap_or(1.0);
        let tok = docs
            .iter()
            .map(|d| d.toks.iter().map(|t| of(t.term)).collect())
            .collect();
        let cls = docs
            .iter()
            .map(|d| {
                d.units
                    .iter()
                    .map(|u| u.classes.iter().map(|&(t, _)| of(t)).collect())
                    .collect()
            })
            .collect();
        Weights { idf, tok, cls }
    }

    /// The rarities of unit `u` of document `d` (as given to [`Weights::new`]).
    pub(crate) fn unit(&self, d: usize, u: usize) -> UnitIdf<'_> {
        let cls = self
            .cls
            .get(d)
            .and_then(|c| c.get(u))
            .map_or(&[][..], |c| &c[..]);
        UnitIdf {
            tok: self.tok.get(d).map_or(&[][..], |t| &t[..]),
            cls,
        }
    }

    /// Rarity of a term in 0..=1: 1 for a term carried by just two units.
    pub(crate) fn idf(&self, term: u64) -> f32 {
        self.idf.get(&term).copied().unwrap_or(1.0)
    }

    /// The evidence weight of one token.
    pub(crate) fn weight(&self, term: u64, class: Class) -> f32 {
        weight_of(class, self.idf(term))
    }
}

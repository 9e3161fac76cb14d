//! The provisional path: after one article is added, edited or removed,
//! a quick result from the last comparison's links and the changed
//! article's own.

use std::collections::HashMap;
use std::sync::Arc;

use super::aligner::{canonical_order, doc_keys, Aligner};
use super::input::InputDoc;
use super::judging::judge_all;
use super::prepare::Prepared;
use super::{assemble, cluster, link, weights};
use crate::model::Comparison;

impl Aligner {
    /// A first, provisional result when the articles differ from the last
    /// full comparison by one added, edited or removed article: the links
    /// between articles already compared are kept as they were (judged
    /// with the rarities of the previous set), only the new article's
    /// links are judged, then everything is clustered and rendered again.
    /// It differs from the exact result at most in links whose evidence
    /// sits on the threshold; a full [`Aligner::compare`] should follow.
    /// `None` when there is no previous comparison to build on or more than
    /// one article is new.
    ///
    /// ```
    /// use parallax_engine::engine::{Aligner, InputDoc};
    /// let mut aligner = Aligner::new();
    /// let mut docs = vec![
    ///     InputDoc::new("A", "The bridge over the Elbe closed at noon for repairs."),
    ///     InputDoc::new("B", "Officials said the bridge over the Elbe closed at noon for repairs."),
    /// ];
    /// assert!(aligner.compare_provisional(&docs).is_none());
    /// aligner.compare(&docs);
    /// docs.push(InputDoc::new("C", "The Elbe bridge closed at noon for urgent repairs."));
    /// let quick = aligner.compare_provisional(&docs).unwrap();
    /// assert_eq!(quick.groups[0].members.len(), 3);
    /// ```
    pub fn compare_provisional(&mut self, docs: &[InputDoc]) -> Option<Comparison> {
        let keys = doc_keys(docs);
        let mut distinct = keys.clone();
        crate::sort::sort_unstable(&mut distinct);
        distinct.dedup();
        let last = self.last.as_ref()?;
        let fresh: Vec<usize> = (0..docs.len())
            .filter(|&x| !last.keys.contains(&keys[x]))
            .collect();
        if distinct.len() != keys.len() || fresh.len() > 1 || docs.len() < 2 {
            return None;
        }
        let preps: Vec<Arc<Prepared>> = docs
            .iter()
            .zip(&keys)
            .map(|(d, &k)| self.prepare(d, k))
            .collect();
        let order = canonical_order(docs, &keys);
        let canon: Vec<&Prepared> = order.iter().map(|&i| preps[i].as_ref()).collect();
        let weights = weights::Weights::new(&canon);
        let position: HashMap<u64, u32> = order
            .iter()
            .enumerate()
            .map(|(c, &i)| (keys[i], c as u32))
            .collect();
        let last = self.last.as_ref()?;
        let mut links: Vec<cluster::Link> = last
            .links
            .iter()
            .filter_map(|&(ka, i, kb, j, score, kind)| {
                let (a, b) = (*position.get(&ka)?, *position.get(&kb)?);
                let ((a, i), (b, j)) = if a < b {
                    ((a, i), (b, j))
                } else {
                    ((b, j), (a, i))
                };
                Some(cluster::Link {
                    a,
                    i,
                    b,
                    j,
                    score,
                    kind,
                })
            })
            .collect();
        if let Some(&x) = fresh.first() {
            let new = position.get(&keys[x]).copied();
            let cands = link::set_candidates_of(&canon, new);
            links.extend(judge_all(&canon, &weights, &cands, None, &mut |_| true)?.0);
        }
        let unit_counts: Vec<usize> = canon.iter().map(|d| d.units.len()).collect();
        let drafts = cluster::cluster(&mut links, &unit_counts, link::small_set(&unit_counts));
        Some(assemble::assemble(docs, &order, &canon, &drafts, &weights))
    }
}

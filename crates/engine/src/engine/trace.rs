//! What one comparison went through, as data for tuning: its phases (with
//! their times, natively) and the links it found. The engine prints
//! nothing; `parallax compare --trace` prints this.

use std::time::Duration;

use super::cluster;
use crate::model::Kind;

/// The phases and links of one comparison ([`super::Aligner::compare_traced`]).
#[derive(Clone, Debug, Default)]
pub struct Trace {
    /// Each phase in turn.
    pub phases: Vec<Phase>,
    /// How many candidate unit pairs were judged.
    pub candidates: usize,
    /// The links, strongest first as clustering took them.
    pub links: Vec<TracedLink>,
    /// When linking began (natively; WebAssembly has no clock).
    #[cfg(not(target_arch = "wasm32"))]
    clock: Option<std::time::Instant>,
}

/// One phase of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    /// What was found: "candidates", "links" or "groups".
    pub name: &'static str,
    /// How many.
    pub count: usize,
    /// Time from the end of preparation to the end of this phase (zero
    /// in WebAssembly).
    pub at: Duration,
}

/// One link between two sentence units.
#[derive(Clone, Debug, PartialEq)]
pub struct TracedLink {
    /// Input index of the first document, and its unit.
    pub a: usize,
    pub i: u32,
    /// Input index of the second document, and its unit.
    pub b: usize,
    pub j: u32,
    pub kind: Kind,
    pub score: f32,
}

impl Trace {
    /// Preparation is done: phases are timed from now.
    pub(super) fn start(&mut self) {
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.clock = Some(std::time::Instant::now());
        }
    }

    /// A phase is done, having found `count` things.
    pub(super) fn phase(&mut self, name: &'static str, count: usize) {
        #[cfg(not(target_arch = "wasm32"))]
        let at = self.clock.map(|c| c.elapsed()).unwrap_or_default();
        #[cfg(target_arch = "wasm32")]
        let at = Duration::ZERO;
        self.phases.push(Phase { name, count, at });
    }

    /// The candidates' count and the links (canonical indices, mapped back
    /// to input indices through `order`).
    pub(super) fn record(&mut self, candidates: usize, links: &[cluster::Link], order: &[usize]) {
        self.candidates = candidates;
        self.links = links
            .iter()
            .map(|l| TracedLink {
                a: order[l.a as usize],
                i: l.i,
                b: order[l.b as usize],
                j: l.j,
                kind: l.kind,
                score: l.score,
            })
            .collect();
    }
}

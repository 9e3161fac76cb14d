//! The link model: a logistic regression over the figures a verdict finds
//! about two units ([`super::link::features`]), giving the probability that
//! they report the same fact. Its weights are fitted by
//! `cargo run --profile tools --example train_linker` (see `DESIGN.md`) and
//! written to `linker_model.rs`.

include!("linker_model.rs");

/// How many features the model reads.
pub(crate) const N: usize = 22;

/// The model's log-odds for features `f`.
pub(crate) fn logit(f: &[f32; N]) -> f32 {
    f.iter()
        .zip(WEIGHTS.iter())
        .fold(BIAS, |z, (x, w)| z + x * w)
}

/// The probability of log-odds `z`.
pub(crate) fn probability(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Features measured after a first bound ([`upper`]): the word pairs
/// shared (count and share), the density, the evidence, `paraphrase_rule`
/// and every copying feature (see `link::FEATURES`). Each grows with what
/// is measured later, so their values before it are their least.
const LATER: [usize; 8] = [6, 7, 8, 17, 18, 19, 20, 21];

/// An upper bound on the log-odds of a pair whose features `f` are known
/// but for those in [`LATER`] (at their least in `f`): each of those is at
/// most 1, or `hi` for the `(index, hi)` in `reach`.
pub(crate) fn upper(f: &[f32; N], reach: &[(usize, f32)]) -> f32 {
    let mut hi = *f;
    for &k in &LATER {
        hi[k] = 1.0;
    }
    for &(k, h) in reach {
        hi[k] = h;
    }
    f.iter()
        .zip(&hi)
        .zip(WEIGHTS.iter())
        .fold(BIAS, |z, ((x, h), w)| z + (w * x).max(w * h))
}

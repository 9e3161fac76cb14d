//! The link model: a logistic regression over the figures a verdict finds
//! about two units ([`super::link::features`]), giving the probability that
//! they report the same fact. Its weights are fitted by
//! `cargo run --release --example train_linker` (see `DESIGN.md`) and
//! written to `linker_model.rs`.

include!("linker_model.rs");

/// How many features the model reads.
pub(crate) const N: usize = 24;

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

/// Features that depend on the density or the copied runs of a pair, at
/// 0 until those are measured: `density`, `paraphrase_rule` and then
/// every copying feature (see `link::FEATURES`).
const LATER: [usize; 7] = [8, 18, 19, 20, 21, 22, 23];

/// An upper bound on the log-odds of a pair whose features `f` are known
/// but for those in [`LATER`] (0 in `f`): each of those lies in `0..=1`,
/// or `0..=hi` for the `(index, hi)` in `reach`.
pub(crate) fn upper(f: &[f32; N], reach: &[(usize, f32)]) -> f32 {
    let mut z = logit(f);
    for &k in &LATER {
        let hi = reach.iter().find(|r| r.0 == k).map_or(1.0, |r| r.1);
        z += (WEIGHTS[k] * hi).max(0.0) - WEIGHTS[k] * f[k];
    }
    z
}

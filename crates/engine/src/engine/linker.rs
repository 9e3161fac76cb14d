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

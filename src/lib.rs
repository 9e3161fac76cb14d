//! Parallax: compare news articles about one event.
//!
//! Parallax aligns the passages several articles share (verbatim wire copy,
//! lightly edited copy, paraphrase of the same fact or quote), marks word by
//! word where their wording agrees and where it diverges, and lists what each
//! article has that no other does.
//!
//! The engine (the `parallax-engine` crate, re-exported here as [`engine`],
//! [`model`], [`sentences`] and [`text`]) is pure Rust with no web imports; the same [`model::Comparison`]
//! is handed to every renderer (the web view, the CLI's JSON, PAN XML).

#![forbid(unsafe_code)]

pub(crate) use parallax_engine::sort;
pub use parallax_engine::{engine, model, sentences, text};

pub mod formats;
pub mod viewmodel;

#[cfg(target_arch = "wasm32")]
mod app;

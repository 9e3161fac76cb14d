//! The pure view model: the app's state and its reducer, what the views
//! show (coverage, cited sources, attribution), the articles' intake, their
//! boilerplate and history, labels and the demo set. No web imports; tested
//! natively.

pub mod analysis;
pub mod attribution;
pub mod boilerplate;
pub mod coverage;
pub mod demo;
pub mod history;
pub mod intake;
pub mod labels;
pub mod state;
pub mod viewstate;

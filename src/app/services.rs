//! Browser IO at the edges of the app.

pub mod compute;
pub mod demo;
pub mod fetch;
pub mod files;
pub mod io;
pub mod panic;
pub mod perf;
pub mod share;
pub mod storage;
pub mod unicode;
pub mod url;

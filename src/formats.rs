//! What the app reads and writes: JSON, the worker's binary wire format,
//! the workspace file, exports, share codes in the URL fragment, fixed-point
//! number formatting and the deflate decoder.

pub mod export;
pub(crate) mod fixed;
pub mod fragment;
pub mod inflate;
pub mod json;
pub mod wire;
pub mod workspace;

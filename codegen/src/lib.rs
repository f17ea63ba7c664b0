//! The error catalog compiler, as a library with no I/O.
//!
//! Three stages, as in `cargo xtask gen`:
//! 1. [`load`]: TOML text → serde mirror structs ([`catalog::raw`]) → validation → [`model::Catalog`],
//!    or every problem found as located [`diagnostics::Diagnostic`]s;
//! 2. [`generate`]: the validated model → one emitter per target ([`emit`]) → files in memory;
//! 3. writing those files is the caller's job (`xtask`).

pub mod breaking;
pub mod catalog;
pub mod decision;
pub mod diagnostics;
pub mod emit;
pub mod explain;
pub mod model;
pub mod names;
pub mod rules;

pub use catalog::{load, load_bytes};
pub use diagnostics::{Diagnostic, Diagnostics};
pub use emit::{EmitError, GeneratedFile, generate};
pub use model::Catalog;

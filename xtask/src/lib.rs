//! The project's tasks, run as `cargo xtask <task>` (see `.cargo/config.toml`).
//!
//! A library so the tests can drive the tasks in-process; `main.rs` only parses arguments.

pub mod bench;
pub mod bench_python;
pub mod breaking;
pub mod explain;
pub mod generate;
pub mod test;

use std::path::{Path, PathBuf};

/// The repository root: the directory above this crate.
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

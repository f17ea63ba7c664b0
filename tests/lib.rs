//! Shared helpers of the snapshot and end-to-end tests.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// A fixture's path.
pub fn fixture(kind: &str, name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(kind).join(name)
}

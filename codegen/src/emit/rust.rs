//! The Rust crate target (placeholder until the emitter lands).
use super::{EmitError, GeneratedFile, NameSource, Naming};
use crate::model::Catalog;

pub const NAMINGS: &[Naming] = &[];

pub fn generate(_catalog: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    Ok(Vec::new())
}

//! Loads an OpenClaw config as the gateway reads it: the JSON5 file, its
//! `$include`s (through cap-std, escapes recorded rather than followed) and
//! nothing else; redaction and `${VAR}` substitution happen in the snapshot.

pub mod includes;
pub mod merge;
pub mod parse;
pub mod source_map;

use crate::error::{Error, Result};
pub use includes::{IncludeFact, IncludeStatus};
use serde_json::Value;
pub use source_map::{Location, SourceNode};
use std::path::Path;

/// A config with its includes resolved.
#[derive(Debug)]
pub struct LoadedConfig {
    /// The merged config (not yet redacted).
    pub value: Value,
    /// Every `$include` met, followed or not.
    pub includes: Vec<IncludeFact>,
    /// Where each key was written.
    pub sources: SourceNode,
}

/// Reads the config at `path` and resolves its includes.
pub fn load(path: &Path) -> Result<LoadedConfig> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let value = parse::parse(path, &text, true)?;
    let node = SourceNode::parse(path, &text);
    let mut resolver = includes::Resolver::new(path)?;
    let (value, sources) = resolver.resolve(value, node, path)?;
    Ok(LoadedConfig {
        value,
        includes: resolver.facts,
        sources,
    })
}

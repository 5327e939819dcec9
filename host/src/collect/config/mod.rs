//! Loads an OpenClaw config as the gateway reads it: the JSON5 file, its
//! `$include`s (through cap-std, escapes recorded rather than followed) and
//! nothing else; redaction and `${VAR}` substitution happen in the snapshot.

pub(crate) mod includes;
pub(crate) mod merge;
pub(crate) mod parse;
pub(crate) mod prescan;
pub(crate) mod source_map;

use crate::error::{Error, Result};
pub(crate) use includes::{IncludeFact, IncludeStatus};
use serde_json::Value;
use sha2::Digest;
pub(crate) use source_map::SourceNode;
use std::path::Path;

/// A config with its includes resolved.
#[derive(Debug)]
pub(crate) struct LoadedConfig {
    /// The merged config (not yet redacted).
    pub value: Value,
    /// Every `$include` met, followed or not.
    pub includes: Vec<IncludeFact>,
    /// Where each key was written.
    pub sources: SourceNode,
    /// SHA-256 (hex) of the main file's text, as OpenClaw's config journal
    /// records it. A digest of a file that may hold secrets: it stays in
    /// the host and is only compared with the journal's.
    pub digest: String,
}

/// Reads the config at `path` and resolves its includes. The file must be
/// a regular file (a FIFO or device would block or never end) of at most
/// [`includes::MAX_FILE_BYTES`], opened without blocking, and UTF-8 text.
pub(crate) fn load(path: &Path, env: &crate::env::Env) -> Result<LoadedConfig> {
    let bytes = crate::input_file::read(
        path,
        crate::input_file::Within::Anywhere,
        includes::MAX_FILE_BYTES,
    )
    .map_err(|error| Error::input(path, error))?;
    let digest = format!("{:x}", sha2::Sha256::digest(&bytes));
    let text = crate::input_file::utf8(bytes).map_err(|error| Error::input(path, error))?;
    let mut budget = parse::Budget::default();
    let (value, node) = parse::parse_file(path, &text, true, &mut budget)?;
    let mut resolver = includes::Resolver::new(
        path,
        budget,
        text.len(),
        env.get_os("OPENCLAW_INCLUDE_ROOTS"),
    )?;
    let (value, sources) = resolver.resolve(value, node, path)?;
    Ok(LoadedConfig {
        value,
        includes: resolver.facts,
        sources,
        digest,
    })
}

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
use sha2::Digest;
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
    /// SHA-256 (hex) of the main file's text, as OpenClaw's config journal
    /// records it. A digest of a file that may hold secrets: it stays in
    /// the host and is only compared with the journal's.
    pub digest: String,
}

/// Reads the config at `path` and resolves its includes. The file must be
/// a regular file (a FIFO or device would block or never end) of at most
/// [`includes::MAX_FILE_BYTES`].
pub fn load(path: &Path) -> Result<LoadedConfig> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    // Checked before it is opened (opening a FIFO would wait for a
    // writer), and read from the handle no further than the limit.
    if !std::fs::metadata(path).map_err(read_error)?.is_file() {
        return Err(read_error(std::io::Error::other("not a regular file")));
    }
    let file = std::fs::File::open(path).map_err(read_error)?;
    if !file.metadata().map_err(read_error)?.is_file() {
        return Err(read_error(std::io::Error::other("not a regular file")));
    }
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut std::io::Read::take(file, includes::MAX_FILE_BYTES + 1),
        &mut text,
    )
    .map_err(read_error)?;
    if text.len() as u64 > includes::MAX_FILE_BYTES {
        return Err(read_error(std::io::Error::other(format!(
            "larger than {} bytes",
            includes::MAX_FILE_BYTES
        ))));
    }
    let digest = format!("{:x}", sha2::Sha256::digest(text.as_bytes()));
    let value = parse::parse(path, &text, true)?;
    let node = SourceNode::parse(path, &text);
    let mut resolver = includes::Resolver::new(path)?;
    let (value, sources) = resolver.resolve(value, node, path)?;
    Ok(LoadedConfig {
        value,
        includes: resolver.facts,
        sources,
        digest,
    })
}

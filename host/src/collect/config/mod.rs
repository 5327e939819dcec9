//! Loads an OpenClaw config as the gateway reads it: the JSON5 file, its
//! `$include`s (through cap-std, escapes recorded rather than followed) and
//! nothing else; redaction and `${VAR}` substitution happen in the snapshot.

pub(crate) mod includes;
mod located;
pub(crate) mod parse;
pub(crate) mod prescan;
mod reader;
pub(crate) mod source_map;
pub(crate) mod validity;

use crate::error::{Error, Result};
pub(crate) use crate::view::{IncludeFact, IncludeStatus};
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
    let parsed = parse::parse_file(path, &text, true, &mut budget)?;
    let mut resolver = includes::Resolver::new(
        path,
        budget,
        text.len(),
        env.get_os("OPENCLAW_INCLUDE_ROOTS"),
    )?;
    let (value, sources) = resolver.resolve(parsed, path)?.into_parts();
    Ok(LoadedConfig {
        value,
        includes: resolver.facts,
        sources,
        digest,
    })
}

/// Where each key of `text` (one file, its includes not followed) was
/// written.
#[cfg(test)]
pub(crate) fn locations_of(path: &Path, text: &str) -> SourceNode {
    reader::read(path, text)
        .map(|value| value.into_parts().1)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::Value;
    use std::path::{Path, PathBuf};

    /// Every JSON config the repository holds: parity cases, examples,
    /// test fixtures.
    fn corpus() -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        let mut dirs = vec![root.join("tests"), root.join("examples")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path
                    .extension()
                    .is_some_and(|extension| extension == "json" || extension == "json5")
                {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
    }

    /// Every key (`a.b`) of `value`, with the key's own name.
    fn keys<'v>(value: &'v Value, prefix: &str, out: &mut Vec<(String, &'v str)>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    out.push((path.clone(), key));
                    keys(child, &path, out);
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    keys(child, &format!("{prefix}[{index}]"), out);
                }
            }
            _ => {}
        }
    }

    /// The one parse reads every config of the corpus to the value the
    /// `json5` crate reads, and puts every key on a line that holds it.
    #[test]
    fn every_config_in_the_repository_reads_to_json5s_value_with_each_key_on_its_line() {
        let mut keys_checked = 0;
        for file in corpus() {
            let text = std::fs::read_to_string(&file).expect("readable");
            let Ok(expected) = json5::from_str::<Value>(&text) else {
                continue;
            };
            let located = super::reader::read(&file, &text).expect("json5 reads it, so must we");
            let (value, sources) = located.into_parts();
            assert_eq!(
                serde_json::to_string(&value).ok(),
                serde_json::to_string(&expected).ok(),
                "{}",
                file.display()
            );
            let lines: Vec<&str> = text.lines().collect();
            let mut all = Vec::new();
            keys(&value, "", &mut all);
            for (path, key) in all {
                let (at, whole) = sources.resolve(&path).expect("located");
                assert!(whole, "{}: {path} not found", file.display());
                let line = lines[at.line - 1];
                let written = [format!("\"{key}\""), format!("'{key}'"), format!("{key}:")];
                assert!(
                    written.iter().any(|form| line.contains(form.as_str())),
                    "{}: {path} placed on line {}",
                    file.display(),
                    at.line
                );
                keys_checked += 1;
            }
        }
        assert!(keys_checked > 10_000, "{keys_checked} keys");
    }
}

//! `$include` resolution as OpenClaw 2026.9 does it — a string or a list of
//! paths, relative to the including file, nested up to 10 deep, merged under
//! sibling keys — read through cap-std directory handles rooted at the
//! config directory (and `OPENCLAW_INCLUDE_ROOTS`). An include that escapes
//! those roots, by `..` or by a symlink, is not followed: it is recorded as
//! an [`IncludeFact`] for the checks. A cycle is an error.

use super::merge::deep_merge;
use super::parse;
use super::source_map::SourceNode;
use crate::error::{Error, Result};
use cap_std::fs::Dir;
use serde_json::Value;
use std::path::{Component, Path, PathBuf};

/// The key that pulls other files into the config.
pub const INCLUDE_KEY: &str = "$include";
/// Deepest include nesting OpenClaw accepts.
pub const MAX_DEPTH: usize = 10;
/// Largest include file OpenClaw reads.
pub const MAX_FILE_BYTES: u64 = 2 << 20;

/// What became of one `$include` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IncludeStatus {
    /// Read and merged.
    Included,
    /// Its path leaves the config directory (`..` or absolute): not followed.
    EscapesConfigDir,
    /// It is inside lexically but a symlink leads out: not followed.
    EscapesViaSymlink,
}

/// One `$include` entry and what became of it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IncludeFact {
    /// The path as written.
    pub written: String,
    /// The file that holds the `$include`.
    pub from: PathBuf,
    /// The path it resolves to (lexically normalised).
    pub resolved: PathBuf,
    /// Followed or not.
    pub status: IncludeStatus,
}

/// A directory includes may be read from.
struct Root {
    path: PathBuf,
    dir: Dir,
}

/// Resolves the includes of one config.
pub struct Resolver {
    roots: Vec<Root>,
    /// Every include met, in order.
    pub facts: Vec<IncludeFact>,
}

/// `path` with `.` and `..` folded away, without touching the filesystem.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn invalid(path: &Path, message: String) -> Error {
    Error::Invalid {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message,
    }
}

impl Resolver {
    /// A resolver rooted at the config file's directory and at every
    /// absolute directory in `OPENCLAW_INCLUDE_ROOTS`.
    pub fn new(config: &Path) -> Result<Resolver> {
        let config_dir = config
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let config_dir = std::path::absolute(&config_dir).unwrap_or(config_dir);
        let mut candidates = vec![normalize(&config_dir)];
        if let Some(extra) = std::env::var_os("OPENCLAW_INCLUDE_ROOTS") {
            candidates.extend(
                std::env::split_paths(&extra)
                    .filter(|p| p.is_absolute())
                    .map(|p| normalize(&p)),
            );
        }
        let mut roots = Vec::new();
        for path in candidates {
            if let Ok(dir) = Dir::open_ambient_dir(&path, cap_std::ambient_authority()) {
                roots.push(Root { path, dir });
            }
        }
        Ok(Resolver {
            roots,
            facts: Vec::new(),
        })
    }

    /// Resolves every `$include` in `value`, which was read from `file`;
    /// `node` holds its locations and comes back merged as the value is.
    pub fn resolve(
        &mut self,
        value: Value,
        node: SourceNode,
        file: &Path,
    ) -> Result<(Value, SourceNode)> {
        let file = normalize(&std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()));
        let mut chain = vec![file.clone()];
        self.process(value, node, &file, &mut chain)
    }

    fn process(
        &mut self,
        value: Value,
        mut node: SourceNode,
        file: &Path,
        chain: &mut Vec<PathBuf>,
    ) -> Result<(Value, SourceNode)> {
        match value {
            Value::Array(items) => {
                let mut nodes = node.take_elements().into_iter();
                let mut values = Vec::with_capacity(items.len());
                let mut located = Vec::with_capacity(items.len());
                for item in items {
                    let item_node = nodes.next().unwrap_or_default();
                    let (value, item_node) = self.process(item, item_node, file, chain)?;
                    values.push(value);
                    located.push(item_node);
                }
                Ok((Value::Array(values), SourceNode::array(node.at, located)))
            }
            Value::Object(mut object) => {
                let include = object.remove(INCLUDE_KEY);
                let mut children = node.take_children();
                children.remove(INCLUDE_KEY);
                let mut rest = serde_json::Map::new();
                let mut rest_nodes = std::collections::BTreeMap::new();
                for (key, child) in object {
                    let child_node = children.remove(&key).unwrap_or_default();
                    let (value, child_node) = self.process(child, child_node, file, chain)?;
                    rest.insert(key.clone(), value);
                    rest_nodes.insert(key, child_node);
                }
                let at = node.at;
                let Some(include) = include else {
                    return Ok((Value::Object(rest), SourceNode::object(at, rest_nodes)));
                };
                let (included, included_node) = self.include(&include, file, chain)?;
                if rest.is_empty() {
                    let mut included_node = included_node;
                    included_node.at = at;
                    return Ok((included, included_node));
                }
                if !included.is_object() {
                    return Err(invalid(
                        file,
                        "keys beside `$include` need the included content to be an object".into(),
                    ));
                }
                let mut merged_node =
                    SourceNode::merge(included_node, SourceNode::object(None, rest_nodes));
                merged_node.at = at;
                Ok((deep_merge(included, Value::Object(rest)), merged_node))
            }
            other => Ok((other, node)),
        }
    }

    fn include(
        &mut self,
        include: &Value,
        file: &Path,
        chain: &mut Vec<PathBuf>,
    ) -> Result<(Value, SourceNode)> {
        let paths: Vec<&str> = match include {
            Value::String(path) => vec![path.as_str()],
            Value::Array(items) => items
                .iter()
                .map(|item| {
                    item.as_str().ok_or_else(|| {
                        invalid(
                            file,
                            format!(
                                "`$include` entries must be strings, found {}",
                                json_type(item)
                            ),
                        )
                    })
                })
                .collect::<Result<_>>()?,
            other => {
                return Err(invalid(
                    file,
                    format!(
                        "`$include` must be a path or a list of paths, found {}",
                        json_type(other)
                    ),
                ));
            }
        };
        let single = matches!(include, Value::String(_));
        let mut merged = Value::Object(serde_json::Map::new());
        let mut merged_node = SourceNode::default();
        for written in paths {
            let (value, node) = self.load(written, file, chain)?;
            if single {
                return Ok((value, node));
            }
            merged = deep_merge(merged, value);
            merged_node = SourceNode::merge(merged_node, node);
        }
        Ok((merged, merged_node))
    }

    fn load(
        &mut self,
        written: &str,
        file: &Path,
        chain: &mut Vec<PathBuf>,
    ) -> Result<(Value, SourceNode)> {
        let base = file.parent().unwrap_or(Path::new("/"));
        let resolved = normalize(&base.join(written));
        let Some(index) = self
            .roots
            .iter()
            .position(|root| resolved.starts_with(&root.path))
        else {
            return Ok(self.skip(written, file, resolved, IncludeStatus::EscapesConfigDir));
        };
        if chain.contains(&resolved) {
            let cycle: Vec<String> = chain
                .iter()
                .chain([&resolved])
                .map(|p| p.display().to_string())
                .collect();
            return Err(invalid(
                file,
                format!("`$include` cycle: {}", cycle.join(" -> ")),
            ));
        }
        if chain.len() > MAX_DEPTH {
            return Err(invalid(
                file,
                format!("`$include` nested deeper than {MAX_DEPTH} at {written}"),
            ));
        }
        let root = &self.roots[index];
        let relative = resolved
            .strip_prefix(&root.path)
            .unwrap_or(&resolved)
            .to_path_buf();
        let text = match read_bounded(&root.dir, &relative) {
            Ok(text) => text,
            Err(error) if escapes(&root.path, &resolved) => {
                let _ = error;
                return Ok(self.skip(written, file, resolved, IncludeStatus::EscapesViaSymlink));
            }
            Err(source) => {
                return Err(Error::Read {
                    path: resolved,
                    source,
                });
            }
        };
        self.facts.push(IncludeFact {
            written: written.to_owned(),
            from: file.to_path_buf(),
            resolved: resolved.clone(),
            status: IncludeStatus::Included,
        });
        let parsed = parse::parse(&resolved, &text, false)?;
        let node = SourceNode::parse(&resolved, &text);
        chain.push(resolved.clone());
        let value = self.process(parsed, node, &resolved, chain);
        chain.pop();
        value
    }

    fn skip(
        &mut self,
        written: &str,
        file: &Path,
        resolved: PathBuf,
        status: IncludeStatus,
    ) -> (Value, SourceNode) {
        self.facts.push(IncludeFact {
            written: written.to_owned(),
            from: file.to_path_buf(),
            resolved,
            status,
        });
        (
            Value::Object(serde_json::Map::new()),
            SourceNode::object(None, std::collections::BTreeMap::new()),
        )
    }
}

/// Whether the real path of `resolved` lies outside the real `root`.
fn escapes(root: &Path, resolved: &Path) -> bool {
    match (root.canonicalize(), resolved.canonicalize()) {
        (Ok(root), Ok(real)) => !real.starts_with(root),
        _ => false,
    }
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`] below `dir`; cap-std
/// refuses any path that would leave `dir`.
fn read_bounded(dir: &Dir, relative: &Path) -> std::io::Result<String> {
    let metadata = dir.metadata(relative)?;
    if !metadata.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {MAX_FILE_BYTES} bytes"
        )));
    }
    dir.read_to_string(relative)
}

/// What kind of JSON value `value` is, for an error that must not quote it.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

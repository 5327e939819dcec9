//! `$include` resolution as OpenClaw 2026.9 does it — a string or a list of
//! paths, relative to the including file, nested up to 10 deep, merged under
//! sibling keys — read through cap-std directory handles rooted at the
//! config directory (and `OPENCLAW_INCLUDE_ROOTS`). An include that escapes
//! those roots, by `..` or by a symlink, is not followed: it is recorded as
//! an [`IncludeFact`] for the checks. A cycle is an error, and so is a
//! config past Pincer's own bounds: [`MAX_INCLUDES`] entries,
//! [`MAX_TOTAL_BYTES`] of text in all, the nesting and values of
//! `prescan.rs` counted across every file.

use super::merge::deep_merge;
use super::parse::{self, Budget};
use super::source_map::SourceNode;
use crate::error::{Error, Result};
use crate::input_file::{ReadError, Within};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The key that pulls other files into the config.
pub(crate) const INCLUDE_KEY: &str = "$include";
/// Deepest include nesting OpenClaw accepts.
pub(crate) const MAX_DEPTH: usize = 10;
/// Largest include file OpenClaw reads (also the main config's limit).
pub(crate) const MAX_FILE_BYTES: u64 = 2 << 20;
/// The most `$include` entries one config may hold in all (Pincer's
/// limit: OpenClaw sets none, but each entry is a file to read).
pub(crate) const MAX_INCLUDES: usize = 1_000;
/// The most text the main config and its includes may hold together
/// (Pincer's limit: a file included many times counts each time).
pub(crate) const MAX_TOTAL_BYTES: u64 = 8 << 20;

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

/// Resolves the includes of one config.
pub(crate) struct Resolver {
    /// The directories includes may be read from.
    roots: Vec<PathBuf>,
    /// Every include met, in order.
    pub facts: Vec<IncludeFact>,
    /// What the config may still hold (values).
    values_left: usize,
    /// The text read so far, in bytes.
    total_bytes: u64,
}

pub(crate) use crate::input_file::normalize;

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
    /// absolute directory in `include_roots` (`OPENCLAW_INCLUDE_ROOTS`);
    /// `budget` is what the main config left, `main_bytes` its size.
    pub(crate) fn new(
        config: &Path,
        budget: Budget,
        main_bytes: usize,
        include_roots: Option<&std::ffi::OsStr>,
    ) -> Result<Resolver> {
        let config = crate::input_file::absolute(config);
        let config_dir = config
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        let mut candidates = vec![config_dir];
        if let Some(extra) = include_roots {
            candidates.extend(
                std::env::split_paths(extra)
                    .filter(|p| p.is_absolute())
                    .map(|p| normalize(&p)),
            );
        }
        let roots = candidates
            .into_iter()
            .filter(|path| path.is_dir())
            .collect();
        Ok(Resolver {
            roots,
            facts: Vec::new(),
            values_left: budget.values_left,
            total_bytes: main_bytes as u64,
        })
    }

    /// Resolves every `$include` in `value`, which was read from `file`;
    /// `node` holds its locations and comes back merged as the value is.
    pub(crate) fn resolve(
        &mut self,
        value: Value,
        node: SourceNode,
        file: &Path,
    ) -> Result<(Value, SourceNode)> {
        let file = crate::input_file::absolute(file);
        let mut chain = vec![file.clone()];
        self.process(value, node, &file, &mut chain, 0)
    }

    /// `value` with its includes resolved; `above` is how many containers
    /// hold it in the merged config.
    fn process(
        &mut self,
        value: Value,
        mut node: SourceNode,
        file: &Path,
        chain: &mut Vec<PathBuf>,
        above: usize,
    ) -> Result<(Value, SourceNode)> {
        match value {
            Value::Array(items) => {
                let mut nodes = node.take_elements().into_iter();
                let mut values = Vec::with_capacity(items.len());
                let mut located = Vec::with_capacity(items.len());
                for item in items {
                    let item_node = nodes.next().unwrap_or_default();
                    let (value, item_node) =
                        self.process(item, item_node, file, chain, above + 1)?;
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
                    let (value, child_node) =
                        self.process(child, child_node, file, chain, above + 1)?;
                    rest.insert(key.clone(), value);
                    rest_nodes.insert(key, child_node);
                }
                let at = node.at;
                let Some(include) = include else {
                    return Ok((Value::Object(rest), SourceNode::object(at, rest_nodes)));
                };
                let (included, included_node) = self.include(&include, file, chain, above)?;
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
        above: usize,
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
        if self.facts.len() + paths.len() > MAX_INCLUDES {
            return Err(Error::Limit {
                path: file.to_path_buf(),
                message: format!(
                    "more than {MAX_INCLUDES} `$include` entries in the config and its \
                     includes (Pincer's limit)"
                ),
            });
        }
        let single = matches!(include, Value::String(_));
        let mut merged = Value::Object(serde_json::Map::new());
        let mut merged_node = SourceNode::default();
        for written in paths {
            let (value, node) = self.load(written, file, chain, above)?;
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
        above: usize,
    ) -> Result<(Value, SourceNode)> {
        let base = file.parent().unwrap_or(Path::new("/"));
        let resolved = normalize(&base.join(written));
        let Some(root) = self
            .roots
            .iter()
            .find(|root| resolved.starts_with(root))
            .cloned()
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
        let bytes = match crate::input_file::read(&resolved, Within::Root(&root), MAX_FILE_BYTES) {
            Ok(bytes) => bytes,
            Err(ReadError::Escapes { .. }) => {
                return Ok(self.skip(written, file, resolved, IncludeStatus::EscapesViaSymlink));
            }
            Err(error) => return Err(Error::input(&resolved, error)),
        };
        self.total_bytes += bytes.len() as u64;
        if self.total_bytes > MAX_TOTAL_BYTES {
            return Err(Error::Limit {
                path: resolved,
                message: format!(
                    "the config and its includes hold more than {} of text (Pincer's limit)",
                    bytesize::ByteSize(MAX_TOTAL_BYTES)
                ),
            });
        }
        let text =
            crate::input_file::utf8(bytes).map_err(|error| Error::input(&resolved, error))?;
        self.facts.push(IncludeFact {
            written: written.to_owned(),
            from: file.to_path_buf(),
            resolved: resolved.clone(),
            status: IncludeStatus::Included,
        });
        // The included value takes the place of the object that holds the
        // `$include`, inside `above` containers.
        let mut budget = Budget {
            depth: above,
            values_left: self.values_left,
        };
        let (parsed, node) = parse::parse_file(&resolved, &text, false, &mut budget)?;
        self.values_left = budget.values_left;
        chain.push(resolved.clone());
        let value = self.process(parsed, node, &resolved, chain, above);
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

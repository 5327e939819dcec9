//! `$include` resolution as OpenClaw 2026.9 does it — a string or a list of
//! paths, relative to the including file, nested up to 10 deep, merged under
//! sibling keys — read through cap-std directory handles rooted at the
//! config directory (and `OPENCLAW_INCLUDE_ROOTS`). An include that escapes
//! those roots, by `..` or by a symlink, is not followed: it is recorded as
//! an [`IncludeFact`] for the checks. A cycle is an error, and so is a
//! config past Pincer's own bounds: [`MAX_INCLUDES`] entries,
//! [`MAX_TOTAL_BYTES`] of text in all, the nesting and values of
//! `prescan.rs` counted across every file.

use super::located::{Located, Shape};
use super::parse::{self, Budget};
use crate::error::{Error, Result};
use crate::input_file::{ReadError, Within};
use crate::view::{IncludeFact, IncludeStatus};
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
    /// what the includes hold is merged in with where it was written.
    pub(crate) fn resolve(&mut self, value: Located, file: &Path) -> Result<Located> {
        let file = crate::input_file::absolute(file);
        let mut chain = vec![file.clone()];
        self.process(value, &file, &mut chain, 0)
    }

    /// `value` with its includes resolved; `above` is how many containers
    /// hold it in the merged config.
    fn process(
        &mut self,
        value: Located,
        file: &Path,
        chain: &mut Vec<PathBuf>,
        above: usize,
    ) -> Result<Located> {
        let at = value.at;
        match value.shape {
            Shape::Array(items) => {
                let items = items
                    .into_iter()
                    .map(|item| self.process(item, file, chain, above + 1))
                    .collect::<Result<_>>()?;
                Ok(Located {
                    at,
                    shape: Shape::Array(items),
                })
            }
            Shape::Object(mut entries) => {
                // `swap_remove`, as `serde_json::Map::remove` does: the keys
                // keep the order every report so far was made with.
                let include = entries.swap_remove(INCLUDE_KEY);
                let rest = entries
                    .into_iter()
                    .map(|(key, entry)| Ok((key, self.process(entry, file, chain, above + 1)?)))
                    .collect::<Result<indexmap::IndexMap<_, _>>>()?;
                let Some(include) = include else {
                    return Ok(Located {
                        at,
                        shape: Shape::Object(rest),
                    });
                };
                let mut included = self.include(&include, file, chain, above)?;
                if rest.is_empty() {
                    included.at = at;
                    return Ok(included);
                }
                if !included.is_object() {
                    return Err(invalid(
                        file,
                        "keys beside `$include` need the included content to be an object".into(),
                    ));
                }
                let rest = Located {
                    at: None,
                    shape: Shape::Object(rest),
                };
                let mut merged = Located::merge(included, rest);
                merged.at = at;
                Ok(merged)
            }
            scalar @ Shape::Scalar(_) => Ok(Located { at, shape: scalar }),
        }
    }

    fn include(
        &mut self,
        include: &Located,
        file: &Path,
        chain: &mut Vec<PathBuf>,
        above: usize,
    ) -> Result<Located> {
        let paths: Vec<&str> = match &include.shape {
            Shape::Scalar(Value::String(path)) => vec![path.as_str()],
            Shape::Array(items) => items
                .iter()
                .map(|item| match &item.shape {
                    Shape::Scalar(Value::String(path)) => Ok(path.as_str()),
                    other => Err(invalid(
                        file,
                        format!(
                            "`$include` entries must be strings, found {}",
                            json_type(other)
                        ),
                    )),
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
        let single = matches!(include.shape, Shape::Scalar(_));
        let mut merged = Located::empty_object();
        for written in paths {
            let value = self.load(written, file, chain, above)?;
            if single {
                return Ok(value);
            }
            merged = Located::merge(merged, value);
        }
        Ok(merged)
    }

    fn load(
        &mut self,
        written: &str,
        file: &Path,
        chain: &mut Vec<PathBuf>,
        above: usize,
    ) -> Result<Located> {
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
        let parsed = parse::parse_file(&resolved, &text, false, &mut budget)?;
        self.values_left = budget.values_left;
        chain.push(resolved.clone());
        let value = self.process(parsed, &resolved, chain, above);
        chain.pop();
        value
    }

    fn skip(
        &mut self,
        written: &str,
        file: &Path,
        resolved: PathBuf,
        status: IncludeStatus,
    ) -> Located {
        self.facts.push(IncludeFact {
            written: written.to_owned(),
            from: file.to_path_buf(),
            resolved,
            status,
        });
        Located::empty_object()
    }
}
/// What kind of JSON value `value` is, for an error that must not quote it.
fn json_type(value: &Shape) -> &'static str {
    match value {
        Shape::Scalar(Value::Null) => "null",
        Shape::Scalar(Value::Bool(_)) => "a boolean",
        Shape::Scalar(Value::Number(_)) => "a number",
        Shape::Scalar(Value::String(_)) => "a string",
        Shape::Scalar(Value::Array(_)) | Shape::Array(_) => "a list",
        Shape::Scalar(Value::Object(_)) | Shape::Object(_) => "an object",
    }
}

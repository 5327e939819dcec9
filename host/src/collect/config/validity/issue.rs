//! One reason OpenClaw would refuse a config, and the path notation the
//! reference writes it in (`<root>`, `agents.defaults.sandbox`,
//! `bindings.0.agentId`).

use crate::collect::config::source_map::Location;
use serde::Serialize;

/// One step of a path into the config.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Step {
    /// An object's key.
    Key(String),
    /// An array's index.
    Index(usize),
}

/// A path into the config, as steps.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ValuePath(pub Vec<Step>);

impl ValuePath {
    /// This path with `step` appended.
    pub(crate) fn join(&self, step: Step) -> ValuePath {
        let mut steps = self.0.clone();
        steps.push(step);
        ValuePath(steps)
    }

    /// This path with the key `key` appended.
    pub(crate) fn key(&self, key: &str) -> ValuePath {
        self.join(Step::Key(key.to_owned()))
    }

    /// Whether `self` is `other` or lies inside it.
    pub(crate) fn starts_with(&self, other: &ValuePath) -> bool {
        self.0.starts_with(&other.0)
    }

    /// Dotted, indices as numbers; the top level is empty.
    pub(crate) fn dotted(&self) -> String {
        self.0
            .iter()
            .map(|step| match step {
                Step::Key(key) => key.clone(),
                Step::Index(index) => index.to_string(),
            })
            .collect::<Vec<_>>()
            .join(".")
    }

    /// As the reference writes it: dotted, `<root>` for the top level.
    pub(crate) fn reference(&self) -> String {
        if self.0.is_empty() {
            "<root>".to_owned()
        } else {
            self.dotted()
        }
    }
}

/// One reason OpenClaw would refuse the config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigIssue {
    /// The path of the value at fault as the reference writes it: dotted,
    /// indices as numbers, `<root>` for the top level.
    pub path: String,
    /// What is wrong, in words of ours: keys and the schema's allowed
    /// values are named, the config's values never are.
    pub message: String,
    /// The file that holds the value at fault (an included file when the
    /// key was written there).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Its 1-based line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Its 1-based column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl ConfigIssue {
    /// The issue at `path`, written at `at`.
    pub(crate) fn new(path: &ValuePath, message: String, at: Option<&Location>) -> ConfigIssue {
        ConfigIssue {
            path: path.reference(),
            message,
            file: at.map(|at| at.file.display().to_string()),
            line: at.map(|at| at.line),
            column: at.map(|at| at.column),
        }
    }

    /// An issue with the whole of `file` (`<root>`, line 1).
    pub(crate) fn at_top(file: &std::path::Path, message: &str) -> ConfigIssue {
        ConfigIssue {
            path: ValuePath::default().reference(),
            message: message.to_owned(),
            file: Some(file.display().to_string()),
            line: Some(1),
            column: Some(1),
        }
    }

    /// `FILE:LINE:COL: PATH: message` (`FILE:` alone when no line is known).
    pub fn line_text(&self, main_file: &std::path::Path) -> String {
        let file = self
            .file
            .clone()
            .unwrap_or_else(|| main_file.display().to_string());
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                format!("{file}:{line}:{column}: {}: {}", self.path, self.message)
            }
            _ => format!("{file}: {}: {}", self.path, self.message),
        }
    }
}

/// The longest config key a message quotes whole; a longer one is cut.
const QUOTED_KEY_CHARS: usize = 64;

/// A config key as a message quotes it: in double quotes, cut after
/// [`QUOTED_KEY_CHARS`] characters so a hostile key cannot bloat an error.
pub(crate) fn quoted_key(key: &str) -> String {
    match key.char_indices().nth(QUOTED_KEY_CHARS) {
        Some((end, _)) => format!("\"{}…\"", &key[..end]),
        None => format!("\"{key}\""),
    }
}

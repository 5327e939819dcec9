//! Errors of the host library, each tied to the exit code `main` returns.

use std::path::PathBuf;

/// Exit codes, documented in README and `--help`.
pub(crate) mod exit {
    /// Nothing at or above `--fail-on`.
    pub(crate) const CLEAN: u8 = 0;
    /// Findings at or above `--fail-on`.
    pub(crate) const FINDINGS: u8 = 1;
    /// Bad usage, or unreadable or invalid input.
    pub(crate) const INPUT: u8 = 2;
    /// The audit is incomplete: a plugin failed.
    pub(crate) const INCOMPLETE: u8 = 3;
}

/// Everything that stops an audit before it can report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file was read but is not valid.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Flags that do not go together.
    #[error("{0}")]
    Usage(String),
    /// No config path could be worked out.
    #[error("no config file given and no home directory to find ~/.openclaw/openclaw.json in")]
    NoConfigPath,
    /// A plugin file could not be loaded.
    #[error("plugin {path}: {message}")]
    Plugin {
        /// The plugin file (or built-in name).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The report could not be written.
    #[error("cannot write the report to {target}: {source}")]
    Write {
        /// Where it was going.
        target: String,
        /// Why.
        source: std::io::Error,
    },
    /// OpenClaw would refuse the config: the gateway would not start on it,
    /// so a report on it would describe nothing that runs.
    #[error("{}", refusal_text(config, issues))]
    ConfigRefused {
        /// The main config file.
        config: PathBuf,
        /// Every reason, located.
        issues: Vec<crate::collect::config::validity::ConfigIssue>,
    },
    /// The wasm engine could not be set up.
    #[error("cannot start the plugin runtime: {0}")]
    Engine(String),
    /// An input is larger than Pincer's limit for it.
    #[error("{path}: {message}")]
    Limit {
        /// The file.
        path: PathBuf,
        /// Which limit, and by what.
        message: String,
    },
}

impl Error {
    /// The exit code this error ends the process with.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Read { .. }
            | Error::Invalid { .. }
            | Error::NoConfigPath
            | Error::Usage(_)
            | Error::Plugin { .. }
            | Error::Write { .. }
            | Error::Limit { .. }
            | Error::ConfigRefused { .. } => exit::INPUT,
            Error::Engine(_) => exit::INCOMPLETE,
        }
    }
}

impl Error {
    /// The error for an input file `path` that could not be read: text that
    /// is not UTF-8 names its line and column.
    pub fn input(path: &std::path::Path, error: crate::input_file::ReadError) -> Error {
        match error {
            crate::input_file::ReadError::NotUtf8 { line, column } => Error::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message: "not UTF-8 text".to_owned(),
            },
            crate::input_file::ReadError::Missing => Error::Read {
                path: path.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file or directory",
                ),
            },
            crate::input_file::ReadError::Io(source) => Error::Read {
                path: path.to_path_buf(),
                source,
            },
            other => Error::Read {
                path: path.to_path_buf(),
                source: std::io::Error::other(other.to_string()),
            },
        }
    }
}

/// The refusal as people read it: a line that says so, then one
/// `FILE:LINE:COL: PATH: message` line per issue.
fn refusal_text(
    config: &std::path::Path,
    issues: &[crate::collect::config::validity::ConfigIssue],
) -> String {
    let mut text = format!(
        "OpenClaw would refuse {} ({} issue{}): the gateway does not start on it, so Pincer \
         does not audit it (--allow-invalid audits it anyway)",
        config.display(),
        issues.len(),
        if issues.len() == 1 { "" } else { "s" }
    );
    for issue in issues {
        text.push('\n');
        text.push_str(&issue.line_text(config));
    }
    text
}

/// Result with the host's [`Error`].
pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

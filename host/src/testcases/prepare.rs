//! A case made ready to audit: its private home with the state directory
//! and config built from the case (`case_home.rs`), and, outside that home
//! (the case's files may touch it), the `pincer.toml` holding its `params`.
//! `pincer test` audits each case through it, and so do the end-to-end
//! parity tests with every built-in plugin.

use super::cases::{CASE_FILE, Case};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A case's private home and settings, removed when dropped.
#[derive(Debug)]
pub struct PreparedCase {
    home: tempfile::TempDir,
    settings_dir: tempfile::TempDir,
    config: PathBuf,
}

fn temporary() -> Result<tempfile::TempDir> {
    tempfile::tempdir().map_err(|source| Error::Write {
        target: "a temporary directory".into(),
        source,
    })
}

impl PreparedCase {
    /// Builds the case's home (`HOME/.openclaw` the state directory, its
    /// config in it) and writes its `params` as `[params.<name>]` tables.
    ///
    /// # Errors
    ///
    /// When a `files` entry is invalid, leaves the home or goes through a
    /// symlink, when the params have no TOML form, or when writing fails.
    pub fn new(case: &Case) -> Result<PreparedCase> {
        let home = temporary()?;
        let settings_dir = temporary()?;
        let settings = settings_dir.path().join("pincer.toml");
        let params = serde_json::json!({ "params": case.spec.params });
        let text = toml::to_string(&params).map_err(|error| Error::Invalid {
            path: case.dir.join(CASE_FILE),
            line: 1,
            column: 1,
            message: format!("params cannot be written as pincer.toml: {error}"),
        })?;
        std::fs::write(&settings, text).map_err(|source| Error::Write {
            target: settings.display().to_string(),
            source,
        })?;
        let state = home.path().join(".openclaw");
        let config =
            super::case_home::build(&case.dir, &case.file(), case.spec.files.as_deref(), &state)?;
        Ok(PreparedCase {
            home,
            settings_dir,
            config,
        })
    }

    /// The private home (`HOME` of the audit).
    #[must_use]
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// The state directory, `HOME/.openclaw`.
    #[must_use]
    pub fn state(&self) -> PathBuf {
        self.home.path().join(".openclaw")
    }

    /// The config, `HOME/.openclaw/openclaw.json`.
    #[must_use]
    pub fn config(&self) -> &Path {
        &self.config
    }

    /// The `pincer.toml` of the case's `params`.
    #[must_use]
    pub fn settings(&self) -> PathBuf {
        self.settings_dir.path().join("pincer.toml")
    }
}

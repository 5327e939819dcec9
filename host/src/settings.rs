//! `pincer.toml`: settings for every run, read from `--settings FILE`, else
//! `./pincer.toml`, else `$XDG_CONFIG_HOME/pincer/pincer.toml` (default
//! `~/.config/pincer/pincer.toml`). Unknown keys are errors that name the
//! file and line, so a typo never silently weakens a limit.

use crate::error::{Error, Result};
use crate::runtime::limits::LimitOverrides;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The contents of a `pincer.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Plugin limits (`[limits]`).
    #[serde(default)]
    pub limits: LimitOverrides,
}

/// Where the settings file is, if there is one.
fn discover() -> Option<PathBuf> {
    let local = PathBuf::from("pincer.toml");
    if local.is_file() {
        return Some(local);
    }
    let config_home = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    let global = config_home.join("pincer").join("pincer.toml");
    global.is_file().then_some(global)
}

/// Loads the explicit settings file, or the discovered one, or defaults.
pub fn load(explicit: Option<&Path>) -> Result<Settings> {
    let Some(path) = explicit.map(Path::to_path_buf).or_else(discover) else {
        return Ok(Settings::default());
    };
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
        path: path.clone(),
        source,
    })?;
    parse(&path, &text)
}

/// Parses settings text; errors carry the file, line and column.
pub fn parse(path: &Path, text: &str) -> Result<Settings> {
    toml::from_str(text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Error::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            message: error.message().to_owned(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_names_its_line() {
        let text = "[limits]\nmemory = \"8 MiB\"\ntimeuot = \"1s\"\n";
        match parse(Path::new("pincer.toml"), text) {
            Err(Error::Invalid { line, message, .. }) => {
                assert_eq!(line, 3);
                assert!(message.contains("timeuot"), "{message}");
            }
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn limits_are_read() {
        let settings = parse(Path::new("p.toml"), "[limits]\nmax-output = \"1 KiB\"\n").unwrap();
        assert_eq!(settings.limits.max_output, Some(1024));
    }
}

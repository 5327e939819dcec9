//! `pincer.toml`: settings for every run, read from `--settings FILE`, else
//! `./pincer.toml`, else `$XDG_CONFIG_HOME/pincer/pincer.toml` (default
//! `~/.config/pincer/pincer.toml`). Unknown keys are errors that name the
//! file and line, so a typo never silently weakens a limit; so is a
//! `[params.NAME]` table that names no loaded plugin, and so is a
//! `[[suppress]]` rule without a reason. `packs = ["DIR", ...]` names rule
//! packs, relative to the file.

use crate::error::{Error, Result};
use crate::input_file::line_of;
use crate::policy::params::{ParamsOrigin, PluginParams};
use crate::policy::suppress::rules::{Rule, RuleSpec};
use crate::runtime::limits::LimitOverrides;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The contents of a `pincer.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settings {
    /// Plugin limits (`[limits]`).
    #[serde(default)]
    pub limits: LimitOverrides,
    /// Per-plugin parameters (`[params.<plugin-name>]`), as written.
    #[serde(default)]
    params: BTreeMap<toml::Spanned<String>, toml::Table>,
    /// Accepted risks (`[[suppress]]`), as written.
    #[serde(default)]
    suppress: Vec<toml::Spanned<RuleSpec>>,
    /// Rule pack directories, relative to this file's directory.
    #[serde(default)]
    packs: Vec<String>,
}

impl Settings {
    /// The plugins' parameters, each with the file and line that set it.
    pub(crate) fn plugin_params(&self, path: Option<&Path>, text: &str) -> PluginParams {
        let mut params = PluginParams::default();
        for (name, table) in &self.params {
            let origin = path.map(|path| ParamsOrigin {
                path: path.to_path_buf(),
                line: line_of(text, name.span().start),
            });
            params.insert(name.get_ref().clone(), table, origin);
        }
        params
    }

    /// The pack directories named by `packs`, relative to `path`'s
    /// directory.
    pub(crate) fn pack_dirs(&self, path: &Path) -> Vec<PathBuf> {
        let base = path.parent().unwrap_or(Path::new("."));
        self.packs.iter().map(|dir| base.join(dir)).collect()
    }

    /// The `[[suppress]]` rules, checked; an error names the rule's line.
    pub(crate) fn suppression_rules(&self, path: &Path, text: &str) -> Result<Vec<Rule>> {
        self.suppress
            .iter()
            .map(|spec| Rule::compile(spec.get_ref(), path, line_of(text, spec.span().start)))
            .collect()
    }
}

/// A loaded settings file: what it says and where it came from.
#[derive(Debug, Clone, Default)]
pub(crate) struct LoadedSettings {
    /// The settings.
    pub settings: Settings,
    /// The plugins' parameters, with their origins.
    pub params: PluginParams,
    /// The `[[suppress]]` rules.
    pub suppressions: Vec<Rule>,
    /// The rule packs it names.
    pub packs: Vec<PathBuf>,
}

/// Where the settings file is, if there is one.
fn discover(env: &crate::env::Env) -> Option<PathBuf> {
    let local = PathBuf::from("pincer.toml");
    if local.is_file() {
        return Some(local);
    }
    let config_home = env
        .path("XDG_CONFIG_HOME")
        .or_else(|| env.home().map(|home| home.join(".config")))?;
    let global = config_home.join("pincer").join("pincer.toml");
    global.is_file().then_some(global)
}

/// Loads the explicit settings file, or the discovered one, or defaults.
pub(crate) fn load(explicit: Option<&Path>, env: &crate::env::Env) -> Result<LoadedSettings> {
    let Some(path) = explicit.map(Path::to_path_buf).or_else(|| discover(env)) else {
        return Ok(LoadedSettings::default());
    };
    // A regular file only (a FIFO cannot hang the run), size-capped.
    let text = crate::input_file::read_text(&path, crate::input_file::Within::Anywhere, 1 << 20)
        .map_err(|error| Error::input(&path, error))?;
    let settings = parse(&path, &text)?;
    let params = settings.plugin_params(Some(&path), &text);
    let suppressions = settings.suppression_rules(&path, &text)?;
    let packs = settings.pack_dirs(&path);
    Ok(LoadedSettings {
        settings,
        params,
        suppressions,
        packs,
    })
}

/// Parses settings text; errors carry the file, line and column.
pub(crate) fn parse(path: &Path, text: &str) -> Result<Settings> {
    parse_toml(path, text)
}

/// Parses TOML text from `path` into `T`; errors carry the file, line and
/// column.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        let before = &text[..offset.min(text.len())];
        let line = line_of(text, offset);
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Error::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            message: crate::value_free::without_values(error.message()),
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

    #[test]
    fn params_keep_their_plugin_and_line() {
        let text = "[limits]\nfuel = 10\n\n[params.control-plane]\ngatewayPort = 19001\n";
        let settings = parse(Path::new("p.toml"), text).unwrap();
        let params = settings.plugin_params(Some(Path::new("p.toml")), text);
        let json = params.json_by_plugin();
        assert_eq!(
            json.get("control-plane").map(String::as_str),
            Some(r#"{"gatewayPort":19001}"#)
        );
        assert_eq!(json.get("sandbox"), None, "an unset plugin gets `{{}}`");
        let error = params.check_names(&["sandbox"]).unwrap_err().to_string();
        assert!(error.starts_with("p.toml:4:"), "{error}");
        assert!(error.contains("control-plane"), "{error}");
    }
}

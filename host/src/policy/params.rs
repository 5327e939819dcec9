//! Plugins' parameters: the `[params.<plugin-name>]` tables of
//! `pincer.toml`, handed to each plugin as JSON through the WIT `params`
//! interface. The host does not interpret them (each plugin validates its
//! own), but it refuses a table that names no loaded plugin, so a misspelt
//! plugin name never silently drops a policy.

use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Where a plugin's parameters were set.
#[derive(Debug, Clone)]
pub(crate) struct ParamsOrigin {
    /// The settings file.
    pub(crate) path: PathBuf,
    /// The line of its `[params.NAME]` header.
    pub(crate) line: usize,
}

/// One plugin's parameters, as JSON text.
#[derive(Debug, Clone)]
struct Entry {
    json: String,
    origin: Option<ParamsOrigin>,
}

/// Every plugin's parameters, by plugin name.
#[derive(Debug, Clone, Default)]
pub(crate) struct PluginParams {
    by_plugin: BTreeMap<String, Entry>,
}

impl PluginParams {
    /// Sets `plugin`'s parameters.
    pub(crate) fn insert(
        &mut self,
        plugin: String,
        table: &toml::Table,
        origin: Option<ParamsOrigin>,
    ) {
        let json = serde_json::to_string(table).unwrap_or_else(|_| "{}".to_owned());
        self.by_plugin.insert(plugin, Entry { json, origin });
    }

    /// Adds `other`'s parameters; a plugin given parameters in both is an
    /// error naming both places (one plugin's policy is set in one place).
    pub(crate) fn merge(&mut self, other: PluginParams) -> Result<()> {
        for (name, entry) in other.by_plugin {
            if let Some(existing) = self.by_plugin.get(&name) {
                let place = |origin: &Option<ParamsOrigin>| {
                    origin.as_ref().map_or_else(
                        || "elsewhere".to_owned(),
                        |o| format!("{}:{}", o.path.display(), o.line),
                    )
                };
                let message = format!(
                    "parameters for {name} are set twice, here and at {}; set them in one place",
                    place(&existing.origin)
                );
                return Err(match &entry.origin {
                    Some(origin) => Error::Invalid {
                        path: origin.path.clone(),
                        line: origin.line,
                        column: 1,
                        message,
                    },
                    None => Error::Usage(message),
                });
            }
            self.by_plugin.insert(name, entry);
        }
        Ok(())
    }

    /// The plugins given parameters, with where each was set.
    pub(crate) fn origins(&self) -> impl Iterator<Item = (&str, Option<&ParamsOrigin>)> {
        self.by_plugin
            .iter()
            .map(|(name, entry)| (name.as_str(), entry.origin.as_ref()))
    }

    /// Every plugin's JSON object, by name: what the runtime hands each.
    pub(crate) fn json_by_plugin(&self) -> BTreeMap<String, String> {
        self.by_plugin
            .iter()
            .map(|(name, entry)| (name.clone(), entry.json.clone()))
            .collect()
    }

    /// Fails on the first parameter table whose plugin is not among
    /// `loaded`, naming its file and line and the plugins there are.
    pub(crate) fn check_names(&self, loaded: &[&str]) -> Result<()> {
        let Some((name, entry)) = self
            .by_plugin
            .iter()
            .find(|(name, _)| !loaded.contains(&name.as_str()))
        else {
            return Ok(());
        };
        let message = format!(
            "[params.{name}] names no loaded plugin (loaded: {})",
            loaded.join(", ")
        );
        Err(match &entry.origin {
            Some(origin) => Error::Invalid {
                path: origin.path.clone(),
                line: origin.line,
                column: 1,
                message,
            },
            None => Error::Plugin {
                path: name.clone(),
                message,
            },
        })
    }
}

//! The subcommands, and what they share: loading plugins, writing output.

pub mod audit;
pub mod checks;
pub mod diff;
pub mod fleet;
mod progress;
pub mod view;

use crate::builtin::BUILTIN_PLUGINS;
use crate::cli::PluginArgs;
use crate::error::{Error, Result};
use crate::runtime::{LoadedPlugin, PluginSource, Runtime};

/// Loads the built-in plugins (unless disabled) and the extra plugin files.
pub(crate) fn load_plugins(runtime: &Runtime, args: &PluginArgs) -> Result<Vec<LoadedPlugin>> {
    let mut plugins = Vec::new();
    if !args.no_builtin {
        for (name, bytes) in BUILTIN_PLUGINS {
            plugins.push(runtime.load(PluginSource::Builtin(name), bytes)?);
        }
    }
    for path in &args.plugins {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        plugins.push(runtime.load(PluginSource::File(path.clone()), &bytes)?);
    }
    Ok(plugins)
}

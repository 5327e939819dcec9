//! The subcommands, and what they share: loading plugins, writing output.

pub mod audit;
pub mod checks;
pub mod diff;
pub mod fleet;
pub mod history;
pub mod new;
pub mod pack;
pub mod plugins;
mod progress;
pub mod test_cases;
pub mod view;
pub mod watch;

use crate::builtin::BUILTIN_PLUGINS;
use crate::cli::PluginArgs;
use crate::error::{Error, Result};
use crate::runtime::{LoadedPlugin, PluginSource, Runtime};

/// Loads the built-in plugins, with the digests the build computed.
pub(crate) fn load_builtins(runtime: &Runtime) -> Result<Vec<LoadedPlugin>> {
    BUILTIN_PLUGINS
        .iter()
        .map(|(name, bytes, sha256)| {
            runtime.load_hashed(PluginSource::Builtin(name), bytes, (*sha256).to_owned())
        })
        .collect()
}

/// Loads the built-in plugins (unless disabled) and the extra plugin files.
pub(crate) fn load_plugins(runtime: &Runtime, args: &PluginArgs) -> Result<Vec<LoadedPlugin>> {
    let mut plugins = Vec::new();
    if !args.no_builtin {
        plugins = load_builtins(runtime)?;
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

/// Prints `value` to stdout as pretty JSON, or as the table `render` draws.
pub(crate) fn print_json_or_table<T: serde::Serialize>(
    format: crate::cli::Format,
    value: &T,
    render: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(anstream::AutoStream::auto(std::io::stdout().lock()));
    let written = match format {
        crate::cli::Format::Json => serde_json::to_writer_pretty(&mut out, value)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
        crate::cli::Format::Table => render(&mut out),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|source| Error::Write {
            target: "stdout".into(),
            source,
        })
}

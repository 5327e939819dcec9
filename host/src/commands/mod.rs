//! The subcommands and their dispatch (`main`), and what they share:
//! loading plugins.

mod alert;
pub(crate) mod audit;
pub(crate) mod checks;
pub(crate) mod diff;
pub(crate) mod fleet;
pub(crate) mod history;
pub(crate) mod new;
pub(crate) mod pack;
pub(crate) mod plugins;
mod progress;
pub(crate) mod test_cases;
pub(crate) mod view;
pub(crate) mod watch;

use crate::builtin::BUILTIN_PLUGINS;
use crate::cli::{Cli, Command, PackCommand, PluginArgs, PluginsCommand};
use crate::error::{Error, Result};
use crate::runtime::{LoadedPlugin, PluginSource, Runtime};
use clap::Parser as _;

/// Loads the built-in plugins, with the digests the build computed.
pub(crate) fn load_builtins(runtime: &Runtime) -> Result<Vec<LoadedPlugin>> {
    BUILTIN_PLUGINS
        .iter()
        .map(|(name, bytes, sha256)| {
            runtime.load_hashed(PluginSource::Builtin(name), bytes, (*sha256).to_owned())
        })
        .collect()
}

/// Loads the built-in plugins (unless disabled) and the extra plugin
/// files, and admits them: no third-party plugin may speak for a built-in,
/// the host or another loaded plugin.
pub(crate) fn load_plugins(runtime: &Runtime, args: &PluginArgs) -> Result<Vec<LoadedPlugin>> {
    let mut plugins = Vec::new();
    if !args.no_builtin {
        plugins = load_builtins(runtime)?;
    }
    for path in &args.plugins {
        plugins.push(load_file(runtime, path)?);
    }
    crate::runtime::ownership::admit(&mut plugins);
    Ok(plugins)
}

/// Loads one plugin file, read once.
pub(crate) fn load_file(runtime: &Runtime, path: &std::path::Path) -> Result<LoadedPlugin> {
    let bytes = read_plugin(path)?;
    runtime.load(PluginSource::file(path), &bytes)
}

/// A plugin file's bytes: a regular file of at most the component bound,
/// read once.
pub(crate) fn read_plugin(path: &std::path::Path) -> Result<Vec<u8>> {
    let error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    // Stated before it is opened: opening a FIFO would wait for a writer.
    if !std::fs::metadata(path).map_err(error)?.is_file() {
        return Err(error(std::io::Error::other("not a regular file")));
    }
    let file = std::fs::File::open(path).map_err(error)?;
    if !file.metadata().map_err(error)?.is_file() {
        return Err(error(std::io::Error::other("not a regular file")));
    }
    let bound = crate::runtime::MAX_COMPONENT_BYTES;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, u64::try_from(bound).unwrap_or(u64::MAX) + 1),
        &mut bytes,
    )
    .map_err(error)?;
    if bytes.len() > bound {
        return Err(error(std::io::Error::other(format!(
            "larger than {bound} bytes, the bound for a plugin"
        ))));
    }
    Ok(bytes)
}

/// Parses the command line and runs the command; returns the exit code.
pub fn main() -> Result<u8> {
    let cli = Cli::parse();
    // The one reading of the process environment; everything below is
    // handed this copy.
    let env = crate::env::Env::of_process();
    match cli.command {
        Command::Audit(args) if args.is_fleet() => fleet::run(*args, &env),
        Command::Audit(args) => audit::run(&args, &env),
        Command::Checks(args) => checks::run(args, &env),
        Command::View(args) => view::run(args, &env),
        Command::Diff(args) => diff::run(&args),
        Command::Plugins(PluginsCommand::Inspect(args)) => plugins::run(&args, &env),
        Command::Test(args) => test_cases::run(&args, &env),
        Command::New(args) => new::run(&args, &env),
        Command::Pack(PackCommand::Verify(args)) => pack::verify(&args, &env),
        Command::History(args) => history::run(&args, &env),
        Command::Watch(args) => watch::run(*args, &env),
    }
}

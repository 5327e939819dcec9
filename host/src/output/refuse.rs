//! Pincer never writes to what it audits: every output path, and the
//! compiled-plugin cache, checked against everything an audit reads.

use crate::collect::locate::{Target, locate};
use crate::env::Env;
use crate::error::Result;
use std::path::{Path, PathBuf};

/// `dir` for a cache, unless it is or lies inside anything an audit reads
/// (Pincer never writes there): then none, and nothing is created.
/// Decided before the directory is made.
pub(crate) fn cache_outside(
    dir: Option<PathBuf>,
    targets: &[Target],
    env: &Env,
) -> Option<PathBuf> {
    dir.filter(|dir| {
        !targets
            .iter()
            .any(|target| audited_paths(target, env).holds(dir).is_some())
    })
}

/// Pincer never writes to what it audits: refuse an output path that is,
/// or lies inside, anything an audit of one of `targets` reads or would
/// read ([`crate::output::read_paths`]).
pub(crate) fn refuse_writing_into(output: &Path, targets: &[Target], env: &Env) -> Result<()> {
    for target in targets {
        audited_paths(target, env).refuse(output)?;
    }
    Ok(())
}

/// For a command that writes without auditing (`pincer history`, `pincer
/// new`): refuse a path inside what an audit of this machine's
/// installation (`OPENCLAW_STATE_DIR`, `OPENCLAW_CONFIG_PATH` or
/// `~/.openclaw`) reads. Without a home there is no such installation.
pub(crate) fn refuse_writing_into_installation(output: &Path, env: &Env) -> Result<()> {
    match locate(None, None, env) {
        Ok(target) => refuse_writing_into(output, std::slice::from_ref(&target), env),
        Err(_) => Ok(()),
    }
}

/// Everything an audit of `target` reads or would read, as far as its
/// config (loaded for its includes, secret files, workspaces and log file;
/// when it cannot be loaded, the audit stops before writing anyway) and
/// the environment tell, with the machine's gateway service definitions.
fn audited_paths(target: &Target, env: &Env) -> crate::output::read_paths::ReadPaths {
    let loaded = crate::collect::config::load(&target.config, env).ok();
    let mut read = crate::output::read_paths::expected(
        target,
        loaded
            .as_ref()
            .map(|loaded| (&loaded.value, loaded.includes.as_slice())),
        &|name| env.get(name),
    );
    for (role, path) in crate::collect::services::gateway_services(env.home().as_deref()) {
        read.file(&role, path);
    }
    read
}

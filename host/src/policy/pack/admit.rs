//! Admitting packs into a run, all or nothing: before any target is
//! audited, every plugin runs once on an empty installation with the
//! run's parameters. A pack plugin that fails there (it does not link,
//! cannot describe itself, rejects its parameters, claims a name or check
//! id another plugin owns), a plugin rejecting parameters a pack set, or a
//! pack rule naming no declared check refuses the run (exit 2).

use super::Pack;
use super::policy::Policy;
use crate::error::{Error, Result};
use crate::runtime::info::PluginInfo;
use crate::runtime::{Failure, LoadedPlugin, Parallelism, Runtime, run_all};
use crate::view::PluginView;
use std::sync::Arc;

/// Runs the admission check; `owners[i]` names the pack plugin `i` came
/// from. Returns what each plugin said of itself (`None` for a plugin that
/// no pack brought and that failed: the audit reports it).
pub(crate) fn admit(
    runtime: &Runtime,
    plugins: &[LoadedPlugin],
    owners: &[Option<String>],
    packs: &[Pack],
    policy: &Policy,
) -> Result<Vec<Option<PluginInfo>>> {
    let runs = run_all(
        runtime,
        plugins,
        &Arc::new(PluginView::empty()),
        Parallelism::InTurn,
    );
    let set_by_pack = |plugin: &str| {
        packs.iter().find_map(|pack| {
            pack.params
                .origins()
                .find(|(name, _)| *name == plugin)
                .map(|(_, origin)| (pack, origin.cloned()))
        })
    };
    let mut infos = Vec::with_capacity(runs.len());
    for (run, owner) in runs.into_iter().zip(owners) {
        if let (Some(info), Some(Failure::InvalidParams(message))) = (&run.info, &run.failure)
            && let Some((pack, origin)) = set_by_pack(&info.name)
        {
            let message = format!(
                "[params.{}] of pack {}: invalid parameters: {message}; the pack is refused",
                info.name, pack.name
            );
            return Err(match origin {
                Some(origin) => Error::Invalid {
                    path: origin.path,
                    line: origin.line,
                    column: 1,
                    message,
                },
                None => Error::Usage(message),
            });
        }
        if let (Some(pack), Some(failure)) = (owner, &run.failure) {
            return Err(Error::Plugin {
                path: run.source,
                message: format!(
                    "of pack {pack} fails on an empty installation ({failure}); the pack is refused"
                ),
            });
        }
        infos.push(run.info);
    }
    let declared: Vec<&str> = infos
        .iter()
        .flatten()
        .flat_map(|info| info.checks.iter().map(|check| check.id.as_str()))
        .collect();
    policy.check_names(&declared)?;
    Ok(infos)
}

//! Plugins cannot forge or hide each other's results: a plugin whose name,
//! or any of whose check ids, was already claimed by an earlier plugin
//! (built-ins come first) fails, and its findings are dropped.

use super::failure::Failure;
use super::run::PluginRun;
use std::collections::BTreeMap;

/// Marks every plugin that claims another plugin's name or check id.
pub fn enforce(runs: &mut [PluginRun]) {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for run in runs.iter_mut() {
        let Some(info) = &run.info else { continue };
        let conflict = if let Some(owner) = names.get(&info.name) {
            Some(format!(
                "plugin name `{}` is already used by {owner}",
                info.name
            ))
        } else {
            info.checks
                .iter()
                .find_map(|check| {
                    ids.get(&check.id)
                        .map(|owner| (check.id.clone(), owner.clone()))
                })
                .map(|(id, owner)| format!("declares check id `{id}`, which {owner} owns"))
        };
        match conflict {
            Some(message) => {
                run.findings.clear();
                run.failure = Some(Failure::InvalidOutput(message));
            }
            None => {
                names.insert(info.name.clone(), run.source.clone());
                for check in &info.checks {
                    ids.insert(check.id.clone(), format!("plugin `{}`", info.name));
                }
            }
        }
    }
}

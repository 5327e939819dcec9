//! `sandbox.apply_patch_outside_workspace` (Pincer's own, from the
//! security baseline): apply_patch writes only inside the workspace.
//! `tools.exec.applyPatch.workspaceOnly` is true by default; setting it
//! false frees apply_patch unless `tools.fs.workspaceOnly` confines it. An
//! agent's own `tools.exec.applyPatch` replaces the global object.

use pincer_sdk::agents::{Agent, roster};
use pincer_sdk::prelude::*;
use serde_json::Value;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "sandbox.apply_patch_outside_workspace",
    severity: Severity::Warn,
    title: "apply_patch may write outside the workspace",
    description: "apply_patch edits files from a model-written diff. With \
                  tools.exec.applyPatch.workspaceOnly false (and tools.fs.workspaceOnly not \
                  true) a diff can name any path the gateway user may write: shell profiles, \
                  cron files, the gateway config.",
    remediation: "Remove tools.exec.applyPatch.workspaceOnly = false (true is the default), \
                  globally and in agent entries, or set tools.fs.workspaceOnly to true.",
    references: &["https://docs.openclaw.ai/tools/apply-patch"],
};

const APPLY: &str = "tools.exec.applyPatch";
const FS: &str = "tools.fs.workspaceOnly";

/// Whether apply_patch is free, given the applyPatch object in force and
/// the fs confinement in force.
fn unconfined(apply_patch: Option<&Value>, fs_confined: Option<bool>) -> bool {
    let confined = apply_patch
        .and_then(|a| a.get("workspaceOnly"))
        .and_then(Value::as_bool)
        .unwrap_or(true);
    !confined && fs_confined != Some(true)
}

fn agent_unconfined(view: &View, agent: &Agent<'_>) -> Option<bool> {
    let own_apply = agent.get(APPLY);
    let own_fs = agent.get(FS).and_then(Value::as_bool);
    if own_apply.is_none() && own_fs.is_none() {
        return None;
    }
    Some(unconfined(
        own_apply.or_else(|| view.get(APPLY)),
        own_fs.or_else(|| view.bool(FS)),
    ))
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let global = unconfined(view.get(APPLY), view.bool(FS));
    if global {
        out.push(
            META.finding(format!(
                "{APPLY}.workspaceOnly is false and {FS} is not true."
            ))
            .at(format!("{APPLY}.workspaceOnly")),
        );
    }
    for agent in roster(view) {
        if agent_unconfined(view, &agent) == Some(true) && !global {
            let at = format!("{}.{APPLY}", agent.path());
            out.push(
                META.finding(format!(
                    "{} frees apply_patch from the workspace for this agent.",
                    agent.path()
                ))
                .at(at),
            );
        }
    }
}

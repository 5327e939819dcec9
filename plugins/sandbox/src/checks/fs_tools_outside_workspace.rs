//! `sandbox.fs_tools_outside_workspace` (Pincer's own, from the security
//! baseline): the file tools (read, write, edit, ls) are confined to the
//! agent's workspace — `tools.fs.workspaceOnly` is true, and no agent
//! turns it off for itself.

use pincer_sdk::agents::roster;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "sandbox.fs_tools_outside_workspace",
    severity: Severity::Warn,
    title: "File tools may read and write outside the workspace",
    description: "Unless tools.fs.workspaceOnly is true (it is false by default) the file tools \
                  accept any path the gateway user can open: the state directory with its \
                  tokens, SSH keys, shell profiles. The baseline confines them to the agent's \
                  workspace.",
    remediation: "Set tools.fs.workspaceOnly to true, and remove tools.fs.workspaceOnly = false \
                  from agent entries.",
    references: &["https://docs.openclaw.ai/tools/fs"],
};

const PATH: &str = "tools.fs.workspaceOnly";

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let global = view.bool(PATH);
    if global != Some(true) {
        let state = match global {
            Some(_) => "is false",
            None => "is unset (false by default)",
        };
        out.push(META.finding(format!("{PATH} {state}.")).at(PATH));
        return;
    }
    for agent in roster(view) {
        if agent.get(PATH).and_then(serde_json::Value::as_bool) == Some(false) {
            let at = format!("{}.{PATH}", agent.path());
            out.push(META.finding(format!("{at} is false.")).at(at));
        }
    }
}

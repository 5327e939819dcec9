//! `tools.exec.fs_tools_disabled_but_exec_enabled`: the file-writing tools
//! are taken away but exec is not, on a host exec can write to — the
//! restriction is cosmetic, since a shell writes files too.

use pincer_sdk::agents::{Agent, default_sandbox_mode, roster};
use pincer_sdk::prelude::*;
use pincer_sdk::tools::LanePolicy;
use serde_json::Value;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.exec.fs_tools_disabled_but_exec_enabled",
    severity: Severity::Warn,
    title: "File tools disabled while exec stays enabled",
    description: "write, edit and apply_patch are unavailable, which suggests the lane should \
                  not change files, yet exec is available and not confined to a read-only \
                  sandbox: any shell command can still write anywhere the gateway user can.",
    remediation: "Deny exec (and process) too, or sandbox the lane in mode \"all\" with \
                  workspaceAccess \"none\" or \"ro\" and a sandbox exec host.",
    references: &["https://docs.openclaw.ai/tools/exec"],
};

/// Whether exec in this lane is held to a sandbox that cannot write the
/// host's files.
fn exec_confined(view: &View, agent: Option<&Agent<'_>>) -> bool {
    let setting = |path: &str| {
        agent
            .and_then(|a| a.get(path))
            .and_then(Value::as_str)
            .or_else(|| view.str(&format!("agents.defaults.{path}")))
    };
    let mode = agent.map_or_else(|| default_sandbox_mode(view), |a| a.sandbox_mode(view));
    let host = agent
        .and_then(|a| a.get("tools.exec.host"))
        .and_then(Value::as_str)
        .or_else(|| view.str("tools.exec.host"))
        .unwrap_or("auto");
    mode == "all"
        && !matches!(host, "gateway" | "node")
        && setting("sandbox.workspaceAccess") != Some("rw")
}

fn hit(view: &View, agent: Option<&Agent<'_>>) -> bool {
    if exec_confined(view, agent) {
        return false;
    }
    let policy = LanePolicy::new(view, agent, None, true);
    policy.allows("exec")
        && ["write", "edit", "apply_patch"]
            .iter()
            .all(|t| !policy.allows(t))
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let mut scopes = Vec::new();
    if hit(view, None) {
        scopes.push("tools".to_owned());
    }
    for agent in roster(view) {
        if hit(view, Some(&agent)) {
            scopes.push(format!("{}.tools", agent.path()));
        }
    }
    if let Some(first) = scopes.first().cloned() {
        out.push(
            META.finding(format!(
                "exec stays available without write, edit or apply_patch in: {}.",
                scopes.join(", ")
            ))
            .at(first),
        );
    }
}

//! `tools.exec.full_without_approval` (Pincer's own, from the security
//! baseline: approvals for uncommon binaries and privileged operations):
//! a lane runs host commands with security `full` and ask `off` — any
//! command, nobody asked. This is also what a gateway does when nothing
//! is configured, which the reference's `security_full_configured` does not
//! see.

use pincer_sdk::agents::{Agent, roster};
use pincer_sdk::prelude::*;

use pincer_sdk::exec::{Ask, Security, exec_policy};

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.exec.full_without_approval",
    severity: Severity::Critical,
    title: "Host commands run with full security and no approval",
    description: "The lane's exec runs on the host with security \"full\" and ask \"off\", after \
                  the exec approvals and the config are combined: the model may run any \
                  command the gateway user may, and no one is asked. With no exec settings and \
                  no sandbox this is the gateway's default.",
    remediation: "Sandbox the lane (sandbox.mode \"all\"), or set tools.exec.security to \
                  \"allowlist\" with tools.exec.ask \"on-miss\" (tools.exec.mode \"ask\").",
    references: &["https://docs.openclaw.ai/tools/exec-approvals"],
};

fn unguarded(view: &View, agent: Option<&Agent<'_>>) -> bool {
    let policy = exec_policy(view, agent);
    !policy.in_sandbox && policy.security == Security::Full && policy.ask == Ask::Off
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let mut lanes = Vec::new();
    if unguarded(view, None) {
        lanes.push("agents.defaults".to_owned());
    }
    for agent in roster(view) {
        if unguarded(view, Some(&agent)) {
            lanes.push(agent.path());
        }
    }
    if !lanes.is_empty() {
        out.push(
            META.finding(format!(
                "Host exec with security full and ask off in: {}.",
                lanes.join(", ")
            ))
            .at("tools.exec"),
        );
    }
}

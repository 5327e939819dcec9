//! `sandbox.mode_not_all` (Pincer's own, from the security baseline):
//! every agent lane runs sandboxed — `agents.defaults.sandbox.mode` is
//! `all` and no agent lowers it. Off is critical (the baseline's
//! non-negotiable); `non-main` leaves the main session on the host.

use pincer_sdk::agents::{DEFAULT_SANDBOX_MODE, roster};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "sandbox.mode_not_all",
    severity: Severity::Critical,
    title: "Agent lane not sandboxed",
    description: "Outside the sandbox an agent's exec, file and process tools act on the host \
                  with the gateway's own rights, so one prompt injection reaches everything the \
                  gateway user can. The baseline sandboxes every lane, the main session \
                  included: critical when a lane runs with the sandbox off (the default when \
                  nothing is set), warn for \"non-main\", which leaves the main session out.",
    remediation: "Set agents.defaults.sandbox.mode to \"all\" and remove sandbox.mode from agent \
                  entries that lower it.",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

fn severity(mode: &str) -> Severity {
    if mode == "non-main" {
        Severity::Warn
    } else {
        Severity::Critical
    }
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let path = "agents.defaults.sandbox.mode";
    let defaults = view.str(path);
    let mode = defaults.unwrap_or(DEFAULT_SANDBOX_MODE);
    if mode != "all" {
        let how = if defaults.is_some() {
            "is"
        } else {
            "is unset, so"
        };
        out.push(
            META.finding(format!(
                "{path} {how} `{mode}`: agents without their own mode run that way."
            ))
            .with_severity(severity(mode))
            .at(path),
        );
    }
    for agent in roster(view) {
        let Some(own) = agent.get("sandbox.mode").and_then(|m| m.as_str()) else {
            continue;
        };
        if own != "all" {
            let at = format!("{}.sandbox.mode", agent.path());
            out.push(
                META.finding(format!("{at} is `{own}`."))
                    .with_severity(severity(own))
                    .at(at),
            );
        }
    }
}

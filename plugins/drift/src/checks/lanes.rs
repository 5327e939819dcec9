//! `drift.tool_enabled`, `drift.sandbox_lowered`: per agent lane, tools
//! its policy admits now and did not at the last recorded audit (runtime,
//! file writes, web and browser, nodes, control-plane), and a sandbox mode
//! lowered (`all` → `non-main` → `off`). A lane added since is compared
//! with the defaults it would have inherited then.

use pincer_sdk::prelude::*;

use crate::compare::{Current, previous_lane, sandbox_rank};

/// Tools whose new admission is critical: they run commands or change the
/// gateway itself.
const CRITICAL_TOOLS: &[&str] = &[
    "exec",
    "process",
    "gateway",
    "automations",
    "plugins",
    "nodes",
];

/// Declaration.
pub static TOOL_ENABLED: CheckMeta = CheckMeta {
    id: "drift.tool_enabled",
    severity: Severity::Warn,
    title: "An agent lane can use tools it could not before",
    description: "Since the last recorded audit, a lane's tool policy admits runtime, file, \
                  web, browser, node or control-plane tools it did not. Unexpected tool \
                  enablement is an incident trigger. Critical for exec, process, nodes and the \
                  control-plane tools.",
    remediation: "If the change was not intended, restore the lane's tools.allow / tools.deny \
                  (or profile) and find out who changed the config.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Declaration.
pub static SANDBOX_LOWERED: CheckMeta = CheckMeta {
    id: "drift.sandbox_lowered",
    severity: Severity::Critical,
    title: "An agent lane is less sandboxed than before",
    description: "Since the last recorded audit, a lane's sandbox mode went down (all to \
                  non-main or off, non-main to off): its sessions now run tools on the host.",
    remediation: "Set the sandbox mode back to \"all\" (agents.defaults.sandbox.mode or the \
                  agent's own) unless the change was approved.",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

/// Where a lane's tool policy is written: `tools` for the defaults, the
/// agent's own `tools` otherwise.
fn tools_path(lane: &str) -> String {
    if lane == "agents.defaults" {
        "tools".to_owned()
    } else {
        format!("{lane}.tools")
    }
}

/// Evaluates `drift.tool_enabled`.
pub fn run_tool_enabled(view: &View, out: &mut Findings) {
    let Some(baseline) = view.baseline() else {
        return;
    };
    for lane in Current::of(view).lanes {
        let Some(before) = previous_lane(&baseline.posture, &lane) else {
            continue;
        };
        let added: Vec<&String> = lane
            .tools
            .iter()
            .filter(|tool| !before.tools.contains(tool))
            .collect();
        if added.is_empty() {
            continue;
        }
        let critical = added
            .iter()
            .any(|tool| CRITICAL_TOOLS.contains(&tool.as_str()));
        let names: Vec<&str> = added.iter().map(|tool| tool.as_str()).collect();
        out.push(
            TOOL_ENABLED
                .finding(format!(
                    "{} now admits {} (compared with {} at the last audit).",
                    lane.lane,
                    names.join(", "),
                    before.lane
                ))
                .with_severity(if critical {
                    Severity::Critical
                } else {
                    Severity::Warn
                })
                .at(tools_path(&lane.lane)),
        );
    }
}

/// Evaluates `drift.sandbox_lowered`.
pub fn run_sandbox_lowered(view: &View, out: &mut Findings) {
    let Some(baseline) = view.baseline() else {
        return;
    };
    for lane in Current::of(view).lanes {
        let Some(before) = previous_lane(&baseline.posture, &lane) else {
            continue;
        };
        if sandbox_rank(&lane.sandbox_mode) < sandbox_rank(&before.sandbox_mode) {
            out.push(
                SANDBOX_LOWERED
                    .finding(format!(
                        "{} runs with sandbox mode {} (was {} for {}).",
                        lane.lane, lane.sandbox_mode, before.sandbox_mode, before.lane
                    ))
                    .at(format!("{}.sandbox.mode", lane.lane)),
            );
        }
    }
}

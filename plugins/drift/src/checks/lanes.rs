//! `drift.tool_enabled`, `drift.sandbox_lowered`: per agent lane, tools
//! its policy admits now and did not at the last recorded audit (runtime,
//! file writes, web and browser, nodes, control-plane), and a sandbox mode
//! lowered (`all` → `non-main` → `off`). A lane added since is compared
//! with the defaults it would have inherited then. A lowered sandbox also
//! lifts the sandbox's tool policy: the tools that admits are named in the
//! `sandbox_lowered` finding, not reported a second time.

use pincer_sdk::baseline::LanePosture;
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

/// The watched tools `lane` admits that `before` did not.
fn added<'a>(lane: &'a LanePosture, before: &LanePosture) -> Vec<&'a str> {
    lane.tools
        .iter()
        .filter(|tool| !before.tools.contains(tool))
        .map(String::as_str)
        .collect()
}

fn lowered(lane: &LanePosture, before: &LanePosture) -> bool {
    sandbox_rank(&lane.sandbox_mode) < sandbox_rank(&before.sandbox_mode)
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
        let names = added(&lane, before);
        if names.is_empty() || lowered(&lane, before) {
            continue;
        }
        let critical = names.iter().any(|tool| CRITICAL_TOOLS.contains(tool));
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
        if lowered(&lane, before) {
            let names = added(&lane, before);
            let tools = if names.is_empty() {
                String::new()
            } else {
                format!("; it now admits {}", names.join(", "))
            };
            out.push(
                SANDBOX_LOWERED
                    .finding(format!(
                        "{} runs with sandbox mode {} (was {} for {}){tools}.",
                        lane.lane, lane.sandbox_mode, before.sandbox_mode, before.lane
                    ))
                    .at(format!("{}.sandbox.mode", lane.lane)),
            );
        }
    }
}

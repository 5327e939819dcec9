//! `security.exposure.*`: the exposure matrix. A channel whose DMs or
//! groups are open to anyone hands its prompts to strangers; these checks
//! weigh that against what those prompts can reach — elevated tools,
//! runtime and file tools outside a full sandbox, the gateway's
//! control-plane tools.

use pincer_sdk::prelude::*;

use crate::inbound::open_policies;
use crate::lanes::{CONTROL_PLANE_TOOLS, control_plane_lanes, risky_lanes};

const REFERENCES: &[&str] = &["https://docs.openclaw.ai/gateway/security"];

/// Declaration.
pub static OPEN_WITH_ELEVATED: CheckMeta = CheckMeta {
    id: "security.exposure.open_groups_with_elevated",
    severity: Severity::Critical,
    title: "Open DMs or groups while elevated tools are on",
    description: "A channel takes DMs or group messages from anyone and tools.elevated is not \
                  turned off. One injected prompt in such a conversation is a step away from \
                  running with host privileges.",
    remediation: "Set the listed DM and group policies to \"allowlist\" or \"pairing\", and \
                  turn tools.elevated off (or keep its allowFrom lists to a few trusted ids).",
    references: REFERENCES,
};

/// Declaration.
pub static OPEN_WITH_RUNTIME_OR_FS: CheckMeta = CheckMeta {
    id: "security.exposure.open_groups_with_runtime_or_fs",
    severity: Severity::Warn,
    title: "Open DMs or groups reach runtime or file tools",
    description: "A channel takes DMs or group messages from anyone, and some agent lane leaves \
                  file tools unconfined or runtime tools (exec, process) outside a full \
                  sandbox. Critical when runtime tools are among them.",
    remediation: "For lanes open conversations reach, use tools.profile \"messaging\" or deny \
                  group:runtime and group:fs, set tools.fs.workspaceOnly true, and sandbox \
                  them with mode \"all\".",
    references: REFERENCES,
};

/// Declaration.
pub static OPEN_WITH_CONTROL_PLANE: CheckMeta = CheckMeta {
    id: "security.exposure.open_groups_with_control_plane_tools",
    severity: Severity::Critical,
    title: "Open DMs or groups reach the gateway's control-plane tools",
    description: "A channel takes DMs or group messages from anyone, and some agent lane admits \
                  automations, gateway or plugins: a stranger's prompt could schedule runs, \
                  change the config, update the gateway or install a plugin.",
    remediation: "Deny automations, gateway and plugins in the lanes open conversations \
                  reach (or use tools.profile \"messaging\" with those denied), and tighten \
                  the DM and group policies to \"pairing\" or \"allowlist\".",
    references: REFERENCES,
};

fn bullet(lines: &[String]) -> String {
    lines.join("; ")
}

/// Reports `finding`, pointed at every open policy.
fn push_at(out: &mut Findings, finding: Finding, open: Vec<String>) {
    out.push(open.into_iter().fold(finding, Finding::at));
}

/// Evaluates `security.exposure.open_groups_with_elevated`.
pub fn run_open_with_elevated(view: &View, out: &mut Findings) {
    let open = open_policies(view);
    if open.is_empty() || view.bool("tools.elevated.enabled") == Some(false) {
        return;
    }
    let finding = OPEN_WITH_ELEVATED.finding(format!(
        "Open to anyone: {}. tools.elevated is not turned off.",
        bullet(&open)
    ));
    push_at(out, finding, open);
}

/// Evaluates `security.exposure.open_groups_with_runtime_or_fs`.
pub fn run_open_with_runtime_or_fs(view: &View, out: &mut Findings) {
    let open = open_policies(view);
    if open.is_empty() {
        return;
    }
    let risky = risky_lanes(view);
    if risky.is_empty() {
        return;
    }
    let severity = if risky.iter().any(|lane| lane.runtime_unguarded) {
        Severity::Critical
    } else {
        Severity::Warn
    };
    let lanes: Vec<String> = risky.into_iter().map(|lane| lane.description).collect();
    let finding = OPEN_WITH_RUNTIME_OR_FS
        .finding(format!(
            "Open to anyone: {}. Lanes that expose runtime or file tools: {}.",
            bullet(&open),
            bullet(&lanes)
        ))
        .with_severity(severity);
    push_at(out, finding, open);
}

/// Evaluates `security.exposure.open_groups_with_control_plane_tools`.
pub fn run_open_with_control_plane(view: &View, out: &mut Findings) {
    let open = open_policies(view);
    if open.is_empty() {
        return;
    }
    let lanes = control_plane_lanes(view);
    if lanes.is_empty() {
        return;
    }
    let finding = OPEN_WITH_CONTROL_PLANE.finding(format!(
        "Open to anyone: {}. Lanes that admit control-plane tools ({}): {}.",
        bullet(&open),
        CONTROL_PLANE_TOOLS.join(", "),
        bullet(&lanes)
    ));
    push_at(out, finding, open);
}

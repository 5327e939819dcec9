//! `acme.tool_deny_missing`: `tools.deny` lacks a tool Acme bans.

use pincer_sdk::prelude::*;

/// The check.
pub static DENY_MISSING: CheckMeta = CheckMeta {
    id: "acme.tool_deny_missing",
    severity: Severity::Warn,
    title: "tools.deny lacks tools Acme bans",
    description: "Every gateway must deny the tools on the pack's requiredToolDeny list.",
    remediation: "Add the missing tools to tools.deny.",
    references: &[],
};

/// Runs the check.
pub fn check(view: &View, out: &mut Findings) {
    let Some(required) = view.param::<Vec<String>>("requiredToolDeny") else {
        return;
    };
    let denied: Vec<&str> = view
        .array("tools.deny")
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_str)
        .collect();
    let missing: Vec<&str> = required
        .iter()
        .map(String::as_str)
        .filter(|tool| !denied.contains(tool))
        .collect();
    if !missing.is_empty() {
        out.push(
            DENY_MISSING
                .finding(format!("tools.deny does not list: {}.", missing.join(", ")))
                .at("tools.deny"),
        );
    }
}

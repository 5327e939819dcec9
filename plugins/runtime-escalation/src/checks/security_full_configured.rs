//! `tools.exec.security_full_configured`: the config gives exec security
//! `full` (any command, no allowlist) — globally or to an agent. Critical
//! when some channel accepts DMs or groups from anyone.

use pincer_sdk::prelude::*;

use crate::exec_policy::{configured_security, open_inbound_paths};
use pincer_sdk::exec::Security;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.exec.security_full_configured",
    severity: Severity::Warn,
    title: "Exec security set to full",
    description: "With exec security \"full\" an agent may run any command the gateway user may, \
                  no allowlist consulted. A prompt injection then has a shell. Critical when a \
                  channel takes direct or group messages from anyone (dmPolicy or groupPolicy \
                  \"open\"), since strangers can then write those prompts.",
    remediation: "Use security \"allowlist\" with ask \"on-miss\" (or tools.exec.mode \"ask\"), \
                  and close open DM and group policies.",
    references: &["https://docs.openclaw.ai/tools/exec-approvals"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let full: Vec<String> = configured_security(view)
        .into_iter()
        .filter(|(_, security)| *security == Security::Full)
        .map(|(scope, _)| scope)
        .collect();
    if full.is_empty() {
        return;
    }
    let open = open_inbound_paths(view);
    let (severity, reach) = if open.is_empty() {
        (Severity::Warn, String::new())
    } else {
        (
            Severity::Critical,
            format!("; open inbound: {}", open.join(", ")),
        )
    };
    out.push(
        META.finding(format!(
            "Exec security resolves to full for: {}{reach}.",
            full.join(", ")
        ))
        .with_severity(severity)
        .at("tools.exec"),
    );
}

//! `security.exposure.open_channels_with_exec`: some channel takes DMs or
//! group messages from anyone while exec is not denied — globally or for
//! an agent. Critical when some scope runs exec with security `full`.

use pincer_sdk::prelude::*;

use crate::exec_policy::{configured_security, open_inbound_paths};
use pincer_sdk::exec::Security;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "security.exposure.open_channels_with_exec",
    severity: Severity::Warn,
    title: "Open channels reach agents that can run commands",
    description: "A DM or group policy is \"open\", so anyone on that network can prompt the \
                  agents, and exec is not denied for some scope. A prompt injection from a \
                  stranger can then ask for commands. Critical when a scope runs exec with \
                  security \"full\" (no allowlist).",
    remediation: "Set the open DM and group policies to \"pairing\" or \"allowlist\", or deny \
                  exec to the agents shared or public channels reach.",
    references: &["https://docs.openclaw.ai/tools/exec-approvals"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let open = open_inbound_paths(view);
    if open.is_empty() {
        return;
    }
    let scopes = configured_security(view);
    let enabled: Vec<String> = scopes
        .iter()
        .filter(|(_, security)| *security != Security::Deny)
        .map(|(scope, security)| format!("{scope} ({})", security.as_str()))
        .collect();
    if enabled.is_empty() {
        return;
    }
    let severity = if scopes.iter().any(|(_, s)| *s == Security::Full) {
        Severity::Critical
    } else {
        Severity::Warn
    };
    let mut finding = META
        .finding(format!(
            "Open to anyone: {}. Exec allowed for: {}.",
            open.join(", "),
            enabled.join(", ")
        ))
        .with_severity(severity);
    for path in open {
        finding = finding.at(path);
    }
    out.push(finding);
}

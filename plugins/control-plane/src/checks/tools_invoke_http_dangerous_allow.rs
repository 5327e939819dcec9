//! `gateway.tools_invoke_http.dangerous_allow`: `gateway.tools.allow` takes
//! high-risk tools off the gateway's default HTTP deny list, so
//! `POST /tools/invoke` can run them.

use crate::gateway_auth::GatewayAuth;
use crate::js::trimmed_lower;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.tools_invoke_http.dangerous_allow",
    severity: Severity::Warn,
    title: "HTTP tool invocation re-enables high-risk tools",
    description: "The gateway refuses to run shell, filesystem-write, session, scheduling and \
                  control-plane tools through POST /tools/invoke unless gateway.tools.allow \
                  lists them. Each listed one turns an HTTP credential into remote code \
                  execution; critical when the gateway binds beyond loopback or is published \
                  through Tailscale Funnel.",
    remediation: "Remove those tools from gateway.tools.allow. If you need them over HTTP, keep \
                  the gateway on loopback or the tailnet and guard its token as an admin \
                  credential.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Tools the gateway denies over HTTP unless `gateway.tools.allow` names
/// them (OpenClaw 2026.9's default HTTP deny list).
pub const HTTP_DENIED_BY_DEFAULT: &[&str] = &[
    "exec",
    "spawn",
    "shell",
    "fs_write",
    "fs_delete",
    "fs_move",
    "apply_patch",
    "terminal",
    "portal",
    "sessions_spawn",
    "sessions_send",
    "conversations_list",
    "conversations_send",
    "conversations_turn",
    "automations",
    "gateway",
    "plugins",
    "nodes",
    "computer",
    "mobile_ui",
    "openclaw",
];

/// The default-denied tools that `gateway.tools.allow` re-enables, in the
/// deny list's order. Entries are compared trimmed and case-insensitively.
pub fn reenabled(view: &View) -> Vec<&'static str> {
    let allowed: Vec<String> = view
        .array("gateway.tools.allow")
        .map(|items| items.iter().filter_map(trimmed_lower).collect())
        .unwrap_or_default();
    HTTP_DENIED_BY_DEFAULT
        .iter()
        .copied()
        .filter(|tool| allowed.iter().any(|entry| entry == tool))
        .collect()
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let tools = reenabled(view);
    if tools.is_empty() {
        return;
    }
    let auth = GatewayAuth::resolve(view);
    let severity = if !auth.is_loopback() || auth.tailscale_mode == "funnel" {
        Severity::Critical
    } else {
        Severity::Warn
    };
    let detail = format!(
        "gateway.tools.allow lifts the HTTP deny on {} (bind \"{}\", Tailscale \"{}\").",
        tools.join(", "),
        auth.bind,
        auth.tailscale_mode,
    );
    out.push(
        META.finding(detail)
            .with_severity(severity)
            .at("gateway.tools.allow"),
    );
}

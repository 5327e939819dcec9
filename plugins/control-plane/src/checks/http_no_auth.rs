//! `gateway.http.no_auth`: the gateway's HTTP APIs (`/tools/invoke` and any
//! enabled optional endpoint) answer callers without a shared secret.

use crate::gateway_auth::GatewayAuth;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.http.no_auth",
    severity: Severity::Warn,
    title: "Gateway HTTP APIs answer without authentication",
    description: "The gateway's HTTP surface (/tools/invoke, and the chat-completions, responses \
                  and admin RPC endpoints when enabled) runs tools for any caller when the \
                  effective auth mode has no usable token or password. Critical when the \
                  gateway is reachable from other machines (non-loopback bind, Tailscale Serve \
                  or Funnel).",
    remediation: "Set gateway.auth.mode to \"token\" (or \"password\") with a usable secret; if \
                  you keep it open on purpose, bind to loopback and leave the optional HTTP \
                  endpoints and the admin-http-rpc plugin disabled.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// The HTTP routes that would answer without a credential.
fn open_routes(view: &View) -> Vec<&'static str> {
    let mut routes = vec!["/tools/invoke"];
    if view.bool("gateway.http.endpoints.chatCompletions.enabled") == Some(true) {
        routes.push("/v1/chat/completions");
    }
    if view.bool("gateway.http.endpoints.responses.enabled") == Some(true) {
        routes.push("/v1/responses");
    }
    if view.bool("plugins.entries.admin-http-rpc.enabled") == Some(true) {
        routes.push("/api/v1/admin/rpc");
    }
    routes
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let auth = GatewayAuth::resolve(view);
    if auth.http_auth_resolved() {
        return;
    }
    let severity = if auth.remotely_exposed() {
        Severity::Critical
    } else {
        Severity::Warn
    };
    let why = match auth.mode.as_str() {
        "none" => "gateway.auth.mode is \"none\"".to_owned(),
        mode => format!("The effective auth mode is \"{mode}\" but no usable {mode} is available"),
    };
    let detail = format!(
        "{why}, so {} can be called without credentials (bind \"{}\", Tailscale \"{}\").",
        open_routes(view).join(", "),
        auth.bind,
        auth.tailscale_mode,
    );
    out.push(
        META.finding(detail)
            .with_severity(severity)
            .at("gateway.auth.mode"),
    );
}

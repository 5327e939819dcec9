//! `gateway.bind_no_auth`: the gateway listens beyond loopback and nothing
//! authenticates its clients.

use crate::gateway_auth::GatewayAuth;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.bind_no_auth",
    severity: Severity::Critical,
    title: "Gateway reachable beyond loopback with no authentication",
    description: "When gateway.bind is anything but loopback, every host that can reach the port \
                  can drive the agents unless a token, password or trusted proxy authenticates it.",
    remediation: "Set gateway.auth.mode to \"token\" with a long random gateway.auth.token \
                  (or OPENCLAW_GATEWAY_TOKEN), or set gateway.bind to \"loopback\".",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let auth = GatewayAuth::resolve(view);
    if !auth.is_loopback() && !auth.has_auth {
        let detail = format!(
            "gateway.bind is \"{}\" and no gateway token, password or trusted-proxy auth is in effect{}.",
            auth.bind,
            auth.explicit_mode
                .as_deref()
                .map_or_else(String::new, |mode| format!(
                    " (gateway.auth.mode is \"{mode}\")"
                ))
        );
        out.push(META.finding(detail).at("gateway.bind").at("gateway.auth"));
    }
}

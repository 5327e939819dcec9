//! `gateway.loopback_no_auth`: the gateway serves the Control UI on loopback
//! without any authentication, so a local reverse proxy exposes it.

use crate::gateway_auth::GatewayAuth;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.loopback_no_auth",
    severity: Severity::Critical,
    title: "Gateway on loopback has no authentication",
    description: "Loopback alone is not a trust boundary: any local process, and anything a \
                  reverse proxy forwards, reaches the Control UI without a shared secret.",
    remediation: "Configure gateway.auth (a token is recommended), or disable the Control UI \
                  with gateway.controlUi.enabled = false.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let auth = GatewayAuth::resolve(view);
    if auth.is_loopback() && auth.control_ui_enabled && !auth.has_loopback_auth {
        let detail = "gateway.bind is loopback and the Control UI is enabled, but no gateway token, \
                      password, trusted-proxy or Tailscale identity auth is in effect.";
        out.push(META.finding(detail).at("gateway.auth"));
    }
}

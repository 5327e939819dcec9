//! `gateway.trusted_proxies_missing`: a loopback gateway with the Control UI
//! but no trusted proxies, so forwarded headers could pass as local clients.

use crate::gateway_auth::GatewayAuth;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.trusted_proxies_missing",
    severity: Severity::Warn,
    title: "No trusted proxies declared for a loopback Control UI",
    description: "Behind a reverse proxy every request arrives from loopback. Without \
                  gateway.trustedProxies the gateway cannot tell proxied clients from local ones.",
    remediation: "List your reverse proxy addresses in gateway.trustedProxies, or keep the \
                  Control UI reachable only from this host.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let auth = GatewayAuth::resolve(view);
    let proxies = view.array("gateway.trustedProxies").map_or(0, Vec::len);
    if auth.is_loopback() && auth.control_ui_enabled && proxies == 0 {
        let detail = "gateway.bind is loopback, the Control UI is enabled and gateway.trustedProxies is empty.";
        out.push(META.finding(detail).at("gateway.trustedProxies"));
    }
}

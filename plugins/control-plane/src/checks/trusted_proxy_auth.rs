//! `gateway.trusted_proxy_auth`: the gateway hands authentication to a
//! reverse proxy (`gateway.auth.mode = "trusted-proxy"`).

use crate::gateway_auth::GatewayAuth;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.trusted_proxy_auth",
    severity: Severity::Critical,
    title: "Gateway authentication is delegated to a reverse proxy",
    description: "In trusted-proxy mode the gateway believes the user identity header of any \
                  request from an address in gateway.trustedProxies. Anyone who reaches the \
                  gateway port directly, or through a proxy that does not authenticate and \
                  strip that header, is whoever they claim to be.",
    remediation: "Make sure the proxy terminates TLS, authenticates every user and overwrites \
                  the identity header; keep gateway.trustedProxies to the proxy's own addresses \
                  and firewall the gateway port from everything else.",
    references: &["https://docs.openclaw.ai/gateway/trusted-proxy-auth"],
};

/// Whether the effective auth mode is trusted-proxy.
pub fn applies(view: &View) -> bool {
    GatewayAuth::resolve(view).mode == "trusted-proxy"
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if applies(view) {
        let detail = "gateway.auth.mode is \"trusted-proxy\": the reverse proxy's identity header \
                      is the only authentication.";
        out.push(META.finding(detail).at("gateway.auth.mode"));
    }
}

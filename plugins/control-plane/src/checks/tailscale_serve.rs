//! `gateway.tailscale_serve`: Tailscale Serve makes the gateway reachable
//! from the whole tailnet (informational).

use crate::gateway_auth::GatewayAuth;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.tailscale_serve",
    severity: Severity::Info,
    title: "Gateway shared with the tailnet through Tailscale Serve",
    description: "Serve keeps the gateway on loopback but proxies the whole tailnet to it; every \
                  tailnet device and user is a potential client.",
    remediation: "Keep tailnet ACLs tight, or set gateway.tailscale.mode = \"off\" when remote \
                  access is not needed.",
    references: &["https://tailscale.com/kb/1312/serve"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if GatewayAuth::resolve(view).tailscale_mode == "serve" {
        let detail = "gateway.tailscale.mode is \"serve\": tailnet devices can reach the gateway.";
        out.push(META.finding(detail).at("gateway.tailscale.mode"));
    }
}

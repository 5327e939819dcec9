//! `gateway.tailscale_funnel`: Tailscale Funnel publishes the gateway on the
//! public internet.

use crate::gateway_auth::GatewayAuth;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.tailscale_funnel",
    severity: Severity::Critical,
    title: "Gateway published to the internet through Tailscale Funnel",
    description: "Funnel makes the gateway reachable by anyone on the internet; only its own \
                  authentication stands between the world and the agents.",
    remediation: "Use gateway.tailscale.mode = \"serve\" to stay inside the tailnet, or \"off\".",
    references: &["https://tailscale.com/kb/1223/funnel"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if GatewayAuth::resolve(view).tailscale_mode == "funnel" {
        let detail = "gateway.tailscale.mode is \"funnel\": the gateway is public.";
        out.push(META.finding(detail).at("gateway.tailscale.mode"));
    }
}

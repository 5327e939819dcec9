//! `gateway.bind_beyond_loopback` (Pincer's own, from the security
//! baseline): the gateway listens beyond loopback. The reference audit only
//! objects when auth is missing; the baseline keeps the gateway on loopback
//! unless remote access is deployed on purpose.

use crate::gateway_auth::GatewayAuth;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.bind_beyond_loopback",
    severity: Severity::Warn,
    title: "Gateway listens beyond loopback",
    description: "gateway.bind is not `loopback` (`lan`, `tailnet`, `auto` or `custom`), so the \
                  gateway's control plane is reachable from other machines. Even with a strong \
                  credential that widens who can try it: the baseline keeps the gateway on \
                  loopback and reaches it remotely through an SSH tunnel or Tailscale Serve.",
    remediation: "Set gateway.bind to \"loopback\" (openclaw config set gateway.bind loopback) \
                  and reach the gateway through an SSH tunnel or Tailscale Serve; keep another \
                  bind only for a deliberate remote deployment, and then suppress this finding \
                  with a reason.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let auth = GatewayAuth::resolve(view);
    if auth.is_loopback() {
        return;
    }
    let detail = match view.str("gateway.customBindHost") {
        Some(host) if auth.bind == "custom" => {
            format!("gateway.bind is `custom`, listening on {host}.")
        }
        _ => format!("gateway.bind is `{}`.", auth.bind),
    };
    out.push(META.finding(detail).at("gateway.bind"));
}

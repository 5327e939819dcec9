//! `gateway.port_policy` (Pincer's own, from the security baseline): the
//! gateway's port differs from the one the organisation requires (the
//! `gatewayPort` parameter; the seed baseline uses 19001). Without the
//! parameter there is no policy and the check stays silent.

use pincer_sdk::prelude::*;

/// OpenClaw's port when `gateway.port` is unset.
pub const DEFAULT_PORT: u64 = 18789;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.port_policy",
    severity: Severity::Warn,
    title: "Gateway port differs from the required one",
    description: "The rule pack fixes the gateway's port (the `gatewayPort` parameter), and \
                  gateway.port (18789 when unset) is another. Firewall rules, tunnels, health \
                  checks and the drift history all assume the required port; a gateway on \
                  another one escapes them, and a second gateway may be running beside the \
                  expected one.",
    remediation: "Set gateway.port to the required port (openclaw config set gateway.port \
                  PORT) and restart the gateway, or correct the rule pack's gatewayPort.",
    references: &["https://docs.openclaw.ai/gateway/configuration"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let Some(required) = crate::GATEWAY_PORT.integer(view) else {
        return;
    };
    let written = view.get("gateway.port");
    let port = match written.and_then(serde_json::Value::as_u64) {
        Some(port) => port,
        // Unset: OPENCLAW_GATEWAY_PORT may choose it, and its value is not
        // in the view; only the default is certain when it is unset too.
        None if written.is_none() => {
            if view
                .env_var("OPENCLAW_GATEWAY_PORT")
                .is_some_and(|variable| variable.set)
            {
                return;
            }
            DEFAULT_PORT
        }
        None => {
            let detail = format!(
                "gateway.port is `{}`, not a port number; the rule pack requires {required}.",
                written.map(ToString::to_string).unwrap_or_default()
            );
            out.push(META.finding(detail).at("gateway.port"));
            return;
        }
    };
    if port != required {
        let how = if written.is_some() {
            "gateway.port is"
        } else {
            "gateway.port is unset, so the gateway uses"
        };
        let detail = format!("{how} {port}; the rule pack requires {required}.");
        out.push(META.finding(detail).at("gateway.port"));
    }
}

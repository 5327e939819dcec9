//! `gateway.trusted_proxy_allow_loopback`: trusted-proxy auth accepts
//! identity headers from a proxy on this host.

use super::trusted_proxy_auth::applies;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.trusted_proxy_allow_loopback",
    severity: Severity::Warn,
    title: "Trusted-proxy auth trusts loopback senders",
    description: "With gateway.auth.trustedProxy.allowLoopback, a request from 127.0.0.1 or ::1 \
                  that is listed in gateway.trustedProxies authenticates by its identity header \
                  alone, so any local process that can reach the port can claim any user.",
    remediation: "Enable it only when a reverse proxy on the same host is the intended trust \
                  boundary; keep the gateway port private to the host and have the proxy strip \
                  or overwrite identity headers.",
    references: &["https://docs.openclaw.ai/gateway/trusted-proxy-auth"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if applies(view) && view.bool("gateway.auth.trustedProxy.allowLoopback") == Some(true) {
        let detail = "gateway.auth.mode is \"trusted-proxy\" and gateway.auth.trustedProxy.allowLoopback is true.";
        out.push(
            META.finding(detail)
                .at("gateway.auth.trustedProxy.allowLoopback"),
        );
    }
}

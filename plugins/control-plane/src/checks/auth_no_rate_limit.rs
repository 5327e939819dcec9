//! `gateway.auth_no_rate_limit`: an exposed gateway without a limit on
//! failed authentication attempts.

use crate::gateway_auth::GatewayAuth;
use crate::js::is_truthy;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.auth_no_rate_limit",
    severity: Severity::Warn,
    title: "Exposed gateway does not rate-limit authentication",
    description: "Beyond loopback, a gateway without gateway.auth.rateLimit lets anyone who \
                  reaches it guess tokens or passwords as fast as the network allows.",
    remediation: "Set gateway.auth.rateLimit, for example { maxAttempts: 10, windowMs: 60000, \
                  lockoutMs: 300000 }.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let auth = GatewayAuth::resolve(view);
    let limited = view.get("gateway.auth.rateLimit").is_some_and(is_truthy);
    if !auth.is_loopback() && auth.mode != "trusted-proxy" && !limited {
        let detail = format!(
            "gateway.bind is \"{}\" and gateway.auth.rateLimit is not set.",
            auth.bind
        );
        out.push(META.finding(detail).at("gateway.auth.rateLimit"));
    }
}

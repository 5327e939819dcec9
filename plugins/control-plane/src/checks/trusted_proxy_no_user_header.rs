//! `gateway.trusted_proxy_no_user_header`: trusted-proxy auth without the
//! header that carries the authenticated user.

use super::trusted_proxy_auth::applies;
use crate::js::is_truthy;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.trusted_proxy_no_user_header",
    severity: Severity::Critical,
    title: "Trusted-proxy auth names no user header",
    description: "gateway.auth.mode is \"trusted-proxy\" but gateway.auth.trustedProxy.userHeader \
                  is not set, so the gateway has no header to read the proxy's authenticated \
                  user from.",
    remediation: "Set gateway.auth.trustedProxy.userHeader to the header your proxy writes \
                  (for example \"x-forwarded-user\").",
    references: &["https://docs.openclaw.ai/gateway/trusted-proxy-auth"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let header = view
        .get("gateway.auth.trustedProxy.userHeader")
        .is_some_and(is_truthy);
    if applies(view) && !header {
        let detail = "gateway.auth.mode is \"trusted-proxy\" and gateway.auth.trustedProxy.userHeader is not set.";
        out.push(
            META.finding(detail)
                .at("gateway.auth.trustedProxy.userHeader"),
        );
    }
}

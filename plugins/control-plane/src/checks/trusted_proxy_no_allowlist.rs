//! `gateway.trusted_proxy_no_allowlist`: trusted-proxy auth lets in every
//! user the proxy authenticates.

use super::trusted_proxy_auth::applies;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.trusted_proxy_no_allowlist",
    severity: Severity::Warn,
    title: "Trusted-proxy auth admits every proxy user",
    description: "gateway.auth.trustedProxy.allowUsers is empty, so anyone your identity provider \
                  or proxy authenticates (a whole organisation, or any Google account) gets the \
                  gateway.",
    remediation: "List the identities allowed to use the gateway in \
                  gateway.auth.trustedProxy.allowUsers.",
    references: &["https://docs.openclaw.ai/gateway/trusted-proxy-auth"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let users = view
        .array("gateway.auth.trustedProxy.allowUsers")
        .map_or(0, Vec::len);
    if applies(view) && users == 0 {
        let detail = "gateway.auth.mode is \"trusted-proxy\" and gateway.auth.trustedProxy.allowUsers is empty.";
        out.push(
            META.finding(detail)
                .at("gateway.auth.trustedProxy.allowUsers"),
        );
    }
}

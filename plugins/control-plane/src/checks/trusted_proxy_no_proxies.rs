//! `gateway.trusted_proxy_no_proxies`: trusted-proxy auth without any
//! trusted proxy address, so no request can authenticate.

use super::trusted_proxy_auth::applies;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.trusted_proxy_no_proxies",
    severity: Severity::Critical,
    title: "Trusted-proxy auth with no trusted proxies",
    description: "gateway.auth.mode is \"trusted-proxy\" but gateway.trustedProxies is empty: \
                  the gateway trusts no sender's identity header and rejects every request, \
                  which tends to get \"fixed\" in a hurry by loosening auth.",
    remediation: "List the address(es) of your reverse proxy in gateway.trustedProxies.",
    references: &["https://docs.openclaw.ai/gateway/trusted-proxy-auth"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let proxies = view.array("gateway.trustedProxies").map_or(0, Vec::len);
    if applies(view) && proxies == 0 {
        let detail = "gateway.auth.mode is \"trusted-proxy\" and gateway.trustedProxies is empty.";
        out.push(META.finding(detail).at("gateway.trustedProxies"));
    }
}

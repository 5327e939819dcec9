//! `gateway.control_ui.host_header_origin_fallback`: the Control UI accepts
//! a browser origin that matches the request's own Host header.

use crate::gateway_auth::report_by_bind;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.control_ui.host_header_origin_fallback",
    severity: Severity::Warn,
    title: "Control UI trusts the Host header as an origin",
    description: "With gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback, a websocket \
                  whose origin equals the Host it was sent to is accepted without an explicit \
                  allowlist entry, which reopens the door to DNS rebinding. Critical when the \
                  gateway binds beyond loopback.",
    remediation: "Set gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback to false and \
                  list your origins in gateway.controlUi.allowedOrigins.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if view.bool("gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback") != Some(true) {
        return;
    }
    report_by_bind(
        view,
        out,
        &META,
        "gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback is true",
        "gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback",
    );
}

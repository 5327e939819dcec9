//! `gateway.control_ui.allowed_origins_required`: a Control UI reachable
//! beyond loopback must name the browser origins allowed to use it.

use crate::gateway_auth::GatewayAuth;
use pincer_sdk::prelude::*;
use pincer_sdk::secret::js_trim;
use serde_json::Value;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.control_ui.allowed_origins_required",
    severity: Severity::Critical,
    title: "Exposed Control UI has no allowed origins",
    description: "Off loopback, the Control UI and WebChat accept browser connections only from \
                  explicitly allowed origins; with none listed, origin checks cannot protect it.",
    remediation: "Set gateway.controlUi.allowedOrigins to the exact origins you use \
                  (e.g. \"https://control.example.com\").",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// The non-blank entries of `gateway.controlUi.allowedOrigins`, trimmed as
/// JavaScript trims (a byte-order mark counts as white space).
pub fn allowed_origins(view: &View) -> Vec<String> {
    view.array("gateway.controlUi.allowedOrigins")
        .map(|items| {
            items
                .iter()
                .filter_map(|item| match item {
                    Value::String(text) => Some(js_trim(text).to_owned()),
                    Value::Number(number) => Some(number.to_string()),
                    _ => None,
                })
                .filter(|origin| !origin.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let auth = GatewayAuth::resolve(view);
    let host_header_fallback =
        view.bool("gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback") == Some(true);
    if !auth.is_loopback()
        && auth.control_ui_enabled
        && allowed_origins(view).is_empty()
        && !host_header_fallback
    {
        let detail = format!(
            "gateway.bind is \"{}\" with the Control UI enabled, and gateway.controlUi.allowedOrigins is empty.",
            auth.bind
        );
        out.push(META.finding(detail).at("gateway.controlUi.allowedOrigins"));
    }
}

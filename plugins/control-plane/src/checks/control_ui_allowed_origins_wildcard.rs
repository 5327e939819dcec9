//! `gateway.control_ui.allowed_origins_wildcard`: `"*"` in
//! `gateway.controlUi.allowedOrigins` lets any web page open a Control UI
//! or WebChat connection.

use super::control_ui_allowed_origins_required::allowed_origins;
use crate::gateway_auth::report_by_bind;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.control_ui.allowed_origins_wildcard",
    severity: Severity::Warn,
    title: "Control UI accepts every browser origin",
    description: "An allowed origin of \"*\" switches off the origin allowlist of the Control UI \
                  and WebChat websocket: any site a user visits may connect. Critical when the \
                  gateway binds beyond loopback.",
    remediation: "Replace \"*\" in gateway.controlUi.allowedOrigins with the exact origins you \
                  use (e.g. \"https://control.example.com\").",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if !allowed_origins(view).iter().any(|origin| origin == "*") {
        return;
    }
    report_by_bind(
        view,
        out,
        &META,
        "gateway.controlUi.allowedOrigins contains \"*\"",
        "gateway.controlUi.allowedOrigins",
    );
}

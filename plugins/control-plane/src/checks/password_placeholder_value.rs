//! `gateway.password_placeholder_value`: the gateway password is blank or the
//! word `undefined` / `null`.

use super::credential_strength;
use crate::gateway_auth::Credential;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.password_placeholder_value",
    severity: Severity::Critical,
    title: "Gateway password is a blank or undefined/null placeholder",
    description: "A password that is empty, or the text `undefined` or `null` left by a broken template, protects nothing; the gateway refuses to start with it.",
    remediation: "Generate a real secret (`openssl rand -hex 32`), put it in OPENCLAW_GATEWAY_PASSWORD or gateway.auth.password, and restart the gateway.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    credential_strength::placeholder(view, out, Credential::Password, &META);
}

//! `gateway.token_too_short`: the gateway token is shorter than 24 characters.

use super::credential_strength;
use crate::gateway_auth::Credential;
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.token_too_short",
    severity: Severity::Warn,
    title: "Gateway token is short",
    description: "The token is the gateway's only shared secret; under 24 characters it is within reach of guessing, above all without rate limiting.",
    remediation: "Replace it with at least 24 random characters (`openssl rand -hex 32`) and restart the gateway.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    credential_strength::too_short(view, out, Credential::Token, &META);
}

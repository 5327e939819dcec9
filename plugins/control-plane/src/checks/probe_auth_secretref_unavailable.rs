//! `gateway.probe_auth_secretref_unavailable`: under `--deep`, the gateway's
//! credential is a secret reference the audit could not resolve, so the
//! probe went without it.

use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.probe_auth_secretref_unavailable",
    severity: Severity::Warn,
    title: "The probe could not resolve the gateway's credential",
    description: "The gateway token or password is a secret reference (file or exec provider, \
                  or an unset variable) that Pincer does not resolve: it never runs providers. \
                  The live probe therefore offered no credential, and its verdict on \
                  authentication is incomplete.",
    remediation: "Export the credential to the audit's environment (OPENCLAW_GATEWAY_TOKEN or \
                  OPENCLAW_GATEWAY_PASSWORD), or use an env secret reference.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check (only when the probe ran).
pub fn run(view: &View, out: &mut Findings) {
    let Some(probe) = &view.gateway_state().probe else {
        return;
    };
    if let Some(why) = &probe.secret_ref_unavailable {
        out.push(META.finding(why.clone()).at("gateway.auth"));
    }
}

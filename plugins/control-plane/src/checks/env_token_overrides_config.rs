//! `gateway.env_token_overrides_config`: `OPENCLAW_GATEWAY_TOKEN` is set
//! while `gateway.auth.token` names a different token, so clients that
//! follow the config and those that follow the environment authenticate
//! with different credentials. Not judged inside a gateway service's own
//! environment, for a remote-mode gateway, or when the auth mode does not
//! use a token.

use pincer_sdk::SecretSource;
use pincer_sdk::prelude::*;

const ENV_TOKEN: &str = "OPENCLAW_GATEWAY_TOKEN";

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.env_token_overrides_config",
    severity: Severity::Warn,
    title: "Environment gateway token differs from the configured one",
    description: "OPENCLAW_GATEWAY_TOKEN is set in the environment, and gateway.auth.token \
                  holds a different token (a different literal, another variable, or a secret \
                  reference other than to OPENCLAW_GATEWAY_TOKEN). The gateway service and \
                  config-driven clients use the configured token, while tools that read the \
                  environment keep using the variable: a stale token stays in use, and a \
                  rotation of one leaves the other behind.",
    remediation: "Use one source: unset OPENCLAW_GATEWAY_TOKEN (shell profile, ~/.openclaw/.env, \
                  launchctl or systemd environment) when the config's token is meant, or write \
                  gateway.auth.token as \"${OPENCLAW_GATEWAY_TOKEN}\" when the variable is.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let env_set = view
        .env_var(ENV_TOKEN)
        .is_some_and(|marker| marker.set && marker.length > 0);
    let gateway = view.gateway_state();
    if !env_set || gateway.in_gateway_service || view.str("gateway.mode") == Some("remote") {
        return;
    }
    if matches!(
        view.str("gateway.auth.mode"),
        Some("password" | "none" | "trusted-proxy")
    ) {
        return;
    }
    let Some(token) = view.secret("gateway.auth.token") else {
        return;
    };
    let differs = if token.secret_ref {
        !(token.source == SecretSource::Env && token.reference.as_deref() == Some(ENV_TOKEN))
    } else {
        gateway.env_token_matches_config == Some(false)
    };
    if differs {
        let how = if token.secret_ref {
            "a secret reference to another source"
        } else {
            "a different token"
        };
        let detail = format!("{ENV_TOKEN} is set, and gateway.auth.token holds {how}.");
        out.push(META.finding(detail).at("gateway.auth.token"));
    }
}

//! `hooks.*`: the webhook ingress. Anyone holding the hooks token can post
//! into agent sessions; these checks keep that token strong and separate,
//! the endpoint off the gateway's root, and the routing (which session,
//! which agent) fixed by the operator rather than the caller.

use pincer_sdk::prelude::*;

use crate::hooks::{agents_restricted, enabled, remotely_exposed, text, token_length};

/// The shortest hooks token the reference accepts.
const MIN_TOKEN_CHARS: u32 = 24;

/// Declaration.
pub static TOKEN_TOO_SHORT: CheckMeta = CheckMeta {
    id: "hooks.token_too_short",
    severity: Severity::Warn,
    title: "Hooks token is short",
    description: "The hooks token is the only thing between the internet (or the LAN) and \
                  posting prompts into agent sessions. Under 24 characters it can be guessed \
                  or brute-forced.",
    remediation: "Set hooks.token to a random value of 32 characters or more (openssl rand \
                  -hex 32), kept in the environment.",
    references: &["https://docs.openclaw.ai/automation/webhooks"],
};

/// Declaration.
pub static TOKEN_REUSE: CheckMeta = CheckMeta {
    id: "hooks.token_reuse_gateway_token",
    severity: Severity::Critical,
    title: "Hooks token is the gateway's own credential",
    description: "hooks.token equals the gateway token or password. Every system that posts \
                  webhooks then holds full gateway access, and a leak from any of them is a \
                  leak of the gateway.",
    remediation: "Give hooks a token of their own and rotate the gateway credential.",
    references: &["https://docs.openclaw.ai/automation/webhooks"],
};

/// Declaration.
pub static PATH_ROOT: CheckMeta = CheckMeta {
    id: "hooks.path_root",
    severity: Severity::Critical,
    title: "Hooks mounted at the gateway's root path",
    description: "hooks.path \"/\" puts the webhook endpoint over the gateway's own routes, \
                  mixing untrusted webhook traffic with the control UI and APIs.",
    remediation: "Mount hooks under their own path, such as /hooks.",
    references: &["https://docs.openclaw.ai/automation/webhooks"],
};

/// Declaration.
pub static DEFAULT_SESSION_KEY_UNSET: CheckMeta = CheckMeta {
    id: "hooks.default_session_key_unset",
    severity: Severity::Warn,
    title: "Hooks have no default session key",
    description: "Without hooks.defaultSessionKey, webhook runs land in sessions the operator \
                  did not choose, and webhook content can mix with other conversations.",
    remediation: "Set hooks.defaultSessionKey to a dedicated session, such as hook:ingress.",
    references: &["https://docs.openclaw.ai/automation/webhooks"],
};

/// Declaration.
pub static AGENTS_UNRESTRICTED: CheckMeta = CheckMeta {
    id: "hooks.allowed_agent_ids_unrestricted",
    severity: Severity::Warn,
    title: "Webhooks may address any agent",
    description: "Without hooks.allowedAgentIds (or with `*`) a webhook can route itself to any \
                  agent, including ones with exec or elevated tools. Critical when the gateway \
                  is reachable beyond this host.",
    remediation: "List the agents webhooks may reach in hooks.allowedAgentIds.",
    references: &["https://docs.openclaw.ai/automation/webhooks"],
};

/// Declaration.
pub static REQUEST_SESSION_KEY: CheckMeta = CheckMeta {
    id: "hooks.request_session_key_enabled",
    severity: Severity::Warn,
    title: "Webhook callers choose their session",
    description: "hooks.allowRequestSessionKey lets each webhook request name the session it \
                  lands in, so a caller can write into an existing conversation. Critical when \
                  the gateway is reachable beyond this host.",
    remediation: "Turn hooks.allowRequestSessionKey off, or limit it with \
                  hooks.allowedSessionKeyPrefixes.",
    references: &["https://docs.openclaw.ai/automation/webhooks"],
};

/// Declaration.
pub static PREFIXES_MISSING: CheckMeta = CheckMeta {
    id: "hooks.request_session_key_prefixes_missing",
    severity: Severity::Warn,
    title: "Caller-chosen session keys are not limited by prefix",
    description: "Webhook callers may name their session and no \
                  hooks.allowedSessionKeyPrefixes limits which: any session, the main one \
                  included, can be written to. Critical when the gateway is reachable beyond \
                  this host.",
    remediation: "Set hooks.allowedSessionKeyPrefixes (for example [\"hook:\"]).",
    references: &["https://docs.openclaw.ai/automation/webhooks"],
};

fn exposure_severity(view: &View) -> Severity {
    if remotely_exposed(view) {
        Severity::Critical
    } else {
        Severity::Warn
    }
}

/// Evaluates `hooks.token_too_short`.
pub fn run_token_too_short(view: &View, out: &mut Findings) {
    let Some(length) = token_length(view).filter(|_| enabled(view)) else {
        return;
    };
    if length < MIN_TOKEN_CHARS {
        out.push(
            TOKEN_TOO_SHORT
                .finding(format!("hooks.token has {length} characters."))
                .at("hooks.token"),
        );
    }
}

/// Evaluates `hooks.token_reuse_gateway_token` (the comparison is the
/// host's).
pub fn run_token_reuse(view: &View, out: &mut Findings) {
    if enabled(view) && view.gateway_state().hooks_token_matches_gateway_auth == Some(true) {
        out.push(
            TOKEN_REUSE
                .finding("hooks.token is the gateway's token or password.")
                .at("hooks.token"),
        );
    }
}

/// Evaluates `hooks.path_root`.
pub fn run_path_root(view: &View, out: &mut Findings) {
    if enabled(view) && text(view, "hooks.path") == Some("/") {
        out.push(PATH_ROOT.finding("hooks.path is \"/\".").at("hooks.path"));
    }
}

/// Evaluates `hooks.default_session_key_unset`.
pub fn run_default_session_key_unset(view: &View, out: &mut Findings) {
    if enabled(view) && text(view, "hooks.defaultSessionKey").is_none() {
        out.push(
            DEFAULT_SESSION_KEY_UNSET
                .finding("hooks.defaultSessionKey is not set.")
                .at("hooks"),
        );
    }
}

/// Evaluates `hooks.allowed_agent_ids_unrestricted`.
pub fn run_agents_unrestricted(view: &View, out: &mut Findings) {
    if enabled(view) && !agents_restricted(view) {
        out.push(
            AGENTS_UNRESTRICTED
                .finding("hooks.allowedAgentIds is unset or contains `*`.")
                .with_severity(exposure_severity(view))
                .at("hooks"),
        );
    }
}

fn request_key_allowed(view: &View) -> bool {
    enabled(view) && view.bool("hooks.allowRequestSessionKey") == Some(true)
}

/// Evaluates `hooks.request_session_key_enabled`.
pub fn run_request_session_key(view: &View, out: &mut Findings) {
    if request_key_allowed(view) {
        out.push(
            REQUEST_SESSION_KEY
                .finding("hooks.allowRequestSessionKey is true.")
                .with_severity(exposure_severity(view))
                .at("hooks.allowRequestSessionKey"),
        );
    }
}

/// Evaluates `hooks.request_session_key_prefixes_missing`.
pub fn run_prefixes_missing(view: &View, out: &mut Findings) {
    let prefixes = view
        .array("hooks.allowedSessionKeyPrefixes")
        .is_some_and(|list| {
            list.iter()
                .filter_map(|p| p.as_str())
                .any(|p| !p.trim().is_empty())
        });
    if request_key_allowed(view) && !prefixes {
        out.push(
            PREFIXES_MISSING
                .finding(
                    "hooks.allowRequestSessionKey is true and no session-key prefixes are set.",
                )
                .with_severity(exposure_severity(view))
                .at("hooks.allowRequestSessionKey"),
        );
    }
}

//! `gateway.http.session_key_override_enabled`: the OpenAI-style HTTP
//! endpoints let callers pick the session they write into (informational).

use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.http.session_key_override_enabled",
    severity: Severity::Info,
    title: "HTTP API callers can choose the session key",
    description: "When /v1/chat/completions or /v1/responses is enabled, a caller can route a \
                  request into any session with the x-openclaw-session-key header; whoever holds \
                  an API credential can read and steer every session.",
    remediation: "Hand HTTP API credentials only to fully trusted clients, or disable \
                  gateway.http.endpoints.chatCompletions / responses when unused.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let endpoints: Vec<&str> = [
        ("chatCompletions", "/v1/chat/completions"),
        ("responses", "/v1/responses"),
    ]
    .into_iter()
    .filter(|(key, _)| view.bool(&format!("gateway.http.endpoints.{key}.enabled")) == Some(true))
    .map(|(_, route)| route)
    .collect();
    if endpoints.is_empty() {
        return;
    }
    let detail = format!(
        "{} {} enabled and honour a caller-supplied session key.",
        endpoints.join(" and "),
        if endpoints.len() == 1 { "is" } else { "are" },
    );
    out.push(META.finding(detail).at("gateway.http.endpoints"));
}

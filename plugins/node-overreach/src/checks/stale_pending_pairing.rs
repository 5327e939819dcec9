//! `nodes.stale_pending_pairing`: a pairing request has waited for an
//! answer for too long.

use crate::devices::{age_ms, age_words, request_label, stale_pending_after_ms};
use pincer_sdk::prelude::*;
use pincer_sdk::secret::js_trim;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "nodes.stale_pending_pairing",
    severity: Severity::Warn,
    title: "Pairing request left unanswered",
    description: "A device pairing request has waited for more than a day (the `stalePendingHours` parameter). Nobody verified the \
                  device, yet it stays one click (or one mistaken bulk approval) away from \
                  access, and requests nobody expected may come from a probe or a stolen \
                  setup code. Warn: staleness to clear, not an exposure by itself.",
    remediation: "Review pending requests with openclaw devices list; approve only devices you \
                  can verify, and reject the rest (openclaw devices reject REQUEST_ID).",
    references: &["https://docs.openclaw.ai/gateway/pairing"],
};

/// Evaluates the check, one finding per request.
pub fn run(view: &View, out: &mut Findings) {
    let threshold = stale_pending_after_ms(view);
    for request in view.pending_pairings() {
        let Some(requested) = request.requested_at_ms else {
            continue;
        };
        let age = age_ms(view, requested);
        if age <= threshold {
            continue;
        }
        let roles = unique(request.role.iter().chain(request.roles.iter()));
        let scopes = unique(request.scopes.iter());
        let asks = match (roles.is_empty(), scopes.is_empty()) {
            (true, true) => String::new(),
            (false, true) => format!(", asking for the {} role", roles.join(" and ")),
            (true, false) => format!(", asking for {}", scopes.join(", ")),
            (false, false) => format!(
                ", asking for the {} role with {}",
                roles.join(" and "),
                scopes.join(", ")
            ),
        };
        let origin = request
            .remote_ip
            .as_deref()
            .map(js_trim)
            .filter(|ip| !ip.is_empty())
            .map(|ip| format!(" from {ip}"))
            .unwrap_or_default();
        let kind = if request.is_repair {
            "re-pairing request"
        } else {
            "pairing request"
        };
        let detail = format!(
            "The {kind} of {}{origin}{asks} has waited {}.",
            request_label(request),
            age_words(age)
        );
        out.push(META.finding(detail));
    }
}

/// Trimmed, non-blank, first occurrence only.
fn unique<'a>(items: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for item in items {
        let item = js_trim(item);
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

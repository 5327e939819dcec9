//! `summary.attack_surface`: one informational line per audit that sums up
//! the surfaces the other checks weigh — group policies, elevated tools,
//! webhooks, browser control — so a reader sees the shape of the gateway
//! before its findings.

use pincer_sdk::prelude::*;
use serde_json::Value;

use crate::inbound::group_policy_counts;

/// Declaration.
pub static SUMMARY: CheckMeta = CheckMeta {
    id: "summary.attack_surface",
    severity: Severity::Info,
    title: "Attack surface at a glance",
    description: "Always reported: how many channels take group messages from anyone or from \
                  an allowlist, and whether elevated tools, webhooks and browser control are \
                  on. The trust model it assumes is one operator per gateway.",
    remediation: "Nothing to fix by itself; read it with the other findings.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let (open, allowlist, _) = group_policy_counts(view);
    let elevated = view.bool("tools.elevated.enabled") != Some(false);
    let webhooks = view.bool("hooks.enabled") == Some(true);
    let browser = view.bool("browser.enabled") != Some(false)
        && view.bool("plugins.entries.browser.enabled") != Some(false)
        && !view
            .array("plugins.deny")
            .is_some_and(|deny| deny.iter().any(|id| id.as_str() == Some("browser")))
        && view.bool("plugins.enabled") != Some(false);
    let channels = view
        .get("channels")
        .and_then(Value::as_object)
        .map_or(0, serde_json::Map::len);
    out.push(SUMMARY.finding(format!(
        "Channels configured: {channels}; groups open to anyone: {open}, on an allowlist: \
         {allowlist}. Elevated tools {}; webhooks {}; browser control {}. Trust model: one \
         operator per gateway — give each user or organisation a gateway of its own.",
        on_off(elevated),
        on_off(webhooks),
        on_off(browser)
    )));
}

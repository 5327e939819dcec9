//! Tailscale Serve and Funnel, checked once the schema accepts the config:
//! they front a gateway bound to loopback, and never one without auth.

use super::{Context, issue, path};
use crate::collect::config::validity::schema::SchemaIssue;
use serde_json::Value;

/// Adds the bind's issue, else the auth mode's (OpenClaw stops at the
/// first).
pub(super) fn check(context: &Context<'_>, out: &mut Vec<SchemaIssue>) {
    let text = |dotted: &[&str]| context.at(&path(dotted)).and_then(Value::as_str);
    if !matches!(
        text(&["gateway", "tailscale", "mode"]),
        Some("serve" | "funnel")
    ) {
        return;
    }
    let loopback = match text(&["gateway", "bind"]) {
        None | Some("loopback") => true,
        Some("custom") => text(&["gateway", "customBindHost"]).is_some_and(is_loopback_quad),
        Some(_) => false,
    };
    if !loopback {
        out.push(issue(
            path(&["gateway", "bind"]),
            "Tailscale serve and funnel need the gateway bound to loopback",
        ));
    } else if text(&["gateway", "auth", "mode"]) == Some("none") {
        out.push(issue(
            path(&["gateway", "auth", "mode"]),
            "Tailscale serve and funnel need gateway auth; `none` lets anyone who reaches them in",
        ));
    }
}

/// A canonical dotted-quad IPv4 address in 127.0.0.0/8.
fn is_loopback_quad(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|part| {
            !part.is_empty()
                && part.len() <= 3
                && part.bytes().all(|byte| byte.is_ascii_digit())
                && (part.len() == 1 || !part.starts_with('0'))
                && part.parse::<u16>().is_ok_and(|octet| octet <= 255)
        })
        && parts[0] == "127"
}

//! `drift.gateway_weakened`: the gateway more exposed than at the last
//! recorded audit — listening wider, its auth dropped or delegated to a
//! proxy, its credential removed from the config, Tailscale identity
//! headers counting as auth (as the gateway decides it: explicitly, or by
//! default under Serve), Tailscale Serve or Funnel publishing it further,
//! trusted proxies covering addresses they did not.

use pincer_sdk::baseline::{EFFECTIVE_AUTH_MODE, Posture, settings};
use pincer_sdk::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

use crate::compare::{bind_rank, covered_by, tailscale_rank};

/// Declaration.
pub static GATEWAY_WEAKENED: CheckMeta = CheckMeta {
    id: "drift.gateway_weakened",
    severity: Severity::Critical,
    title: "The gateway is more exposed than before",
    description: "Since the last recorded audit the gateway's bind widened (loopback to tailnet \
                  or beyond), its auth mode went to none or to a trusted proxy, its token or \
                  password was removed, Tailscale identity headers started to count as auth, \
                  Tailscale Serve or Funnel published it further, or its trusted proxies grew.",
    remediation: "Restore gateway.bind, gateway.auth, gateway.tailscale and \
                  gateway.trustedProxies, and rotate the gateway credential if the gateway was \
                  reachable in between.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

fn text<'a>(settings: &'a BTreeMap<String, Value>, key: &str) -> Option<&'a str> {
    settings.get(key).and_then(Value::as_str)
}

/// The auth mode the gateway takes from its config (entries recorded
/// before the effective mode was kept: the configured one, else token).
fn auth_mode(settings: &BTreeMap<String, Value>) -> &str {
    text(settings, EFFECTIVE_AUTH_MODE)
        .or_else(|| text(settings, "gateway.auth.mode"))
        .unwrap_or("token")
}

/// Whether Tailscale identity headers count as auth: as configured, else
/// under Tailscale Serve unless the mode is password or trusted-proxy.
fn tailscale_auth(settings: &BTreeMap<String, Value>) -> bool {
    match settings.get("gateway.auth.allowTailscale") {
        Some(Value::Bool(allowed)) => *allowed,
        _ => {
            text(settings, "gateway.tailscale.mode") == Some("serve")
                && !matches!(auth_mode(settings), "password" | "trusted-proxy")
        }
    }
}

fn proxies(settings: &BTreeMap<String, Value>) -> Vec<String> {
    settings
        .get("gateway.trustedProxies")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// Whether the config names a gateway token or password at all (written,
/// `${VAR}` or secret reference).
fn names_a_credential(view: &View) -> bool {
    view.is_set("gateway.auth.token") || view.is_set("gateway.auth.password")
}

/// Evaluates `drift.gateway_weakened`, one finding per loosened setting.
pub fn run_gateway_weakened(view: &View, out: &mut Findings) {
    let Some(baseline) = view.baseline() else {
        return;
    };
    let posture: &Posture = &baseline.posture;
    let before = &posture.settings;
    let now = &settings(view);
    let mut weakened = |detail: String, path: &str| {
        out.push(GATEWAY_WEAKENED.finding(detail).at(path));
    };

    let (bind, host) = ("gateway.bind", "gateway.customBindHost");
    if bind_rank(text(now, bind), text(now, host))
        > bind_rank(text(before, bind), text(before, host))
    {
        let shown =
            |settings: &BTreeMap<String, Value>| match (text(settings, bind), text(settings, host))
            {
                (None, _) => "loopback (unset)".to_owned(),
                (Some("custom"), Some(address)) => format!("custom ({address})"),
                (Some(value), _) => value.to_owned(),
            };
        weakened(
            format!(
                "gateway.bind went from {} to {}.",
                shown(before),
                shown(now)
            ),
            bind,
        );
    }

    let (mode_before, mode_now) = (auth_mode(before), auth_mode(now));
    let delegated = |mode: &str| matches!(mode, "none" | "trusted-proxy");
    if delegated(mode_now) && mode_now != mode_before && mode_before != "none" {
        weakened(
            format!("gateway.auth.mode went from {mode_before} to {mode_now}."),
            "gateway.auth.mode",
        );
    }

    // Judged by the config, not by what this audit's environment supplies.
    let written_before = posture
        .credential
        .as_ref()
        .is_some_and(|c| c.written_in_config);
    if written_before && !names_a_credential(view) && !delegated(mode_now) {
        weakened(
            "The gateway's token or password was written in the config at the last audit, \
             and the config names none now: unless the gateway's own environment supplies \
             one, it has no credential."
                .to_owned(),
            "gateway.auth",
        );
    }

    if tailscale_auth(now) && !tailscale_auth(before) {
        weakened(
            "Tailscale identity headers count as gateway auth now (gateway.auth.allowTailscale, \
             or Tailscale Serve without it set)."
                .to_owned(),
            "gateway.auth.allowTailscale",
        );
    }

    let tailscale = "gateway.tailscale.mode";
    if tailscale_rank(text(now, tailscale)) > tailscale_rank(text(before, tailscale)) {
        let detail = if text(now, tailscale) == Some("funnel") {
            "gateway.tailscale.mode is funnel now: the gateway is on the internet.".to_owned()
        } else {
            format!(
                "gateway.tailscale.mode went from {} to {}: the whole tailnet reaches the gateway.",
                text(before, tailscale).unwrap_or("off"),
                text(now, tailscale).unwrap_or_default()
            )
        };
        weakened(detail, tailscale);
    }

    let old = proxies(before);
    let added: Vec<String> = proxies(now)
        .into_iter()
        .filter(|proxy| !old.iter().any(|known| covered_by(proxy, known)))
        .collect();
    if !added.is_empty() {
        weakened(
            format!(
                "gateway.trustedProxies now also trusts {}: client addresses and identity \
                 headers from there are believed.",
                added.join(", ")
            ),
            "gateway.trustedProxies",
        );
    }
}

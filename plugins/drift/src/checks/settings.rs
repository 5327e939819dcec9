//! `drift.elevated_enabled`, `drift.exec_security_raised`,
//! `drift.gateway_weakened`: settings that loosened since the last
//! recorded audit — elevated tools turned on for a lane, a lane's exec
//! allowed more (out of the sandbox, a wider security, less asking), the
//! gateway listening wider, its auth dropped or delegated, its credential
//! removed, Tailscale exposure or trusted proxies widened.

use pincer_sdk::baseline::LanePosture;
use pincer_sdk::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

use crate::compare::{
    Current, bind_rank, exec_loosened, exec_unguarded, previous_lane, tailscale_rank,
};

/// Declaration.
pub static ELEVATED_ENABLED: CheckMeta = CheckMeta {
    id: "drift.elevated_enabled",
    severity: Severity::Critical,
    title: "Elevated tools were turned on",
    description: "At the last recorded audit elevated tools were off for a lane \
                  (tools.elevated.enabled, or the agent's own, false); now they are on, so \
                  senders on the elevated allow lists can run tools with host privileges.",
    remediation: "Set tools.elevated.enabled (or the agent's tools.elevated.enabled) back to \
                  false unless the change was approved.",
    references: &["https://docs.openclaw.ai/tools/elevated"],
};

/// Declaration.
pub static EXEC_RAISED: CheckMeta = CheckMeta {
    id: "drift.exec_security_raised",
    severity: Severity::Warn,
    title: "Exec may do more than before",
    description: "A lane's effective exec policy (the config's tools.exec, the agent's own and \
                  the exec approvals, combined as the gateway does) allows more than at the \
                  last recorded audit: exec allowed again, commands moved from the sandbox to \
                  the host, a wider security (allowlist to full) or less asking. Critical when \
                  the lane now runs any host command without asking.",
    remediation: "Restore the previous exec policy (tools.exec.security, tools.exec.ask, \
                  tools.exec.host, the agent's tools.exec, the exec approvals) unless the \
                  change was approved.",
    references: &["https://docs.openclaw.ai/tools/exec-approvals"],
};

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

/// Lanes that now pass `changed(before, now)`, each with its phrase,
/// grouped by phrase: one finding per distinct change.
fn grouped(
    view: &View,
    changed: impl Fn(&LanePosture, &LanePosture) -> Option<String>,
) -> Vec<(String, Vec<LanePosture>)> {
    let Some(baseline) = view.baseline() else {
        return Vec::new();
    };
    let mut groups: Vec<(String, Vec<LanePosture>)> = Vec::new();
    for lane in Current::of(view).lanes {
        let Some(before) = previous_lane(&baseline.posture, &lane) else {
            continue;
        };
        let Some(phrase) = changed(before, &lane) else {
            continue;
        };
        match groups.iter_mut().find(|(known, _)| *known == phrase) {
            Some((_, lanes)) => lanes.push(lane),
            None => groups.push((phrase, vec![lane])),
        }
    }
    groups
}

fn names(lanes: &[LanePosture]) -> String {
    lanes
        .iter()
        .map(|lane| lane.lane.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a lane's own setting `key` lives: `tools.KEY` for the defaults.
fn lane_path(lane: &LanePosture, key: &str) -> String {
    if lane.lane == "agents.defaults" {
        format!("tools.{key}")
    } else {
        format!("{}.tools.{key}", lane.lane)
    }
}

/// Evaluates `drift.elevated_enabled`. A lane recorded before lanes kept
/// their elevated switch is judged by the global one.
pub fn run_elevated_enabled(view: &View, out: &mut Findings) {
    let Some(baseline) = view.baseline() else {
        return;
    };
    let global_was_off =
        baseline.posture.settings.get("tools.elevated.enabled") == Some(&Value::Bool(false));
    let groups = grouped(view, |before, now| {
        let was_on = before.elevated.unwrap_or(!global_was_off);
        (now.elevated == Some(true) && !was_on).then(String::new)
    });
    for (_, lanes) in groups {
        let global_now_on = view.bool("tools.elevated.enabled") != Some(false);
        let path = if global_was_off && global_now_on {
            "tools.elevated.enabled".to_owned()
        } else {
            lane_path(&lanes[0], "elevated.enabled")
        };
        out.push(
            ELEVATED_ENABLED
                .finding(format!(
                    "Elevated tools are on now for {} and were off at the last audit.",
                    names(&lanes)
                ))
                .at(path),
        );
    }
}

/// Evaluates `drift.exec_security_raised`, one finding per kind of change.
pub fn run_exec_raised(view: &View, out: &mut Findings) {
    let groups = grouped(view, |before, now| {
        let (Some(before), Some(now)) = (&before.exec, &now.exec) else {
            return None;
        };
        let changes = exec_loosened(before, now);
        (!changes.is_empty()).then(|| changes.join(", "))
    });
    for (phrase, lanes) in groups {
        let unguarded = lanes
            .iter()
            .any(|lane| lane.exec.as_ref().is_some_and(exec_unguarded));
        out.push(
            EXEC_RAISED
                .finding(format!("Exec in {}: {phrase}.", names(&lanes)))
                .with_severity(if unguarded {
                    Severity::Critical
                } else {
                    Severity::Warn
                })
                .at(lane_path(&lanes[0], "exec")),
        );
    }
}

/// Evaluates `drift.gateway_weakened`, one finding per loosened setting.
pub fn run_gateway_weakened(view: &View, out: &mut Findings) {
    let Some(baseline) = view.baseline() else {
        return;
    };
    let before = &baseline.posture.settings;
    let now = &Current::of(view).settings;
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

    let auth = "gateway.auth.mode";
    let delegated = |mode: Option<&str>| matches!(mode, Some("none" | "trusted-proxy"));
    if delegated(text(now, auth))
        && text(now, auth) != text(before, auth)
        && text(before, auth) != Some("none")
    {
        weakened(
            format!(
                "gateway.auth.mode went from {} to {}.",
                text(before, auth).unwrap_or("its default"),
                text(now, auth).unwrap_or_default()
            ),
            auth,
        );
    }

    let had_credential = baseline.posture.credential.is_some();
    let has_credential = view.gateway_state().credential_age.is_some();
    if had_credential && !has_credential && !delegated(text(now, auth)) {
        weakened(
            "The gateway had a token or password at the last audit and has none now.".to_owned(),
            "gateway.auth",
        );
    }

    let tailscale_auth = "gateway.auth.allowTailscale";
    let on = |settings: &BTreeMap<String, Value>| {
        settings.get(tailscale_auth) == Some(&Value::Bool(true))
    };
    if on(now) && !on(before) {
        weakened(
            "gateway.auth.allowTailscale is true now: Tailscale identity headers count as auth."
                .to_owned(),
            tailscale_auth,
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

    let proxies = "gateway.trustedProxies";
    let list = |settings: &BTreeMap<String, Value>| -> Vec<String> {
        settings
            .get(proxies)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    };
    let old = list(before);
    let added: Vec<String> = list(now).into_iter().filter(|p| !old.contains(p)).collect();
    if !added.is_empty() {
        weakened(
            format!(
                "gateway.trustedProxies now also trusts {}: client addresses and identity \
                 headers from there are believed.",
                added.join(", ")
            ),
            proxies,
        );
    }
}

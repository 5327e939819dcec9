//! `drift.elevated_enabled`, `drift.exec_security_raised`,
//! `drift.gateway_weakened`: global settings that loosened since the last
//! recorded audit — elevated tools turned on, exec allowed more, the
//! gateway listening wider, its auth dropped, Tailscale Funnel opened.

use pincer_sdk::prelude::*;
use serde_json::Value;

use crate::compare::{Current, bind_rank, exec_name, exec_rank};

/// Declaration.
pub static ELEVATED_ENABLED: CheckMeta = CheckMeta {
    id: "drift.elevated_enabled",
    severity: Severity::Critical,
    title: "Elevated tools were turned on",
    description: "At the last recorded audit tools.elevated.enabled was false; now it is not, \
                  so senders on the elevated allow lists can run tools with host privileges.",
    remediation: "Set tools.elevated.enabled back to false unless the change was approved.",
    references: &["https://docs.openclaw.ai/tools/elevated"],
};

/// Declaration.
pub static EXEC_RAISED: CheckMeta = CheckMeta {
    id: "drift.exec_security_raised",
    severity: Severity::Warn,
    title: "Exec may do more than before",
    description: "The global exec policy (tools.exec.mode or tools.exec.security) allows more \
                  than at the last recorded audit: deny to allowlist, or anything to full \
                  (critical).",
    remediation: "Restore the previous exec policy unless the change was approved.",
    references: &["https://docs.openclaw.ai/tools/exec-approvals"],
};

/// Declaration.
pub static GATEWAY_WEAKENED: CheckMeta = CheckMeta {
    id: "drift.gateway_weakened",
    severity: Severity::Critical,
    title: "The gateway is more exposed than before",
    description: "Since the last recorded audit the gateway's bind widened (loopback to tailnet \
                  or beyond), its auth mode went to none, or Tailscale Funnel opened it to the \
                  internet.",
    remediation: "Restore gateway.bind, gateway.auth.mode and gateway.tailscale.mode, and \
                  rotate the gateway credential if the gateway was reachable in between.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

fn text<'a>(settings: &'a std::collections::BTreeMap<String, Value>, key: &str) -> Option<&'a str> {
    settings.get(key).and_then(Value::as_str)
}

/// Evaluates `drift.elevated_enabled`.
pub fn run_elevated_enabled(view: &View, out: &mut Findings) {
    let Some(baseline) = view.baseline() else {
        return;
    };
    let key = "tools.elevated.enabled";
    let was_off = baseline.posture.settings.get(key) == Some(&Value::Bool(false));
    let now_off = Current::of(view).settings.get(key) == Some(&Value::Bool(false));
    if was_off && !now_off {
        out.push(
            ELEVATED_ENABLED
                .finding("tools.elevated.enabled was false at the last audit and is not now.")
                .at(key),
        );
    }
}

/// Evaluates `drift.exec_security_raised`.
pub fn run_exec_raised(view: &View, out: &mut Findings) {
    let Some(baseline) = view.baseline() else {
        return;
    };
    let before = exec_rank(&baseline.posture.settings);
    let now = exec_rank(&Current::of(view).settings);
    if now > before {
        out.push(
            EXEC_RAISED
                .finding(format!(
                    "Global exec went from {} to {}.",
                    exec_name(before),
                    exec_name(now)
                ))
                .with_severity(if now == 2 {
                    Severity::Critical
                } else {
                    Severity::Warn
                })
                .at("tools.exec"),
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
    let bind = "gateway.bind";
    if bind_rank(text(now, bind)) > bind_rank(text(before, bind)) {
        out.push(
            GATEWAY_WEAKENED
                .finding(format!(
                    "gateway.bind went from {} to {}.",
                    text(before, bind).unwrap_or("loopback (unset)"),
                    text(now, bind).unwrap_or("loopback (unset)")
                ))
                .at(bind),
        );
    }
    let auth = "gateway.auth.mode";
    if text(now, auth) == Some("none") && text(before, auth) != Some("none") {
        out.push(
            GATEWAY_WEAKENED
                .finding(format!(
                    "gateway.auth.mode went from {} to none.",
                    text(before, auth).unwrap_or("its default")
                ))
                .at(auth),
        );
    }
    let tailscale = "gateway.tailscale.mode";
    if text(now, tailscale) == Some("funnel") && text(before, tailscale) != Some("funnel") {
        out.push(
            GATEWAY_WEAKENED
                .finding("gateway.tailscale.mode is funnel now: the gateway is on the internet.")
                .at(tailscale),
        );
    }
}

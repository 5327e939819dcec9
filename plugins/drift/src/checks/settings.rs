//! `drift.elevated_enabled`, `drift.exec_security_raised`: lane settings
//! that loosened since the last recorded audit — elevated tools turned on
//! for a lane, a lane's exec allowed more (out of the sandbox, a wider
//! security, less asking).

use pincer_sdk::baseline::LanePosture;
use pincer_sdk::prelude::*;
use serde_json::Value;

use crate::compare::{Current, exec_loosened, exec_unguarded, previous_lane};

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
/// Not while the state could not be read whole: without the exec
/// approvals, a lane's policy would look like the unguarded default.
pub fn run_exec_raised(view: &View, out: &mut Findings) {
    if !view.gateway_state().info.complete() {
        return;
    }
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

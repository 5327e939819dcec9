//! Native tests through the SDK's harness: every check with a positive
//! and a negative case. tests/e2e/drift.rs runs the plugin through the
//! real host on two real state dirs and a recorded history.

use crate::Drift;
use pincer_sdk::baseline::{Baseline, NodePosture, lanes, settings};
use pincer_sdk::prelude::*;
use pincer_sdk::testing::assert_metadata;
use pincer_sdk::{BootRecord, EventCount, GatewayState, PairedDevice};
use serde_json::{Value, json};

const NOW: u64 = 1_790_000_000_000;
const HOUR: u64 = 3_600_000;

/// The baseline an audit of `config` with `nodes` recorded an hour ago.
fn baseline(config: Value, nodes: Vec<NodePosture>) -> Baseline {
    let view = Scenario::config(config).view();
    let mut baseline = Baseline {
        recorded_at_ms: NOW - HOUR,
        ..Baseline::default()
    };
    baseline.posture.lanes = lanes(&view);
    baseline.posture.settings = settings(&view);
    baseline.posture.nodes = nodes;
    baseline
}

fn scenario(config: Value) -> Scenario {
    Scenario::config(config).now_ms(NOW)
}

fn of(scenario: Scenario, id: &str) -> Vec<Severity> {
    scenario.severities_of::<Drift>(id)
}

fn device(id: &str, scopes: &[&str]) -> PairedDevice {
    PairedDevice {
        device_id: id.to_owned(),
        platform: Some("macos".to_owned()),
        roles: vec!["node".to_owned()],
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        ..PairedDevice::default()
    }
}

fn node(id: &str, scopes: &[&str]) -> NodePosture {
    NodePosture {
        device_id: id.to_owned(),
        platform: Some("macos".to_owned()),
        roles: vec!["node".to_owned()],
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
    }
}

#[test]
fn metadata_is_complete() {
    assert_metadata::<Drift>(&["drift."]);
}

#[test]
fn without_a_baseline_only_the_state_checks_run() {
    let loose = json!({"tools": {"elevated": {"enabled": true}, "exec": {"security": "full"}}});
    assert_eq!(scenario(loose).pairs::<Drift>(), vec![]);
}

#[test]
fn a_new_device_and_grown_scopes_are_drift() {
    let before = baseline(json!({}), vec![node("dev-a", &["operator.read"])]);
    let now = scenario(json!({}))
        .baseline(before.clone())
        .paired(device("dev-a", &["operator.read", "operator.admin"]))
        .paired(device("dev-b", &[]));
    assert_eq!(of(now.clone(), "drift.node_new"), vec![Severity::Warn]);
    assert_eq!(of(now, "drift.node_scopes_grew"), vec![Severity::Critical]);
    let same = scenario(json!({}))
        .baseline(before)
        .paired(device("dev-a", &["operator.read"]));
    assert_eq!(same.pairs::<Drift>(), vec![]);
}

#[test]
fn tools_newly_admitted_to_a_lane_are_drift() {
    let before = baseline(
        json!({"tools": {"deny": ["group:runtime", "browser"]}}),
        vec![],
    );
    let runtime_back = scenario(json!({"tools": {"deny": ["browser"]}})).baseline(before.clone());
    assert_eq!(
        of(runtime_back, "drift.tool_enabled"),
        vec![Severity::Critical]
    );
    let browser_back =
        scenario(json!({"tools": {"deny": ["group:runtime"]}})).baseline(before.clone());
    assert_eq!(of(browser_back, "drift.tool_enabled"), vec![Severity::Warn]);
    let unchanged =
        scenario(json!({"tools": {"deny": ["group:runtime", "browser"]}})).baseline(before);
    assert_eq!(of(unchanged, "drift.tool_enabled"), vec![]);
}

#[test]
fn a_lowered_sandbox_is_drift_and_new_agents_compare_with_the_defaults() {
    let all = json!({"agents": {"defaults": {"sandbox": {"mode": "all"}}}});
    let before = baseline(all.clone(), vec![]);
    let lowered = scenario(json!({"agents": {"defaults": {"sandbox": {"mode": "non-main"}}}}))
        .baseline(before.clone());
    assert_eq!(
        of(lowered, "drift.sandbox_lowered"),
        vec![Severity::Critical]
    );
    let new_agent_off = scenario(json!({"agents": {
        "defaults": {"sandbox": {"mode": "all"}},
        "entries": {"ops": {"sandbox": {"mode": "off"}}}
    }}))
    .baseline(before.clone());
    assert_eq!(
        of(new_agent_off, "drift.sandbox_lowered"),
        vec![Severity::Critical]
    );
    assert_eq!(
        of(scenario(all).baseline(before), "drift.sandbox_lowered"),
        vec![]
    );
}

#[test]
fn elevated_and_exec_loosening_are_drift() {
    let strict = json!({"tools": {"elevated": {"enabled": false}, "exec": {"security": "deny"}}});
    let before = baseline(strict.clone(), vec![]);
    let elevated =
        scenario(json!({"tools": {"exec": {"security": "deny"}}})).baseline(before.clone());
    assert_eq!(
        of(elevated, "drift.elevated_enabled"),
        vec![Severity::Critical]
    );
    let allowlist = scenario(
        json!({"tools": {"elevated": {"enabled": false}, "exec": {"security": "allowlist"}}}),
    )
    .baseline(before.clone());
    assert_eq!(
        of(allowlist, "drift.exec_security_raised"),
        vec![Severity::Warn]
    );
    let full =
        scenario(json!({"tools": {"elevated": {"enabled": false}, "exec": {"mode": "full"}}}))
            .baseline(before.clone());
    assert_eq!(
        of(full, "drift.exec_security_raised"),
        vec![Severity::Critical]
    );
    let same = scenario(strict).baseline(before);
    assert_eq!(of(same.clone(), "drift.elevated_enabled"), vec![]);
    assert_eq!(of(same, "drift.exec_security_raised"), vec![]);
}

#[test]
fn a_weaker_gateway_is_drift() {
    let before = baseline(
        json!({"gateway": {"bind": "loopback", "auth": {"mode": "token"}, "tailscale": {"mode": "serve"}}}),
        vec![],
    );
    let weaker = scenario(json!({"gateway": {"bind": "lan", "auth": {"mode": "none"}, "tailscale": {"mode": "funnel"}}}))
        .baseline(before.clone());
    assert_eq!(
        of(weaker, "drift.gateway_weakened"),
        vec![Severity::Critical; 3]
    );
    let tighter =
        scenario(json!({"gateway": {"auth": {"mode": "password"}, "tailscale": {"mode": "off"}}}))
            .baseline(before);
    assert_eq!(of(tighter, "drift.gateway_weakened"), vec![]);
}

fn boots(starts_minutes_ago: &[u64]) -> GatewayState {
    GatewayState {
        boots: starts_minutes_ago
            .iter()
            .map(|minutes| BootRecord {
                boot_id: format!("boot-{minutes}"),
                started_at_ms: i64::try_from(NOW - minutes * 60_000).unwrap(),
                ..BootRecord::default()
            })
            .collect(),
        ..GatewayState::default()
    }
}

#[test]
fn restart_loops_are_found_with_or_without_a_baseline() {
    let looping = scenario(json!({})).gateway_state(boots(&[90, 87, 84, 500]));
    assert_eq!(
        of(looping.clone(), "drift.restart_loop"),
        vec![Severity::Critical]
    );
    // Before the previous run (an hour ago): reported then, not again.
    let seen = looping.baseline(baseline(json!({}), vec![]));
    assert_eq!(of(seen, "drift.restart_loop"), vec![]);
    let since = scenario(json!({}))
        .gateway_state(boots(&[30, 27, 24]))
        .baseline(baseline(json!({}), vec![]));
    assert_eq!(of(since, "drift.restart_loop"), vec![Severity::Critical]);
    let long_ago = scenario(json!({})).gateway_state(boots(&[20_000, 19_998, 19_996]));
    assert_eq!(of(long_ago, "drift.restart_loop"), vec![]);
    let spread = scenario(json!({})).gateway_state(boots(&[30, 15, 1]));
    assert_eq!(of(spread.clone(), "drift.restart_loop"), vec![]);
    let strict = spread.params(json!({"restartLoopBoots": 2, "restartLoopMinutes": 15}));
    assert_eq!(of(strict, "drift.restart_loop"), vec![Severity::Critical]);
}

fn events(ledger: &str, status: &str, last_day: u64) -> GatewayState {
    GatewayState {
        events: vec![EventCount {
            ledger: ledger.to_owned(),
            status: status.to_owned(),
            last_day,
            last_week: last_day,
            total: last_day,
        }],
        ..GatewayState::default()
    }
}

#[test]
fn repeated_blocked_or_failing_activity_is_reported() {
    let blocked = scenario(json!({})).gateway_state(events("audit", "blocked", 25));
    assert_eq!(of(blocked, "drift.blocked_activity"), vec![Severity::Warn]);
    let few = scenario(json!({})).gateway_state(events("audit", "blocked", 3));
    assert_eq!(of(few, "drift.blocked_activity"), vec![]);
    let failing = scenario(json!({})).gateway_state(events("ingress", "failed", 40));
    assert_eq!(
        of(failing.clone(), "drift.channel_ingress_failures"),
        vec![Severity::Warn]
    );
    let tolerant = failing.params(json!({"ingressFailuresPerDay": 100}));
    assert_eq!(of(tolerant, "drift.channel_ingress_failures"), vec![]);
}

//! Native tests through the SDK's harness: every check with a positive
//! and a negative case. tests/e2e/history.rs runs the plugin through the
//! real host on a real state dir that changes between recorded audits.

use crate::Drift;
use pincer_sdk::baseline::{Baseline, CredentialPosture, NodePosture, lanes, settings};
use pincer_sdk::prelude::*;
use pincer_sdk::testing::assert_metadata;
use pincer_sdk::{
    BootRecord, CredentialAge, EventCount, FileFact, FileKind, GatewayState, PairedDevice,
};
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
fn every_check_fires_in_one_scenario_and_stays_quiet_in_another() {
    pincer_sdk::testing::CheckGate::<Drift>::new()
        .cases(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/parity/drift"
        ))
        .assert();
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

/// Counts of one ledger's events: `(status, kind, last day, newest
/// minutes ago)`.
fn events(ledger: &str, counts: &[(&str, &str, u64, u64)]) -> GatewayState {
    GatewayState {
        events: counts
            .iter()
            .map(|(status, kind, last_day, minutes_ago)| EventCount {
                ledger: ledger.to_owned(),
                status: (*status).to_owned(),
                kind: Some((*kind).to_owned()),
                last_day: *last_day,
                last_week: *last_day,
                total: *last_day,
                latest_at_ms: Some(i64::try_from(NOW - minutes_ago * 60_000).unwrap()),
            })
            .collect(),
        ..GatewayState::default()
    }
}

#[test]
fn repeated_blocked_or_failing_activity_is_reported() {
    let blocked = scenario(json!({})).gateway_state(events(
        "audit",
        &[
            ("blocked", "agent_run", 5, 3),
            ("blocked", "tool_action", 20, 2),
        ],
    ));
    assert_eq!(
        of(blocked.clone(), "drift.blocked_activity"),
        vec![Severity::Warn]
    );
    assert!(
        blocked.details_of::<Drift>("drift.blocked_activity")[0]
            .contains("25 actions blocked by policy")
    );
    let few =
        scenario(json!({})).gateway_state(events("audit", &[("blocked", "tool_action", 3, 2)]));
    assert_eq!(of(few, "drift.blocked_activity"), vec![]);
    // Skipped messages (duplicates, a reply under way) are not policy
    // blocks; other blocked messages are.
    let skipped = scenario(json!({}))
        .gateway_state(events("audit", &[("blocked", "message_skipped", 60, 2)]));
    assert_eq!(of(skipped, "drift.blocked_activity"), vec![]);
    let blocked_messages =
        scenario(json!({})).gateway_state(events("audit", &[("blocked", "message", 30, 2)]));
    assert_eq!(
        of(blocked_messages, "drift.blocked_activity"),
        vec![Severity::Warn]
    );

    let failing = scenario(json!({})).gateway_state(events(
        "ingress",
        &[("failed", "telegram", 40, 2), ("failed", "discord", 5, 2)],
    ));
    assert_eq!(
        of(failing.clone(), "drift.channel_ingress_failures"),
        vec![Severity::Warn],
        "one channel over the default of 20, one under it"
    );
    assert!(failing.details_of::<Drift>("drift.channel_ingress_failures")[0].contains("telegram"));
    let tolerant = failing.params(json!({"ingressFailuresPerDay": 100}));
    assert_eq!(of(tolerant, "drift.channel_ingress_failures"), vec![]);
    let under_default =
        scenario(json!({})).gateway_state(events("ingress", &[("failed", "telegram", 5, 2)]));
    assert_eq!(of(under_default, "drift.channel_ingress_failures"), vec![]);
}

#[test]
fn a_burst_the_last_audit_saw_is_not_reported_again() {
    // The baseline is an hour old: a burst whose newest event is two hours
    // old was reported then; one that went on since is reported now.
    let old = events("audit", &[("blocked", "tool_action", 30, 120)]);
    let growing = events("audit", &[("blocked", "tool_action", 30, 5)]);
    let seen = scenario(json!({}))
        .gateway_state(old.clone())
        .baseline(baseline(json!({}), vec![]));
    assert_eq!(of(seen, "drift.blocked_activity"), vec![]);
    let without_history = scenario(json!({})).gateway_state(old);
    assert_eq!(
        of(without_history, "drift.blocked_activity"),
        vec![Severity::Warn]
    );
    let news = scenario(json!({}))
        .gateway_state(growing)
        .baseline(baseline(json!({}), vec![]));
    assert_eq!(of(news, "drift.blocked_activity"), vec![Severity::Warn]);
    let ingress_seen = scenario(json!({}))
        .gateway_state(events("ingress", &[("failed", "telegram", 40, 120)]))
        .baseline(baseline(json!({}), vec![]));
    assert_eq!(of(ingress_seen, "drift.channel_ingress_failures"), vec![]);
}

#[test]
fn exec_is_judged_by_the_lane_policy_the_gateway_runs() {
    // Deleting tools.exec.security does not deny exec: the gateway's
    // default is full on the host, asking nobody.
    let before = baseline(
        json!({"tools": {"exec": {"security": "allowlist", "ask": "on-miss"}}}),
        vec![],
    );
    let unset = scenario(json!({})).baseline(before.clone());
    assert_eq!(
        of(unset.clone(), "drift.exec_security_raised"),
        vec![Severity::Critical]
    );
    let detail = &unset.details_of::<Drift>("drift.exec_security_raised")[0];
    assert!(
        detail.contains("security allowlist → full") && detail.contains("ask on-miss → off"),
        "{detail}"
    );
    let ask_lowered = scenario(json!({"tools": {"exec": {"security": "allowlist", "ask": "off"}}}))
        .baseline(before.clone());
    assert_eq!(
        of(ask_lowered, "drift.exec_security_raised"),
        vec![Severity::Warn]
    );
    let tighter = scenario(json!({"tools": {"exec": {"security": "allowlist", "ask": "always"}}}))
        .baseline(before);
    assert_eq!(of(tighter, "drift.exec_security_raised"), vec![]);

    let sandboxed =
        json!({"tools": {"exec": {"host": "sandbox", "security": "full", "ask": "on-miss"}}});
    let to_host = scenario(
        json!({"tools": {"exec": {"host": "gateway", "security": "full", "ask": "on-miss"}}}),
    )
    .baseline(baseline(sandboxed.clone(), vec![]));
    assert_eq!(
        of(to_host.clone(), "drift.exec_security_raised"),
        vec![Severity::Warn]
    );
    assert!(
        to_host.details_of::<Drift>("drift.exec_security_raised")[0]
            .contains("on the host instead of the sandbox")
    );
    let stays = scenario(sandboxed.clone()).baseline(baseline(sandboxed, vec![]));
    assert_eq!(of(stays, "drift.exec_security_raised"), vec![]);
}

#[test]
fn one_agent_loosening_exec_is_its_own_lane() {
    let strict = json!({
        "tools": {"exec": {"security": "deny"}},
        "agents": {"entries": {"ops": {}, "web": {}}}
    });
    let before = baseline(strict, vec![]);
    let ops_full = scenario(json!({
        "tools": {"exec": {"security": "deny"}},
        "agents": {"entries": {"ops": {"tools": {"exec": {"security": "full"}}}, "web": {}}}
    }))
    .baseline(before);
    let details = ops_full.details_of::<Drift>("drift.exec_security_raised");
    assert_eq!(details.len(), 1, "{details:?}");
    assert!(
        details[0].contains("agents.entries.ops") && !details[0].contains("web"),
        "{details:?}"
    );
}

#[test]
fn elevated_is_followed_per_lane() {
    let before = baseline(
        json!({"agents": {"entries": {"ops": {"tools": {"elevated": {"enabled": false}}}}},
               "tools": {"elevated": {"enabled": true}}}),
        vec![],
    );
    let ops_on = scenario(json!({"agents": {"entries": {"ops": {}}},
                                 "tools": {"elevated": {"enabled": true}}}))
    .baseline(before.clone());
    assert_eq!(
        of(ops_on.clone(), "drift.elevated_enabled"),
        vec![Severity::Critical]
    );
    let detail = &ops_on.details_of::<Drift>("drift.elevated_enabled")[0];
    assert!(
        detail.contains("agents.entries.ops") && !detail.contains("agents.defaults"),
        "{detail}"
    );
    let same = scenario(
        json!({"agents": {"entries": {"ops": {"tools": {"elevated": {"enabled": false}}}}},
                               "tools": {"elevated": {"enabled": true}}}),
    )
    .baseline(before);
    assert_eq!(of(same, "drift.elevated_enabled"), vec![]);
}

#[test]
fn entries_recorded_before_lanes_kept_exec_and_elevated_still_compare() {
    let mut before = baseline(json!({"tools": {"elevated": {"enabled": false}}}), vec![]);
    for lane in &mut before.posture.lanes {
        lane.exec = None;
        lane.elevated = None;
    }
    let now = scenario(json!({})).baseline(before);
    assert_eq!(
        of(now.clone(), "drift.elevated_enabled"),
        vec![Severity::Critical]
    );
    assert_eq!(
        of(now, "drift.exec_security_raised"),
        vec![],
        "nothing to compare exec with"
    );
}

#[test]
fn more_ways_the_gateway_weakens() {
    let before = baseline(
        json!({"gateway": {"bind": "custom", "customBindHost": "127.0.0.1",
                           "auth": {"mode": "token"}, "trustedProxies": ["10.0.0.1"]}}),
        vec![],
    );
    let weaker = scenario(json!({"gateway": {"bind": "custom", "customBindHost": "0.0.0.0",
                                             "auth": {"mode": "trusted-proxy", "allowTailscale": true},
                                             "trustedProxies": ["10.0.0.1", "10.0.0.0/8"],
                                             "tailscale": {"mode": "serve"}}}))
    .baseline(before.clone());
    let details = weaker.details_of::<Drift>("drift.gateway_weakened");
    assert_eq!(details.len(), 5, "{details:?}");
    for expected in [
        "custom (0.0.0.0)",
        "trusted-proxy",
        "allowTailscale",
        "10.0.0.0/8",
        "serve",
    ] {
        assert!(
            details.iter().any(|d| d.contains(expected)),
            "{expected}: {details:?}"
        );
    }
    let loopback_v6 = scenario(json!({"gateway": {"bind": "custom", "customBindHost": "::1",
                                                  "auth": {"mode": "token"}, "trustedProxies": ["10.0.0.1"]}}))
    .baseline(before);
    assert_eq!(of(loopback_v6, "drift.gateway_weakened"), vec![]);
}

fn credential(since_days_ago: Option<u64>, evidence: &[&str]) -> CredentialAge {
    CredentialAge {
        kind: "token".to_owned(),
        path: "gateway.auth.token".to_owned(),
        written_in_config: true,
        in_place_since_ms: since_days_ago.map(|days| NOW - days * 24 * HOUR),
        evidence: evidence.iter().map(|e| (*e).to_owned()).collect(),
        tracked: true,
        ..CredentialAge::default()
    }
}

fn with_credential(age: CredentialAge) -> GatewayState {
    GatewayState {
        credential_age: Some(age),
        ..GatewayState::default()
    }
}

#[test]
fn a_credential_removed_from_the_config_weakens_the_gateway() {
    let with_credential_in_config = |written: bool| {
        let mut before = baseline(json!({"gateway": {"auth": {"mode": "token"}}}), vec![]);
        before.posture.credential = Some(CredentialPosture {
            kind: "token".to_owned(),
            written_in_config: written,
            ..CredentialPosture::default()
        });
        before
    };
    let gone = scenario(json!({"gateway": {"auth": {"mode": "token"}}}))
        .baseline(with_credential_in_config(true));
    assert_eq!(of(gone, "drift.gateway_weakened"), vec![Severity::Critical]);
    // Moved to a variable this audit cannot resolve: still named, not gone.
    let moved = scenario(json!({"gateway": {"auth": {"mode": "token", "token": "${GW_TOKEN}"}}}))
        .baseline(with_credential_in_config(true));
    assert_eq!(of(moved, "drift.gateway_weakened"), vec![]);
    // It came from the auditor's environment then: nothing to judge by.
    let env_then = scenario(json!({"gateway": {"auth": {"mode": "token"}}}))
        .baseline(with_credential_in_config(false));
    assert_eq!(of(env_then, "drift.gateway_weakened"), vec![]);
}

#[test]
fn tailscale_auth_is_judged_as_the_gateway_decides_it() {
    let serve = json!({"gateway": {"tailscale": {"mode": "serve"}, "auth": {"mode": "token"}}});
    // Under Serve, identity headers count by default: saying so changes nothing.
    let mut explicit = serve.clone();
    explicit["gateway"]["auth"]["allowTailscale"] = json!(true);
    let same = scenario(explicit).baseline(baseline(serve.clone(), vec![]));
    assert_eq!(of(same, "drift.gateway_weakened"), vec![]);
    // Password mode turns the default off; dropping it turns it on.
    let mut password = serve.clone();
    password["gateway"]["auth"]["mode"] = json!("password");
    let back_to_token = scenario(serve).baseline(baseline(password, vec![]));
    let details = back_to_token.details_of::<Drift>("drift.gateway_weakened");
    assert!(
        details
            .iter()
            .any(|d| d.contains("Tailscale identity headers")),
        "{details:?}"
    );
}

#[test]
fn a_password_in_the_config_makes_password_the_default_mode() {
    // Serve with a password and no mode: password mode, no identity auth.
    // Drop the password for a token, still no mode: token mode under
    // Serve, and identity headers count.
    let password = json!({"gateway": {"tailscale": {"mode": "serve"},
                                      "auth": {"password": "${GW_PASSWORD}"}}});
    let token = json!({"gateway": {"tailscale": {"mode": "serve"},
                                   "auth": {"token": "${GW_TOKEN}"}}});
    let now = scenario(token.clone()).baseline(baseline(password.clone(), vec![]));
    let details = now.details_of::<Drift>("drift.gateway_weakened");
    assert!(
        details
            .iter()
            .any(|d| d.contains("Tailscale identity headers")),
        "{details:?}"
    );
    let back = scenario(password).baseline(baseline(token, vec![]));
    assert_eq!(of(back, "drift.gateway_weakened"), vec![]);
}

#[test]
fn narrowed_trusted_proxies_are_not_a_weakening() {
    let before = baseline(
        json!({"gateway": {"trustedProxies": ["0.0.0.0/0"]}}),
        vec![],
    );
    let narrower = scenario(json!({"gateway": {"trustedProxies": ["10.0.0.1", "10.2.0.0/16"]}}))
        .baseline(before);
    assert_eq!(of(narrower, "drift.gateway_weakened"), vec![]);
    let before = baseline(
        json!({"gateway": {"trustedProxies": ["10.0.0.0/24"]}}),
        vec![],
    );
    let wider = scenario(json!({"gateway": {"trustedProxies": ["10.0.0.0/16"]}})).baseline(before);
    assert_eq!(
        of(wider, "drift.gateway_weakened"),
        vec![Severity::Critical]
    );
}

#[test]
fn exec_is_not_compared_while_the_state_could_not_be_read() {
    let before = baseline(
        json!({"tools": {"exec": {"security": "allowlist", "ask": "on-miss"}}}),
        vec![],
    );
    let locked = GatewayState {
        info: pincer_sdk::StateInfo {
            notes: vec![pincer_sdk::StateNote {
                level: pincer_sdk::NoteLevel::Error,
                message: "locked".to_owned(),
            }],
            ..pincer_sdk::StateInfo::default()
        },
        ..GatewayState::default()
    };
    let now = scenario(json!({})).gateway_state(locked).baseline(before);
    assert_eq!(of(now, "drift.exec_security_raised"), vec![]);
}

#[test]
fn a_new_device_the_inventory_lists_is_expected_one_it_does_not_is_critical() {
    let before = baseline(json!({}), vec![node("dev-a", &[])]);
    let mut listed = device("0123456789abcdef", &[]);
    listed.operator_label = Some("build box".to_owned());
    let now = scenario(json!({}))
        .baseline(before)
        .paired(device("dev-a", &[]))
        .paired(listed)
        .paired(device("fedcba9876543210", &[]));
    let with_inventory = now
        .clone()
        .params(json!({"inventory": ["build box", "dev-a"]}));
    assert_eq!(
        of(with_inventory.clone(), "drift.node_new"),
        vec![Severity::Critical]
    );
    assert!(with_inventory.details_of::<Drift>("drift.node_new")[0].contains("fedcba9876543210"));
    assert_eq!(of(now, "drift.node_new"), vec![Severity::Warn; 2]);
}

#[test]
fn a_credential_the_history_dates_past_the_policy_is_reported() {
    let old = scenario(json!({}))
        .gateway_state(with_credential(credential(Some(200), &["config-journal"])));
    assert_eq!(
        of(old.clone(), "drift.token_unrotated"),
        vec![Severity::Warn]
    );
    let detail = &old.details_of::<Drift>("drift.token_unrotated")[0];
    assert!(
        detail.contains("200 days") && detail.contains("config journal"),
        "{detail}"
    );
    let young = scenario(json!({}))
        .gateway_state(with_credential(credential(Some(30), &["audit-history"])));
    assert_eq!(of(young.clone(), "drift.token_unrotated"), vec![]);
    let strict = young.params(json!({"tokenMaxAgeDays": 10}));
    assert_eq!(of(strict, "drift.token_unrotated"), vec![Severity::Warn]);
    // At the limit is still within it.
    let at_limit = scenario(json!({}))
        .gateway_state(with_credential(credential(Some(90), &["audit-history"])));
    assert_eq!(of(at_limit, "drift.token_unrotated"), vec![]);
    // No history evidence: gateway.token_age judges by the files instead.
    let unproven = scenario(json!({})).gateway_state(with_credential(credential(None, &[])));
    assert_eq!(of(unproven, "drift.token_unrotated"), vec![]);
}

#[test]
fn the_config_files_lengthen_a_history_bound_for_a_written_token() {
    let config = FileFact {
        role: "config".to_owned(),
        path: "/home/op/.openclaw/openclaw.json".to_owned(),
        kind: FileKind::File,
        mode: Some(0o600),
        owned_by_current_user: Some(true),
        modified_ms: Some(NOW - 150 * 24 * HOUR),
    };
    let now = scenario(json!({}))
        .file_fact(config.clone())
        .gateway_state(with_credential(credential(Some(20), &["audit-history"])));
    let detail = &now.details_of::<Drift>("drift.token_unrotated")[0];
    assert!(
        detail.contains("150 days") && detail.contains("modification times"),
        "{detail}"
    );
    let mut from_env = credential(Some(20), &["audit-history"]);
    from_env.written_in_config = false;
    let env = scenario(json!({}))
        .file_fact(config)
        .gateway_state(with_credential(from_env));
    assert_eq!(of(env, "drift.token_unrotated"), vec![]);
}

#[test]
fn a_credential_seen_exposed_and_still_in_use_is_critical() {
    let mut exposed = credential(Some(3), &["audit-history"]);
    exposed.exposed_at_ms = Some(NOW - 2 * 24 * HOUR);
    exposed.exposed_by = vec!["fs.config.perms_world_readable".to_owned()];
    let now = scenario(json!({})).gateway_state(with_credential(exposed));
    assert_eq!(
        of(now.clone(), "drift.token_exposed_not_rotated"),
        vec![Severity::Critical]
    );
    let detail = &now.details_of::<Drift>("drift.token_exposed_not_rotated")[0];
    let date = pincer_sdk::time::utc_date(NOW - 2 * 24 * HOUR);
    assert!(
        detail.contains(&date) && detail.contains("perms_world_readable"),
        "{detail}"
    );
    let clean =
        scenario(json!({})).gateway_state(with_credential(credential(Some(3), &["audit-history"])));
    assert_eq!(of(clean, "drift.token_exposed_not_rotated"), vec![]);
}

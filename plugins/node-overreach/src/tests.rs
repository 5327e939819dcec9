//! Native tests of the checks through the SDK's harness (no wasm): the same
//! redaction as the host, findings held to the contract. The end-to-end
//! cases in tests/parity/node-overreach cover the built component on the
//! reference checks; the state checks are covered here only, since the
//! reference has no state to compare with.

use crate::NodeOverreach;
use crate::devices::DAY_MS;

const STALE_DEVICE_AFTER_MS: i64 = 30 * DAY_MS;
const STALE_PENDING_AFTER_MS: i64 = DAY_MS;
use pincer_sdk::prelude::*;
use pincer_sdk::testing::{DEFAULT_NOW_MS, assert_metadata};
use pincer_sdk::{DeviceToken, NodeSurface, PairedDevice, PendingPairing};
use serde_json::{Value, json};

const NOW: i64 = DEFAULT_NOW_MS.cast_signed();
const TOKEN_VALUE: &str = "planted-device-token-0123456789abcdef";

fn pairs(scenario: Scenario) -> Vec<(String, Severity)> {
    scenario.pairs::<NodeOverreach>()
}

/// The pairs of one check.
fn of(scenario: Scenario, id: &str) -> Vec<Severity> {
    pairs(scenario)
        .into_iter()
        .filter(|(found, _)| found == id)
        .map(|(_, severity)| severity)
        .collect()
}

fn config(value: Value) -> Scenario {
    Scenario::config(value)
}

fn nodes(commands: Value) -> Scenario {
    config(json!({"gateway": {"nodes": {"commands": commands}}}))
}

fn token(role: &str, scopes: &[&str]) -> DeviceToken {
    DeviceToken {
        role: role.to_owned(),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        created_at_ms: Some(NOW - 90 * DAY_MS),
        rotated_at_ms: None,
        last_used_at_ms: None,
        revoked_at_ms: None,
        secret: SecretMarker::describe(TOKEN_VALUE, SecretSource::Inline, None),
    }
}

/// A node seen a minute ago, on `platform`, offering `commands`.
fn node(platform: Option<&str>, commands: &[&str]) -> PairedDevice {
    PairedDevice {
        device_id: "b19703d1a12d93f4341b164e32fb538042529a8db631f12c5a863074e297032c".into(),
        display_name: Some("build-server-01".into()),
        platform: platform.map(str::to_owned),
        client_id: Some("node-host".into()),
        client_mode: Some("node".into()),
        role: Some("node".into()),
        roles: vec!["node".into()],
        created_at_ms: Some(NOW - 10 * DAY_MS),
        approved_at_ms: Some(NOW - 10 * DAY_MS),
        last_seen_at_ms: Some(NOW - 60_000),
        tokens: vec![token("node", &[])],
        node: Some(NodeSurface {
            caps: vec!["system".into()],
            commands: commands.iter().map(|c| (*c).to_owned()).collect(),
            ..NodeSurface::default()
        }),
        ..PairedDevice::default()
    }
}

/// An operator client seen a minute ago with these scopes.
fn operator(scopes: &[&str], approved: &[&str]) -> PairedDevice {
    let list = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    PairedDevice {
        device_id: "3f5ee122f606d9440b21d60d09e3ae62feeffa1268257298cf477c7a77f87e4d".into(),
        display_name: Some("alice-macbook".into()),
        operator_label: Some("Alice (laptop)".into()),
        platform: Some("macos".into()),
        client_id: Some("openclaw-macos".into()),
        role: Some("operator".into()),
        roles: vec!["operator".into()],
        scopes: list(scopes),
        approved_scopes: list(approved),
        created_at_ms: Some(NOW - 20 * DAY_MS),
        approved_at_ms: Some(NOW - 20 * DAY_MS),
        last_seen_at_ms: Some(NOW - 60_000),
        tokens: vec![token("operator", scopes)],
        ..PairedDevice::default()
    }
}

fn request(age_ms: Option<i64>) -> PendingPairing {
    PendingPairing {
        request_id: "5f0c2a8e-7b1d-4c3e-9a6f-2d8b4e1c7a90".into(),
        device_id: "fb73de7d809fb5a05499e96923321cab8e11c8c5bec1f71eda69c4f1c65c9b58".into(),
        display_name: Some("Pixel 9".into()),
        platform: Some("android".into()),
        role: Some("operator".into()),
        roles: vec!["operator".into()],
        scopes: vec!["operator.admin".into()],
        remote_ip: Some("203.0.113.77".into()),
        requested_at_ms: age_ms.map(|age| NOW - age),
        ..PendingPairing::default()
    }
}

const ALLOW: &str = "gateway.nodes.allow_commands_dangerous";
const DENY: &str = "gateway.nodes.deny_commands_ineffective";
const RUN: &str = "nodes.run_commands_unrestricted";
const SCOPES: &str = "nodes.scopes_exceed_approved";
const STALE: &str = "nodes.stale_device_token";
const PENDING: &str = "nodes.stale_pending_pairing";
const INVENTORY: &str = "nodes.not_in_inventory";

#[test]
fn metadata_is_complete() {
    assert_metadata::<NodeOverreach>(&["gateway.nodes.", "nodes."]);
    assert_eq!(NodeOverreach::META.checks.len(), 7);
    assert_eq!(NodeOverreach::META.name, "node-overreach");
    assert_eq!(NodeOverreach::META.category, "node-overreach");
}

#[test]
fn every_check_fires_in_one_scenario_and_stays_quiet_in_another() {
    pincer_sdk::testing::CheckGate::<NodeOverreach>::new()
        .cases(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/parity/node-overreach"
        ))
        .assert();
}

#[test]
fn empty_config_and_state_are_quiet() {
    assert!(pairs(config(json!({}))).is_empty());
}

// gateway.nodes.allow_commands_dangerous

#[test]
fn dangerous_allow_is_warn_on_loopback() {
    assert_eq!(
        of(nodes(json!({"allow": ["camera.snap"]})), ALLOW),
        vec![Severity::Warn]
    );
    let explicit = config(
        json!({"gateway": {"bind": "loopback", "tailscale": {"mode": "off"},
        "nodes": {"commands": {"allow": ["sms.send"]}}}}),
    );
    assert_eq!(of(explicit, ALLOW), vec![Severity::Warn]);
}

#[test]
fn dangerous_allow_is_critical_when_exposed() {
    for gateway in [
        json!({"bind": "lan"}),
        json!({"bind": "auto"}),
        json!({"bind": "tailnet"}),
        json!({"bind": "custom", "customBindHost": "127.0.0.1"}),
        json!({"tailscale": {"mode": "serve"}}),
        json!({"tailscale": {"mode": "funnel"}}),
    ] {
        let mut gateway = gateway;
        gateway["nodes"] = json!({"commands": {"allow": ["camera.snap"]}});
        assert_eq!(
            of(config(json!({ "gateway": gateway.clone() })), ALLOW),
            vec![Severity::Critical],
            "{gateway}"
        );
    }
}

#[test]
fn dangerous_allow_is_exact_trimmed_and_undone_by_deny() {
    assert_eq!(
        of(nodes(json!({"allow": [" health.summary "]})), ALLOW),
        vec![Severity::Warn]
    );
    for commands in [
        json!({"allow": ["camera.snap"], "deny": [" camera.snap "]}),
        json!({"allow": ["Camera.Snap", "camera.snap.x", "system.run", "file.fetch", "computer.act"]}),
        json!({"allow": ["  ", ""]}),
        json!({"allow": []}),
        json!({"allow": "camera.snap"}),
        json!({"allow": [7, null]}),
    ] {
        assert!(of(nodes(commands.clone()), ALLOW).is_empty(), "{commands}");
    }
    let some_left = json!({"allow": ["sms.send", "sms.search"], "deny": ["sms.search"]});
    assert_eq!(of(nodes(some_left), ALLOW), vec![Severity::Warn]);
}

#[test]
fn dangerous_allow_names_the_commands() {
    let found = nodes(json!({"allow": ["screen.record", "camera.snap", "device.info"]}))
        .run::<NodeOverreach>();
    assert_eq!(found.len(), 1);
    assert!(
        found[0].detail.contains("camera.snap, screen.record"),
        "{}",
        found[0].detail
    );
    assert!(!found[0].detail.contains("device.info"));
    assert_eq!(found[0].config_paths, vec!["gateway.nodes.commands.allow"]);
}

// gateway.nodes.deny_commands_ineffective

#[test]
fn deny_patterns_are_ineffective() {
    for entry in [
        "sms.*",
        "system.run?",
        "/system.run/",
        "^system.run",
        "system.run$",
        "group:runtime",
        "system.run rm",
        "a,b",
        "(x)",
    ] {
        assert_eq!(
            of(nodes(json!({ "deny": [entry] })), DENY),
            vec![Severity::Warn],
            "{entry}"
        );
    }
}

#[test]
fn deny_unknown_names_are_ineffective() {
    for entry in [
        "System.Run",
        "bogus.cmd",
        "file.fetch",
        "canvas.present",
        "worker.launch.v1",
    ] {
        assert_eq!(
            of(nodes(json!({ "deny": [entry] })), DENY),
            vec![Severity::Warn],
            "{entry}"
        );
    }
}

#[test]
fn deny_known_names_are_fine() {
    let known = json!({"deny": [" system.run ", "camera.snap", "talk.ptt.once", "watch.notify",
        "mobile.ui.act", "desktop.stream", "agent.cli.claude.run.v1", "callLog.search",
        "notifications.actions", "camera.ptz.status", "health.summary", "device.apps"]});
    assert!(of(nodes(known), DENY).is_empty());
    for commands in [
        json!({"deny": []}),
        json!({"deny": ["  ", ""]}),
        json!({"deny": "sms.*"}),
        json!({"deny": [1]}),
        json!({"allow": [" my.custom "], "deny": ["my.custom"]}),
    ] {
        assert!(of(nodes(commands.clone()), DENY).is_empty(), "{commands}");
    }
}

#[test]
fn deny_of_private_worker_commands_never_matches() {
    let allowed = json!({"allow": ["worker.status.v1"], "deny": ["worker.status.v1"]});
    assert_eq!(of(nodes(allowed), DENY), vec![Severity::Warn]);
}

#[test]
fn deny_of_the_app_list_depends_on_app_recommendations() {
    let with = |flag: Value| {
        config(json!({"wizard": {"appRecommendations": flag},
            "gateway": {"nodes": {"commands": {"allow": ["device.apps"], "deny": ["device.apps"]}}}}))
    };
    assert_eq!(of(with(json!(false)), DENY), vec![Severity::Warn]);
    assert!(of(with(json!(true)), DENY).is_empty());
}

#[test]
fn deny_detail_lists_each_kind() {
    let found = nodes(json!({"deny": ["sms.*", "bogus.cmd", "system.run"]})).run::<NodeOverreach>();
    assert_eq!(found.len(), 1);
    let detail = &found[0].detail;
    assert!(detail.contains("\"sms.*\""), "{detail}");
    assert!(detail.contains("\"bogus.cmd\""), "{detail}");
    assert!(!detail.contains("\"system.run\""), "{detail}");
}

// nodes.run_commands_unrestricted

#[test]
fn desktop_node_with_system_run_is_critical() {
    for platform in ["linux", "macos", "windows"] {
        let scenario = config(json!({})).paired(node(
            Some(platform),
            &["system.run.prepare", "system.run", "system.which"],
        ));
        assert_eq!(of(scenario, RUN), vec![Severity::Critical], "{platform}");
    }
}

#[test]
fn denied_run_commands_are_restricted() {
    let scenario = nodes(json!({"deny": ["system.run", "system.run.prepare"]})).paired(node(
        Some("linux"),
        &["system.run.prepare", "system.run", "system.which"],
    ));
    assert!(of(scenario, RUN).is_empty());
    let partly = nodes(json!({"deny": ["system.run"]}))
        .paired(node(Some("linux"), &["system.run.prepare", "system.run"]));
    assert_eq!(of(partly, RUN), vec![Severity::Critical]);
    let wrong_case =
        nodes(json!({"deny": ["System.Run"]})).paired(node(Some("linux"), &["system.run"]));
    assert_eq!(of(wrong_case, RUN), vec![Severity::Critical]);
}

#[test]
fn other_run_commands_count() {
    for command in [
        "system.execApprovals.set",
        "agent.cli.claude.run.v1",
        "mcp.tools.call.v1",
    ] {
        let scenario = config(json!({})).paired(node(Some("macos"), &[command]));
        assert_eq!(of(scenario, RUN), vec![Severity::Critical], "{command}");
    }
    let harmless = config(json!({})).paired(node(
        Some("linux"),
        &[
            "system.which",
            "system.notify",
            "system.execApprovals.get",
            "screen.snapshot",
        ],
    ));
    assert!(of(harmless, RUN).is_empty());
}

#[test]
fn non_desktop_nodes_need_allow_for_run_commands() {
    for platform in [Some("ios"), Some("android"), Some("unknown"), None] {
        let quiet = config(json!({})).paired(node(platform, &["system.run"]));
        assert!(of(quiet, RUN).is_empty(), "{platform:?}");
        let allowed =
            nodes(json!({"allow": ["system.run"]})).paired(node(platform, &["system.run"]));
        assert_eq!(of(allowed, RUN), vec![Severity::Critical], "{platform:?}");
    }
}

#[test]
fn privacy_commands_need_allow_and_warn() {
    let phone = |commands: Value| {
        nodes(commands).paired(node(
            Some("ios"),
            &["camera.snap", "camera.list", "sms.send"],
        ))
    };
    assert!(of(phone(json!({})), RUN).is_empty());
    assert_eq!(
        of(phone(json!({"allow": ["camera.snap"]})), RUN),
        vec![Severity::Warn]
    );
    assert!(
        of(
            phone(json!({"allow": ["camera.snap"], "deny": ["camera.snap"]})),
            RUN
        )
        .is_empty()
    );
    let both = nodes(json!({"allow": ["camera.snap"]}))
        .paired(node(Some("macos"), &["camera.snap", "system.run"]));
    let found = both.run::<NodeOverreach>();
    let run: Vec<&Finding> = found.iter().filter(|f| f.check_id == RUN).collect();
    assert_eq!(run.len(), 1);
    assert_eq!(run[0].severity, Severity::Critical);
    assert!(run[0].detail.contains("system.run"), "{}", run[0].detail);
    assert!(run[0].detail.contains("camera.snap"), "{}", run[0].detail);
}

#[test]
fn devices_without_a_node_surface_are_not_nodes() {
    let scenario = config(json!({})).paired(operator(&["operator.read"], &["operator.read"]));
    assert!(of(scenario, RUN).is_empty());
}

#[test]
fn one_finding_per_node() {
    let mut second = node(Some("linux"), &["system.run"]);
    second.device_id = "aa".repeat(32);
    second.display_name = Some("build-server-02".into());
    let scenario = config(json!({}))
        .paired(node(Some("linux"), &["system.run"]))
        .paired(second);
    let found = scenario.run::<NodeOverreach>();
    let details: Vec<&str> = found
        .iter()
        .filter(|f| f.check_id == RUN)
        .map(|f| f.detail.as_str())
        .collect();
    assert_eq!(details.len(), 2);
    assert!(details[0].contains("build-server-01"), "{details:?}");
    assert!(details[1].contains("build-server-02"), "{details:?}");
}

// nodes.scopes_exceed_approved

#[test]
fn scopes_beyond_approval_are_critical() {
    let scenario = config(json!({})).paired(operator(
        &["operator.read", "operator.admin"],
        &["operator.read"],
    ));
    assert_eq!(of(scenario.clone(), SCOPES), vec![Severity::Critical]);
    let found = scenario.run::<NodeOverreach>();
    let detail = &found[0].detail;
    assert!(detail.contains("operator.admin"), "{detail}");
    assert!(detail.contains("Alice (laptop)"), "{detail}");
}

#[test]
fn approved_scopes_and_their_implications_are_fine() {
    for (held, approved) in [
        (
            vec!["operator.read", "operator.write"],
            vec!["operator.write", "operator.read"],
        ),
        (
            vec!["operator.write", "operator.pairing"],
            vec!["operator.admin"],
        ),
        (
            vec!["operator.read", "operator.talk", "operator.sessions.write"],
            vec!["operator.write"],
        ),
        (vec!["operator.sessions.read"], vec!["operator.read"]),
        (vec![" operator.read "], vec!["operator.read"]),
        (vec![], vec![]),
    ] {
        let scenario = config(json!({})).paired(operator(&held, &approved));
        assert!(of(scenario, SCOPES).is_empty(), "{held:?} / {approved:?}");
    }
    let not_implied = config(json!({})).paired(operator(&["operator.write"], &["operator.read"]));
    assert_eq!(of(not_implied, SCOPES), vec![Severity::Critical]);
}

#[test]
fn empty_approved_scopes_approve_nothing() {
    let scenario = config(json!({})).paired(operator(&["operator.read"], &[]));
    assert_eq!(of(scenario, SCOPES), vec![Severity::Critical]);
}

#[test]
fn live_token_scopes_count_revoked_ones_do_not() {
    let mut device = operator(&["operator.read"], &["operator.read"]);
    device.tokens = vec![token("operator", &["operator.read", "operator.approvals"])];
    assert_eq!(
        of(config(json!({})).paired(device.clone()), SCOPES),
        vec![Severity::Critical]
    );
    device.tokens[0].revoked_at_ms = Some(NOW - DAY_MS);
    assert!(of(config(json!({})).paired(device), SCOPES).is_empty());
}

// nodes.stale_device_token

fn seen(age_ms: Option<i64>, approved_age_ms: Option<i64>) -> PairedDevice {
    let mut device = node(Some("linux"), &["system.which"]);
    device.last_seen_at_ms = age_ms.map(|age| NOW - age);
    device.approved_at_ms = approved_age_ms.map(|age| NOW - age);
    device
}

#[test]
fn long_unseen_device_with_live_token_warns() {
    let scenario = config(json!({})).paired(seen(Some(45 * DAY_MS), Some(90 * DAY_MS)));
    assert_eq!(of(scenario.clone(), STALE), vec![Severity::Warn]);
    let found = scenario.run::<NodeOverreach>();
    assert!(found[0].detail.contains("45 days"), "{}", found[0].detail);
    assert!(
        found[0].detail.contains("node token"),
        "{}",
        found[0].detail
    );
    assert!(!found[0].detail.contains(TOKEN_VALUE));
}

#[test]
fn recently_seen_devices_are_fine() {
    let scenario = config(json!({})).paired(seen(Some(DAY_MS), Some(400 * DAY_MS)));
    assert!(of(scenario, STALE).is_empty());
}

#[test]
fn stale_threshold_is_exclusive() {
    let at = config(json!({})).paired(seen(Some(STALE_DEVICE_AFTER_MS), None));
    assert!(of(at, STALE).is_empty());
    let past = config(json!({})).paired(seen(Some(STALE_DEVICE_AFTER_MS + 1), None));
    assert_eq!(of(past, STALE), vec![Severity::Warn]);
}

#[test]
fn without_last_seen_the_approval_time_counts() {
    let old = config(json!({})).paired(seen(None, Some(31 * DAY_MS)));
    assert_eq!(of(old, STALE), vec![Severity::Warn]);
    let recent = config(json!({})).paired(seen(None, Some(29 * DAY_MS)));
    assert!(of(recent, STALE).is_empty());
    let unknown = config(json!({})).paired(seen(None, None));
    assert!(of(unknown, STALE).is_empty());
}

#[test]
fn revoked_or_unset_tokens_are_not_live() {
    let mut revoked = seen(Some(60 * DAY_MS), None);
    revoked.tokens[0].revoked_at_ms = Some(NOW - 50 * DAY_MS);
    assert!(of(config(json!({})).paired(revoked), STALE).is_empty());
    let mut unset = seen(Some(60 * DAY_MS), None);
    unset.tokens[0].secret = SecretMarker::unavailable(SecretSource::Absent, None);
    assert!(of(config(json!({})).paired(unset), STALE).is_empty());
    let mut none = seen(Some(60 * DAY_MS), None);
    none.tokens.clear();
    assert!(of(config(json!({})).paired(none), STALE).is_empty());
    let mut one_live = seen(Some(60 * DAY_MS), None);
    one_live.tokens[0].revoked_at_ms = Some(NOW - 50 * DAY_MS);
    one_live.tokens.push(token("operator", &[]));
    assert_eq!(
        of(config(json!({})).paired(one_live), STALE),
        vec![Severity::Warn]
    );
}

#[test]
fn future_timestamps_are_not_stale() {
    let future = config(json!({})).paired(seen(Some(-5 * DAY_MS), None));
    assert!(of(future, STALE).is_empty());
}

// nodes.stale_pending_pairing

#[test]
fn old_pending_request_warns() {
    let scenario = config(json!({})).pending(request(Some(3 * DAY_MS)));
    assert_eq!(of(scenario.clone(), PENDING), vec![Severity::Warn]);
    let found = scenario.run::<NodeOverreach>();
    let detail = &found[0].detail;
    assert!(detail.contains("Pixel 9"), "{detail}");
    assert!(detail.contains("operator.admin"), "{detail}");
    assert!(detail.contains("3 days"), "{detail}");
}

#[test]
fn fresh_pending_request_is_fine() {
    let scenario = config(json!({})).pending(request(Some(2 * 60 * 60 * 1000)));
    assert!(of(scenario, PENDING).is_empty());
    let untimed = config(json!({})).pending(request(None));
    assert!(of(untimed, PENDING).is_empty());
}

#[test]
fn pending_threshold_is_exclusive() {
    let at = config(json!({})).pending(request(Some(STALE_PENDING_AFTER_MS)));
    assert!(of(at, PENDING).is_empty());
    let past = config(json!({})).pending(request(Some(STALE_PENDING_AFTER_MS + 1)));
    assert_eq!(of(past, PENDING), vec![Severity::Warn]);
}

#[test]
fn audit_time_comes_from_the_view() {
    let later = config(json!({}))
        .pending(request(Some(0)))
        .now_ms(DEFAULT_NOW_MS + 2 * DAY_MS as u64);
    assert_eq!(of(later, PENDING), vec![Severity::Warn]);
}

// parameters

#[test]
fn stale_thresholds_follow_the_parameters() {
    let device = seen(Some(10 * DAY_MS), None);
    let strict = config(json!({})).params(json!({"staleDeviceDays": 7}));
    assert_eq!(
        of(strict.paired(device.clone()), STALE),
        vec![Severity::Warn]
    );
    let lenient = config(json!({})).params(json!({"staleDeviceDays": 90}));
    assert!(of(lenient.paired(seen(Some(60 * DAY_MS), None)), STALE).is_empty());
    let hours = config(json!({})).params(json!({"stalePendingHours": 2}));
    assert_eq!(
        of(hours.pending(request(Some(3 * 60 * 60 * 1000))), PENDING),
        vec![Severity::Warn]
    );
}

#[test]
fn misspelt_or_mistyped_parameters_fail_the_run() {
    let typo = config(json!({})).params(json!({"staleDays": 7}));
    let Err(RunError::InvalidParams(error)) = typo.try_run::<NodeOverreach>() else {
        panic!("a misspelt parameter must fail the run as invalid parameters");
    };
    assert!(
        error.contains("`staleDays`") && error.contains("staleDeviceDays"),
        "{error}"
    );
    let mistyped = config(json!({})).params(json!({"inventory": "laptop"}));
    let Err(RunError::InvalidParams(error)) = mistyped.try_run::<NodeOverreach>() else {
        panic!("a mistyped parameter must fail the run as invalid parameters");
    };
    assert!(
        error.contains("`inventory`") && error.contains("array of strings"),
        "{error}"
    );
}

// nodes.not_in_inventory

fn listed_as(entries: &[&str]) -> Scenario {
    config(json!({}))
        .params(json!({ "inventory": entries }))
        .paired(node(Some("linux"), &["system.which"]))
}

#[test]
fn a_device_outside_the_inventory_is_critical() {
    let scenario = listed_as(&["another-device-id-0000000000"]);
    assert_eq!(of(scenario.clone(), INVENTORY), vec![Severity::Critical]);
    let detail = &scenario.run::<NodeOverreach>()[0].detail;
    assert!(
        detail.contains("build-server-01") && detail.contains("b19703d1a12d"),
        "{detail}"
    );
}

#[test]
fn devices_are_listed_by_id_prefix_or_operator_label_never_by_their_own_name() {
    let full = "b19703d1a12d93f4341b164e32fb538042529a8db631f12c5a863074e297032c";
    assert!(of(listed_as(&[full]), INVENTORY).is_empty());
    assert!(of(listed_as(&["b19703d1a12d"]), INVENTORY).is_empty());
    assert_eq!(
        of(listed_as(&["b19703d1a1"]), INVENTORY),
        vec![Severity::Critical]
    );
    assert_eq!(
        of(listed_as(&["build-server-01"]), INVENTORY),
        vec![Severity::Critical]
    );
    let mut labelled = node(Some("linux"), &[]);
    labelled.operator_label = Some("rack-2 builder".into());
    let scenario = config(json!({}))
        .params(json!({"inventory": ["rack-2 builder"]}))
        .paired(labelled);
    assert!(of(scenario, INVENTORY).is_empty());
}

#[test]
fn without_an_inventory_the_check_is_silent() {
    let scenario = config(json!({})).paired(node(Some("linux"), &[]));
    assert!(of(scenario, INVENTORY).is_empty());
}

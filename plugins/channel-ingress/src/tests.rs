//! Native tests through the SDK's harness; tests/parity/channel-ingress
//! holds the checks to the reference and pins Pincer's own.

use crate::ChannelIngress;
use pincer_sdk::GatewayState;
use pincer_sdk::prelude::*;
use pincer_sdk::testing::assert_metadata;
use serde_json::json;

/// The plugin's pairs without the summary every audit carries.
fn pairs(scenario: Scenario) -> Vec<(String, Severity)> {
    let mut pairs = scenario.pairs::<ChannelIngress>();
    pairs.retain(|(id, _)| id != "summary.attack_surface");
    pairs
}

fn own_pairs(config: serde_json::Value) -> Vec<(String, Severity)> {
    let mut pairs = pairs(Scenario::config(config));
    pairs.retain(|(id, _)| id.starts_with("channels."));
    pairs
}

#[test]
fn the_summary_is_always_reported() {
    let pairs = Scenario::config(json!({})).pairs::<ChannelIngress>();
    assert_eq!(
        pairs,
        vec![("summary.attack_surface".to_owned(), Severity::Info)]
    );
}

#[test]
fn open_dms_in_every_spelling_are_own_findings() {
    let config = json!({"channels": {
        "telegram": {"dmPolicy": "open", "groupPolicy": "open"},
        "signal": {"dm": {"policy": "open"}},
        "whatsapp": {"accounts": {"shop": {"dmPolicy": "open"}}},
    }});
    assert_eq!(
        own_pairs(config),
        vec![
            ("channels.dm_policy_open".to_owned(), Severity::Critical),
            ("channels.dm_policy_open".to_owned(), Severity::Critical),
            ("channels.dm_policy_open".to_owned(), Severity::Critical),
            ("channels.group_policy_open".to_owned(), Severity::Warn),
        ]
    );
}

#[test]
fn closed_or_disabled_channels_raise_no_own_finding() {
    let closed = json!({"channels": {
        "telegram": {"dmPolicy": "pairing", "allowFrom": ["42"], "groupPolicy": "allowlist"},
        "discord": {"dmPolicy": "open", "allowFrom": ["*"], "enabled": false},
        "slack": {"enabled": false, "accounts": {"a": {"dangerouslyAllowNameMatching": true}}},
    }});
    assert_eq!(own_pairs(closed), vec![]);
}

#[test]
fn a_wildcard_allowlist_is_an_open_dm_by_another_name() {
    let wildcard = json!({"channels": {
        "slack": {"dmPolicy": "allowlist", "allowFrom": [" * "]},
        "matrix": {"dm": {"policy": "pairing", "allowFrom": ["*"]}},
        "discord": {"dmPolicy": "open", "allowFrom": ["*"]},
    }});
    let pairs = own_pairs(wildcard);
    let wildcards = pairs
        .iter()
        .filter(|(id, _)| id == "channels.allow_from_wildcard")
        .count();
    assert_eq!(wildcards, 2, "{pairs:?}");
    let disabled = json!({"channels": {"slack": {"dmPolicy": "disabled", "allowFrom": ["*"]}}});
    assert_eq!(own_pairs(disabled), vec![]);
}

#[test]
fn name_matching_is_an_own_warning() {
    let on =
        json!({"channels": {"slack": {"accounts": {"w": {"dangerouslyAllowNameMatching": true}}}}});
    assert_eq!(
        own_pairs(on),
        vec![("channels.name_matching_enabled".to_owned(), Severity::Warn)]
    );
    let off = json!({"channels": {"slack": {"dangerouslyAllowNameMatching": false}}});
    assert_eq!(own_pairs(off), vec![]);
}

#[test]
fn exposure_weighs_open_policies_against_reachable_tools() {
    let open = json!({"channels": {"telegram": {"dmPolicy": "open"}}});
    let ids: Vec<String> = pairs(Scenario::config(open))
        .into_iter()
        .filter(|(id, _)| id.starts_with("security.exposure."))
        .map(|(id, severity)| format!("{id}={}", severity.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![
            "security.exposure.open_groups_with_control_plane_tools=critical",
            "security.exposure.open_groups_with_elevated=critical",
            "security.exposure.open_groups_with_runtime_or_fs=critical",
        ]
    );
    let confined = json!({
        "channels": {"telegram": {"dmPolicy": "open"}},
        "tools": {"elevated": {"enabled": false}, "fs": {"workspaceOnly": true}},
        "agents": {"defaults": {"sandbox": {"mode": "all"}}},
    });
    assert!(
        pairs(Scenario::config(confined))
            .iter()
            .all(|(id, _)| !id.starts_with("security.exposure.")),
    );
}

#[test]
fn metadata_is_complete() {
    assert_metadata::<ChannelIngress>(&["hooks.", "security.", "channels.", "summary."]);
}

#[test]
fn every_check_fires_in_one_scenario_and_stays_quiet_in_another() {
    pincer_sdk::testing::CheckGate::<ChannelIngress>::new()
        .cases(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/parity/channel-ingress"
        ))
        // Reported on every audit, as the reference reports it.
        .always_fires(&crate::checks::attack_surface::SUMMARY)
        .assert();
}

#[test]
fn hooks_off_are_never_judged() {
    let config = json!({"hooks": {"enabled": false, "token": "x", "path": "/", "allowRequestSessionKey": true}});
    assert_eq!(pairs(Scenario::config(config)), vec![]);
}

#[test]
fn loose_hooks_escalate_with_exposure() {
    let config = json!({
        "gateway": {"bind": "lan"},
        "hooks": {"enabled": true, "token": "planted-hooks-token-0123456789abc", "path": "/", "allowRequestSessionKey": true}
    });
    assert_eq!(
        pairs(Scenario::config(config)),
        vec![
            (
                "hooks.allowed_agent_ids_unrestricted".to_owned(),
                Severity::Critical
            ),
            ("hooks.default_session_key_unset".to_owned(), Severity::Warn),
            ("hooks.path_root".to_owned(), Severity::Critical),
            (
                "hooks.request_session_key_enabled".to_owned(),
                Severity::Critical
            ),
            (
                "hooks.request_session_key_prefixes_missing".to_owned(),
                Severity::Critical
            ),
        ]
    );
}

#[test]
fn short_and_reused_tokens() {
    let short = json!({"hooks": {"enabled": true, "token": "planted-short", "defaultSessionKey": "hook:x", "allowedAgentIds": []}});
    assert_eq!(
        pairs(Scenario::config(short.clone())),
        vec![("hooks.token_too_short".to_owned(), Severity::Warn)]
    );
    let reused = Scenario::config(short).gateway_state(GatewayState {
        hooks_token_matches_gateway_auth: Some(true),
        ..GatewayState::default()
    });
    assert!(pairs(reused).contains(&(
        "hooks.token_reuse_gateway_token".to_owned(),
        Severity::Critical
    )));
}

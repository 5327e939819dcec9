//! Native tests through the SDK's harness; tests/parity/supply-chain holds
//! the check to the reference on real state dirs.

use crate::SupplyChain;
use pincer_sdk::prelude::*;
use pincer_sdk::testing::assert_metadata;
use pincer_sdk::{GatewayState, InstallRecord, WorkspaceSkills};
use serde_json::{Value, json};

const ID: &str = "plugins.extensions_no_allowlist";

fn installed(config: Value, names: &[&str]) -> Vec<Severity> {
    Scenario::config(config)
        .gateway_state(GatewayState {
            installed_extensions: names.iter().map(|n| (*n).to_owned()).collect(),
            ..GatewayState::default()
        })
        .severities_of::<SupplyChain>(ID)
}

#[test]
fn metadata_is_complete() {
    assert_metadata::<SupplyChain>(&["plugins.", "hooks.", "skills."]);
}

#[test]
fn an_allowlist_or_no_plugins_is_quiet() {
    assert_eq!(installed(json!({}), &[]), vec![]);
    assert_eq!(
        installed(json!({"plugins": {"allow": ["demo"]}}), &["demo"]),
        vec![]
    );
    assert_eq!(
        installed(json!({"plugins": {"allow": []}}), &["demo"]),
        vec![Severity::Warn]
    );
}

#[test]
fn telegram_native_skills_make_it_critical() {
    let telegram =
        json!({"channels": {"telegram": {"botToken": "123456:planted-telegram-token-abcdefgh"}}});
    assert_eq!(installed(telegram, &["demo"]), vec![Severity::Critical]);
    let off = json!({"channels": {"telegram": {
        "botToken": "123456:planted-telegram-token-abcdefgh",
        "commands": {"nativeSkills": false}
    }}});
    assert_eq!(installed(off, &["demo"]), vec![Severity::Warn]);
    let disabled = json!({"channels": {"telegram": {"enabled": false, "botToken": "123456:planted-telegram-token-abcdefgh"}}});
    assert_eq!(installed(disabled, &["demo"]), vec![Severity::Warn]);
}

#[test]
fn phantom_allow_entries_name_nothing_installed_or_bundled() {
    let id = "plugins.allow_phantom_entries";
    let state = GatewayState {
        installed_extensions: vec!["demo-dir".into()],
        installed_plugin_ids: vec!["demo".into()],
        ..GatewayState::default()
    };
    let run = |allow: Value| {
        Scenario::config(json!({"plugins": {"allow": allow}}))
            .gateway_state(state.clone())
            .details_of::<SupplyChain>(id)
    };
    assert_eq!(
        run(json!(["DEMO-DIR", "demo", "claude-cli", "group:plugins"])),
        Vec::<String>::new()
    );
    assert_eq!(
        run(json!(["demo", "discord", "typo-plugin"])),
        vec!["Neither installed nor bundled: discord, typo-plugin."]
    );
    let nothing_installed = Scenario::config(json!({"plugins": {"allow": ["ghost"]}}));
    assert_eq!(nothing_installed.severities_of::<SupplyChain>(id), vec![]);
}

#[test]
fn hook_install_records_are_judged_like_plugin_ones() {
    let hook = InstallRecord {
        kind: "hook".into(),
        id: "notify".into(),
        spec: Some("   ".into()),
        has_integrity: false,
        recorded_version: Some("1.0.0".into()),
        installed_version: Some("1.0.1".into()),
    };
    let pinned = InstallRecord {
        spec: Some("notify@1.0.0".into()),
        has_integrity: true,
        installed_version: Some("1.0.0".into()),
        ..hook.clone()
    };
    let pairs = |record: InstallRecord| {
        Scenario::config(json!({}))
            .gateway_state(GatewayState {
                install_records: vec![record],
                ..GatewayState::default()
            })
            .pairs::<SupplyChain>()
    };
    assert_eq!(
        pairs(hook),
        vec![
            (
                "hooks.installs_missing_integrity".to_owned(),
                Severity::Warn
            ),
            (
                "hooks.installs_unpinned_npm_specs".to_owned(),
                Severity::Warn
            ),
            ("hooks.installs_version_drift".to_owned(), Severity::Warn),
        ]
    );
    assert_eq!(pairs(pinned), vec![]);
}

#[test]
fn workspace_skill_facts_become_findings() {
    let state = GatewayState {
        workspace_skills: vec![
            WorkspaceSkills {
                workspace: "/w/a".into(),
                truncated: true,
                escaping: vec!["/w/a/skills/x/SKILL.md".into()],
            },
            WorkspaceSkills {
                workspace: "/w/b".into(),
                truncated: true,
                escaping: vec![],
            },
        ],
        ..GatewayState::default()
    };
    let scenario = Scenario::config(json!({})).gateway_state(state);
    assert_eq!(
        scenario
            .severities_of::<SupplyChain>("skills.workspace.scan_truncated")
            .len(),
        2
    );
    assert_eq!(
        scenario.severities_of::<SupplyChain>("skills.workspace.symlink_escape"),
        vec![Severity::Warn]
    );
    assert_eq!(Scenario::config(json!({})).pairs::<SupplyChain>(), vec![]);
}

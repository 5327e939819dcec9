//! Native tests through the SDK's harness; tests/parity/supply-chain holds
//! the check to the reference on real state dirs.

use crate::SupplyChain;
use pincer_sdk::prelude::*;
use pincer_sdk::testing::assert_metadata;
use pincer_sdk::{
    CodeFinding, CodeScan, GatewayState, InstallRecord, ScannedPackage, WorkspaceSkills,
};
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
fn every_check_fires_in_one_scenario_and_stays_quiet_in_another() {
    pincer_sdk::testing::CheckGate::<SupplyChain>::new()
        .cases(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/parity/supply-chain"
        ))
        .assert();
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

/// The pairs the supply-chain checks report for one install record.
fn install_pairs(record: InstallRecord) -> Vec<(String, Severity)> {
    Scenario::config(json!({}))
        .gateway_state(GatewayState {
            install_records: vec![record],
            ..GatewayState::default()
        })
        .pairs::<SupplyChain>()
}

/// A record of `kind` that is unpinned, without integrity and drifted,
/// and the same record pinned, with integrity, at its recorded version.
fn unpinned_and_pinned(kind: &str, spec: &str) -> (InstallRecord, InstallRecord) {
    let record = InstallRecord {
        kind: kind.into(),
        id: "demo".into(),
        spec: Some(spec.into()),
        has_integrity: false,
        recorded_version: Some("1.2.3".into()),
        installed_version: Some("1.3.0".into()),
    };
    let pinned = InstallRecord {
        spec: Some("demo@1.2.3".into()),
        has_integrity: true,
        installed_version: Some("1.2.3".into()),
        ..record.clone()
    };
    (record, pinned)
}

#[test]
fn install_records_unpinned_without_integrity_or_drifted_are_reported_for_plugins_and_hooks() {
    // A bare name and a blank spec are both unpinned.
    for (kind, spec) in [("plugin", "demo"), ("hook", "   ")] {
        let (record, pinned) = unpinned_and_pinned(kind, spec);
        let ids = [
            "installs_missing_integrity",
            "installs_unpinned_npm_specs",
            "installs_version_drift",
        ];
        let expected: Vec<(String, Severity)> = ids
            .iter()
            .map(|id| (format!("{kind}s.{id}"), Severity::Warn))
            .collect();
        assert_eq!(install_pairs(record), expected, "{kind}");
        assert_eq!(install_pairs(pinned), vec![], "{kind}");
    }
}

fn scanned(id: &str) -> ScannedPackage {
    ScannedPackage {
        id: id.into(),
        path: format!("/home/ada/.openclaw/extensions/{id}"),
        ..ScannedPackage::default()
    }
}

fn matched(rule: &str, severity: Severity) -> CodeFinding {
    CodeFinding {
        file: "index.js".into(),
        line: 7,
        rule: rule.into(),
        severity,
    }
}

#[test]
fn the_deep_code_scan_becomes_one_finding_per_package_and_problem() {
    let scan = CodeScan {
        plugins: vec![
            ScannedPackage {
                findings: vec![
                    matched("dangerous-exec", Severity::Critical),
                    matched("env-harvesting", Severity::Warn),
                ],
                escaping_entries: vec!["../../outside.js".into()],
                hidden_entries: vec!["node_modules/x/index.js".into()],
                ..scanned("miner")
            },
            ScannedPackage {
                manifest_error: Some("package.json is not JSON".into()),
                scan_error: Some("a folder could not be read".into()),
                ..scanned("broken")
            },
            scanned("clean"),
        ],
        skills: vec![
            ScannedPackage {
                findings: vec![matched("shell-pipe-to-shell", Severity::Warn)],
                scan_error: Some("SKILL.md could not be read".into()),
                ..scanned("installer")
            },
            scanned("notes"),
        ],
    };
    let scenario = Scenario::config(json!({})).gateway_state(GatewayState {
        code_scan: Some(scan),
        ..GatewayState::default()
    });
    assert_eq!(
        scenario.pairs::<SupplyChain>(),
        vec![
            ("plugins.code_safety".to_owned(), Severity::Critical),
            (
                "plugins.code_safety.entry_escape".to_owned(),
                Severity::Critical
            ),
            ("plugins.code_safety.entry_path".to_owned(), Severity::Warn),
            (
                "plugins.code_safety.manifest_parse_error".to_owned(),
                Severity::Warn
            ),
            ("plugins.code_safety.scan_failed".to_owned(), Severity::Warn),
            ("skills.code_safety".to_owned(), Severity::Warn),
            ("skills.code_safety.scan_failed".to_owned(), Severity::Warn),
        ]
    );
    let detail = &scenario.details_of::<SupplyChain>("plugins.code_safety")[0];
    assert!(
        detail.contains("miner") && detail.contains("dangerous-exec at index.js:7"),
        "{detail}"
    );
    let clean = Scenario::config(json!({})).gateway_state(GatewayState {
        code_scan: Some(CodeScan {
            plugins: vec![scanned("clean")],
            skills: vec![scanned("notes")],
        }),
        ..GatewayState::default()
    });
    assert_eq!(clean.pairs::<SupplyChain>(), vec![]);
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

//! Native tests of the checks through the SDK's harness. The parity cases
//! in tests/parity/sandbox cover the built component against the reference;
//! these add the branches the reference's config schema never lets through
//! (host network, unconfined profiles, relative binds) and Pincer's own
//! checks, each with a config that fires it and one that does not.

use crate::Sandbox;
use pincer_sdk::prelude::*;
use pincer_sdk::testing::assert_metadata;
use pincer_sdk::{BrowserContainer, DockerProbe, FileFact, FileKind, GatewayState};
use serde_json::{Value, json};

/// A config that every own check accepts.
fn hardened() -> Value {
    json!({
        "agents": {"defaults": {"sandbox": {"mode": "all"}}},
        "tools": {"fs": {"workspaceOnly": true}}
    })
}

fn with(mut base: Value, patch: Value) -> Value {
    merge(&mut base, patch);
    base
}

fn merge(base: &mut Value, patch: Value) {
    match (base, patch) {
        (Value::Object(base), Value::Object(patch)) => {
            for (key, value) in patch {
                merge(base.entry(key).or_insert(Value::Null), value);
            }
        }
        (base, patch) => *base = patch,
    }
}

/// The severities of one check's findings.
fn of(config: Value, id: &str) -> Vec<Severity> {
    Scenario::config(config).severities_of::<Sandbox>(id)
}

fn details(config: Value, id: &str) -> Vec<String> {
    Scenario::config(config).details_of::<Sandbox>(id)
}

fn docker_settings(settings: Value) -> Value {
    with(
        hardened(),
        json!({"agents": {"defaults": {"sandbox": {"docker": settings}}}}),
    )
}

#[test]
fn metadata_is_complete() {
    assert_metadata::<Sandbox>(&["sandbox.", "config."]);
}

#[test]
fn every_check_fires_in_one_scenario_and_stays_quiet_in_another() {
    pincer_sdk::testing::CheckGate::<Sandbox>::new()
        .cases(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/parity/sandbox"
        ))
        .assert();
}

#[test]
fn the_hardened_config_is_clean() {
    assert_eq!(Scenario::config(hardened()).pairs::<Sandbox>(), vec![]);
}

#[test]
fn host_network_and_unconfined_profiles_are_critical() {
    let config = docker_settings(json!({
        "network": " Host ",
        "seccompProfile": "UNCONFINED",
        "apparmorProfile": "unconfined"
    }));
    for id in [
        "sandbox.dangerous_network_mode",
        "sandbox.dangerous_seccomp_profile",
        "sandbox.dangerous_apparmor_profile",
    ] {
        assert_eq!(of(config.clone(), id), vec![Severity::Critical], "{id}");
    }
    let safe = docker_settings(json!({"network": "none", "seccompProfile": "/etc/seccomp.json"}));
    assert_eq!(of(safe.clone(), "sandbox.dangerous_network_mode"), vec![]);
    assert_eq!(of(safe, "sandbox.dangerous_seccomp_profile"), vec![]);
}

#[test]
fn relative_binds_are_not_absolute_and_not_judged_further() {
    let config =
        docker_settings(json!({"binds": ["./data:/data", "~/.ssh:/k", "vol:/v", "/srv/x:/x"]}));
    assert_eq!(
        of(config.clone(), "sandbox.bind_mount_non_absolute"),
        vec![Severity::Warn; 3]
    );
    assert_eq!(of(config, "sandbox.dangerous_bind_mount"), vec![]);
}

#[test]
fn credential_folders_of_any_home_are_protected() {
    let config = docker_settings(
        json!({"binds": ["/home/alice/.ssh:/k:ro", "/Users/bob:/b", "/home/alice/src:/src"]}),
    );
    let found = details(config, "sandbox.dangerous_bind_mount");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("/home/*/.ssh"), "{found:?}");
    assert!(found[1].contains("contains /Users/*/.aws"), "{found:?}");
}

#[test]
fn the_state_dirs_home_is_protected() {
    let scenario = Scenario::config(docker_settings(
        json!({"binds": ["/srv/gw/.aws/credentials:/c"]}),
    ))
    .file_fact(FileFact {
        role: "state-dir".into(),
        path: "/srv/gw/.openclaw".into(),
        kind: FileKind::Directory,
        mode: Some(0o700),
        modified_ms: None,
        owned_by_current_user: Some(true),
    });
    let pairs = scenario.pairs::<Sandbox>();
    assert!(
        pairs.contains(&(
            "sandbox.dangerous_bind_mount".to_owned(),
            Severity::Critical
        )),
        "{pairs:?}"
    );
}

#[test]
fn mode_off_is_critical_non_main_warn_and_agents_may_lower_it() {
    let id = "sandbox.mode_not_all";
    assert_eq!(of(json!({}), id), vec![Severity::Critical]);
    let non_main = with(
        hardened(),
        json!({"agents": {"defaults": {"sandbox": {"mode": "non-main"}}}}),
    );
    assert_eq!(of(non_main, id), vec![Severity::Warn]);
    let lowered = with(
        hardened(),
        json!({"agents": {"entries": {"ops": {"sandbox": {"mode": "off"}}, "main": {}}}}),
    );
    assert_eq!(
        details(lowered, id),
        vec!["agents.entries.ops.sandbox.mode is `off`."]
    );
    let listed = with(
        hardened(),
        json!({"agents": {"list": [{"id": "w", "sandbox": {"mode": "all"}}]}}),
    );
    assert_eq!(of(listed, id), vec![]);
}

#[test]
fn file_tools_must_be_confined_globally_and_per_agent() {
    let id = "sandbox.fs_tools_outside_workspace";
    assert_eq!(of(json!({}), id), vec![Severity::Warn]);
    let agent_off = with(
        hardened(),
        json!({"agents": {"entries": {"ops": {"tools": {"fs": {"workspaceOnly": false}}}}}}),
    );
    assert_eq!(
        details(agent_off, id),
        vec!["agents.entries.ops.tools.fs.workspaceOnly is false."]
    );
    assert_eq!(of(hardened(), id), vec![]);
}

#[test]
fn apply_patch_is_free_only_when_nothing_confines_it() {
    let id = "sandbox.apply_patch_outside_workspace";
    let free = json!({"tools": {"exec": {"applyPatch": {"workspaceOnly": false}}}});
    assert_eq!(of(free.clone(), id), vec![Severity::Warn]);
    let fs_confines = with(free, json!({"tools": {"fs": {"workspaceOnly": true}}}));
    assert_eq!(of(fs_confines, id), vec![]);
    assert_eq!(of(json!({}), id), vec![], "true by default");
    let agent = with(
        json!({}),
        json!({"agents": {"entries": {"ops": {"tools": {"exec": {"applyPatch": {"workspaceOnly": false}}}}}}}),
    );
    assert_eq!(of(agent, id), vec![Severity::Warn]);
}

#[test]
fn a_configured_deny_that_forgets_the_browser_lets_it_in() {
    let id = "sandbox.tool_policy_risky_tools";
    let widened = with(
        hardened(),
        json!({"tools": {"sandbox": {"tools": {"allow": ["*"], "deny": ["group:web"]}}}}),
    );
    let found = details(widened, id);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].contains("browser") && !found[0].contains("web_fetch"),
        "{found:?}"
    );
    let agent = with(
        hardened(),
        json!({"agents": {"entries": {"web": {"tools": {"sandbox": {"tools": {"alsoAllow": ["web_fetch"]}}}}}}}),
    );
    assert_eq!(
        details(agent, id),
        vec!["agents.entries.web.tools.sandbox.tools lets sandboxed sessions call web_fetch."]
    );
    assert_eq!(of(hardened(), id), vec![]);
    // An open allow list with a deny list that keeps every risky tool
    // out (by group, with the channels by name) lets nothing risky in.
    let mut deny = vec![
        json!("group:web"),
        json!("group:ui"),
        json!("group:automation"),
    ];
    deny.extend(
        pincer_sdk::tools::CHANNEL_TOOLS
            .iter()
            .map(|tool| json!(tool)),
    );
    let guarded = with(
        hardened(),
        json!({"tools": {"sandbox": {"tools": {"allow": ["*"], "deny": deny.clone()}}}}),
    );
    assert_eq!(of(guarded, id), vec![]);
    // One channel missing from that list is enough to report.
    deny.retain(|tool| tool != "telegram");
    let one_short = with(
        hardened(),
        json!({"tools": {"sandbox": {"tools": {"allow": ["*"], "deny": deny}}}}),
    );
    assert_eq!(
        details(one_short, id),
        vec!["tools.sandbox.tools lets sandboxed sessions call telegram."]
    );
}

#[test]
fn every_dangerous_flag_is_its_own_finding() {
    let config = with(
        hardened(),
        json!({
            "tools": {"fs": {"workspaceOnly": false}},
            "hooks": {"allowRequestSessionKey": true, "mappings": [{}, {"allowUnsafeExternalContent": true}]},
            "plugins": {"entries": {"imap": {"config": {"accounts": {"a": {"senderAuth": {"min": "mutable"}}}}}}},
            "agents": {"entries": {"x": {"sandbox": {"docker": {"dangerouslyAllowExternalBindSources": true}}}}}
        }),
    );
    assert_eq!(
        details(config, "config.insecure_or_dangerous_flags"),
        vec![
            "hooks.mappings.1.allowUnsafeExternalContent is true.",
            "hooks.allowRequestSessionKey is true.",
            "tools.fs.workspaceOnly is false.",
            "agents.entries.x.sandbox.docker.dangerouslyAllowExternalBindSources is true.",
            "plugins.entries.imap.config.accounts.a.senderAuth.min is \"mutable\".",
        ]
    );
}

#[test]
fn idle_docker_settings_are_reported_once_for_all_blocks() {
    let id = "sandbox.docker_config_mode_off";
    let config = json!({"agents": {
        "defaults": {"sandbox": {"docker": {"image": "x"}}},
        "entries": {"a": {"sandbox": {"docker": {"network": "none"}}}}
    }});
    assert_eq!(
        details(config, id),
        vec![
            "Docker settings with the sandbox off: agents.defaults.sandbox.docker, agents.entries.a.sandbox.docker."
        ]
    );
    assert_eq!(of(docker_settings(json!({"image": "x"})), id), vec![]);
}

fn docker(containers: Vec<BrowserContainer>, timed_out: bool) -> Scenario {
    Scenario::config(hardened()).gateway_state(GatewayState {
        docker: Some(DockerProbe {
            available: true,
            error: None,
            timed_out,
            containers,
        }),
        ..GatewayState::default()
    })
}

fn container(
    name: &str,
    hash: Option<&str>,
    epoch: Option<&str>,
    published: &[&str],
) -> BrowserContainer {
    BrowserContainer {
        name: name.into(),
        config_hash: hash.map(str::to_owned),
        config_epoch: epoch.map(str::to_owned),
        published_on: published.iter().map(|p| (*p).to_owned()).collect(),
    }
}

#[test]
fn browser_containers_found_by_deep() {
    let current = crate::checks::browser_container::CURRENT_EPOCH;
    let good = container("good", Some("abc"), Some(current), &["127.0.0.1", "::1"]);
    assert_eq!(docker(vec![good.clone()], false).pairs::<Sandbox>(), vec![]);
    let bad = container("bad", None, Some("2025-01-01"), &["0.0.0.0"]);
    assert_eq!(
        docker(vec![good, bad], true).pairs::<Sandbox>(),
        vec![
            (
                "sandbox.browser_container.docker_probe_timeout".to_owned(),
                Severity::Warn
            ),
            (
                "sandbox.browser_container.hash_epoch_stale".to_owned(),
                Severity::Warn
            ),
            (
                "sandbox.browser_container.hash_label_missing".to_owned(),
                Severity::Warn
            ),
            (
                "sandbox.browser_container.non_loopback_publish".to_owned(),
                Severity::Critical
            ),
        ]
    );
}

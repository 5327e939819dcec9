//! Native tests of each rule through the SDK's harness: a positive and a
//! negative case each, and silence without parameters.

use crate::AcmePolicy;
use pincer_sdk::PairedDevice;
use pincer_sdk::prelude::*;
use serde_json::json;

#[test]
fn every_rule_fires_in_one_scenario_and_stays_quiet_in_another() {
    pincer_sdk::testing::CheckGate::<AcmePolicy>::new()
        .cases(concat!(env!("CARGO_MANIFEST_DIR"), "/../cases"))
        .assert();
}

fn ids(scenario: &Scenario) -> Vec<String> {
    scenario
        .pairs::<AcmePolicy>()
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

#[test]
fn silent_without_parameters() {
    let scenario = Scenario::config(json!({
        "gateway": {"auth": {"mode": "token", "token": "short"}},
        "agents": {"defaults": {"model": "openai/gpt-3.5-turbo"}},
    }));
    assert!(ids(&scenario).is_empty());
}

#[test]
fn unapproved_devices_are_reported() {
    let device = |id: &str| PairedDevice {
        device_id: id.to_owned(),
        ..PairedDevice::default()
    };
    let scenario = Scenario::config(json!({}))
        .paired(device("b19703d1a12d4c7f"))
        .paired(device("ffff00001111"))
        .params(json!({"approvedNodes": ["b19703d1a12d"]}));
    assert_eq!(ids(&scenario), ["acme.node_not_approved"]);
    let all_approved = Scenario::config(json!({}))
        .paired(device("b19703d1a12d4c7f"))
        .params(json!({"approvedNodes": ["b19703d1a12d"]}));
    assert!(ids(&all_approved).is_empty());
}

#[test]
fn short_tokens_are_reported_by_length_only() {
    let config = |token: &str| {
        Scenario::config(json!({"gateway": {"auth": {"mode": "token", "token": token}}}))
            .params(json!({"minTokenLength": 48}))
    };
    let short = config("0123456789abcdef0123456789abcdef");
    let findings = short.run::<AcmePolicy>();
    assert_eq!(findings.len(), 1);
    assert!(findings[0].detail.contains("32 characters"));
    assert!(!findings[0].detail.contains("0123456789abcdef"));
    assert!(ids(&config(&"a1".repeat(32))).is_empty());
}

#[test]
fn forbidden_models_are_reported_where_configured() {
    let scenario = Scenario::config(json!({"agents": {
        "defaults": {"model": {"primary": "anthropic/claude-opus-4", "fallbacks": ["openai/gpt-3.5-turbo"]}},
        "list": [{"id": "ops", "model": "local/llama-7b"}],
    }}))
    .params(json!({"forbiddenModels": ["openai/gpt-3.5*", "local/llama-7b"]}));
    let findings = scenario.run::<AcmePolicy>();
    let paths: Vec<&str> = findings
        .iter()
        .map(|f| f.config_paths[0].as_str())
        .collect();
    assert_eq!(
        paths,
        ["agents.defaults.model.fallbacks[0]", "agents.list[0].model"]
    );
    let allowed =
        Scenario::config(json!({"agents": {"defaults": {"model": "anthropic/claude-opus-4"}}}))
            .params(json!({"forbiddenModels": ["openai/gpt-3.5*"]}));
    assert!(ids(&allowed).is_empty());
}

#[test]
fn a_missing_tool_denial_is_reported() {
    let params = json!({"requiredToolDeny": ["browser", "gateway"]});
    let partial = Scenario::config(json!({"tools": {"deny": ["browser"]}})).params(params.clone());
    let findings = partial.run::<AcmePolicy>();
    assert_eq!(findings.len(), 1);
    assert!(findings[0].detail.contains("gateway"));
    let complete =
        Scenario::config(json!({"tools": {"deny": ["gateway", "browser", "exec"]}})).params(params);
    assert!(ids(&complete).is_empty());
}

#[test]
fn metadata_is_sound() {
    pincer_sdk::testing::assert_metadata::<AcmePolicy>(&["acme."]);
}

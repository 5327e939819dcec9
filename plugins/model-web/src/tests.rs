//! Native tests through the SDK's harness. The parity cases in
//! tests/parity/model-web hold the reference's three checks to the
//! reference; these cover Pincer's own lane check, positive and negative,
//! and the exposure rules the cases rely on.

use crate::ModelWeb;
use pincer_sdk::prelude::*;
use pincer_sdk::testing::assert_metadata;
use serde_json::{Value, json};

fn of(scenario: Scenario, id: &str) -> Vec<Severity> {
    scenario.severities_of::<ModelWeb>(id)
}

fn details(config: Value, id: &str) -> Vec<String> {
    Scenario::config(config).details_of::<ModelWeb>(id)
}

const LANE: &str = "models.local_model_web_lane";
const SMALL: &str = "models.small_params";

#[test]
fn metadata_is_complete() {
    assert_metadata::<ModelWeb>(&["models."]);
}

#[test]
fn every_check_fires_in_one_scenario_and_stays_quiet_in_another() {
    pincer_sdk::testing::CheckGate::<ModelWeb>::new()
        .cases(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/parity/model-web"
        ))
        .assert();
}

#[test]
fn a_modern_hosted_model_is_clean() {
    let config = json!({"agents": {"defaults": {"model": "anthropic/claude-opus-5"}}});
    assert_eq!(Scenario::config(config).pairs::<ModelWeb>(), vec![]);
}

#[test]
fn small_models_are_critical_with_web_and_info_without() {
    let open = json!({"agents": {"defaults": {"model": "ollama/llama3.1:8b"}}});
    assert_eq!(of(Scenario::config(open), SMALL), vec![Severity::Critical]);
    let closed = json!({
        "agents": {"defaults": {"model": "ollama/llama3.1:8b"}},
        "tools": {"deny": ["group:web", "browser"]}
    });
    assert_eq!(of(Scenario::config(closed), SMALL), vec![Severity::Info]);
    let sandboxed = json!({"agents": {"defaults": {"model": "ollama/llama3.1:8b", "sandbox": {"mode": "all"}}}});
    assert_eq!(of(Scenario::config(sandboxed), SMALL), vec![Severity::Info]);
}

#[test]
fn search_exists_only_when_enabled_or_keyed() {
    let base = json!({
        "agents": {"defaults": {"model": "ollama/llama3.1:8b"}},
        "tools": {"web": {"fetch": {"enabled": false}}},
        "browser": {"enabled": false}
    });
    assert_eq!(
        of(Scenario::config(base.clone()), SMALL),
        vec![Severity::Info]
    );
    let keyed = Scenario::config(base).env("XAI_API_KEY", "xai-planted-key-0123456789");
    assert_eq!(of(keyed, SMALL), vec![Severity::Critical]);
}

#[test]
fn a_local_model_of_unknown_size_with_web_is_a_lane_finding() {
    let config = json!({"agents": {"defaults": {"model": "ollama/mistral"}}});
    assert_eq!(
        details(config.clone(), LANE),
        vec![
            "Lane agents.defaults: ollama/mistral at agents.defaults.model (served locally by ollama, size unknown) reaches web_fetch, browser."
        ]
    );
    assert_eq!(
        of(Scenario::config(config), SMALL),
        vec![],
        "the reference cannot size it"
    );
    let denied = json!({
        "agents": {"defaults": {"model": "ollama/mistral"}},
        "tools": {"deny": ["group:web", "browser"]}
    });
    assert_eq!(details(denied, LANE), Vec::<String>::new());
}

#[test]
fn an_agent_that_inherits_a_small_default_and_reopens_the_web_is_its_own_lane() {
    let config = json!({
        "agents": {
            "defaults": {"model": "ollama/llama3.1:8b"},
            "entries": {"research": {"tools": {"alsoAllow": ["web_fetch"], "allow": ["read", "web_fetch"]}}}
        },
        "tools": {"deny": ["browser"], "web": {"fetch": {"enabled": true}}, "byProvider": {"ollama": {"deny": ["web_fetch"]}}}
    });
    // The defaults lane is closed by byProvider, and research inherits the
    // same provider rule: nothing to report.
    assert_eq!(details(config, LANE), Vec::<String>::new());
    let reopened = json!({
        "agents": {
            "defaults": {"model": "ollama/llama3.1:8b"},
            "entries": {"research": {"sandbox": {"mode": "off"}, "tools": {"deny": []}}}
        },
        "tools": {"deny": ["group:web", "browser"]},
        "browser": {"enabled": false}
    });
    assert_eq!(
        details(reopened.clone(), LANE),
        Vec::<String>::new(),
        "the global deny still applies"
    );
    let own_lane = json!({
        "agents": {
            "defaults": {"model": "ollama/llama3.1:8b", "sandbox": {"mode": "all"}},
            "entries": {"research": {"sandbox": {"mode": "off"}}}
        }
    });
    assert_eq!(
        of(Scenario::config(own_lane.clone()), SMALL),
        vec![Severity::Info]
    );
    assert_eq!(
        details(own_lane, LANE),
        vec![
            "Lane agents.entries.research: ollama/llama3.1:8b at agents.defaults.model (8B parameters) reaches web_fetch, browser."
        ]
    );
}

#[test]
fn sub_agent_models_are_lanes_too() {
    let config = json!({"agents": {"defaults": {
        "model": "anthropic/claude-opus-5",
        "subagents": {"model": "lmstudio/qwen3-coder"}
    }}});
    assert_eq!(of(Scenario::config(config), LANE), vec![Severity::Critical]);
}

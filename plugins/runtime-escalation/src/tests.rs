//! Native tests through the SDK's harness. The parity cases in
//! tests/parity/runtime-escalation hold the config checks to the reference;
//! these add the exec-approval checks (their state lives in SQLite, which
//! the parity recorder cannot write; the reference's behaviour was checked
//! by hand) and Pincer's own checks, each with a positive and a negative
//! case.

use crate::RuntimeEscalation;
use pincer_sdk::prelude::*;
use pincer_sdk::testing::assert_metadata;
use pincer_sdk::{AgentApprovals, AllowlistEntry, ApprovalPolicy, ExecApprovals, GatewayState};
use serde_json::{Value, json};

fn of(scenario: Scenario, id: &str) -> Vec<Severity> {
    scenario.severities_of::<RuntimeEscalation>(id)
}

fn config(value: Value) -> Scenario {
    Scenario::config(value)
}

fn with_approvals(scenario: Scenario, approvals: ExecApprovals) -> Scenario {
    scenario.gateway_state(GatewayState {
        exec_approvals: Some(approvals),
        ..GatewayState::default()
    })
}

fn agent(id: &str, policy: ApprovalPolicy, patterns: &[&str]) -> AgentApprovals {
    AgentApprovals {
        agent_id: id.to_owned(),
        policy,
        allowlist: patterns
            .iter()
            .map(|pattern| AllowlistEntry {
                pattern: (*pattern).to_owned(),
                source: None,
                last_used_at_ms: None,
            })
            .collect(),
        mcp_tools: Vec::new(),
    }
}

/// A lane that is sandboxed, with elevated tools off.
fn contained() -> Value {
    json!({
        "agents": {"defaults": {"sandbox": {"mode": "all"}}},
        "tools": {"elevated": {"enabled": false}}
    })
}

#[test]
fn metadata_is_complete() {
    assert_metadata::<RuntimeEscalation>(&["tools.", "plugins.", "security.exposure."]);
}

#[test]
fn every_check_fires_in_one_scenario_and_stays_quiet_in_another() {
    pincer_sdk::testing::CheckGate::<RuntimeEscalation>::new()
        .cases(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/parity/runtime-escalation"
        ))
        .assert();
}

#[test]
fn a_contained_config_is_clean() {
    assert_eq!(config(contained()).pairs::<RuntimeEscalation>(), vec![]);
}

#[test]
fn auto_allowed_skills_in_defaults_or_an_agent() {
    let id = "tools.exec.auto_allow_skills_enabled";
    let on = ApprovalPolicy {
        auto_allow_skills: Some(true),
        ..ApprovalPolicy::default()
    };
    let approvals = ExecApprovals {
        agents: vec![agent("*", on, &[])],
        ..ExecApprovals::default()
    };
    assert_eq!(
        of(with_approvals(config(contained()), approvals), id),
        vec![Severity::Warn]
    );
    let off = ExecApprovals {
        defaults: ApprovalPolicy {
            auto_allow_skills: Some(false),
            ..ApprovalPolicy::default()
        },
        ..ExecApprovals::default()
    };
    assert_eq!(of(with_approvals(config(contained()), off), id), vec![]);
}

#[test]
fn interpreters_in_an_allowlist_need_strict_inline_eval() {
    let id = "tools.exec.allowlist_interpreter_without_strict_inline_eval";
    let approvals = ExecApprovals {
        agents: vec![agent(
            "ops",
            ApprovalPolicy::default(),
            &["/usr/bin/python3", "/usr/bin/ls"],
        )],
        ..ExecApprovals::default()
    };
    let ops = json!({"agents": {"entries": {"ops": {}}}});
    assert_eq!(
        of(with_approvals(config(ops), approvals.clone()), id),
        vec![Severity::Warn]
    );
    let strict =
        json!({"agents": {"entries": {"ops": {"tools": {"exec": {"strictInlineEval": true}}}}}});
    assert_eq!(
        of(with_approvals(config(strict), approvals.clone()), id),
        vec![]
    );
    let agent_lifts_global = json!({
        "tools": {"exec": {"strictInlineEval": true}},
        "agents": {"entries": {"ops": {"tools": {"exec": {"strictInlineEval": false}}}}}
    });
    assert_eq!(
        of(with_approvals(config(agent_lifts_global), approvals), id),
        vec![Severity::Warn]
    );
}

#[test]
fn elevated_tools_are_on_unless_switched_off() {
    let id = "tools.elevated.enabled";
    assert_eq!(of(config(json!({})), id), vec![Severity::Warn]);
    assert_eq!(
        of(
            config(json!({"tools": {"elevated": {"enabled": true}}})),
            id
        ),
        vec![Severity::Warn]
    );
    assert_eq!(of(config(contained()), id), vec![]);
}

#[test]
fn host_exec_without_approval_is_the_unconfigured_default() {
    let id = "tools.exec.full_without_approval";
    assert_eq!(of(config(json!({})), id), vec![Severity::Critical]);
    let asks = json!({"tools": {"exec": {"security": "full", "ask": "on-miss"}}});
    assert_eq!(of(config(asks), id), vec![]);
    let allowlist = json!({"tools": {"exec": {"mode": "allowlist"}}});
    assert_eq!(of(config(allowlist), id), vec![]);
    assert_eq!(of(config(contained()), id), vec![], "sandboxed exec");
    // Approvals that ask make the same config safe; an agent that routes
    // exec to the gateway host escapes the sandboxed defaults.
    let approvals = ExecApprovals {
        defaults: ApprovalPolicy {
            ask: Some("always".into()),
            ..ApprovalPolicy::default()
        },
        ..ExecApprovals::default()
    };
    assert_eq!(of(with_approvals(config(json!({})), approvals), id), vec![]);
    let gateway_agent = json!({
        "agents": {"defaults": {"sandbox": {"mode": "all"}}, "entries": {"ops": {"tools": {"exec": {"host": "gateway"}}}}}
    });
    assert_eq!(
        config(gateway_agent).details_of::<RuntimeEscalation>(id),
        vec!["Host exec with security full and ask off in: agents.entries.ops."]
    );
}

#[test]
fn skills_beside_mcp_servers_from_the_registry() {
    let id = "tools.exec.agent_skill_mcp_boundary_drift";
    let skills = json!({"agents": {"defaults": {"skills": ["summarize"]}}});
    let registry = GatewayState {
        mcporter_servers: vec!["project-docs".into()],
        ..GatewayState::default()
    };
    assert_eq!(
        of(config(skills.clone()).gateway_state(registry.clone()), id),
        vec![Severity::Warn]
    );
    assert_eq!(of(config(skills), id), vec![], "no MCP server anywhere");
}

#[test]
fn open_channels_reaching_exec_weigh_the_exec_security() {
    const ID: &str = "security.exposure.open_channels_with_exec";
    let open_group = json!({"telegram": {"groups": {"-1001": {"groupPolicy": "open"}}}});
    let allowlist = json!({"channels": open_group, "tools": {"exec": {"security": "allowlist"}}});
    assert_eq!(of(config(allowlist), ID), vec![Severity::Warn]);
    let full = json!({
        "channels": {"telegram": {"dmPolicy": "open"}},
        "agents": {"entries": {"ops": {"tools": {"exec": {"mode": "full"}}}}}
    });
    assert_eq!(of(config(full), ID), vec![Severity::Critical]);
    let denied = json!({"channels": open_group, "tools": {"exec": {"security": "deny"}}});
    assert_eq!(of(config(denied), ID), vec![]);
    let closed = json!({"channels": {"telegram": {"dmPolicy": "pairing"}}, "tools": {"exec": {"security": "full"}}});
    assert_eq!(of(config(closed), ID), vec![]);
}

//! Native tests of the checks through the SDK's harness (no wasm): the same
//! redaction as the host, findings held to the contract. The end-to-end
//! cases in tests/cases/control-plane cover the built component.

use crate::ControlPlane;
use pincer_sdk::prelude::*;
use pincer_sdk::testing::assert_metadata;
use serde_json::json;

fn pairs(scenario: Scenario) -> Vec<(String, Severity)> {
    scenario.pairs::<ControlPlane>()
}

fn has(scenario: Scenario, id: &str, severity: Severity) -> bool {
    pairs(scenario).contains(&(id.to_owned(), severity))
}

fn ids(scenario: Scenario) -> Vec<String> {
    pairs(scenario).into_iter().map(|(id, _)| id).collect()
}

const GOOD: &str = "0123456789abcdef0123456789abcdef";

#[test]
fn metadata_is_complete() {
    assert_metadata::<ControlPlane>(&["gateway."]);
    assert_eq!(ControlPlane::META.checks.len(), 11);
}

#[test]
fn empty_config_is_loopback_without_auth() {
    let found = ids(Scenario::config(json!({})));
    assert_eq!(
        found,
        vec![
            "gateway.loopback_no_auth",
            "gateway.trusted_proxies_missing"
        ]
    );
}

#[test]
fn lan_without_auth_is_critical() {
    let scenario = Scenario::config(json!({"gateway": {"bind": "lan"}}));
    assert!(has(
        scenario.clone(),
        "gateway.bind_no_auth",
        Severity::Critical
    ));
    assert!(has(
        scenario.clone(),
        "gateway.control_ui.allowed_origins_required",
        Severity::Critical
    ));
    assert!(has(scenario, "gateway.auth_no_rate_limit", Severity::Warn));
}

#[test]
fn env_token_counts_as_auth_and_is_measured() {
    let scenario = Scenario::config(json!({"gateway": {"bind": "lan"}}))
        .env("OPENCLAW_GATEWAY_TOKEN", "short-env-token");
    let found = pairs(scenario);
    assert!(
        !found.iter().any(|(id, _)| id == "gateway.bind_no_auth"),
        "{found:?}"
    );
    assert!(
        found.contains(&("gateway.token_too_short".into(), Severity::Warn)),
        "{found:?}"
    );
}

#[test]
fn token_length_boundary_is_24() {
    let at = |token: &str| {
        Scenario::config(json!({"gateway": {"auth": {"mode": "token", "token": token}}}))
    };
    assert!(has(
        at(&"a".repeat(23)),
        "gateway.token_too_short",
        Severity::Warn
    ));
    assert!(!ids(at(&"a".repeat(24))).contains(&"gateway.token_too_short".to_owned()));
    assert!(
        !ids(at(&format!("  {}  ", "a".repeat(24))))
            .contains(&"gateway.token_too_short".to_owned())
    );
}

#[test]
fn placeholders_are_critical_and_case_sensitive() {
    for value in ["", "   ", "undefined", "null", " null "] {
        let scenario =
            Scenario::config(json!({"gateway": {"auth": {"mode": "token", "token": value}}}));
        assert!(
            has(
                scenario,
                "gateway.token_placeholder_value",
                Severity::Critical
            ),
            "{value:?}"
        );
    }
    let upper = Scenario::config(json!({"gateway": {"auth": {"mode": "token", "token": "NULL"}}}));
    assert!(!ids(upper.clone()).contains(&"gateway.token_placeholder_value".to_owned()));
    assert!(has(upper, "gateway.token_too_short", Severity::Warn));
}

#[test]
fn password_checks_apply_only_in_password_mode() {
    let password =
        Scenario::config(json!({"gateway": {"auth": {"mode": "password", "password": "hunter2"}}}));
    assert!(has(password, "gateway.password_too_short", Severity::Warn));
    let token_mode = Scenario::config(
        json!({"gateway": {"auth": {"mode": "token", "token": GOOD, "password": "hunter2"}}}),
    );
    assert!(
        !ids(token_mode)
            .iter()
            .any(|id| id.starts_with("gateway.password"))
    );
}

#[test]
fn secret_references_are_auth_but_not_measured() {
    let scenario = Scenario::config(json!({"gateway": {"bind": "lan", "auth": {"mode": "token",
        "token": {"source": "env", "provider": "default", "id": "MISSING_VAR"}}}}));
    let found = ids(scenario);
    assert!(
        !found.contains(&"gateway.bind_no_auth".to_owned()),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|id| id.starts_with("gateway.token_")),
        "{found:?}"
    );
}

#[test]
fn tailscale_modes() {
    let mode = |m: &str| {
        Scenario::config(json!({"gateway": {"auth": {"token": GOOD}, "tailscale": {"mode": m}}}))
    };
    assert!(has(
        mode("funnel"),
        "gateway.tailscale_funnel",
        Severity::Critical
    ));
    assert!(has(
        mode("serve"),
        "gateway.tailscale_serve",
        Severity::Info
    ));
    assert!(
        !ids(mode("off"))
            .iter()
            .any(|id| id.starts_with("gateway.tailscale"))
    );
}

#[test]
fn tailscale_serve_identity_satisfies_loopback_auth() {
    let scenario = Scenario::config(json!({"gateway": {"tailscale": {"mode": "serve"}}}));
    assert!(!ids(scenario).contains(&"gateway.loopback_no_auth".to_owned()));
}

#[test]
fn hardened_gateway_is_quiet() {
    let scenario = Scenario::config(
        json!({"gateway": {"bind": "loopback", "trustedProxies": ["127.0.0.1"],
        "auth": {"mode": "token", "token": GOOD}}}),
    );
    assert_eq!(pairs(scenario), vec![]);
}

//! Native tests of the checks through the SDK's harness (no wasm): the same
//! redaction as the host, findings held to the contract. The end-to-end
//! cases in tests/parity/control-plane cover the built component.

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
    assert_metadata::<ControlPlane>(&["gateway.", "discovery."]);
    assert_eq!(ControlPlane::META.checks.len(), 31);
}

#[test]
fn every_check_fires_in_one_scenario_and_stays_quiet_in_another() {
    pincer_sdk::testing::CheckGate::<ControlPlane>::new()
        .cases(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/parity/control-plane"
        ))
        .assert();
}

#[test]
fn empty_config_is_loopback_without_auth() {
    let found = pairs(Scenario::config(json!({})));
    assert_eq!(
        found,
        vec![
            ("gateway.http.no_auth".to_owned(), Severity::Warn),
            ("gateway.loopback_no_auth".to_owned(), Severity::Critical),
            ("gateway.trusted_proxies_missing".to_owned(), Severity::Warn),
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

/// The severity a check reported, if it fired.
fn severity_of(scenario: Scenario, id: &str) -> Option<Severity> {
    pairs(scenario)
        .into_iter()
        .find(|(found, _)| found == id)
        .map(|(_, severity)| severity)
}

/// A token-mode gateway with a good token, plus extra `gateway` keys.
fn token_gateway(extra: serde_json::Value) -> serde_json::Value {
    let mut gateway = json!({"auth": {"mode": "token", "token": GOOD}});
    if let (Some(target), Some(extra)) = (gateway.as_object_mut(), extra.as_object()) {
        for (key, value) in extra {
            target.insert(key.clone(), value.clone());
        }
    }
    gateway
}

/// The same, bound to the LAN with origins and a rate limit.
fn lan_gateway(extra: serde_json::Value) -> serde_json::Value {
    let mut gateway = token_gateway(json!({
        "bind": "lan",
        "controlUi": {"allowedOrigins": ["https://control.example.com"]},
    }));
    gateway["auth"]["rateLimit"] = json!({"maxAttempts": 10});
    if let (Some(target), Some(extra)) = (gateway.as_object_mut(), extra.as_object()) {
        for (key, value) in extra {
            target.insert(key.clone(), value.clone());
        }
    }
    gateway
}

const HTTP_NO_AUTH: &str = "gateway.http.no_auth";

#[test]
fn http_no_auth_escalates_with_remote_exposure() {
    let none = |gateway: serde_json::Value| Scenario::config(json!({"gateway": gateway}));
    assert_eq!(
        severity_of(none(json!({"auth": {"mode": "none"}})), HTTP_NO_AUTH),
        Some(Severity::Warn)
    );
    assert_eq!(
        severity_of(
            none(json!({"bind": "lan", "auth": {"mode": "none"}})),
            HTTP_NO_AUTH
        ),
        Some(Severity::Critical)
    );
    for tailscale in ["serve", "funnel"] {
        let scenario = none(json!({"tailscale": {"mode": tailscale},
            "auth": {"mode": "token", "token": "${PINCER_UNSET_FOR_TEST}"}}));
        assert_eq!(
            severity_of(scenario, HTTP_NO_AUTH),
            Some(Severity::Critical),
            "{tailscale}"
        );
    }
}

#[test]
fn http_no_auth_is_quiet_with_a_usable_secret_or_trusted_proxy() {
    let quiet = |scenario: Scenario| severity_of(scenario, HTTP_NO_AUTH).is_none();
    assert!(quiet(Scenario::config(
        json!({"gateway": token_gateway(json!({}))})
    )));
    assert!(quiet(
        Scenario::config(json!({"gateway": {"auth": {"mode": "password"}}}))
            .env("OPENCLAW_GATEWAY_PASSWORD", GOOD)
    ));
    assert!(quiet(Scenario::config(
        json!({"gateway": {"auth": {"mode": "trusted-proxy"}}})
    )));
    // A placeholder word is still a value for this check.
    assert!(quiet(Scenario::config(
        json!({"gateway": {"auth": {"mode": "token", "token": "null"}}})
    )));
    // A password does not serve token mode.
    assert!(!quiet(Scenario::config(
        json!({"gateway": {"auth": {"mode": "token", "password": GOOD}}})
    )));
}

#[test]
fn http_no_auth_follows_resolved_references_and_fallbacks() {
    let reference = |id: &str| json!({"source": "env", "provider": "default", "id": id});
    let unset = Scenario::config(
        json!({"gateway": {"auth": {"mode": "token", "token": reference("PINCER_UNSET_REF")}}}),
    );
    assert_eq!(
        severity_of(unset.clone(), HTTP_NO_AUTH),
        Some(Severity::Warn)
    );
    // The environment token takes over from a reference that did not resolve.
    assert_eq!(
        severity_of(unset.env("OPENCLAW_GATEWAY_TOKEN", GOOD), HTTP_NO_AUTH),
        None
    );
    let set = Scenario::config(
        json!({"gateway": {"auth": {"mode": "token", "token": reference("PINCER_SET_REF")}}}),
    )
    .env("PINCER_SET_REF", GOOD);
    assert_eq!(severity_of(set, HTTP_NO_AUTH), None);
    let remote = Scenario::config(
        json!({"gateway": {"auth": {"mode": "token"}, "remote": {"token": reference("PINCER_REMOTE_REF")}}}),
    );
    assert_eq!(
        severity_of(remote.clone(), HTTP_NO_AUTH),
        Some(Severity::Warn)
    );
    assert_eq!(
        severity_of(remote.env("PINCER_REMOTE_REF", GOOD), HTTP_NO_AUTH),
        None
    );
}

#[test]
fn a_resolved_password_reference_selects_password_mode() {
    let scenario = Scenario::config(json!({"gateway": {"auth": {"password":
        {"source": "env", "provider": "default", "id": "PINCER_PW_REF"}}}}))
    .env("PINCER_PW_REF", "short-pass");
    let found = pairs(scenario);
    assert!(
        found.contains(&("gateway.password_too_short".to_owned(), Severity::Warn)),
        "{found:?}"
    );
    assert!(!found.iter().any(|(id, _)| id == HTTP_NO_AUTH), "{found:?}");
}

const SESSION_KEY: &str = "gateway.http.session_key_override_enabled";

#[test]
fn session_key_override_is_info_when_an_openai_endpoint_is_on() {
    for endpoint in ["chatCompletions", "responses"] {
        let scenario = Scenario::config(json!({"gateway": token_gateway(
            json!({"http": {"endpoints": {endpoint: {"enabled": true}}}}))}));
        assert_eq!(
            severity_of(scenario, SESSION_KEY),
            Some(Severity::Info),
            "{endpoint}"
        );
    }
    let both = Scenario::config(json!({"gateway": token_gateway(json!({"http": {"endpoints":
        {"chatCompletions": {"enabled": true}, "responses": {"enabled": true}}}}))}));
    assert_eq!(
        ids(both)
            .iter()
            .filter(|id| id.as_str() == SESSION_KEY)
            .count(),
        1
    );
}

#[test]
fn session_key_override_is_quiet_when_endpoints_are_off() {
    let off = Scenario::config(json!({"gateway": token_gateway(json!({"http": {"endpoints":
        {"chatCompletions": {"enabled": false}, "responses": {}}}}))}));
    assert_eq!(severity_of(off, SESSION_KEY), None);
    let admin_only = Scenario::config(json!({"gateway": token_gateway(json!({})),
        "plugins": {"entries": {"admin-http-rpc": {"enabled": true}}}}));
    assert_eq!(severity_of(admin_only, SESSION_KEY), None);
}

const TOOLS_ALLOW: &str = "gateway.tools_invoke_http.dangerous_allow";

#[test]
fn dangerous_http_tools_escalate_off_loopback_and_under_funnel() {
    let allow = |extra: serde_json::Value| {
        let mut gateway = token_gateway(extra);
        gateway["tools"] = json!({"allow": ["exec"]});
        Scenario::config(json!({"gateway": gateway}))
    };
    assert_eq!(
        severity_of(allow(json!({})), TOOLS_ALLOW),
        Some(Severity::Warn)
    );
    assert_eq!(
        severity_of(allow(json!({"bind": "tailnet"})), TOOLS_ALLOW),
        Some(Severity::Critical)
    );
    assert_eq!(
        severity_of(allow(json!({"tailscale": {"mode": "funnel"}})), TOOLS_ALLOW),
        Some(Severity::Critical)
    );
    assert_eq!(
        severity_of(allow(json!({"tailscale": {"mode": "serve"}})), TOOLS_ALLOW),
        Some(Severity::Warn)
    );
}

#[test]
fn dangerous_http_tools_match_trimmed_and_case_insensitively() {
    let allow = |tools: serde_json::Value| {
        Scenario::config(json!({"gateway": token_gateway(json!({"tools": {"allow": tools}}))}))
    };
    assert_eq!(
        severity_of(allow(json!([" EXEC ", "Apply_Patch"])), TOOLS_ALLOW),
        Some(Severity::Warn)
    );
    assert_eq!(
        severity_of(
            allow(json!(["read", "web_search", "cron", "sessions"])),
            TOOLS_ALLOW
        ),
        None
    );
    assert_eq!(severity_of(allow(json!([])), TOOLS_ALLOW), None);
}

const WILDCARD: &str = "gateway.control_ui.allowed_origins_wildcard";

#[test]
fn wildcard_origin_is_warn_on_loopback_and_critical_beyond() {
    let origins = |gateway: serde_json::Value| Scenario::config(json!({"gateway": gateway}));
    assert_eq!(
        severity_of(
            origins(token_gateway(
                json!({"controlUi": {"allowedOrigins": ["  *  "]}})
            )),
            WILDCARD
        ),
        Some(Severity::Warn)
    );
    // The Control UI switch does not matter, nor does Tailscale.
    assert_eq!(
        severity_of(
            origins(token_gateway(json!({"tailscale": {"mode": "funnel"},
                "controlUi": {"enabled": false, "allowedOrigins": ["*"]}}))),
            WILDCARD
        ),
        Some(Severity::Warn)
    );
    assert_eq!(
        severity_of(
            origins(lan_gateway(json!({"controlUi": {"allowedOrigins": ["*"]}}))),
            WILDCARD
        ),
        Some(Severity::Critical)
    );
    assert_eq!(
        severity_of(
            origins(token_gateway(
                json!({"controlUi": {"allowedOrigins": ["https://*.example.com"]}})
            )),
            WILDCARD
        ),
        None
    );
}

const HOST_FALLBACK: &str = "gateway.control_ui.host_header_origin_fallback";

#[test]
fn host_header_fallback_is_warn_on_loopback_and_critical_beyond() {
    let fallback = |gateway: serde_json::Value| Scenario::config(json!({"gateway": gateway}));
    let on = json!({"controlUi": {"dangerouslyAllowHostHeaderOriginFallback": true}});
    assert_eq!(
        severity_of(fallback(token_gateway(on.clone())), HOST_FALLBACK),
        Some(Severity::Warn)
    );
    assert_eq!(
        severity_of(fallback(lan_gateway(on)), HOST_FALLBACK),
        Some(Severity::Critical)
    );
    let off = json!({"controlUi": {"dangerouslyAllowHostHeaderOriginFallback": false}});
    assert_eq!(severity_of(fallback(lan_gateway(off)), HOST_FALLBACK), None);
}

const REAL_IP: &str = "gateway.real_ip_fallback_enabled";

#[test]
fn real_ip_fallback_escalates_beyond_loopback() {
    let scenario = |gateway: serde_json::Value| Scenario::config(json!({"gateway": gateway}));
    assert_eq!(
        severity_of(
            scenario(token_gateway(
                json!({"allowRealIpFallback": true, "trustedProxies": ["10.0.0.5"]})
            )),
            REAL_IP
        ),
        Some(Severity::Warn),
        "token mode on loopback stays warn whatever the proxies"
    );
    assert_eq!(
        severity_of(
            scenario(lan_gateway(json!({"allowRealIpFallback": true}))),
            REAL_IP
        ),
        Some(Severity::Critical)
    );
    assert_eq!(
        severity_of(
            scenario(lan_gateway(json!({"allowRealIpFallback": false}))),
            REAL_IP
        ),
        None
    );
}

#[test]
fn real_ip_fallback_escalates_for_trusted_proxy_auth_with_a_remote_proxy() {
    let proxied = |proxies: serde_json::Value| {
        Scenario::config(
            json!({"gateway": {"allowRealIpFallback": true, "trustedProxies": proxies,
            "auth": {"mode": "trusted-proxy", "trustedProxy": {"userHeader": "x-user"}}}}),
        )
    };
    assert_eq!(
        severity_of(proxied(json!(["10.0.0.5"])), REAL_IP),
        Some(Severity::Critical)
    );
    assert_eq!(
        severity_of(proxied(json!(["127.0.0.0/8"])), REAL_IP),
        Some(Severity::Critical)
    );
    assert_eq!(
        severity_of(proxied(json!(["127.0.0.1", " "])), REAL_IP),
        Some(Severity::Critical)
    );
    assert_eq!(
        severity_of(
            proxied(json!(["127.0.0.1", "::1", "127.0.0.1/32", "::1/128"])),
            REAL_IP
        ),
        Some(Severity::Warn)
    );
    assert_eq!(
        severity_of(proxied(json!([])), REAL_IP),
        Some(Severity::Warn)
    );
}

#[test]
fn trusted_proxy_mode_reports_each_missing_piece() {
    let incomplete = Scenario::config(json!({"gateway": {"auth": {"mode": "trusted-proxy"}}}));
    let found = pairs(incomplete);
    for (id, severity) in [
        ("gateway.trusted_proxy_auth", Severity::Critical),
        ("gateway.trusted_proxy_no_proxies", Severity::Critical),
        ("gateway.trusted_proxy_no_user_header", Severity::Critical),
        ("gateway.trusted_proxy_no_allowlist", Severity::Warn),
    ] {
        assert!(
            found.contains(&(id.to_owned(), severity)),
            "{id}: {found:?}"
        );
    }
    assert!(
        !found
            .iter()
            .any(|(id, _)| id == "gateway.trusted_proxy_allow_loopback")
    );
}

#[test]
fn complete_trusted_proxy_setup_reports_only_the_mode() {
    let complete = |extra: serde_json::Value| {
        let mut proxy =
            json!({"userHeader": "x-forwarded-user", "allowUsers": ["ops@example.com"]});
        if let (Some(target), Some(extra)) = (proxy.as_object_mut(), extra.as_object()) {
            for (key, value) in extra {
                target.insert(key.clone(), value.clone());
            }
        }
        Scenario::config(json!({"gateway": {"trustedProxies": ["10.0.0.5"],
            "auth": {"mode": "trusted-proxy", "trustedProxy": proxy}}}))
    };
    let found: Vec<String> = ids(complete(json!({})))
        .into_iter()
        .filter(|id| id.starts_with("gateway.trusted_proxy_"))
        .collect();
    assert_eq!(found, vec!["gateway.trusted_proxy_auth"]);
    assert_eq!(
        severity_of(
            complete(json!({"allowLoopback": true})),
            "gateway.trusted_proxy_allow_loopback"
        ),
        Some(Severity::Warn)
    );
    assert_eq!(
        severity_of(
            complete(json!({"allowUsers": []})),
            "gateway.trusted_proxy_no_allowlist"
        ),
        Some(Severity::Warn)
    );
    // Blank entries still count as present.
    let blanks = Scenario::config(json!({"gateway": {"trustedProxies": [""],
        "auth": {"mode": "trusted-proxy", "trustedProxy": {"userHeader": " ", "allowUsers": [""]}}}}));
    let found: Vec<String> = ids(blanks)
        .into_iter()
        .filter(|id| id.starts_with("gateway.trusted_proxy"))
        .collect();
    assert_eq!(found, vec!["gateway.trusted_proxy_auth"]);
}

#[test]
fn trusted_proxy_settings_are_ignored_in_other_modes() {
    let scenario = Scenario::config(json!({"gateway": {"trustedProxies": ["127.0.0.1"],
        "auth": {"mode": "token", "token": GOOD,
            "trustedProxy": {"userHeader": "x-forwarded-user", "allowLoopback": true}}}}));
    assert_eq!(pairs(scenario), vec![]);
}

const MDNS: &str = "discovery.mdns_full_mode";

#[test]
fn mdns_full_mode_is_warn_on_loopback_and_critical_beyond() {
    let mdns = |gateway: serde_json::Value, mode: &str| {
        Scenario::config(json!({"gateway": gateway, "discovery": {"mdns": {"mode": mode}}}))
    };
    assert_eq!(
        severity_of(mdns(token_gateway(json!({})), "full"), MDNS),
        Some(Severity::Warn)
    );
    assert_eq!(
        severity_of(
            mdns(
                token_gateway(json!({"tailscale": {"mode": "funnel"}})),
                "full"
            ),
            MDNS
        ),
        Some(Severity::Warn)
    );
    assert_eq!(
        severity_of(mdns(lan_gateway(json!({"bind": "auto"})), "full"), MDNS),
        Some(Severity::Critical)
    );
    for mode in ["minimal", "off"] {
        assert_eq!(severity_of(mdns(lan_gateway(json!({})), mode), MDNS), None);
    }
    assert_eq!(
        severity_of(
            Scenario::config(json!({"gateway": lan_gateway(json!({}))})),
            MDNS
        ),
        None
    );
}

#[test]
fn hardened_lan_gateway_only_hears_the_baseline_bind_warning() {
    let scenario = Scenario::config(json!({"gateway": lan_gateway(json!({})),
        "discovery": {"mdns": {"mode": "minimal"}}}));
    assert_eq!(
        pairs(scenario),
        vec![("gateway.bind_beyond_loopback".to_owned(), Severity::Warn)]
    );
}

/// Every parity case recorded from the reference, run through the native
/// harness: for the ids this plugin declares, the pairs must be the
/// reference's (cases with suppressions are left to the host's test). (The end-to-end test does the same through the built
/// component and the real host; this one fails in a second.)
#[test]
fn recorded_parity_cases_match_natively() -> Result<(), String> {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/parity/control-plane");
    let declared = |id: &str| {
        ControlPlane::META.checks.iter().any(|c| c.meta.covers(id))
            && !crate::checks::OWN_IDS.contains(&id)
    };
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .map_err(|e| format!("{}: {e}", root.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.join("case.json").is_file())
        .collect();
    dirs.sort();
    let mut failures = Vec::new();
    for dir in &dirs {
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name))
                .map_err(|e| format!("{}: {e}", dir.join(name).display()))
        };
        let case: serde_json::Value =
            serde_json::from_str(&read("case.json")?).map_err(|e| e.to_string())?;
        let config: serde_json::Value =
            serde_json::from_str(&read("config.json")?).map_err(|e| e.to_string())?;
        if config.pointer("/security/audit/suppressions").is_some() {
            continue; // the host applies suppressions, not the plugin
        }
        let mut scenario = Scenario::config(config);
        if let Some(env) = case["env"].as_object() {
            for (name, value) in env {
                scenario = scenario.env(name, value.as_str().unwrap_or_default());
            }
        }
        let mut expected: Vec<(String, String)> = case["reference"]["findings"]
            .as_array()
            .ok_or_else(|| format!("{}: no reference", dir.display()))?
            .iter()
            .map(|f| {
                (
                    f["checkId"].as_str().unwrap_or_default().to_owned(),
                    f["severity"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .filter(|(id, _)| declared(id))
            .collect();
        expected.sort();
        let mut actual: Vec<(String, String)> = pairs(scenario)
            .into_iter()
            .filter(|(id, _)| declared(id))
            .map(|(id, severity)| (id, severity.as_str().to_owned()))
            .collect();
        actual.dedup();
        if actual != expected {
            failures.push(format!(
                "{}:\n  reference: {expected:?}\n  plugin:    {actual:?}",
                dir.display()
            ));
        }
    }
    assert!(dirs.len() >= 150, "only {} cases found", dirs.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

fn probed(probe: pincer_sdk::GatewayProbe) -> Scenario {
    Scenario::config(json!({"gateway": {"auth": {"mode": "token", "token": GOOD}}})).gateway_state(
        pincer_sdk::GatewayState {
            probe: Some(probe),
            ..pincer_sdk::GatewayState::default()
        },
    )
}

#[test]
fn probe_checks_fire_only_on_a_probe_that_failed_or_went_without_its_credential() {
    let healthy = pincer_sdk::GatewayProbe {
        url: "ws://127.0.0.1:18789".into(),
        ok: true,
        auth_offered: "token".into(),
        auth_accepted: true,
        ..pincer_sdk::GatewayProbe::default()
    };
    assert!(
        !ids(probed(healthy.clone()))
            .iter()
            .any(|id| id.contains("probe"))
    );
    assert!(
        !ids(Scenario::config(json!({})))
            .iter()
            .any(|id| id.contains("probe"))
    );
    let refused = pincer_sdk::GatewayProbe {
        ok: false,
        auth_accepted: false,
        error: Some("`connect` refused: unauthorized".into()),
        ..healthy.clone()
    };
    assert!(has(probed(refused), "gateway.probe_failed", Severity::Warn));
    let unresolved = pincer_sdk::GatewayProbe {
        secret_ref_unavailable: Some("gateway.auth.token is an `exec` secret reference".into()),
        ..healthy
    };
    assert!(has(
        probed(unresolved),
        "gateway.probe_auth_secretref_unavailable",
        Severity::Warn
    ));
}

// Pincer's own checks from the security baseline: each with a positive and
// a negative case.

fn config_fact(modified_days_ago: u64) -> pincer_sdk::FileFact {
    pincer_sdk::FileFact {
        role: "config".into(),
        path: "/home/u/.openclaw/openclaw.json".into(),
        kind: pincer_sdk::FileKind::File,
        mode: Some(0o600),
        owned_by_current_user: Some(true),
        modified_ms: Some(
            pincer_sdk::testing::DEFAULT_NOW_MS - modified_days_ago * 24 * 60 * 60 * 1000,
        ),
    }
}

#[test]
fn bind_beyond_loopback_warns_for_every_non_loopback_bind() {
    for bind in ["lan", "tailnet", "auto", "custom"] {
        let scenario = Scenario::config(json!({"gateway": token_gateway(json!({"bind": bind}))}));
        assert!(
            has(scenario, "gateway.bind_beyond_loopback", Severity::Warn),
            "{bind}"
        );
    }
    for gateway in [json!({}), json!({"bind": "loopback"})] {
        let scenario = Scenario::config(json!({"gateway": token_gateway(gateway)}));
        assert!(!ids(scenario).contains(&"gateway.bind_beyond_loopback".to_owned()));
    }
}

#[test]
fn port_policy_compares_with_the_required_port_only_when_one_is_given() {
    let on = |port: serde_json::Value| {
        Scenario::config(json!({"gateway": token_gateway(json!({"port": port}))}))
            .params(json!({"gatewayPort": 19001}))
    };
    assert!(has(on(json!(18789)), "gateway.port_policy", Severity::Warn));
    assert!(!ids(on(json!(19001))).contains(&"gateway.port_policy".to_owned()));
    let unset = Scenario::config(json!({})).params(json!({"gatewayPort": 19001}));
    assert!(has(unset, "gateway.port_policy", Severity::Warn));
    let from_env = Scenario::config(json!({}))
        .env("OPENCLAW_GATEWAY_PORT", "19001")
        .params(json!({"gatewayPort": 19001}));
    assert!(!ids(from_env).contains(&"gateway.port_policy".to_owned()));
    let no_policy = Scenario::config(json!({"gateway": {"port": 1234}}));
    assert!(!ids(no_policy).contains(&"gateway.port_policy".to_owned()));
}

#[test]
fn broad_trusted_proxies_warn_and_escalate_with_header_trust() {
    const ID: &str = "gateway.trusted_proxies_broad";
    let with = |proxies: serde_json::Value, extra: serde_json::Value| {
        let mut gateway = token_gateway(json!({"trustedProxies": proxies}));
        if let (Some(target), Some(extra)) = (gateway.as_object_mut(), extra.as_object()) {
            target.extend(extra.clone());
        }
        Scenario::config(json!({ "gateway": gateway }))
    };
    assert!(has(
        with(json!(["0.0.0.0/0"]), json!({})),
        ID,
        Severity::Warn
    ));
    assert!(has(
        with(json!(["10.0.0.0/8"]), json!({})),
        ID,
        Severity::Warn
    ));
    assert!(has(with(json!(["*"]), json!({})), ID, Severity::Warn));
    assert!(has(
        with(json!(["2001:db8::/32"]), json!({})),
        ID,
        Severity::Warn
    ));
    assert!(has(
        with(json!(["10.0.0.0/8"]), json!({"allowRealIpFallback": true})),
        ID,
        Severity::Critical
    ));
    for precise in [
        json!(["127.0.0.1"]),
        json!(["172.17.0.0/16", "::1", "fd00::/64"]),
    ] {
        assert!(!ids(with(precise, json!({}))).contains(&ID.to_owned()));
    }
}

#[test]
fn duplicate_gateway_services_warn() {
    let service = |path: &str| pincer_sdk::FileFact {
        role: "gateway-service".into(),
        path: path.into(),
        kind: pincer_sdk::FileKind::File,
        mode: Some(0o644),
        owned_by_current_user: Some(true),
        modified_ms: None,
    };
    let one = Scenario::config(json!({})).file_fact(service(
        "/home/u/.config/systemd/user/openclaw-gateway.service",
    ));
    assert!(!ids(one.clone()).contains(&"gateway.service_duplicate".to_owned()));
    let two = one.file_fact(service("/etc/systemd/system/clawdbot-gateway.service"));
    assert!(has(
        two.clone(),
        "gateway.service_duplicate",
        Severity::Warn
    ));
    let detail = two
        .run::<ControlPlane>()
        .into_iter()
        .find(|f| f.check_id == "gateway.service_duplicate")
        .map(|f| f.detail)
        .unwrap_or_default();
    assert!(detail.contains("clawdbot-gateway.service"), "{detail}");
}

#[test]
fn token_age_is_a_lower_bound_from_the_config_files() {
    const ID: &str = "gateway.token_age";
    let inline = |days: u64| {
        Scenario::config(json!({"gateway": {"auth": {"mode": "token", "token": GOOD}}}))
            .file_fact(config_fact(days))
    };
    assert!(has(inline(120), ID, Severity::Warn));
    assert!(!ids(inline(30)).contains(&ID.to_owned()));
    assert!(!ids(inline(120).params(json!({"tokenMaxAgeDays": 365}))).contains(&ID.to_owned()));
    assert!(has(
        inline(40).params(json!({"tokenMaxAgeDays": 30})),
        ID,
        Severity::Warn
    ));
    // A recently changed include makes the token's age unknown past it.
    let include = pincer_sdk::FileFact {
        role: "config-include".into(),
        ..config_fact(2)
    };
    assert!(!ids(inline(120).file_fact(include)).contains(&ID.to_owned()));
    // A symlinked config counts by its target's time.
    let link = pincer_sdk::FileFact {
        kind: pincer_sdk::FileKind::Symlink,
        ..config_fact(400)
    };
    let target = pincer_sdk::FileFact {
        role: "config-target".into(),
        ..config_fact(3)
    };
    let linked = Scenario::config(json!({"gateway": {"auth": {"mode": "token", "token": GOOD}}}))
        .file_fact(link)
        .file_fact(target);
    assert!(!ids(linked).contains(&ID.to_owned()));
    // From the environment: no record of its age.
    let from_env = Scenario::config(json!({"gateway": {"auth": {"mode": "token",
        "token": "${GW_TOKEN}"}}}))
    .env("GW_TOKEN", GOOD)
    .file_fact(config_fact(400));
    assert!(!ids(from_env).contains(&ID.to_owned()));
    // A change history that dates the token hands it to drift.token_unrotated.
    let dated = |since_ms: Option<u64>| pincer_sdk::GatewayState {
        credential_age: Some(pincer_sdk::CredentialAge {
            kind: "token".into(),
            path: "gateway.auth.token".into(),
            written_in_config: true,
            in_place_since_ms: since_ms,
            ..pincer_sdk::CredentialAge::default()
        }),
        ..pincer_sdk::GatewayState::default()
    };
    assert!(!ids(inline(120).gateway_state(dated(Some(1)))).contains(&ID.to_owned()));
    assert!(has(
        inline(120).gateway_state(dated(None)),
        ID,
        Severity::Warn
    ));
}

#[test]
fn env_token_conflicts_with_a_different_configured_token() {
    const ID: &str = "gateway.env_token_overrides_config";
    let with = |auth: serde_json::Value, env_token: &str| {
        Scenario::config(json!({"gateway": {"auth": auth}}))
            .env("OPENCLAW_GATEWAY_TOKEN", env_token)
            .env("OTHER_TOKEN", GOOD)
    };
    let other = "fedcba9876543210fedcba9876543210";
    assert!(has(with(json!({"token": GOOD}), other), ID, Severity::Warn));
    assert!(has(
        with(json!({"token": "${OTHER_TOKEN}"}), other),
        ID,
        Severity::Warn
    ));
    let elsewhere = json!({"token": {"source": "env", "provider": "default", "id": "OTHER_TOKEN"}});
    assert!(has(with(elsewhere, GOOD), ID, Severity::Warn));
    // The same token, a reference to the variable itself, or no token use.
    assert!(!ids(with(json!({"token": GOOD}), GOOD)).contains(&ID.to_owned()));
    assert!(!ids(with(json!({"token": "${OTHER_TOKEN}"}), GOOD)).contains(&ID.to_owned()));
    let itself =
        json!({"token": {"source": "env", "provider": "default", "id": "OPENCLAW_GATEWAY_TOKEN"}});
    assert!(!ids(with(itself, other)).contains(&ID.to_owned()));
    let password = json!({"mode": "password", "token": GOOD, "password": GOOD});
    assert!(!ids(with(password, other)).contains(&ID.to_owned()));
    assert!(!ids(with(json!({}), other)).contains(&ID.to_owned()));
    // (The harness treats every env value as a planted secret, and
    // "gateway" is in many details: run without its leak check.)
    let in_service = with(json!({"token": GOOD}), other).env("OPENCLAW_SERVICE_KIND", "gateway");
    let found = in_service.try_run::<ControlPlane>().unwrap();
    assert!(!found.iter().any(|f| f.check_id == ID));
}

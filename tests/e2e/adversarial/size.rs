//! Size: declarations, findings and log lines are bounded in count and in
//! bytes, and bounded before the host copies them — strings that alias one
//! huge region of the plugin's memory cost the host nothing but a refusal —
//! so a report stays small whatever one plugin says.

use super::forge::{Check, Finding, Forged, Text};
use super::{assert_plugin_failed, attack_with, config_with, forged};
use crate::support::{adversarial_plugin, pincer};

/// Bytes a report may reach with one hostile plugin loaded: the built-ins'
/// findings and declarations, plus the bounds of one plugin.
const REPORT_CAP: usize = 8 << 20;

fn assert_refused_small(plugin: &Forged, name: &str, reasons: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let wasm = forged(&dir, name, &plugin.wat());
    let (result, status) = assert_plugin_failed(&wasm, reasons, &[]);
    let sarif = pincer()
        .args([
            "audit",
            "--config",
            &super::exposed(),
            "--plugin",
            wasm.to_str().unwrap(),
            "--format",
            "sarif",
        ])
        .output()
        .unwrap();
    assert!(
        sarif.stdout.len() < REPORT_CAP,
        "{name}: SARIF of {} bytes",
        sarif.stdout.len()
    );
    assert!(
        result.stdout.len() < REPORT_CAP,
        "{name}: JSON of {} bytes",
        result.stdout.len()
    );
    status["failure"]["message"].as_str().unwrap().to_owned()
}

#[test]
fn tens_of_thousands_of_declarations_are_refused() {
    let checks: Vec<Check> = (0..40_000)
        .map(|i| Check::new(&format!("acme.c{i}")))
        .collect();
    let message = assert_refused_small(
        &Forged::new("acme-decl", checks, vec![]),
        "declarations",
        &["invalid-output"],
    );
    assert!(message.contains("declarations"), "{message}");
}

#[test]
fn declarations_aliasing_one_huge_region_cost_the_host_nothing() {
    // A thousand descriptions, each a view of the same 40 MiB: 40 GB if the
    // host copied them, a few kilobytes of component.
    let checks: Vec<Check> = (0..1_000)
        .map(|i| {
            let mut check = Check::new(&format!("acme.c{i}"));
            check.description = Text::Alias(40 << 20);
            check
        })
        .collect();
    let mut plugin = Forged::new("acme-alias", checks, vec![]);
    plugin.region = 40 << 20;
    assert_refused_small(&plugin, "aliased-declarations", &["invalid-output"]);
}

#[test]
fn findings_aliasing_one_huge_region_cost_the_host_nothing() {
    let findings: Vec<Finding> = (0..10_000)
        .map(|_| {
            let mut finding = Finding::new("acme.f");
            finding.detail = Text::Alias(40 << 20);
            finding
        })
        .collect();
    let mut plugin = Forged::new("acme-alias-findings", vec![Check::new("acme.f")], findings);
    plugin.region = 40 << 20;
    let message = assert_refused_small(&plugin, "aliased-findings", &["findings-limit"]);
    assert!(message.contains("bytes"), "{message}");
}

#[test]
fn a_flood_of_long_log_lines_is_bounded_in_bytes() {
    let wasm = adversarial_plugin("terminal");
    let _ = wasm;
    let (_dir, config) = config_with(serde_json::json!({"logs": 1_000}));
    let result = attack_with("terminal", &config, &[]);
    let output = &result.plugin("adversarial-terminal")["output"];
    let kept: usize = output["logs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line["message"].as_str().unwrap().len())
        .sum();
    assert!(kept <= 64 << 10, "{kept} bytes of log lines kept");
    assert!(output["logsDropped"].as_u64().unwrap() > 900, "{output}");
    assert!(
        result.stdout.len() < 1 << 20,
        "a report of {} bytes",
        result.stdout.len()
    );
}

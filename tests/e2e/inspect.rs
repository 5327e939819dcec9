//! `pincer plugins inspect FILE.wasm` on real components: a current
//! plugin, one built against the first contract, one built for a newer
//! contract, and bytes that are no component.

use crate::support::{adversarial_plugin, run, test_plugin};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Runs `pincer plugins inspect` and returns (exit code, stdout, stderr).
fn inspect(file: &Path, format: &str) -> (i32, String, String) {
    run(&[
        "plugins",
        "inspect",
        file.to_str().unwrap(),
        "--format",
        format,
    ])
}

#[test]
fn a_plugin_shows_its_digest_contract_imports_and_checks() {
    let wasm = test_plugin("extra-check");
    let digest = format!("{:x}", Sha256::digest(std::fs::read(&wasm).unwrap()));
    let (code, stdout, stderr) = inspect(&wasm, "json");
    assert_eq!(code, 0, "{stderr}");
    let inspection: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(inspection["sha256"], digest.as_str());
    assert_eq!(inspection["loadable"], true);
    assert_eq!(inspection["hostServes"], "0.2.0");
    assert_eq!(inspection["hostServesOlder"], serde_json::json!(["0.1.3"]));
    let api = inspection["apiVersion"].as_str().unwrap();
    let imports: Vec<&str> = inspection["imports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    assert!(
        imports.contains(&format!("pincer:audit/config@{api}").as_str()),
        "{imports:?}"
    );
    // The check-plugin world exports two functions.
    assert_eq!(inspection["exports"], serde_json::json!(["info", "run"]));
    let plugin = &inspection["plugin"];
    assert!(!plugin["name"].as_str().unwrap().is_empty());
    assert!(!plugin["checks"].as_array().unwrap().is_empty());

    let (code, table, _) = inspect(&wasm, "table");
    assert_eq!(code, 0);
    assert!(table.contains(&format!("sha256    {digest}")), "{table}");
    assert!(table.contains("runs here"), "{table}");
    let first_check = plugin["checks"][0]["id"].as_str().unwrap();
    assert!(table.contains(first_check), "{table}");
}

#[test]
fn a_plugin_of_the_first_contract_says_so_and_still_runs() {
    let (code, stdout, stderr) = inspect(&test_plugin("api-0-1-0"), "json");
    assert_eq!(code, 0, "{stderr}");
    let inspection: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(inspection["apiVersion"], "0.1.0");
    assert_eq!(inspection["loadable"], true);
}

#[test]
fn a_plugin_for_a_newer_contract_is_shown_but_cannot_run() {
    let (code, stdout, _) = inspect(&adversarial_plugin("future-api"), "json");
    assert_eq!(code, 2);
    let inspection: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(inspection["apiVersion"], "0.3.0");
    assert_eq!(inspection["loadable"], false);
    let problem = inspection["problem"].as_str().unwrap();
    assert!(problem.contains("pincer:audit@0.3.0"), "{problem}");
    assert!(inspection.get("plugin").is_none());
}

#[test]
fn bytes_that_are_no_component_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("module.wasm");
    // A core module: the magic and version 1, no component layer.
    std::fs::write(&file, b"\0asm\x01\0\0\0").unwrap();
    let (code, stdout, stderr) = inspect(&file, "table");
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("module.wasm") && stderr.contains("component"),
        "{stderr}"
    );
}

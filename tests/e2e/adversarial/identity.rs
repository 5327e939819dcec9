//! Identity: `info()` sees no installation (an empty view, no environment,
//! a stopped clock, a fixed random source), so a plugin shows one identity
//! to `pincer checks`, `plugins inspect`, pack review and the audit.

use crate::support::{adversarial_plugin, pincer, text};
use serde_json::Value;

/// `pincer checks --format json` of the shapeshifter alone.
fn reviewed(wasm: &str) -> Value {
    let output = pincer()
        .args([
            "checks",
            "--no-builtin",
            "--plugin",
            wasm,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output).1);
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn info_sees_no_installation_and_answers_alike_everywhere() {
    let wasm = adversarial_plugin("shapeshifter");
    let path = wasm.to_str().unwrap();
    let review = reviewed(path);
    assert_eq!(review, reviewed(path), "info() answered differently twice");
    let plugin = &review[0];
    let checks: Vec<&str> = plugin["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(checks, ["shifter.seen"], "{plugin}");
    let seen = plugin["description"].as_str().unwrap();
    assert!(
        seen.starts_with("config=2 gateway=None env=false now=0 ") && seen.ends_with(" files=0"),
        "info() saw something of the world: {seen}"
    );

    let inspect = pincer()
        .args(["plugins", "inspect", path])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&inspect);
    assert_eq!(inspect.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains(seen) && !stdout.contains("shifter.real_audit"),
        "{stdout}"
    );

    // The audit of a real installation, with a real environment: the rules
    // its SARIF declares are the ones the review saw, word for word.
    let config = super::exposed();
    let audit = pincer()
        .env("HOME", "/root")
        .args([
            "audit",
            "--config",
            &config,
            "--no-builtin",
            "--plugin",
            path,
        ])
        .args(["--fail-on", "never", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(audit.status.code(), Some(0), "{}", text(&audit).1);
    let sarif: Value = serde_json::from_slice(&audit.stdout).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["shifter.seen"], "{rules:?}");
    assert_eq!(
        rules[0]["shortDescription"]["text"],
        plugin["checks"][0]["title"]
    );
}

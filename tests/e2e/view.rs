//! The capability view through the real binary: `$include` chains, merges,
//! cycles and escapes, `${VAR}` substitution, and `pincer view` itself.

use crate::support::{audit, pincer, refused_config, text};
use serde_json::Value;
use std::path::Path;

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// `pincer view` of a config, parsed.
fn view(config: &Path, env: &[(&str, &str)]) -> Value {
    let mut command = pincer();
    command.args(["view", "--config", config.to_str().unwrap()]);
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn includes_nest_merge_and_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("openclaw.json"),
        r#"{ gateway: { $include: "./conf/gateway.json5", port: 19001 }, $include: ["./conf/a.json5", "./conf/b.json5"] }"#,
    );
    write(
        &root.join("conf/gateway.json5"),
        r#"{ bind: "loopback", auth: { $include: "./auth.json5" } }"#,
    );
    write(
        &root.join("conf/auth.json5"),
        r#"{ mode: "token", token: "nested-include-secret-value-1234" }"#,
    );
    write(
        &root.join("conf/a.json5"),
        r#"{ tools: { deny: ["browser"] } }"#,
    );
    write(
        &root.join("conf/b.json5"),
        r#"{ tools: { deny: ["web_fetch"] } }"#,
    );
    let snapshot = view(&root.join("openclaw.json"), &[]);
    let config = &snapshot["config"];
    assert_eq!(config["gateway"]["bind"], "loopback");
    assert_eq!(
        config["gateway"]["port"], 19001,
        "sibling keys merge over the include"
    );
    assert_eq!(config["gateway"]["auth"]["mode"], "token");
    assert_eq!(config["gateway"]["auth"]["token"]["$secret"]["length"], 32);
    assert_eq!(
        config["tools"]["deny"],
        serde_json::json!(["browser", "web_fetch"]),
        "lists concatenate"
    );
    let statuses: Vec<&str> = snapshot["includes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, vec!["included"; 4]);
    let include_facts = snapshot["fileFacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["role"] == "config-include")
        .count();
    assert_eq!(include_facts, 4);
    assert!(
        !snapshot
            .to_string()
            .contains("nested-include-secret-value-1234")
    );
}

#[test]
fn an_include_cycle_is_an_error_naming_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("openclaw.json"),
        r#"{ $include: "./a.json5" }"#,
    );
    write(
        &dir.path().join("a.json5"),
        r#"{ gateway: { $include: "./b.json5" } }"#,
    );
    write(&dir.path().join("b.json5"), r#"{ $include: "./a.json5" }"#);
    let stderr = refused_config(&dir.path().join("openclaw.json"));
    assert!(
        stderr.contains("cycle") && stderr.contains("a.json5 -> ") && stderr.contains("b.json5"),
        "{stderr}"
    );
}

#[test]
fn a_broken_include_names_its_own_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("openclaw.json"),
        r#"{ $include: "./broken.json5" }"#,
    );
    write(
        &dir.path().join("broken.json5"),
        "{\n  gateway: {\n    bind: ,\n  },\n}\n",
    );
    let stderr = refused_config(&dir.path().join("openclaw.json"));
    assert!(stderr.contains("broken.json5:3:"), "{stderr}");
    let missing = tempfile::tempdir().unwrap();
    write(
        &missing.path().join("openclaw.json"),
        r#"{ $include: "./nope.json5" }"#,
    );
    let stderr = refused_config(&missing.path().join("openclaw.json"));
    assert!(stderr.contains("nope.json5"), "{stderr}");
}

#[test]
fn escaping_includes_are_not_followed_and_are_reported() {
    let outside = tempfile::tempdir().unwrap();
    write(
        &outside.path().join("evil.json5"),
        r#"{ gateway: { bind: "lan", auth: { mode: "none" } } }"#,
    );
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir_all(&state).unwrap();
    let absolute = outside.path().join("evil.json5");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&absolute, state.join("linked.json5")).unwrap();
    let relative = format!(
        "../../{}/evil.json5",
        outside.path().file_name().unwrap().to_string_lossy()
    );
    let config = state.join("openclaw.json");
    write(
        &config,
        &format!(
            r#"{{ gateway: {{ bind: "loopback" }}, $include: ["{relative}", "{}", "./linked.json5"] }}"#,
            absolute.display()
        ),
    );
    let snapshot = view(&config, &[]);
    assert_eq!(
        snapshot["config"]["gateway"]["bind"], "loopback",
        "escaped content must not be merged"
    );
    let statuses: Vec<&str> = snapshot["includes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        vec![
            "escapes-config-dir",
            "escapes-config-dir",
            "escapes-via-symlink"
        ]
    );
    let result = audit(
        &["--config", config.to_str().unwrap(), "--fail-on", "never"],
        &[],
    );
    let escapes = result
        .pairs()
        .into_iter()
        .filter(|(id, _)| id == "config.include_escape")
        .count();
    assert_eq!(escapes, 3, "{:?}", result.pairs());
    assert!(result.has("config.include_escape", "critical"));
}

#[test]
fn env_substitution_follows_openclaw_rules() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    write(
        &config,
        r#"{ gateway: { bind: "${PINCER_E2E_BIND}", remote: { url: "wss://${PINCER_E2E_HOST}/?key=${PINCER_E2E_API_KEY}" } },
             messages: { responsePrefix: "$${PINCER_E2E_BIND} and ${PINCER_E2E_UNSET}" } }"#,
    );
    let env = [
        ("PINCER_E2E_BIND", "lan"),
        ("PINCER_E2E_HOST", "gw.example"),
        ("PINCER_E2E_API_KEY", "planted-api-key-in-url"),
    ];
    let snapshot = view(&config, &env);
    assert_eq!(snapshot["config"]["gateway"]["bind"], "lan");
    assert_eq!(
        snapshot["config"]["messages"]["responsePrefix"],
        "${PINCER_E2E_BIND} and ${PINCER_E2E_UNSET}"
    );
    let url = &snapshot["config"]["gateway"]["remote"]["url"]["$secret"];
    assert_eq!(
        url["reference"], "PINCER_E2E_HOST",
        "a string embedding a secret variable becomes a marker"
    );
    assert!(!snapshot.to_string().contains("planted-api-key-in-url"));
}

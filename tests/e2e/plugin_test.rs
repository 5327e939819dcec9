//! `pincer test PLUGIN.wasm CASES_DIR` on the real test plugin: its own
//! cases pass; a wrong expectation, a forbidden finding, a plugin failure
//! (bad params) fail with what went wrong; a case naming a check the
//! plugin does not declare is bad input. The built-in plugins' parity
//! fixtures are cases of the same format: each built-in component passes
//! its own through `pincer test`, and a fixture that disagrees fails.

use crate::support::{builtin_plugin, pincer, root, test_plugin, text};
use serde_json::Value;
use std::path::Path;

fn run_test(cases: &Path, format: &str) -> (i32, String, String) {
    let plugin = test_plugin("extra-check");
    let output = pincer()
        .args(["test", plugin.to_str().unwrap(), cases.to_str().unwrap()])
        .args(["--format", format])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    (output.status.code().unwrap_or(-1), stdout, stderr)
}

/// A case directory `name` under `dir` with this config and case.json.
fn write_case(dir: &Path, name: &str, config: &str, case: &str) {
    let case_dir = dir.join(name);
    std::fs::create_dir_all(&case_dir).unwrap();
    std::fs::write(case_dir.join("config.json"), config).unwrap();
    std::fs::write(case_dir.join("case.json"), case).unwrap();
}

#[test]
fn the_plugins_own_cases_pass() {
    let cases = root().join("tests/plugins/extra-check/cases");
    let (code, stdout, stderr) = run_test(&cases, "table");
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("ok    port-19001"), "{stdout}");
    assert!(stdout.contains("2 passed, 0 failed"), "{stdout}");
}

#[test]
fn failures_say_what_was_missing_unexpected_or_broken() {
    let dir = tempfile::tempdir().unwrap();
    write_case(
        dir.path(),
        "wrong-severity",
        "{ gateway: { port: 1 } }",
        r#"{"expect": [{"checkId": "acme.gateway_port", "severity": "critical"}]}"#,
    );
    write_case(
        dir.path(),
        "forbidden",
        "{ gateway: { port: 2 } }",
        r#"{"absent": ["acme.*"]}"#,
    );
    write_case(
        dir.path(),
        "bad-params",
        "{ gateway: { port: 19001 } }",
        r#"{"params": {"acme-extra": {"bogus": 1}}, "absent": ["acme.*"]}"#,
    );
    write_case(
        dir.path(),
        "fine",
        "{ gateway: { port: 19001 } }",
        r#"{"absent": ["acme.*"]}"#,
    );
    let (code, stdout, _) = run_test(dir.path(), "table");
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("FAIL  wrong-severity"), "{stdout}");
    assert!(
        stdout.contains("- missing     acme.gateway_port (critical)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("+ unexpected  acme.gateway_port (warn)"),
        "{stdout}"
    );
    assert!(stdout.contains("FAIL  bad-params"), "{stdout}");
    assert!(
        stdout.contains("bogus"),
        "the params error names the key: {stdout}"
    );
    assert!(stdout.contains("ok    fine"), "{stdout}");
    assert!(stdout.contains("1 passed, 3 failed"), "{stdout}");

    let (code, json, _) = run_test(dir.path(), "json");
    assert_eq!(code, 1);
    let summary: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(summary["plugin"], "acme-extra");
    assert_eq!(summary["failed"], 3);
    let names: Vec<&str> = summary["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["bad-params", "fine", "forbidden", "wrong-severity"]);
}

#[test]
fn a_case_naming_an_undeclared_check_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    write_case(
        dir.path(),
        "typo",
        "{}",
        r#"{"absent": ["acme.gateway_prot"]}"#,
    );
    let (code, stdout, stderr) = run_test(dir.path(), "table");
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("typo/case.json") && stderr.contains("acme.gateway_prot"),
        "{stderr}"
    );

    let homeless = tempfile::tempdir().unwrap();
    write_case(
        homeless.path(),
        "home",
        "{}",
        r#"{"env": {"HOME": "/root"}}"#,
    );
    let (code, _, stderr) = run_test(homeless.path(), "table");
    assert_eq!(code, 2);
    assert!(stderr.contains("expects nothing"), "{stderr}");
    write_case(
        homeless.path(),
        "home",
        "{}",
        r#"{"env": {"HOME": "/root"}, "absent": ["acme.*"]}"#,
    );
    let (code, _, stderr) = run_test(homeless.path(), "table");
    assert_eq!(code, 2);
    assert!(stderr.contains("may not set HOME"), "{stderr}");

    let broken = tempfile::tempdir().unwrap();
    write_case(broken.path(), "broken", "{}", "{\n  \"expect\": 3\n}");
    let (code, _, stderr) = run_test(broken.path(), "table");
    assert_eq!(code, 2);
    assert!(stderr.contains("broken/case.json:2:"), "{stderr}");
}

fn reference_checks() -> String {
    root()
        .join("tests/parity/reference-checks.json")
        .display()
        .to_string()
}

#[test]
fn each_built_in_plugin_passes_its_parity_fixtures() {
    for plugin in ["control-plane", "node-overreach", "secret-hygiene"] {
        let wasm = builtin_plugin(&plugin.replace('-', "_"));
        let cases = root().join("tests/parity").join(plugin);
        let output = pincer()
            .args(["test", wasm.to_str().unwrap(), cases.to_str().unwrap()])
            .args([
                "--reference-checks",
                &reference_checks(),
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        let (stdout, stderr) = text(&output);
        assert_eq!(output.status.code(), Some(0), "{plugin}: {stdout}{stderr}");
        let summary: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(summary["plugin"], plugin);
        assert_eq!(summary["failed"], 0);
        assert!(
            summary["passed"].as_u64().unwrap() >= 20,
            "{plugin}: {stdout}"
        );
    }
}

#[test]
fn a_parity_fixture_that_disagrees_fails_and_needs_the_reference_ids() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("short-token");
    std::fs::create_dir_all(&case).unwrap();
    std::fs::write(
        case.join("config.json"),
        r#"{"gateway": {"bind": "loopback", "auth": {"mode": "token", "token": "41e36c1674"}}}"#,
    )
    .unwrap();
    // The reference says warn; this fixture claims critical.
    std::fs::write(
        case.join("case.json"),
        r#"{"reference": {"tool": "edited", "findings": [
            {"checkId": "gateway.token_too_short", "severity": "critical"}]}}"#,
    )
    .unwrap();
    let wasm = builtin_plugin("control_plane");
    let output = pincer()
        .args(["test", wasm.to_str().unwrap(), dir.path().to_str().unwrap()])
        .args(["--reference-checks", &reference_checks()])
        .output()
        .unwrap();
    let (stdout, _) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("- missing     gateway.token_too_short (critical)")
            && stdout.contains("+ unexpected  gateway.token_too_short (warn)"),
        "{stdout}"
    );
    let output = pincer()
        .args(["test", wasm.to_str().unwrap(), dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("--reference-checks"), "{stderr}");
}

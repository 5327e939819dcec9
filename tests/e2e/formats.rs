//! Report formats through the real binary: SARIF 2.1.0 with the declared
//! checks as rules, JUnit XML with a case per check, Markdown, several
//! formats from one run (`--format F=FILE`), and the errors for formats
//! that cannot share an output.

use crate::support::{builtin_checks, pincer, root, text};
use pincer_sdk::id_matches;
use serde_json::Value;
use std::collections::BTreeSet;

fn exposed() -> String {
    root()
        .join("examples/configs/exposed.json")
        .display()
        .to_string()
}

/// Runs an audit of the exposed example with these `--format` values and
/// returns (exit code, stdout, stderr).
fn audit_with(formats: &[&str]) -> (i32, String, String) {
    let config = exposed();
    let mut command = pincer();
    command.args(["audit", "--config", &config, "--fail-on", "never"]);
    for format in formats {
        command.args(["--format", format]);
    }
    let output = command.output().unwrap();
    let (stdout, stderr) = text(&output);
    (output.status.code().unwrap_or(-1), stdout, stderr)
}

#[test]
fn one_run_writes_sarif_junit_and_markdown_files_and_json_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("pincer.sarif");
    let junit = dir.path().join("pincer.xml");
    let markdown = dir.path().join("pincer.md");
    let (code, stdout, stderr) = audit_with(&[
        &format!("sarif={}", sarif.display()),
        &format!("junit={}", junit.display()),
        &format!("markdown={}", markdown.display()),
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());

    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    crate::support::assert_valid_sarif(&sarif);
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let declared: BTreeSet<&str> = builtin_checks().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(rule_ids.iter().copied().collect::<BTreeSet<_>>(), declared);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert!(
            id_matches(rule_ids[index], id),
            "{id} points at {}",
            rule_ids[index]
        );
        let level = result["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level));
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(
            uri.starts_with("file://") && uri.ends_with("exposed.json"),
            "{uri}"
        );
        assert!(!result["partialFingerprints"]["pincerFinding/v1"].is_null());
    }
    let critical = findings
        .iter()
        .filter(|f| f["severity"] == "critical")
        .count();
    let errors = results.iter().filter(|r| r["level"] == "error").count();
    assert_eq!(critical, errors);
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);

    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    assert_eq!(xml.matches("<testcase ").count(), declared.len());
    let failing: BTreeSet<&str> = findings
        .iter()
        .map(|f| f["checkId"].as_str().unwrap())
        .collect();
    assert_eq!(xml.matches("<failure ").count(), failing.len());
    assert_eq!(
        xml.matches("<testsuite ").count(),
        json["plugins"].as_array().unwrap().len(),
        "one suite per plugin"
    );

    let md = std::fs::read_to_string(&markdown).unwrap();
    assert!(md.starts_with("## Pincer audit of <code>"), "{md}");
    assert!(md.contains("| severity | check | finding | where | fix |"));
    for id in failing {
        assert!(
            md.contains(&format!(
                "<code>{}</code>",
                pincer::facts::inert_markdown(id)
            )),
            "{id} missing from markdown"
        );
    }
}

#[test]
fn a_failed_plugin_is_an_error_case_and_an_unsuccessful_sarif_run() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let junit = dir.path().join("out.xml");
    let panicker = crate::support::test_plugin("panicker");
    let config = exposed();
    let output = pincer()
        .args(["audit", "--config", &config, "--fail-on", "never"])
        .args(["--plugin", panicker.to_str().unwrap()])
        .args(["--format", &format!("sarif={}", sarif.display())])
        .args(["--format", &format!("junit={}", junit.display())])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    crate::support::assert_valid_sarif(&sarif);
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert!(
        invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("failed")
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("<error "), "{xml}");
}

#[test]
fn two_formats_without_a_file_or_a_fleet_in_sarif_are_refused() {
    let (code, stdout, stderr) = audit_with(&["json", "markdown"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("give all but one of them a file"),
        "{stderr}"
    );
    let (code, _, stderr) = audit_with(&["pdf"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown format `pdf`"), "{stderr}");
    let output = pincer()
        .args(["audit", "--format", "sarif"])
        .args(crate::support::example_home_twice())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output)
            .1
            .contains("a fleet report is written as json or table")
    );
}

#[test]
fn suppressed_findings_stay_in_sarif_marked_as_suppressed() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    std::fs::write(
        &config,
        r#"{ gateway: { bind: "lan" },
             security: { audit: { suppressions: [
               { checkId: "gateway.bind_no_auth" } ] } } }"#,
    )
    .unwrap();
    let sarif_path = dir.path().join("out.sarif");
    let output = pincer()
        .args([
            "audit",
            "--config",
            config.to_str().unwrap(),
            "--fail-on",
            "never",
        ])
        .args(["--format", &format!("sarif={}", sarif_path.display())])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output).1);
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_path).unwrap()).unwrap();
    crate::support::assert_valid_sarif(&sarif);
    let suppressed: Vec<&Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["suppressions"].is_array())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["ruleId"], "gateway.bind_no_auth");
}

#[test]
fn the_schemas_reject_what_they_should() {
    let (_, stdout, _) = audit_with(&["json"]);
    let mut report: Value = serde_json::from_str(&stdout).unwrap();
    crate::support::assert_valid_report(&report);
    report["findings"][0]["severity"] = Value::from("severe");
    let broken = std::panic::catch_unwind(|| crate::support::assert_valid_report(&report));
    assert!(
        broken.is_err(),
        "a severity outside the enum must break the schema"
    );
    let sarif = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {}}]});
    let broken = std::panic::catch_unwind(|| crate::support::assert_valid_sarif(&sarif));
    assert!(
        broken.is_err(),
        "a run without a driver must break the SARIF schema"
    );
}

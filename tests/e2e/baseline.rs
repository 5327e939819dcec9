//! Baselines and diffs through the real binary: `--baseline OLD.json`
//! fails only on what the earlier report lacks (or what got more severe),
//! and `pincer diff` lists new, resolved and changed findings.

use crate::support::{audit, pincer, text};
use serde_json::Value;
use std::path::Path;

fn write(dir: &Path, name: &str, body: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path.display().to_string()
}

const BEFORE: &str = r#"{ gateway: { bind: "loopback", auth: { mode: "token", token: "0123456789abcdef0123456789abcdef" } } }"#;
const AFTER: &str = r#"{ gateway: { bind: "loopback", auth: { mode: "token", token: "0123456789abcdef0123456789abcdef" },
  tailscale: { mode: "funnel" } } }"#;

/// The JSON report of a config, saved as `name`.
fn report_of(dir: &Path, config: &str, name: &str) -> (String, Value) {
    let result = audit(&["--config", config, "--fail-on", "never"], &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    (write(dir, name, &result.stdout), result.report)
}

#[test]
fn only_findings_missing_from_the_baseline_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(dir.path(), "before.json5", BEFORE);
    let (old, old_report) = report_of(dir.path(), &before, "old.json");
    assert!(old_report["summary"]["critical"].as_u64().unwrap() > 0);
    let same = audit(
        &["--config", &before, "--baseline", &old, "--fail-on", "warn"],
        &[],
    );
    assert_eq!(same.code, 0, "everything is known: {}", same.stderr);
    assert_eq!(same.report["baseline"]["new"], 0);
    assert!(
        same.report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["baseline"] == "known")
    );

    let after = write(dir.path(), "after.json5", AFTER);
    let grown = audit(
        &[
            "--config",
            &after,
            "--baseline",
            &old,
            "--fail-on",
            "critical",
        ],
        &[],
    );
    assert_eq!(grown.code, 1, "Tailscale Funnel is new and critical");
    let funnel = grown.finding("gateway.tailscale_funnel");
    assert_eq!(funnel["baseline"], "new");
    assert!(grown.report["baseline"]["new"].as_u64().unwrap() >= 1);
}

#[test]
fn a_baseline_that_is_not_a_report_is_refused_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(dir.path(), "c.json5", BEFORE);
    let bad = write(dir.path(), "old.json", "{\n  \"findings\": 3\n}\n");
    let output = pincer()
        .args(["audit", "--config", &config, "--baseline", &bad])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("old.json:2:"), "{stderr}");
}

#[test]
fn diff_lists_new_resolved_and_changed_findings() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(dir.path(), "before.json5", BEFORE);
    let after = write(dir.path(), "after.json5", AFTER);
    let (old, _) = report_of(dir.path(), &before, "old.json");
    let (new, _) = report_of(dir.path(), &after, "new.json");
    let output = pincer()
        .args(["diff", &old, &new, "--format", "json"])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let diff: Value = serde_json::from_str(&stdout).unwrap();
    let new_ids: Vec<&str> = diff["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["checkId"].as_str().unwrap())
        .collect();
    assert!(new_ids.contains(&"gateway.tailscale_funnel"), "{new_ids:?}");
    assert!(diff["unchanged"].as_u64().unwrap() > 0);
    let back = pincer().args(["diff", &new, &old]).output().unwrap();
    let (table, _) = text(&back);
    assert!(
        table.contains("- critical gateway.tailscale_funnel"),
        "{table}"
    );
    assert!(table.contains("resolved"), "{table}");
}

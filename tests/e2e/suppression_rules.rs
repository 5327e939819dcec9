//! `[[suppress]]` rules in pincer.toml: a check id glob, an optional config
//! path glob, a mandatory reason and an optional expiry. Suppressed
//! findings stay in JSON and SARIF, marked with the rule; they do not count
//! for `--fail-on`; an expired rule stops suppressing and is reported; an
//! unused one is reported as info; a rule without a reason is bad input.

use crate::support::{audit, pincer, refused, text};
use serde_json::Value;

/// A config with a too-short token on a LAN bind (warns) and a settings
/// file holding `rules`. Returns the dir (keep it alive), the config and
/// the settings path.
fn setup(rules: &str) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    std::fs::write(
        &config,
        r#"{
  gateway: {
    bind: "lan",
    auth: { mode: "token", token: "41e36c1674" },
  },
}
"#,
    )
    .unwrap();
    let settings = dir.path().join("pincer.toml");
    std::fs::write(&settings, rules).unwrap();
    let path = |p: &std::path::Path| p.display().to_string();
    (dir, path(&config), path(&settings))
}

fn ids(report: &Value, list: &str) -> Vec<String> {
    report[list]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|f| f["checkId"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_rule_suppresses_by_glob_and_path_and_marks_the_finding() {
    let (_dir, config, settings) = setup(
        "# accepted risks\n\n[[suppress]]\ncheck = \"gateway.token_*\"\npath = \"gateway.auth.*\"\nreason = \"lab gateway, token rotated by the vault agent\"\nexpires = 2999-12-31\n",
    );
    let before = audit(&["--config", &config, "--fail-on", "never"], &[]);
    assert!(
        before.has("gateway.token_too_short", "warn"),
        "{}",
        before.stdout
    );

    let run = audit(
        &[
            "--config",
            &config,
            "--settings",
            &settings,
            "--fail-on",
            "never",
        ],
        &[],
    );
    assert!(!ids(&run.report, "findings").contains(&"gateway.token_too_short".to_owned()));
    let suppressed = run.report["suppressedFindings"].as_array().unwrap();
    let token = suppressed
        .iter()
        .find(|f| f["checkId"] == "gateway.token_too_short")
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert_eq!(token["suppressedBy"]["source"], format!("{settings}:3"));
    assert_eq!(
        token["suppressedBy"]["reason"],
        "lab gateway, token rotated by the vault agent"
    );
    assert_eq!(token["suppressedBy"]["expires"], "2999-12-31");
    assert_eq!(
        run.report["summary"]["warn"].as_u64().unwrap() + 1,
        before.report["summary"]["warn"].as_u64().unwrap()
    );
    assert!(
        !ids(&run.report, "findings")
            .iter()
            .any(|id| id.starts_with("pincer."))
    );
}

#[test]
fn suppressed_findings_do_not_fail_the_run_and_sarif_keeps_them() {
    let (dir, config, settings) =
        setup("[[suppress]]\ncheck = \"gateway.*\"\nreason = \"staging, firewalled\"\n");
    let failing = pincer()
        .args([
            "audit",
            "--config",
            &config,
            "--fail-on",
            "warn",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        failing.status.code(),
        Some(1),
        "warns fail without the rule"
    );

    let sarif_path = dir.path().join("out.sarif");
    let output = pincer()
        .args(["audit", "--config", &config, "--settings", &settings])
        .args(["--fail-on", "warn", "--format", "json"])
        .args(["--format", &format!("sarif={}", sarif_path.display())])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    crate::support::assert_valid_report(&report);
    let left: Vec<String> = ids(&report, "findings");
    assert!(
        left.iter().all(|id| !id.starts_with("gateway.")),
        "{left:?}"
    );
    let warns_left = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] != "info");
    assert_eq!(
        output.status.code(),
        Some(i32::from(warns_left)),
        "only unsuppressed findings count: {stdout}{stderr}"
    );
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_path).unwrap()).unwrap();
    crate::support::assert_valid_sarif(&sarif);
    let marked: Vec<&Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(marked.len(), ids(&report, "suppressedFindings").len());
    assert!(!marked.is_empty());
    let justification = marked[0]["suppressions"][0]["justification"]
        .as_str()
        .unwrap();
    assert!(
        justification.contains("staging, firewalled"),
        "{justification}"
    );
}

#[test]
fn an_expired_rule_stops_suppressing_and_is_reported() {
    let (_dir, config, settings) = setup(
        "[[suppress]]\ncheck = \"gateway.token_too_short\"\nreason = \"until the rotation lands\"\nexpires = 2020-01-31\n",
    );
    let run = audit(
        &[
            "--config",
            &config,
            "--settings",
            &settings,
            "--fail-on",
            "never",
        ],
        &[],
    );
    assert!(run.has("gateway.token_too_short", "warn"), "{}", run.stdout);
    assert!(
        run.has("pincer.suppression.expired", "warn"),
        "{}",
        run.stdout
    );
    let expired = run.report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["checkId"] == "pincer.suppression.expired")
        .unwrap();
    assert_eq!(expired["plugin"], "pincer");
    assert_eq!(expired["location"]["file"], settings.as_str());
    assert_eq!(expired["location"]["line"], 1);
    let detail = expired["detail"].as_str().unwrap();
    assert!(detail.contains("2020-01-31"), "{detail}");
    assert!(ids(&run.report, "suppressedFindings").is_empty());
}

#[test]
fn an_unused_rule_is_reported_as_info() {
    let (_dir, config, settings) =
        setup("[[suppress]]\ncheck = \"channels.*\"\nreason = \"no channels here yet\"\n");
    let run = audit(
        &[
            "--config",
            &config,
            "--settings",
            &settings,
            "--fail-on",
            "never",
        ],
        &[],
    );
    assert!(
        run.has("pincer.suppression.unused", "info"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_rule_without_a_reason_is_bad_input_naming_its_line() {
    let (_dir, config, settings) = setup(
        "[limits]\nfuel = 20000000000\n\n[[suppress]]\ncheck = \"gateway.*\"\nreason = \"\"\n",
    );
    let stderr = refused(&["--config", &config, "--settings", &settings]);
    assert!(stderr.contains(&format!("{settings}:4")), "{stderr}");
    assert!(stderr.contains("reason"), "{stderr}");

    let (_dir, config, settings) = setup("[[suppress]]\ncheck = \"gateway.*\"\n");
    let stderr = refused(&["--config", &config, "--settings", &settings]);
    assert!(stderr.contains("reason"), "{stderr}");
    assert!(stderr.contains(&settings), "{stderr}");
}

#[test]
fn the_verbose_table_shows_why_a_finding_is_suppressed() {
    let (_dir, config, settings) = setup(
        "[[suppress]]\ncheck = \"gateway.token_too_short\"\nreason = \"rotation scheduled\"\n",
    );
    let output = pincer()
        .args(["audit", "--config", &config, "--settings", &settings])
        .args(["--fail-on", "never", "-v"])
        .output()
        .unwrap();
    let (stdout, _) = text(&output);
    assert!(stdout.contains("SUPPRESSED (1)"), "{stdout}");
    assert!(stdout.contains("rotation scheduled"), "{stdout}");
    assert!(stdout.contains("fix: "), "-v shows the fix: {stdout}");

    let brief = pincer()
        .args(["audit", "--config", &config, "--settings", &settings])
        .args(["--fail-on", "never"])
        .output()
        .unwrap();
    let (brief, _) = text(&brief);
    assert!(!brief.contains("fix: "), "{brief}");
    assert!(brief.contains("SUPPRESSED (1)"), "{brief}");
}

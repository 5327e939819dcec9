//! Findings point at the config line that set the key — through
//! `$include`s, in the included file — in JSON, SARIF, table and Markdown.

use crate::support::{audit, pincer, text};
use serde_json::Value;

/// A config whose gateway settings live in an included file; returns the
/// dir (keep it alive) and the main config's path.
fn config_with_include() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("openclaw.json"),
        "{\n  // the gateway lives in its own file\n  $include: \"./gateway.json5\",\n  gateway: {\n    controlUi: { enabled: true },\n  },\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("gateway.json5"),
        "{\n  gateway: {\n    bind: 'lan',\n    auth: { mode: 'none' },\n  },\n}\n",
    )
    .unwrap();
    let config = dir.path().join("openclaw.json").display().to_string();
    (dir, config)
}

fn finding<'a>(report: &'a Value, check_id: &str) -> &'a Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["checkId"] == check_id)
        .unwrap_or_else(|| panic!("no {check_id} in {report}"))
}

#[test]
fn a_finding_points_at_the_included_file_and_line() {
    let (dir, config) = config_with_include();
    let run = audit(&["--config", &config, "--fail-on", "never"], &[]);
    let bind = finding(&run.report, "gateway.bind_beyond_loopback");
    let location = &bind["location"];
    let included = dir.path().join("gateway.json5").display().to_string();
    assert_eq!(location["file"], included.as_str(), "{bind}");
    assert_eq!(location["line"], 3, "{bind}");
    assert_eq!(location["configPath"], "gateway.bind");

    // A key of the main config (beside an unquoted `$include`), missing:
    // the finding points at the object it belongs in, in the main file.
    let origins = finding(&run.report, "gateway.control_ui.allowed_origins_required");
    assert_eq!(origins["location"]["file"], config.as_str(), "{origins}");
    assert_eq!(origins["location"]["line"], 5, "{origins}");
    assert_eq!(
        origins["location"]["configPath"],
        "gateway.controlUi.allowedOrigins"
    );
}

#[test]
fn sarif_table_and_markdown_carry_the_line() {
    let (dir, config) = config_with_include();
    let included = dir.path().join("gateway.json5");
    let sarif_path = dir.path().join("out.sarif");
    let markdown_path = dir.path().join("out.md");
    let output = pincer()
        .args(["audit", "--config", &config, "--fail-on", "never"])
        .args(["--format", &format!("sarif={}", sarif_path.display())])
        .args(["--format", &format!("markdown={}", markdown_path.display())])
        .args(["--format", "table"])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let shown = format!("{}:3", included.display());
    let line = stdout
        .lines()
        .find(|line| line.contains("gateway.bind_beyond_loopback"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(line.trim_end().ends_with(&shown), "{line}");

    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_path).unwrap()).unwrap();
    crate::support::assert_valid_sarif(&sarif);
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "gateway.bind_beyond_loopback")
        .unwrap();
    let physical = &result["locations"][0]["physicalLocation"];
    assert_eq!(physical["region"]["startLine"], 3);
    let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
    assert!(
        uri.starts_with("file://") && uri.ends_with("/gateway.json5"),
        "{uri}"
    );

    let markdown = std::fs::read_to_string(&markdown_path).unwrap();
    assert!(
        markdown.contains(&format!(
            "<code>{}</code>",
            pincer::facts::inert_markdown(&shown)
        )),
        "{markdown}"
    );
}

#[test]
fn the_main_config_line_is_found_past_comments() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    std::fs::write(
        &config,
        "/* a\n   block comment */\n{\n  'gateway': {\n    // loopback would be safer\n    \"bind\": \"lan\", auth: { mode: 'token', token: 'x' },\n  },\n}\n",
    )
    .unwrap();
    let run = audit(
        &["--config", config.to_str().unwrap(), "--fail-on", "never"],
        &[],
    );
    let bind = finding(&run.report, "gateway.bind_beyond_loopback");
    assert_eq!(bind["location"]["line"], 6, "{bind}");
    assert_eq!(bind["location"]["file"], config.to_str().unwrap());
}

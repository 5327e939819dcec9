//! `security.audit.suppressions` in the audited config: matched findings
//! leave `findings` and the summary but stay in `suppressedFindings`; a
//! malformed entry is bad input, never a quietly cleaner report.

use crate::support::{audit, refused_config};

fn write_config(body: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("openclaw.json");
    std::fs::write(&path, body).unwrap();
    (dir, path.display().to_string())
}

const SHORT_TOKEN: &str = r#"{
  gateway: { auth: { mode: "token", token: "41e36c1674" } },
  security: { audit: { suppressions: [SUPPRESSIONS] } },
}"#;

#[test]
fn a_suppressed_finding_moves_out_of_findings_and_the_summary() {
    let (_open, open_path) = write_config(&SHORT_TOKEN.replace("SUPPRESSIONS", ""));
    let open = audit(&["--config", &open_path, "--fail-on", "never"], &[]);
    assert!(
        open.has("gateway.token_too_short", "warn"),
        "{}",
        open.stdout
    );

    let (_dir, path) = write_config(
        &SHORT_TOKEN.replace("SUPPRESSIONS", r#"{ checkId: "gateway.token_too_short" }"#),
    );
    let suppressed = audit(&["--config", &path, "--fail-on", "never"], &[]);
    assert!(!suppressed.has("gateway.token_too_short", "warn"));
    let moved = suppressed.report["suppressedFindings"].as_array().unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0]["checkId"], "gateway.token_too_short");
    // A configured suppression is itself a dangerous flag (as in the
    // reference): one warn leaves, one arrives.
    assert!(suppressed.has("config.insecure_or_dangerous_flags", "warn"));
    assert!(!open.has("config.insecure_or_dangerous_flags", "warn"));
    // And the host says that suppressions are active, as the reference
    // does, in the counted findings.
    assert!(suppressed.has("security.audit.suppressions.active", "info"));
    assert!(!open.has("security.audit.suppressions.active", "info"));
    assert_eq!(
        suppressed.report["summary"]["warn"].as_u64().unwrap(),
        open.report["summary"]["warn"].as_u64().unwrap(),
        "the summary counts only what is left"
    );
}

#[test]
fn a_suppression_whose_text_does_not_match_leaves_the_finding() {
    let (_dir, path) = write_config(&SHORT_TOKEN.replace(
        "SUPPRESSIONS",
        r#"{ checkId: "gateway.token_too_short", detailIncludes: "no such words" }"#,
    ));
    let report = audit(&["--config", &path, "--fail-on", "never"], &[]);
    assert!(
        report.has("gateway.token_too_short", "warn"),
        "{}",
        report.stdout
    );
    assert!(report.report.get("suppressedFindings").is_none());
}

#[test]
fn a_malformed_suppression_exits_2_naming_file_and_line() {
    let (_dir, path) = write_config(&SHORT_TOKEN.replace("SUPPRESSIONS", r#"{ check: "x" }"#));
    let stderr = refused_config(std::path::Path::new(&path));
    assert!(
        stderr.contains(&format!("{path}:3:")) && stderr.contains("security.audit.suppressions.0"),
        "{stderr}"
    );
}

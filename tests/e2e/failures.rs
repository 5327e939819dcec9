//! A failing plugin is named, its failure classified, the audit marked
//! incomplete (exit 3), and every other plugin's findings still stand.

use crate::support::{audit, root, test_plugin};

#[test]
fn a_panicking_plugin_makes_the_audit_incomplete() {
    let config = root().join("examples/configs/exposed.json");
    let plugin = test_plugin("panicker");
    let args = [
        "--config",
        config.to_str().unwrap(),
        "--plugin",
        plugin.to_str().unwrap(),
        "--fail-on",
        "never",
    ];
    let result = audit(&args, &[]);
    assert_eq!(
        result.code, 3,
        "incomplete beats --fail-on never: {}",
        result.stderr
    );
    assert_eq!(result.report["complete"], false);
    let status = result.plugin("panicker");
    assert_eq!(status["status"], "failed");
    assert_eq!(status["failure"]["reason"], "trap");
    let message = status["failure"]["message"].as_str().unwrap();
    assert!(
        message.contains("deliberate failure"),
        "the panic message is kept: {message}"
    );
    assert!(
        result.has("gateway.bind_no_auth", "critical"),
        "other plugins' findings stand: {:?}",
        result.pairs()
    );
    assert!(
        !result
            .pairs()
            .iter()
            .any(|(id, _)| id.starts_with("panicker."))
    );
}

#[test]
fn allow_incomplete_falls_back_to_fail_on() {
    let config = root().join("examples/configs/exposed.json");
    let plugin = test_plugin("panicker");
    let base = [
        "--config",
        config.to_str().unwrap(),
        "--plugin",
        plugin.to_str().unwrap(),
        "--allow-incomplete",
    ];
    let never: Vec<&str> = base.iter().copied().chain(["--fail-on", "never"]).collect();
    assert_eq!(audit(&never, &[]).code, 0);
    assert_eq!(audit(&base, &[]).code, 1);
}

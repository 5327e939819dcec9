//! Plugin parameters through the real host and the built-in plugins:
//! `[params.<plugin>]` in `pincer.toml` reaches the plugin it names, a
//! table naming no plugin is an input error with file and line, and a
//! parameter a plugin does not take fails that plugin (incomplete audit)
//! with a message naming it.

use crate::support::{audit, refused, root};
use std::path::Path;

fn hardened() -> String {
    root()
        .join("examples/configs/hardened.json")
        .display()
        .to_string()
}

fn with_settings(dir: &Path, toml: &str) -> crate::support::Audit {
    let settings = dir.join("pincer.toml");
    std::fs::write(&settings, toml).unwrap();
    audit(
        &[
            "--config",
            &hardened(),
            "--settings",
            settings.to_str().unwrap(),
            "--fail-on",
            "never",
        ],
        &[],
    )
}

#[test]
fn a_parameter_reaches_its_plugin() {
    let dir = tempfile::tempdir().unwrap();
    let quiet = with_settings(dir.path(), "");
    assert_eq!(quiet.code, 0, "{}", quiet.stderr);
    assert!(!quiet.has("gateway.port_policy", "warn"));
    let strict = with_settings(dir.path(), "[params.control-plane]\ngatewayPort = 19002\n");
    assert_eq!(strict.code, 0, "{}", strict.stderr);
    assert!(
        strict.has("gateway.port_policy", "warn"),
        "{:?}",
        strict.pairs()
    );
    let detail = strict.finding("gateway.port_policy")["detail"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(detail.contains("19002"), "{detail}");
}

#[test]
fn a_table_naming_no_plugin_exits_2_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("pincer.toml");
    let text = "[limits]\nfuel = 100000000\n\n[params.control-plain]\ngatewayPort = 19001\n";
    std::fs::write(&settings, text).unwrap();
    let config = hardened();
    let stderr = refused(&[
        "--config",
        &config,
        "--settings",
        settings.to_str().unwrap(),
    ]);
    assert!(stderr.contains("pincer.toml:4:"), "{stderr}");
    assert!(stderr.contains("control-plain"), "{stderr}");
    assert!(stderr.contains("control-plane"), "{stderr}");
}

#[test]
fn an_unknown_parameter_fails_its_plugin_and_the_audit_is_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let result = with_settings(dir.path(), "[params.node-overreach]\nstaleDays = 7\n");
    assert_eq!(result.code, 3, "{}", result.stderr);
    assert_eq!(result.report["complete"], false);
    let plugin = result.plugin("node-overreach");
    assert_eq!(plugin["failure"]["reason"], "invalid-params");
    let failure = plugin["failure"].to_string();
    assert!(failure.contains("staleDays"), "{failure}");
    assert!(failure.contains("staleDeviceDays"), "{failure}");
    assert_eq!(result.plugin("control-plane")["status"], "ok");
}

//! Install records in the real state database: the `config_machine_state`
//! rows of plugins (`plugins.installedIndex`) and hooks
//! (`hooks.internal.installs`), judged against the package.json files on
//! disk. The parity cases cover the legacy file and the npm root, which
//! the reference recorder can write; this covers the database, which it
//! cannot.

use crate::state::{Journal, build_database};
use crate::support::audit;
use rusqlite::Connection;
use serde_json::json;

const INTEGRITY: &str = "sha512-planted0integrity0hash0value0never0shown";

fn pairs_of(report: &serde_json::Value, prefixes: &[&str]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["checkId"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .filter(|(id, _)| prefixes.iter().any(|p| id.starts_with(p)))
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn plugin_and_hook_records_in_the_database_are_judged() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path();
    std::fs::write(
        state.join("openclaw.json"),
        r#"{"plugins": {"allow": ["good", "loose"]}}"#,
    )
    .unwrap();
    let db = build_database(state, Journal::Rollback);
    let plugins = json!({"revision": 3, "index": {"version": 1, "installRecords": {
        "good": {"source": "npm", "spec": "good@1.2.3", "integrity": INTEGRITY, "version": "1.2.3"},
        "loose": {"source": "npm", "spec": "loose@^2.0.0", "integrity": INTEGRITY},
        "local": {"source": "path", "spec": "whatever"}
    }}});
    let hooks = json!({
        "notify": {"source": "npm", "spec": "notify@1.0.0", "version": "1.0.0"}
    });
    let connection = Connection::open(&db).unwrap();
    for (key, value) in [
        ("plugins.installedIndex", plugins.to_string()),
        ("hooks.internal.installs", hooks.to_string()),
    ] {
        connection
            .execute(
                "INSERT INTO config_machine_state (state_key, value_json, updated_at_ms) VALUES (?1, ?2, 0)",
                (key, value),
            )
            .unwrap();
    }
    drop(connection);
    for (dir, version) in [
        ("extensions/good", "1.2.3"),
        ("extensions/loose", "2.1.0"),
        ("hooks/notify", "1.0.4"),
    ] {
        std::fs::create_dir_all(state.join(dir)).unwrap();
        std::fs::write(
            state.join(dir).join("package.json"),
            json!({"name": "x", "version": version}).to_string(),
        )
        .unwrap();
    }
    let run = audit(
        &["--state-dir", state.to_str().unwrap(), "--fail-on", "never"],
        &[],
    );
    assert_eq!(
        pairs_of(&run.report, &["plugins.installs_", "hooks.installs_"]),
        vec![
            (
                "hooks.installs_missing_integrity".to_owned(),
                "warn".to_owned()
            ),
            ("hooks.installs_version_drift".to_owned(), "warn".to_owned()),
            (
                "plugins.installs_unpinned_npm_specs".to_owned(),
                "warn".to_owned()
            ),
        ],
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains(INTEGRITY) && !run.stderr.contains(INTEGRITY));
}

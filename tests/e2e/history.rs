//! `pincer audit --history DIR` and `pincer history`: each run records
//! one whole entry (report and posture, never a secret), retention by
//! count and age, refusal to write into the audited state, and drift
//! between two real state dirs (real SQLite) through the real drift plugin.

use crate::state::{Journal, build_database};
use crate::support::{audit, digest, pincer, run, text, write_private_config};
use rusqlite::Connection;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A state dir holding `config` (mode 600 in a 700 dir) and no database.
fn state_with(config: &Value) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_private_config(dir.path(), config);
    dir
}

fn audit_into(state: &Path, history: &Path, extra: &[&str]) -> crate::support::Audit {
    let mut args = vec![
        "--state-dir",
        state.to_str().unwrap(),
        "--history",
        history.to_str().unwrap(),
        "--fail-on",
        "never",
    ];
    args.extend_from_slice(extra);
    audit(&args, &[])
}

/// The entry files of a history dir, oldest first.
fn entries(history: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(history)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with("audit-") && name.ends_with(".json"),
            "unexpected file in the history: {name}"
        );
    }
    files
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn history_command(dir: &Path, format: &str) -> (i32, String, String) {
    run(&[
        "history",
        "--dir",
        dir.to_str().unwrap(),
        "--format",
        format,
    ])
}

const HARDENED: &str = r#"{
  "gateway": {"bind": "loopback", "auth": {"mode": "token", "token": "planted-history-token-0123456789abcdef"}},
  "agents": {"defaults": {"sandbox": {"mode": "all"}}},
  "tools": {"elevated": {"enabled": false}, "fs": {"workspaceOnly": true}, "deny": ["group:runtime"]}
}"#;

#[test]
fn each_run_is_recorded_whole_and_pincer_history_shows_them() {
    let state = state_with(&serde_json::from_str(HARDENED).unwrap());
    let history = tempfile::tempdir().unwrap();
    let before = digest(state.path());
    let first = audit_into(state.path(), history.path(), &[]);
    let second = audit_into(state.path(), history.path(), &[]);
    assert_eq!(
        digest(state.path()),
        before,
        "the audit wrote to the state dir"
    );
    let files = entries(history.path());
    assert_eq!(files.len(), 2);
    let entry = read(&files[1]);
    assert_eq!(entry["pincerHistory"], 1);
    assert_eq!(entry["summary"]["warn"], second.report["summary"]["warn"]);
    assert_eq!(entry["report"]["findings"], second.report["findings"]);
    assert_eq!(
        entry["posture"]["settings"]["agents.defaults.sandbox.mode"],
        "all"
    );
    assert_eq!(
        entry["posture"]["configDigest"],
        read(&files[0])["posture"]["configDigest"]
    );
    assert_eq!(first.report["summary"], second.report["summary"]);
    // Nothing drifted between two runs of the same installation.
    assert!(
        !second
            .pairs()
            .iter()
            .any(|(id, _)| id.starts_with("drift.")),
        "{:?}",
        second.pairs()
    );

    let (code, table, stderr) = history_command(history.path(), "table");
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(
        lines[0].contains("critical") && lines[1].contains("first run"),
        "{table}"
    );
    let (code, json, _) = history_command(history.path(), "json");
    assert_eq!(code, 0);
    let runs: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(runs["runs"].as_array().unwrap().len(), 2);
    let (code, html, _) = history_command(history.path(), "html");
    assert_eq!(code, 0);
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<polyline"),
        "{html}"
    );
    assert!(html.contains("Content-Security-Policy") && !html.contains("<script"));
}

#[test]
fn no_secret_reaches_a_history_entry() {
    let state = state_with(&serde_json::from_str(HARDENED).unwrap());
    let history = tempfile::tempdir().unwrap();
    let mut command = pincer();
    command
        .args(["audit", "--fail-on", "never", "--format", "json"])
        .args(["--state-dir", state.path().to_str().unwrap()])
        .args(["--history", history.path().to_str().unwrap()])
        .env("OPENCLAW_GATEWAY_PASSWORD", "planted-history-env-secret");
    assert!(command.output().unwrap().status.success());
    for file in entries(history.path()) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("planted-"),
            "a secret reached {}",
            file.display()
        );
    }
}

#[test]
fn retention_keeps_the_newest_entries_within_the_age_limit() {
    let state = state_with(&serde_json::from_str(HARDENED).unwrap());
    let history = tempfile::tempdir().unwrap();
    audit_into(state.path(), history.path(), &[]);
    let first = entries(history.path()).remove(0);
    // An entry from 2020, as a years-old history would hold.
    let old = history.path().join("audit-20200101T000000.000Z.json");
    std::fs::copy(&first, &old).unwrap();
    audit_into(state.path(), history.path(), &["--history-keep", "5"]);
    assert!(!old.exists(), "an entry older than a year survived");
    assert_eq!(entries(history.path()).len(), 2);
    audit_into(state.path(), history.path(), &["--history-keep", "2"]);
    audit_into(state.path(), history.path(), &["--history-keep", "2"]);
    let kept = entries(history.path());
    assert_eq!(kept.len(), 2);
    assert!(!kept.contains(&first), "the oldest entry was kept");
}

#[test]
fn a_history_inside_the_audited_state_is_refused() {
    let state = state_with(&serde_json::from_str(HARDENED).unwrap());
    let before = digest(state.path());
    let inside = state.path().join("pincer-history");
    let output = pincer()
        .args(["audit", "--state-dir", state.path().to_str().unwrap()])
        .args(["--history", inside.to_str().unwrap()])
        .output()
        .unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("refusing to write"), "{stderr}");
    assert!(!inside.exists());
    assert_eq!(digest(state.path()), before);
}

#[test]
fn a_file_that_is_not_an_entry_is_bad_input() {
    let history = tempfile::tempdir().unwrap();
    std::fs::write(
        history.path().join("audit-20260101T000000.000Z.json"),
        "{\n  \"x\": 1\n}",
    )
    .unwrap();
    let (code, _, stderr) = history_command(history.path(), "table");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("audit-20260101T000000.000Z.json")
            && stderr.contains("not a Pincer history entry"),
        "{stderr}"
    );
}

/// Milliseconds since the epoch, now.
fn now_ms() -> i64 {
    i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

/// State B: the sample database with a node added, the build server's
/// scopes grown, and three gateway starts just after `since_ms` (the
/// previous run).
fn drifted_database(state: &Path, since_ms: i64) {
    let path = build_database(state, Journal::Wal);
    let db = Connection::open(&path).unwrap();
    db.execute(
        "UPDATE device_pairing_paired SET scopes_json = '[\"node.exec\"]' \
         WHERE display_name = 'build-server-01'",
        [],
    )
    .unwrap();
    db.execute(
        "INSERT INTO device_pairing_paired (device_id, public_key, display_name, platform, \
         client_id, client_mode, role, roles_json, scopes_json, approved_scopes_json, \
         tokens_json, approved_via, created_at_ms, approved_at_ms) VALUES \
         ('c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00', 'key', \
          'unknown-box', 'linux', 'node-host', 'node', 'node', '[\"node\"]', '[]', '[]', \
          '{}', 'trusted-cidr', ?1, ?1)",
        [now_ms() - 60_000],
    )
    .unwrap();
    for (index, after) in [1_i64, 2, 3].iter().enumerate() {
        db.execute(
            "INSERT INTO gateway_boot_lifecycle (boot_id, pid, started_at_ms, completed_at_ms, \
             outcome, startup_reason, reason) VALUES (?1, ?2, ?3, NULL, 'startup_failed', NULL, \
             'crash')",
            rusqlite::params![
                format!("loop-{index}"),
                50_000 + i64::try_from(index).unwrap(),
                since_ms + after
            ],
        )
        .unwrap();
    }
    drop(db);
}

#[test]
fn drift_between_two_real_state_dirs_is_reported() {
    let hardened: Value = serde_json::from_str(HARDENED).unwrap();
    let state_a = state_with(&hardened);
    build_database(state_a.path(), Journal::Wal);
    let mut loosened = hardened.clone();
    loosened["agents"]["defaults"]["sandbox"]["mode"] = json!("non-main");
    loosened["tools"]["elevated"]["enabled"] = json!(true);
    loosened["tools"]["deny"] = json!([]);
    let state_b = state_with(&loosened);
    let history = tempfile::tempdir().unwrap();
    let digest_a = digest(state_a.path());

    let first = audit_into(state_a.path(), history.path(), &[]);
    let first_ts = i64::try_from(first.report["ts"].as_u64().unwrap()).unwrap();
    drifted_database(state_b.path(), first_ts);
    let digests = (digest_a, digest(state_b.path()));
    assert!(
        !first.pairs().iter().any(|(id, _)| id.starts_with("drift.")),
        "no baseline yet, and A's boots are old: {:?}",
        first.pairs()
    );
    let second = audit_into(state_b.path(), history.path(), &[]);
    for (id, severity) in [
        ("drift.node_new", "warn"),
        ("drift.node_scopes_grew", "critical"),
        ("drift.elevated_enabled", "critical"),
        ("drift.sandbox_lowered", "critical"),
        ("drift.tool_enabled", "critical"),
        ("drift.restart_loop", "critical"),
        ("drift.new_critical_findings", "warn"),
    ] {
        assert!(
            second.has(id, severity),
            "{id}={severity} missing: {:?}",
            second.pairs()
        );
    }
    assert!(
        !second
            .pairs()
            .iter()
            .any(|(id, _)| id == "drift.gateway_weakened")
    );
    assert_eq!((digest(state_a.path()), digest(state_b.path())), digests);
    let recorded = read(entries(history.path()).last().unwrap());
    assert!(
        recorded["driftFindings"].as_u64().unwrap() >= 7,
        "{recorded}"
    );
    let boots = recorded["posture"]["boots"].as_array().unwrap();
    assert!(boots.iter().any(|boot| boot["bootId"] == "loop-2"));

    // The next run compares with state B: the same state is no drift.
    let third = audit_into(state_b.path(), history.path(), &[]);
    let drift: Vec<_> = third
        .pairs()
        .into_iter()
        .filter(|(id, _)| id.starts_with("drift."))
        .collect();
    assert!(drift.is_empty(), "{drift:?}");
}

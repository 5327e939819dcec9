//! `pincer audit --history DIR` and `pincer history`: each run records
//! one whole entry (report and posture, never a secret), retention by
//! count and age, refusal to write into the audited state or into a
//! directory others may write, the baseline (the newest whole entry of the
//! same installation), and drift between two real state dirs (real
//! SQLite), each put in the installation's place in turn, through the real
//! drift plugin.

use crate::state::{Journal, build_database};
use crate::support::{audit, digest, now_ms, pincer, run, text, write_private_config};
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

/// The entry files of a history dir, oldest first (besides them, only
/// the writers' lock file may be there).
fn entries(history: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(history)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| !path.ends_with(".lock"))
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

/// No entry holds any of the `planted-...` secrets of the configs and the
/// sample database.
fn assert_no_planted_secret(history: &Path) {
    for file in entries(history) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("planted-"),
            "a secret reached {}",
            file.display()
        );
    }
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
    assert_no_planted_secret(history.path());
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

/// Puts `dir` where the installation lives (`place`), moving whatever was
/// there to `aside`.
fn install(dir: &Path, place: &Path, aside: &Path) {
    if place.exists() {
        std::fs::rename(place, aside).unwrap();
    }
    std::fs::rename(dir, place).unwrap();
}

#[test]
fn drift_between_two_real_state_dirs_is_reported() {
    let hardened: Value = serde_json::from_str(HARDENED).unwrap();
    let root = tempfile::tempdir().unwrap();
    let (state_a, state_b) = (root.path().join("a"), root.path().join("b"));
    let place = root.path().join("openclaw");
    std::fs::create_dir(&state_a).unwrap();
    std::fs::create_dir(&state_b).unwrap();
    write_private_config(&state_a, &hardened);
    build_database(&state_a, Journal::Wal);
    let mut loosened = hardened.clone();
    loosened["agents"]["defaults"]["sandbox"]["mode"] = json!("non-main");
    loosened["tools"]["elevated"]["enabled"] = json!(true);
    loosened["tools"]["deny"] = json!([]);
    loosened["tools"]["exec"] = json!({"host": "gateway"});
    write_private_config(&state_b, &loosened);
    let history = tempfile::tempdir().unwrap();

    install(&state_a, &place, &root.path().join("unused"));
    let digest_a = digest(&place);
    let first = audit_into(&place, history.path(), &[]);
    assert_eq!(digest(&place), digest_a);
    let first_ts = i64::try_from(first.report["ts"].as_u64().unwrap()).unwrap();
    assert!(
        !first.pairs().iter().any(|(id, _)| id.starts_with("drift.")),
        "no baseline yet, and A's boots are old: {:?}",
        first.pairs()
    );
    drifted_database(&state_b, first_ts);
    install(&state_b, &place, &root.path().join("a-audited"));
    let digest_b = digest(&place);
    let second = audit_into(&place, history.path(), &[]);
    for (id, severity) in [
        ("drift.node_new", "warn"),
        ("drift.node_scopes_grew", "critical"),
        ("drift.elevated_enabled", "critical"),
        ("drift.sandbox_lowered", "critical"),
        // The sample's exec approvals keep host exec to an allowlist.
        ("drift.exec_security_raised", "warn"),
        ("drift.restart_loop", "critical"),
        ("drift.new_critical_findings", "warn"),
    ] {
        assert!(
            second.has(id, severity),
            "{id}={severity} missing: {:?}",
            second.pairs()
        );
    }
    let lowered = second.finding("drift.sandbox_lowered")["detail"]
        .as_str()
        .unwrap();
    assert!(lowered.contains("now admits exec"), "{lowered}");
    let exec = second.finding("drift.exec_security_raised")["detail"]
        .as_str()
        .unwrap();
    assert!(
        exec.contains("on the host instead of the sandbox"),
        "{exec}"
    );
    for absent in ["drift.gateway_weakened", "drift.tool_enabled"] {
        assert!(
            !second.pairs().iter().any(|(id, _)| id == absent),
            "{absent}: {:?}",
            second.pairs()
        );
    }
    assert_eq!(digest(&place), digest_b);
    let recorded = read(entries(history.path()).last().unwrap());
    assert!(
        recorded["driftFindings"].as_u64().unwrap() >= 7,
        "{recorded}"
    );
    let boots = recorded["posture"]["boots"].as_array().unwrap();
    assert!(boots.iter().any(|boot| boot["bootId"] == "loop-2"));
    assert_no_planted_secret(history.path());

    // pincer history names the drift checks of each run.
    let (code, table, stderr) = history_command(history.path(), "table");
    assert_eq!(code, 0, "{stderr}");
    let row = table.lines().nth(2).unwrap();
    assert!(
        row.contains("drift: ") && row.contains("node_new") && row.contains("restart_loop"),
        "{table}"
    );
    let (_, json, _) = history_command(history.path(), "json");
    let runs: Value = serde_json::from_str(&json).unwrap();
    assert!(
        runs["runs"][1]["driftChecks"]
            .as_array()
            .unwrap()
            .contains(&json!("drift.sandbox_lowered")),
        "{json}"
    );
    let (_, html, _) = history_command(history.path(), "html");
    assert!(
        html.contains("class=\"drift\"") && html.contains("sandbox_lowered"),
        "{html}"
    );

    // The next run compares with state B: the same state is no drift.
    let third = audit_into(&place, history.path(), &[]);
    let drift: Vec<_> = third
        .pairs()
        .into_iter()
        .filter(|(id, _)| id.starts_with("drift."))
        .collect();
    assert!(drift.is_empty(), "{drift:?}");
}

#[test]
fn the_baseline_is_the_newest_whole_entry_of_the_same_installation() {
    let hardened: Value = serde_json::from_str(HARDENED).unwrap();
    let mut loosened = hardened.clone();
    loosened["tools"]["elevated"]["enabled"] = json!(true);
    let ours = state_with(&hardened);
    let theirs = state_with(&loosened);
    let history = tempfile::tempdir().unwrap();
    audit_into(ours.path(), history.path(), &[]);
    // Another installation recorded into the same directory since: not a
    // baseline for ours, and ours is not one for it.
    let other = audit_into(theirs.path(), history.path(), &[]);
    assert!(
        !other.has("drift.elevated_enabled", "critical"),
        "{:?}",
        other.pairs()
    );
    // A newer file that is not an entry is passed over, with a note.
    let planted = history.path().join("audit-29991231T235959.999Z.json");
    std::fs::write(&planted, "{ not json").unwrap();
    write_private_config(ours.path(), &loosened);
    let second = audit_into(ours.path(), history.path(), &[]);
    assert!(
        second.has("drift.elevated_enabled", "critical"),
        "{:?}",
        second.pairs()
    );
    let notes = second.report["notes"].to_string();
    assert!(
        notes.contains("audit-29991231T235959.999Z.json") && notes.contains("passed over"),
        "{notes}"
    );
    std::fs::remove_file(&planted).unwrap();
    // An entry whose state could not be read is no baseline either: a
    // locked database would otherwise make every node look new.
    let newest = entries(history.path()).pop().unwrap();
    let mut entry = read(&newest);
    entry["stateComplete"] = json!(false);
    entry["posture"]["settings"] = json!({});
    std::fs::write(&newest, entry.to_string()).unwrap();
    let third = audit_into(ours.path(), history.path(), &[]);
    assert!(
        third.has("drift.elevated_enabled", "critical"),
        "the entry before the incomplete one is the baseline: {:?}",
        third.pairs()
    );
}

#[cfg(unix)]
#[test]
fn a_history_others_may_write_to_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let state = state_with(&serde_json::from_str(HARDENED).unwrap());
    let history = tempfile::tempdir().unwrap();
    std::fs::set_permissions(history.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let output = pincer()
        .args(["audit", "--state-dir", state.path().to_str().unwrap()])
        .args(["--history", history.path().to_str().unwrap()])
        .output()
        .unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not a private history directory") && stderr.contains("777"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(history.path()).unwrap().count(), 0);
}

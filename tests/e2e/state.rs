//! The state database through the real binary: a real SQLite file built
//! from OpenClaw 2026.9.6's schema with planted rows, read while a writer
//! holds it in WAL mode, locked, corrupt, older, missing — never written,
//! never a crash, never a silently empty view.

use crate::support::{audit, digest, pincer, text};
use rusqlite::Connection;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// How the test database keeps its journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Journal {
    /// WAL, as OpenClaw opens it.
    Wal,
    /// The rollback journal (so a writer can lock readers out).
    Rollback,
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        crate::support::root()
            .join("tests/fixtures/state")
            .join(name),
    )
    .unwrap()
}

/// Builds `state/openclaw.sqlite` under `state_dir` from the reference's
/// schema and the planted sample rows, and closes it (a WAL database then
/// has no `-wal`/`-shm` left, as after a clean gateway stop).
pub fn build_database(state_dir: &Path, journal: Journal) -> PathBuf {
    let path = state_dir.join("state/openclaw.sqlite");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let db = Connection::open(&path).unwrap();
    db.execute_batch(&fixture("schema.sql")).unwrap();
    db.execute_batch(&fixture("sample-rows.sql")).unwrap();
    db.pragma_update(None, "user_version", 18).unwrap();
    let mode = match journal {
        Journal::Wal => "wal",
        Journal::Rollback => "delete",
    };
    let _: String = db
        .pragma_update_and_check(None, "journal_mode", mode, |row| row.get(0))
        .unwrap();
    drop(db);
    path
}

fn state_dir_with(journal: Journal) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("openclaw.json"), "{}").unwrap();
    let db = build_database(dir.path(), journal);
    (dir, db)
}

/// `pincer view` of a state dir (its `openclaw.json`), parsed.
fn view(state_dir: &Path) -> (Value, String) {
    let output = pincer()
        .args(["view", "--state-dir", state_dir.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    (serde_json::from_str(&stdout).unwrap(), stdout)
}

fn audit_of(state_dir: &Path) -> crate::support::Audit {
    audit(
        &[
            "--state-dir",
            state_dir.to_str().unwrap(),
            "--fail-on",
            "never",
        ],
        &[],
    )
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn view_shows_devices_approvals_and_history_with_secrets_as_markers() {
    let (dir, _) = state_dir_with(Journal::Wal);
    let before = digest(dir.path());
    let (snapshot, text) = view(dir.path());
    assert_eq!(digest(dir.path()), before, "view changed the state dir");
    assert_eq!(files_in(&dir.path().join("state")), vec!["openclaw.sqlite"]);
    assert!(
        !text.contains("planted-"),
        "a planted secret leaked: {text}"
    );

    let state = &snapshot["state"];
    assert_eq!(state["gateway"]["info"]["source"], "database");
    assert_eq!(state["gateway"]["info"]["schemaVersion"], 18);
    let paired = state["paired"].as_array().unwrap();
    assert_eq!(paired.len(), 2);
    let node = paired
        .iter()
        .find(|d| d["displayName"] == "build-server-01")
        .unwrap();
    assert_eq!(node["approvedVia"], "trusted-cidr");
    assert_eq!(node["remoteIp"], "10.0.4.23");
    assert!(
        node["node"]["commands"]
            .as_array()
            .unwrap()
            .contains(&Value::from("system.run"))
    );
    let token = &node["tokens"][0];
    assert_eq!(token["role"], "node");
    assert_eq!(token["secret"]["set"], true);
    assert_eq!(token["secret"]["length"], "planted-device-token-1".len());
    assert_eq!(state["pending"][0]["platform"], "android");

    let gateway = &state["gateway"];
    assert_eq!(
        gateway["execApprovals"]["defaults"]["security"],
        "allowlist"
    );
    assert_eq!(
        gateway["execApprovals"]["agents"][0]["policy"]["security"],
        "full"
    );
    assert_eq!(gateway["execApprovals"]["socketToken"]["set"], true);
    assert_eq!(gateway["boots"].as_array().unwrap().len(), 6);
    assert_eq!(gateway["boots"][1]["outcome"], "startup_failed");
    assert_eq!(gateway["channelAllow"][0]["channel"], "telegram");
    let failed_ingress = gateway["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["ledger"] == "ingress" && e["status"] == "failed")
        .unwrap();
    assert_eq!(failed_ingress["total"], 1);
}

#[test]
fn a_database_held_open_by_a_wal_writer_is_read_without_touching_it() {
    let (dir, path) = state_dir_with(Journal::Wal);
    // The "gateway": a writer that keeps its connection and leaves its last
    // change in the WAL, not yet checkpointed into the database file.
    let gateway = Connection::open(&path).unwrap();
    gateway
        .pragma_update(None, "wal_autocheckpoint", 0)
        .unwrap();
    gateway
        .execute(
            "INSERT INTO gateway_boot_lifecycle (boot_id, pid, started_at_ms) \
             VALUES ('boot-in-the-wal', 777, 1789380000000)",
            [],
        )
        .unwrap();
    let names_before = files_in(path.parent().unwrap());
    assert!(names_before.contains(&"openclaw.sqlite-wal".to_owned()));
    let read = |name: &str| std::fs::read(path.with_file_name(name)).unwrap();
    let (db_before, wal_before) = (read("openclaw.sqlite"), read("openclaw.sqlite-wal"));

    let (snapshot, _) = view(dir.path());
    let boots = snapshot["state"]["gateway"]["boots"].as_array().unwrap();
    assert!(
        boots.iter().any(|b| b["bootId"] == "boot-in-the-wal"),
        "the reader must see the writer's committed change in the WAL"
    );
    assert!(
        snapshot["state"]["gateway"]["info"]["notes"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(files_in(path.parent().unwrap()), names_before);
    assert_eq!(read("openclaw.sqlite"), db_before);
    assert_eq!(read("openclaw.sqlite-wal"), wal_before);
    drop(gateway);
}

#[test]
fn a_locked_database_makes_the_audit_incomplete_with_a_clear_note() {
    let (dir, path) = state_dir_with(Journal::Rollback);
    let writer = Connection::open(&path).unwrap();
    writer
        .execute_batch("BEGIN EXCLUSIVE; DELETE FROM device_pairing_pending;")
        .unwrap();
    let report = audit_of(dir.path());
    writer.execute_batch("ROLLBACK").unwrap();
    assert_eq!(report.code, 3, "{}", report.stderr);
    assert_eq!(report.report["complete"], false);
    let notes = report.report["notes"].to_string();
    assert!(
        notes.contains("locked") && notes.contains("openclaw.sqlite"),
        "{notes}"
    );
    assert_eq!(
        report.plugin("control-plane")["status"],
        "ok",
        "config checks still run"
    );
}

#[test]
fn a_corrupt_database_makes_the_audit_incomplete_with_a_clear_note() {
    let (dir, path) = state_dir_with(Journal::Rollback);
    // Keep the header, trample the pages behind it.
    let mut bytes = std::fs::read(&path).unwrap();
    for byte in bytes.iter_mut().skip(100) {
        *byte = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let report = audit_of(dir.path());
    assert_eq!(report.code, 3, "{}", report.stderr);
    let notes = report.report["notes"].to_string();
    assert!(
        notes.contains("corrupt") || notes.contains("malformed"),
        "{notes}"
    );

    std::fs::write(&path, b"not a database at all").unwrap();
    let report = audit_of(dir.path());
    assert_eq!(report.code, 3, "{}", report.stderr);
    let notes = report.report["notes"].to_string();
    assert!(notes.contains("is not a SQLite database"), "{notes}");
}

#[test]
fn an_older_schema_is_read_as_far_as_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("openclaw.json"), "{}").unwrap();
    let path = dir.path().join("state/openclaw.sqlite");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let db = Connection::open(&path).unwrap();
    db.execute_batch(
        "PRAGMA user_version = 12;
         CREATE TABLE gateway_boot_lifecycle (boot_id TEXT PRIMARY KEY, pid INTEGER NOT NULL,
           started_at_ms INTEGER NOT NULL, completed_at_ms INTEGER, outcome TEXT,
           startup_reason TEXT, reason TEXT);
         INSERT INTO gateway_boot_lifecycle VALUES ('old-boot', 1, 5, NULL, NULL, NULL, NULL);",
    )
    .unwrap();
    drop(db);
    let report = audit_of(dir.path());
    assert_eq!(
        report.code, 0,
        "an older schema is not an error: {}",
        report.stderr
    );
    let notes = report.report["notes"].to_string();
    assert!(notes.contains("schema version 12"), "{notes}");
    assert!(notes.contains("no such table"), "{notes}");
    let (snapshot, _) = view(dir.path());
    assert_eq!(
        snapshot["state"]["gateway"]["boots"][0]["bootId"],
        "old-boot"
    );
}

#[test]
fn a_state_dir_without_a_database_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("openclaw.json"), "{}").unwrap();
    let report = audit_of(dir.path());
    assert_eq!(report.code, 0, "{}", report.stderr);
    assert_eq!(report.report["complete"], true);
    let notes = report.report["notes"].to_string();
    assert!(notes.contains("no state database"), "{notes}");
    assert!(
        files_in(dir.path()) == vec!["openclaw.json"],
        "nothing created"
    );
}

//! Installations from before the state database: the same facts from the
//! JSON files of that era, through the real binary, tokens as markers, the
//! files untouched; a broken file is an error note, never an empty view.

use crate::support::{audit, digest, pincer, text};
use serde_json::Value;
use std::path::Path;

const PLANTED: &[&str] = &[
    "planted-legacy-device-token-1",
    "planted-legacy-node-token-2",
    "planted-legacy-orphan-token-3",
    "planted-legacy-socket-token-4",
];

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn legacy_home() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "openclaw.json", "{}");
    write(
        root,
        "devices/paired.json",
        r#"{"dev-abc": {"deviceId": "dev-abc", "publicKey": "pk", "displayName": "Alice MacBook",
            "platform": "darwin", "clientMode": "node", "role": "node", "roles": ["node", "operator"],
            "scopes": ["operator.read", "operator.admin"], "approvedScopes": ["operator.read"],
            "approvedVia": "owner", "remoteIp": "192.168.1.20",
            "tokens": {"operator": {"token": "planted-legacy-device-token-1", "role": "operator",
                                    "scopes": ["operator.read"], "createdAtMs": 1767000000000}},
            "createdAtMs": 1767000000000, "approvedAtMs": 1767000001000, "lastSeenAtMs": 1767000009000}}"#,
    );
    write(
        root,
        "nodes/paired.json",
        r#"{"dev-abc": {"nodeId": "dev-abc", "token": "planted-legacy-node-token-2",
              "commands": ["system.run", "canvas.present"], "caps": ["system"], "createdAtMs": 1767000000000,
              "approvedAtMs": 1767000001000},
            "node-orphan": {"nodeId": "node-orphan", "token": "planted-legacy-orphan-token-3",
              "displayName": "Pi", "platform": "linux", "commands": ["system.run"], "remoteIp": "10.0.0.9",
              "createdAtMs": 1766000000000, "approvedAtMs": 1766000001000}}"#,
    );
    write(
        root,
        "devices/pending.json",
        r#"{"req-1": {"requestId": "req-1", "deviceId": "dev-zzz", "publicKey": "pk2",
              "platform": "ios", "scopes": ["operator.admin"], "ts": 1767000002000}}"#,
    );
    write(
        root,
        "nodes/pending.json",
        r#"{"req-9": {"requestId": "req-9", "nodeId": "node-7", "platform": "linux", "ts": 1767000003000}}"#,
    );
    write(
        root,
        "exec-approvals.json",
        r#"{"version": 1, "socket": {"path": "/s.sock", "token": "planted-legacy-socket-token-4"},
            "defaults": {"security": "allowlist", "ask": "on-miss"},
            "agents": {"main": {"security": "full", "allowlist": ["/usr/bin/ls", {"pattern": "/usr/bin/git"}]}}}"#,
    );
    write(
        root,
        "credentials/telegram-allowFrom.json",
        r#"{"version": 1, "allowFrom": ["123456789", "*", 42]}"#,
    );
    write(
        root,
        "restart-sentinel.json",
        r#"{"version": 1, "payload": {"kind": "restart", "status": "ok", "ts": 1767000000000}}"#,
    );
    dir
}

fn view(state_dir: &Path) -> (Value, String) {
    let output = pincer()
        .args(["view", "--state-dir", state_dir.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    (serde_json::from_str(&stdout).unwrap(), stdout)
}

#[test]
fn legacy_files_give_the_same_facts_as_the_database() {
    let home = legacy_home();
    let before = digest(home.path());
    let (snapshot, text) = view(home.path());
    assert_eq!(digest(home.path()), before, "view changed the legacy files");
    for secret in PLANTED {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    let state = &snapshot["state"];
    assert_eq!(state["gateway"]["info"]["source"], "legacy-files");
    let paired = state["paired"].as_array().unwrap();
    assert_eq!(
        paired.len(),
        2,
        "a device, and a node without a device record"
    );
    let alice = paired.iter().find(|d| d["deviceId"] == "dev-abc").unwrap();
    assert_eq!(
        alice["approvedScopes"],
        serde_json::json!(["operator.read"])
    );
    assert_eq!(
        alice["node"]["commands"][0], "system.run",
        "node surface folded in"
    );
    let roles: Vec<&str> = alice["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, vec!["operator", "node"]);
    let orphan = paired
        .iter()
        .find(|d| d["deviceId"] == "node-orphan")
        .unwrap();
    assert_eq!(orphan["remoteIp"], "10.0.0.9");
    assert_eq!(orphan["tokens"][0]["secret"]["set"], true);
    assert_eq!(state["pending"].as_array().unwrap().len(), 2);
    let approvals = &state["gateway"]["execApprovals"];
    assert_eq!(
        approvals["agents"][0]["allowlist"][0]["pattern"],
        "/usr/bin/ls"
    );
    assert_eq!(approvals["socketToken"]["set"], true);
    let allow: Vec<&str> = state["gateway"]["channelAllow"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entry"].as_str().unwrap())
        .collect();
    assert_eq!(allow, vec!["123456789", "42"], "`*` is dropped");
    assert_eq!(state["gateway"]["restarts"][0]["kind"], "restart");
}

#[test]
fn a_broken_legacy_file_is_an_error_note_naming_its_line() {
    let home = legacy_home();
    write(
        home.path(),
        "devices/paired.json",
        "{\n  \"dev-abc\": {,\n}\n",
    );
    let report = audit(
        &[
            "--state-dir",
            home.path().to_str().unwrap(),
            "--fail-on",
            "never",
        ],
        &[],
    );
    assert_eq!(report.code, 3, "{}", report.stderr);
    let notes = report.report["notes"].to_string();
    assert!(notes.contains("devices/paired.json:2:"), "{notes}");
}

#[test]
fn an_older_database_without_pairing_tables_falls_back_to_the_files() {
    let home = legacy_home();
    let db = home.path().join("state/openclaw.sqlite");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 3; CREATE TABLE schema_meta (k TEXT);")
        .unwrap();
    let (snapshot, _) = view(home.path());
    let state = &snapshot["state"];
    assert_eq!(state["gateway"]["info"]["source"], "database");
    assert_eq!(state["paired"].as_array().unwrap().len(), 2);
    assert_eq!(
        state["gateway"]["execApprovals"]["defaults"]["security"],
        "allowlist"
    );
}

//! The gateway credential's age and exposures through the real host and
//! the real drift and control-plane plugins: dated by OpenClaw's config
//! journal (rows of `diagnostic_events` in a real database) and by
//! Pincer's own history (a keyed fingerprint, OpenClaw's key file in the
//! state dir), reported once (`drift.token_unrotated` when a history dates
//! the token, `gateway.token_age` from the file times otherwise), and a
//! token that an earlier audit found exposed reported until it is rotated.

use crate::state::{Journal, build_database};
use crate::support::{audit, digest, now_ms, write_private_config};
use rusqlite::Connection;
use serde_json::{Value, json};
use sha2::Digest;
use std::path::Path;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
const TOKEN: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978";
const ROTATED: &str = "aa1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978";

fn config(token: &str) -> Value {
    json!({
        "gateway": {"bind": "loopback", "auth": {"mode": "token", "token": token}},
        "agents": {"defaults": {"sandbox": {"mode": "all"}}},
        "tools": {"elevated": {"enabled": false}}
    })
}

/// SHA-256 (hex) of the state dir's config file, as the journal keeps it.
fn file_digest(state: &Path) -> String {
    let text = std::fs::read_to_string(state.join("openclaw.json")).unwrap();
    format!("{:x}", sha2::Sha256::digest(text.as_bytes()))
}

/// Appends a config journal record, as OpenClaw's config I/O writes it.
fn journal(state: &Path, sequence: i64, days_ago: i64, record: Value) {
    let db = Connection::open(state.join("state/openclaw.sqlite")).unwrap();
    let at = now_ms() - days_ago * DAY_MS;
    let mut record = record;
    record["ts"] = json!(
        humantime::format_rfc3339_millis(
            std::time::UNIX_EPOCH + std::time::Duration::from_millis(u64::try_from(at).unwrap())
        )
        .to_string()
    );
    record["configPath"] = json!(state.join("openclaw.json").display().to_string());
    record["source"] = json!("config-io");
    db.execute(
        "INSERT INTO diagnostic_events (scope, event_key, payload_json, created_at, sequence) \
         VALUES ('config-audit', ?1, ?2, ?3, ?4)",
        rusqlite::params![format!("k{sequence}"), record.to_string(), at, sequence],
    )
    .unwrap();
}

fn write(previous: &str, next: &str, changed: &[&str]) -> Value {
    json!({
        "event": "config.write", "result": "rename",
        "previousHash": previous, "nextHash": next,
        "changedPaths": changed, "changedPathCount": changed.len()
    })
}

/// A state dir with `config(TOKEN)`, the sample database, and a journal
/// whose token write was `token_days_ago`, a later write of another path
/// 10 days ago leading to the current file.
fn journalled(token_days_ago: i64) -> tempfile::TempDir {
    let state = tempfile::tempdir().unwrap();
    write_private_config(state.path(), &config(TOKEN));
    build_database(state.path(), Journal::Rollback);
    let current = file_digest(state.path());
    journal(
        state.path(),
        1,
        token_days_ago + 5,
        json!({"event": "config.observe", "hash": "h0"}),
    );
    journal(
        state.path(),
        2,
        token_days_ago,
        write("h0", "h1", &["gateway.auth.token"]),
    );
    journal(
        state.path(),
        3,
        10,
        write("h1", &current, &["tools.profile"]),
    );
    journal(
        state.path(),
        4,
        1,
        json!({"event": "config.observe", "hash": current}),
    );
    state
}

fn run(state: &Path, extra: &[&str]) -> crate::support::Audit {
    let mut args = vec!["--state-dir", state.to_str().unwrap(), "--fail-on", "never"];
    args.extend_from_slice(extra);
    audit(&args, &[])
}

fn ids(result: &crate::support::Audit) -> Vec<String> {
    result.pairs().into_iter().map(|(id, _)| id).collect()
}

/// `drift.token_unrotated` is reported, its detail holding each of `words`.
fn assert_unrotated(result: &crate::support::Audit, words: &[&str]) {
    assert!(
        result.has("drift.token_unrotated", "warn"),
        "{:?}",
        result.pairs()
    );
    let detail = result.detail("drift.token_unrotated");
    assert!(words.iter().all(|word| detail.contains(word)), "{detail}");
}

#[test]
fn the_config_journal_dates_a_token_written_in_the_config() {
    let old = journalled(200);
    let before = digest(old.path());
    let result = run(old.path(), &[]);
    assert_unrotated(&result, &["at least 200 days", "config journal"]);
    assert!(
        !ids(&result).contains(&"gateway.token_age".to_owned()),
        "reported once"
    );
    assert_eq!(digest(old.path()), before, "the audit wrote to the state");

    let young = journalled(30);
    assert!(!ids(&run(young.path(), &[])).contains(&"drift.token_unrotated".to_owned()));
    let strict = tempfile::tempdir().unwrap();
    std::fs::write(
        strict.path().join("pincer.toml"),
        "[params.drift]\ntokenMaxAgeDays = 20\n",
    )
    .unwrap();
    let settings = strict.path().join("pincer.toml");
    let result = run(young.path(), &["--settings", settings.to_str().unwrap()]);
    assert_unrotated(&result, &["at least 30 days", "policy: 20 days"]);
}

#[test]
fn the_main_file_s_journal_says_nothing_of_a_token_in_an_include() {
    let state = journalled(200);
    let mut main = config(TOKEN);
    main["gateway"]["auth"] = json!({"$include": "./auth.json5"});
    write_private_config(state.path(), &main);
    std::fs::write(
        state.path().join("auth.json5"),
        format!("{{ mode: \"token\", token: \"{TOKEN}\" }}"),
    )
    .unwrap();
    chmod(&state.path().join("auth.json5"), 0o600);
    // The journal vouches for the main file as it is now, and still
    // says nothing of the included token.
    let current = file_digest(state.path());
    journal(
        state.path(),
        5,
        150,
        write("h9", &current, &["tools.profile"]),
    );
    let result = run(state.path(), &[]);
    assert!(
        !ids(&result).contains(&"drift.token_unrotated".to_owned()),
        "{:?}",
        result.pairs()
    );
}

#[test]
fn a_change_the_journal_does_not_account_for_proves_nothing() {
    // Edited by hand since: the journal's last write produced another file.
    let state = journalled(200);
    let mut edited = config(TOKEN);
    edited["tools"]["profile"] = json!("minimal");
    write_private_config(state.path(), &edited);
    let result = run(state.path(), &[]);
    assert!(
        !ids(&result).contains(&"drift.token_unrotated".to_owned()),
        "{:?}",
        result.pairs()
    );
    // The file times judge instead: the file is old, so gateway.token_age.
    let file = std::fs::File::options()
        .write(true)
        .open(state.path().join("openclaw.json"))
        .unwrap();
    file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_hours(4800))
        .unwrap();
    drop(file);
    let result = run(state.path(), &[]);
    assert!(
        result.has("gateway.token_age", "warn"),
        "{:?}",
        result.pairs()
    );
    assert!(!ids(&result).contains(&"drift.token_unrotated".to_owned()));
}

fn chmod(path: &Path, mode: u32) {
    #[cfg(not(unix))]
    let _ = (path, mode);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

/// The newest entry of a history, by the time it records.
fn newest_entry(history: &Path) -> (std::path::PathBuf, Value) {
    std::fs::read_dir(history)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let entry: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            (path, entry)
        })
        .max_by_key(|(_, entry)| entry["recordedAtMs"].as_u64().unwrap())
        .unwrap()
}

#[cfg(unix)]
#[test]
fn an_exposed_token_is_reported_until_it_is_rotated() {
    let state = tempfile::tempdir().unwrap();
    write_private_config(state.path(), &config(TOKEN));
    std::fs::write(
        state.path().join("config-journal-fingerprint.key"),
        [3u8; 32],
    )
    .unwrap();
    let history = tempfile::tempdir().unwrap();
    let history_arg = ["--history", history.path().to_str().unwrap()];

    // Run 1: the config is world-readable: an exposure, recorded.
    chmod(&state.path().join("openclaw.json"), 0o644);
    let first = run(state.path(), &history_arg);
    assert!(
        first.has("fs.config.perms_world_readable", "critical"),
        "{:?}",
        first.pairs()
    );
    assert!(!ids(&first).contains(&"drift.token_exposed_not_rotated".to_owned()));
    let (_, entry) = newest_entry(history.path());
    let credential = &entry["posture"]["credential"];
    assert_eq!(
        credential["exposedBy"],
        json!(["fs.config.perms_world_readable"])
    );
    let fingerprint = credential["fingerprint"].as_str().unwrap().to_owned();
    assert_eq!(fingerprint.len(), 16);

    // Run 2: fixed, but the same token: rotate it.
    chmod(&state.path().join("openclaw.json"), 0o600);
    let second = run(state.path(), &history_arg);
    assert!(
        second.has("drift.token_exposed_not_rotated", "critical"),
        "{:?}",
        second.pairs()
    );
    let detail = second.detail("drift.token_exposed_not_rotated");
    assert!(
        detail.contains("fs.config.perms_world_readable"),
        "{detail}"
    );

    // Run 3: rotated.
    write_private_config(state.path(), &config(ROTATED));
    let third = run(state.path(), &history_arg);
    assert!(
        !ids(&third).contains(&"drift.token_exposed_not_rotated".to_owned()),
        "{:?}",
        third.pairs()
    );
    let (_, entry) = newest_entry(history.path());
    assert_ne!(
        entry["posture"]["credential"]["fingerprint"],
        json!(fingerprint)
    );
    assert_eq!(entry["posture"]["credential"]["exposedBy"], Value::Null);
}

#[cfg(unix)]
#[test]
fn without_openclaw_s_key_the_history_cannot_follow_the_token() {
    let state = tempfile::tempdir().unwrap();
    write_private_config(state.path(), &config(TOKEN));
    let history = tempfile::tempdir().unwrap();
    let history_arg = ["--history", history.path().to_str().unwrap()];
    chmod(&state.path().join("openclaw.json"), 0o644);
    run(state.path(), &history_arg);
    chmod(&state.path().join("openclaw.json"), 0o600);
    let second = run(state.path(), &history_arg);
    assert!(!ids(&second).contains(&"drift.token_exposed_not_rotated".to_owned()));
    let (_, entry) = newest_entry(history.path());
    assert_eq!(entry["posture"]["credential"]["fingerprint"], Value::Null);
}

#[test]
fn the_history_dates_a_token_from_the_environment() {
    let state = tempfile::tempdir().unwrap();
    let mut from_env = config(TOKEN);
    from_env["gateway"]["auth"]["token"] = json!("${PINCER_TEST_GATEWAY_TOKEN}");
    write_private_config(state.path(), &from_env);
    std::fs::write(
        state.path().join("config-journal-fingerprint.key"),
        [4u8; 32],
    )
    .unwrap();
    let history = tempfile::tempdir().unwrap();
    let args = [
        "--state-dir",
        state.path().to_str().unwrap(),
        "--fail-on",
        "never",
        "--history",
        history.path().to_str().unwrap(),
    ];
    // In the gateway service's own environment: there the variable is
    // the gateway's (outside it, Pincer does not follow such a token).
    let env = [
        ("PINCER_TEST_GATEWAY_TOKEN", TOKEN),
        ("OPENCLAW_SERVICE_KIND", "gateway"),
    ];
    audit(&args, &env);
    // A history that has seen this token for 200 days.
    let (path, mut entry) = newest_entry(history.path());
    let long_ago = now_ms() - 200 * DAY_MS;
    entry["posture"]["credential"]["inPlaceSinceMs"] = json!(long_ago);
    std::fs::write(&path, entry.to_string()).unwrap();
    let result = audit(&args, &env);
    assert_unrotated(&result, &["recorded audits", "200 days"]);
    // Another token in the environment is another credential.
    let rotated = audit(
        &args,
        &[
            ("PINCER_TEST_GATEWAY_TOKEN", ROTATED),
            ("OPENCLAW_SERVICE_KIND", "gateway"),
        ],
    );
    assert!(
        !ids(&rotated).contains(&"drift.token_unrotated".to_owned()),
        "{:?}",
        rotated.pairs()
    );
}

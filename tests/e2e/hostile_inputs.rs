//! Hostile input files through the real binary: nesting thousands deep,
//! FIFOs and devices (as config, include, pack file, test case or history
//! entry), symlinks out of their root, `${VAR}` references that
//! multiply the config, numbers JSON cannot hold, bytes that are not UTF-8,
//! state databases that are not OpenClaw's, a WAL without its index and
//! record counts in the hundreds of thousands. Each is a clear error (exit
//! 2, file and line) or a note that makes the audit incomplete; never a
//! crash, a hang or a report that looks clean.

use crate::state::{Journal, build_database};
use crate::support::{Audit, PATIENCE, audit, pincer, refused, refused_config, text};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `command` to its end. A hang fails the test (after the suite's
/// generous [`PATIENCE`], a guard only: a passing run ends on its own).
fn finishes(mut command: Command) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > PATIENCE {
            child.kill().unwrap();
            let output = child.wait_with_output().unwrap();
            panic!(
                "pincer hung on a hostile input; stderr: {}",
                text(&output).1
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo failed");
}

fn audit_command(args: &[&str]) -> Command {
    let mut command = pincer();
    command.args(["audit", "--format", "json", "--fail-on", "never"]);
    command.args(args);
    command
}

/// The audit of the installation in `home` (as its state dir), whatever
/// its findings.
fn audit_state_dir(home: &Path) -> Audit {
    audit(
        &["--state-dir", home.to_str().unwrap(), "--fail-on", "never"],
        &[],
    )
}

/// Audits `home` and asserts the audit is incomplete (exit 3,
/// `complete: false`) with a note holding `needle`.
fn assert_incomplete_with_note(home: &Path, needle: &str) {
    let report = audit_state_dir(home);
    assert_eq!(report.code, 3, "{}", report.stderr);
    assert_eq!(report.report["complete"], false);
    let notes = report.report["notes"].to_string();
    assert!(notes.contains(needle), "{notes}");
}

#[test]
fn nesting_thousands_deep_is_refused_with_its_line_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    for depth in [200, 7_000, 100_000] {
        let text = format!(
            "{{\n  \"gateway\": {{}},\n  \"deep\": {}1{}\n}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        std::fs::write(&config, text).unwrap();
        let stderr = refused_config(&config);
        assert!(stderr.contains("openclaw.json:3:"), "{stderr}");
        assert!(stderr.contains("nested deeper than 64"), "{stderr}");
    }
    // Through an include, the depth counts from where it is included.
    std::fs::write(
        &config,
        "{\n  \"a\": { \"b\": { \"$include\": \"./deep.json5\" } }\n}",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("deep.json5"),
        format!("\n{}1{}", "{x:".repeat(10_000), "}".repeat(10_000)),
    )
    .unwrap();
    let stderr = refused_config(&config);
    assert!(stderr.contains("deep.json5:2:"), "{stderr}");
    assert!(stderr.contains("nested deeper"), "{stderr}");
}

#[test]
fn a_fifo_or_device_as_config_or_include_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("openclaw.json");
    mkfifo(&fifo);
    let output = finishes(audit_command(&["--config", fifo.to_str().unwrap()]));
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("FIFO"), "{stderr}");

    let output = finishes(audit_command(&["--config", "/dev/zero"]));
    assert_eq!(output.status.code(), Some(2), "{}", text(&output).1);
    assert!(text(&output).1.contains("character device"));

    let config = dir.path().join("main.json");
    std::fs::write(&config, r#"{"gateway": {"$include": "./gw.json5"}}"#).unwrap();
    mkfifo(&dir.path().join("gw.json5"));
    let output = finishes(audit_command(&["--config", config.to_str().unwrap()]));
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("gw.json5") && stderr.contains("FIFO"),
        "{stderr}"
    );
}

#[test]
fn a_file_secret_at_dev_zero_or_a_fifo_is_a_note_not_a_flood() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("token.fifo");
    mkfifo(&fifo);
    let config = dir.path().join("openclaw.json");
    std::fs::write(
        &config,
        serde_json::json!({
            "gateway": {"auth": {"mode": "token",
                "token": {"source": "file", "provider": "files", "id": "/dev/zero"}}},
            "channels": {"telegram": {"botToken":
                {"source": "file", "provider": "files", "id": fifo.to_str().unwrap()}}},
        })
        .to_string(),
    )
    .unwrap();
    let output = finishes(audit_command(&["--config", config.to_str().unwrap()]));
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["complete"], false);
    let notes = report["notes"].to_string();
    assert!(
        notes.contains("/dev/zero") && notes.contains("character device"),
        "{notes}"
    );
    assert!(notes.contains("FIFO"), "{notes}");
}

#[test]
fn env_references_that_multiply_the_config_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    // 200 references to a 100 KB variable: 20 MB if expanded.
    let args: Vec<String> = (0..200).map(|_| "${PINCER_TEST_BIG}".to_owned()).collect();
    std::fs::write(
        &config,
        serde_json::json!({"mcp": {"servers": {"a": {"command": "x", "args": args}}}}).to_string(),
    )
    .unwrap();
    let mut command = pincer();
    command
        .args(["view", "--config", config.to_str().unwrap()])
        .env("PINCER_TEST_BIG", "b".repeat(100_000));
    let output = finishes(command);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("substitution adds more than"), "{stderr}");
    assert!(!stderr.contains("bbbb"), "{stderr}");
}

#[test]
fn numbers_json_cannot_hold_are_validity_errors_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    for number in ["1e999", "NaN", "Infinity", "-Infinity"] {
        std::fs::write(
            &config,
            format!("{{\n  gateway: {{\n    port: {number},\n  }},\n}}"),
        )
        .unwrap();
        let stderr = refused_config(&config);
        assert!(stderr.contains("openclaw.json:3:"), "{number}: {stderr}");
        assert!(stderr.contains("`gateway.port`"), "{number}: {stderr}");
    }
}

#[test]
fn bytes_that_are_not_utf8_are_an_error_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    std::fs::write(&config, b"{\n  gateway: {\n    mode: 'lo\xffcal',\n  },\n}").unwrap();
    let stderr = refused_config(&config);
    assert!(stderr.contains("openclaw.json:3:14"), "{stderr}");
    assert!(stderr.contains("not UTF-8"), "{stderr}");
}

#[test]
fn a_config_named_without_a_directory_reads_its_includes_from_its_own_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("openclaw.json"),
        r#"{"$include": "./gateway.json5"}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("gateway.json5"),
        r#"{gateway: {bind: "lan", auth: {mode: "none"}}}"#,
    )
    .unwrap();
    let run = |config: &str| {
        let output = audit_command(&["--config", config])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let (stdout, stderr) = text(&output);
        let report: serde_json::Value =
            serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("no report: {stderr}"));
        report
    };
    let bare = run("openclaw.json");
    let absolute = run(dir.path().join("openclaw.json").to_str().unwrap());
    let ids = |report: &serde_json::Value| {
        let mut ids: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["checkId"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    assert!(!ids(&bare).is_empty());
    assert_eq!(ids(&bare), ids(&absolute));
    assert!(!bare.to_string().contains("escapes"), "{bare}");
}

#[test]
fn credentials_linked_out_of_the_state_dir_are_not_listed_or_read() {
    let outside = tempfile::tempdir().unwrap();
    for name in ["shadow", "passwd", "hosts", "telegram-allowFrom.json"] {
        std::fs::write(outside.path().join(name), r#"["12345"]"#).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("openclaw.json"), "{}").unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("credentials")).unwrap();
    let report = audit_state_dir(dir.path());
    let findings = report.report["findings"].to_string();
    let outside_name = outside.path().file_name().unwrap().to_str().unwrap();
    assert!(
        !findings.contains(outside_name) && !findings.contains("shadow"),
        "files outside the state dir were listed: {findings}"
    );
}

#[test]
fn a_symlink_to_a_device_inside_the_state_dir_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("openclaw.json"), "{}").unwrap();
    std::fs::create_dir_all(dir.path().join("devices")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("devices/paired.json")).unwrap();
    mkfifo(&dir.path().join("exec-approvals.json"));
    let output = finishes(audit_command(&[
        "--state-dir",
        dir.path().to_str().unwrap(),
    ]));
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["complete"], false);
}

#[test]
fn a_state_dir_that_cannot_be_listed_makes_the_audit_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("openclaw.json"), "{}").unwrap();
    // `state/` is a file: the database under it cannot be reached.
    std::fs::write(dir.path().join("state"), "not a directory").unwrap();
    assert_incomplete_with_note(dir.path(), "cannot be read");
}

#[test]
fn a_database_with_none_of_openclaws_tables_makes_the_audit_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("openclaw.json"), "{}").unwrap();
    std::fs::create_dir_all(dir.path().join("state")).unwrap();
    let db = rusqlite::Connection::open(dir.path().join("state/openclaw.sqlite")).unwrap();
    db.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);")
        .unwrap();
    drop(db);
    assert_incomplete_with_note(dir.path(), "none of OpenClaw's tables");
}

#[test]
fn a_wal_without_its_index_makes_the_audit_incomplete() {
    let source = tempfile::tempdir().unwrap();
    let db_path = build_database(source.path(), Journal::Wal);
    let writer = rusqlite::Connection::open(&db_path).unwrap();
    writer.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    writer
        .execute_batch(
            "INSERT INTO gateway_boot_lifecycle (boot_id, pid, started_at_ms, outcome) \
             VALUES ('wal-only-boot', 1, 1789400000000, 'crashed');",
        )
        .unwrap();
    let wal = db_path.with_file_name("openclaw.sqlite-wal");
    assert!(wal.metadata().unwrap().len() > 0);
    // A copy of the database and its WAL, without the -shm.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("openclaw.json"), "{}").unwrap();
    std::fs::create_dir_all(dir.path().join("state")).unwrap();
    std::fs::copy(&db_path, dir.path().join("state/openclaw.sqlite")).unwrap();
    std::fs::copy(&wal, dir.path().join("state/openclaw.sqlite-wal")).unwrap();
    drop(writer);
    assert_incomplete_with_note(dir.path(), "-shm");
    assert!(!dir.path().join("state/openclaw.sqlite-shm").exists());
}

#[test]
fn two_hundred_thousand_boot_records_are_cut_before_the_plugins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("openclaw.json"), "{}").unwrap();
    let db_path = build_database(dir.path(), Journal::Rollback);
    let mut db = rusqlite::Connection::open(&db_path).unwrap();
    let tx = db.transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO gateway_boot_lifecycle (boot_id, pid, started_at_ms, \
                 completed_at_ms, outcome, reason) VALUES (?1, ?2, ?3, ?3, 'clean_stop', \
                 'stop (SIGTERM)')",
            )
            .unwrap();
        for i in 0..200_000_i64 {
            insert
                .execute(rusqlite::params![
                    format!("bulk-{i}"),
                    i,
                    1_700_000_000_000 + i
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    drop(db);
    let report = audit_state_dir(dir.path());
    let failed: Vec<&serde_json::Value> = report.report["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|plugin| plugin["status"] != "ok")
        .collect();
    assert!(failed.is_empty(), "plugins failed: {failed:?}");
    assert!(
        report.report["notes"]
            .to_string()
            .contains("boot history cut to the newest 1000"),
        "{}",
        report.report["notes"]
    );
}

#[test]
fn a_config_and_its_includes_larger_than_their_limit_together_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Each include is under the 2 MiB a file may hold; five of them are
    // past the 8 MiB the config and its includes may hold together.
    let padding = " ".repeat((2 << 20) - 100);
    std::fs::write(dir.path().join("big.json5"), format!("{{{padding}}}")).unwrap();
    let config = dir.path().join("openclaw.json");
    std::fs::write(
        &config,
        r#"{"$include": ["./big.json5", "./big.json5", "./big.json5", "./big.json5", "./big.json5"]}"#,
    )
    .unwrap();
    let stderr = refused(&["--config", config.to_str().unwrap()]);
    assert!(stderr.contains("more than 8.0 MiB of text"), "{stderr}");
    let fifo = dir.path().join("baseline.json");
    mkfifo(&fifo);
    let empty = dir.path().join("ok.json");
    std::fs::write(&empty, "{}").unwrap();
    let output = finishes(audit_command(&[
        "--config",
        empty.to_str().unwrap(),
        "--baseline",
        fifo.to_str().unwrap(),
    ]));
    assert_eq!(output.status.code(), Some(2), "{}", text(&output).1);
    assert!(text(&output).1.contains("FIFO"), "{}", text(&output).1);
}

#[test]
fn an_extension_manifest_that_cannot_be_read_makes_the_audit_incomplete() {
    let oversized = |path: &Path| {
        let padding = " ".repeat(2 << 20);
        std::fs::write(path, format!("{{\"id\": \"big\",{padding}}}")).unwrap();
    };
    let fifo = |path: &Path| mkfifo(path);
    let writers: [&dyn Fn(&Path); 2] = [&oversized, &fifo];
    for (name, write) in ["oversized", "fifo"].into_iter().zip(writers) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("openclaw.json"), "{}").unwrap();
        let plugin = dir.path().join("extensions").join(name);
        std::fs::create_dir_all(&plugin).unwrap();
        write(&plugin.join("openclaw.plugin.json"));
        assert_incomplete_with_note(dir.path(), "openclaw.plugin.json: cannot be read");
    }
}

#[test]
fn a_fifo_as_pack_file_test_case_or_history_entry_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    // A pack whose pack.toml is a FIFO.
    let pack = dir.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    mkfifo(&pack.join("pack.toml"));
    let mut verify = pincer();
    verify.args(["pack", "verify"]).arg(&pack);
    let output = finishes(verify);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("pack.toml") && stderr.contains("FIFO"),
        "{stderr}"
    );

    // A test case whose case.json is a FIFO.
    let cases = dir.path().join("cases");
    let case = cases.join("one");
    std::fs::create_dir_all(&case).unwrap();
    std::fs::write(case.join("config.json"), "{}").unwrap();
    mkfifo(&case.join("case.json"));
    let mut test = pincer();
    test.arg("test")
        .arg(crate::support::test_plugin("extra-check"))
        .arg(&cases);
    let output = finishes(test);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("case.json") && stderr.contains("FIFO"),
        "{stderr}"
    );

    // A history whose newest entry is a FIFO.
    let history = dir.path().join("history");
    std::fs::create_dir(&history).unwrap();
    mkfifo(&history.join("audit-20260914T100000.000Z.json"));
    let mut list = pincer();
    list.args(["history", "--dir"]).arg(&history);
    let output = finishes(list);
    let (_, stderr) = text(&output);
    assert_ne!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("FIFO"), "{stderr}");
}

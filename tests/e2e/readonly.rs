//! Read-only, always: the audited state directory (config included) is
//! byte-for-byte, mode-for-mode the same after an audit, and an output path
//! inside it is refused.

use crate::state::{Journal, build_database};
use crate::support::{digest, pincer, text};
use std::process::Command;

fn state_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("openclaw.json"),
        r#"{"gateway":{"bind":"lan","auth":{"mode":"token","token":"short"}}}"#,
    )
    .unwrap();
    std::fs::create_dir_all(root.join("credentials")).unwrap();
    std::fs::write(root.join("credentials/telegram.json"), r#"{"token":"x"}"#).unwrap();
    build_database(root, Journal::Wal);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            root.join("openclaw.json"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    dir
}

#[test]
fn an_audit_leaves_the_state_dir_untouched() {
    let dir = state_dir();
    let before = digest(dir.path());
    for format in ["json", "table", "sarif", "junit", "markdown", "html"] {
        let output = pincer()
            .args([
                "audit",
                "--state-dir",
                dir.path().to_str().unwrap(),
                "--format",
                format,
                "--fail-on",
                "never",
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", text(&output).1);
    }
    assert_eq!(
        digest(dir.path()),
        before,
        "the audit changed the state directory"
    );
}

#[test]
fn an_output_path_inside_the_state_dir_is_refused() {
    let dir = state_dir();
    let before = digest(dir.path());
    for target in ["report.json", "openclaw.json"] {
        let out = dir.path().join(target);
        let output = pincer()
            .args([
                "audit",
                "--state-dir",
                dir.path().to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        let (_, stderr) = text(&output);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("refusing to write"), "{stderr}");
    }
    assert_eq!(digest(dir.path()), before);
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_symlink_into_the_state_dir_is_refused() {
    let dir = state_dir();
    let before = digest(dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let link = elsewhere.path().join("report.json");
    std::os::unix::fs::symlink(dir.path().join("openclaw.json"), &link).unwrap();
    let output = pincer()
        .args(["audit", "--state-dir", dir.path().to_str().unwrap()])
        .args(["--output", link.to_str().unwrap()])
        .output()
        .unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("refusing to write"), "{stderr}");
    assert_eq!(digest(dir.path()), before);
}

/// A config kept outside its state directory, with an include, a file
/// secret provider, a log file and a workspace of its own, and an OAuth
/// directory named by `OPENCLAW_OAUTH_DIR`: every one of them is a path
/// the audit reads.
struct Scattered {
    _root: tempfile::TempDir,
    state: std::path::PathBuf,
    config: std::path::PathBuf,
    oauth: std::path::PathBuf,
    read: Vec<std::path::PathBuf>,
}

fn scattered() -> Scattered {
    let root = tempfile::tempdir().unwrap();
    let path = |name: &str| root.path().join(name);
    for dir in ["state", "etc", "oauth", "logs", "work/skills"] {
        std::fs::create_dir_all(path(dir)).unwrap();
    }
    std::fs::write(path("etc/gateway.json5"), r#"{bind: "loopback"}"#).unwrap();
    std::fs::write(path("etc/secrets.json"), r#"{"token": "x"}"#).unwrap();
    std::fs::write(path("oauth/oauth.json"), r#"{"access": "x"}"#).unwrap();
    std::fs::write(path("logs/gateway.log"), "started\n").unwrap();
    std::fs::write(path("work/notes.md"), "notes\n").unwrap();
    let config = path("etc/openclaw.json");
    std::fs::write(
        &config,
        serde_json::json!({
            "gateway": {"$include": "./gateway.json5"},
            "secrets": {"providers": {"files": {"source": "file",
                "path": path("etc/secrets.json")}}},
            "logging": {"file": path("logs/gateway.log")},
            "agents": {"defaults": {"workspace": path("work")}},
        })
        .to_string(),
    )
    .unwrap();
    Scattered {
        state: path("state"),
        oauth: path("oauth"),
        read: vec![
            path("etc/gateway.json5"),
            path("etc/secrets.json"),
            path("oauth/oauth.json"),
            path("oauth/new-report.json"),
            path("logs/gateway.log"),
            path("work/notes.md"),
            path("work/skills/report.json"),
        ],
        config,
        _root: root,
    }
}

#[test]
fn no_output_or_history_may_replace_any_file_the_audit_reads() {
    let setup = scattered();
    let before: Vec<Option<Vec<u8>>> = setup.read.iter().map(|p| std::fs::read(p).ok()).collect();
    for target in &setup.read {
        for flag in ["--output", "--history"] {
            let output = pincer()
                .args(["audit", "--fail-on", "never"])
                .args(["--config", setup.config.to_str().unwrap()])
                .args(["--state-dir", setup.state.to_str().unwrap()])
                .args([flag, target.to_str().unwrap()])
                .env("OPENCLAW_OAUTH_DIR", &setup.oauth)
                .output()
                .unwrap();
            let (_, stderr) = text(&output);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{flag} {}: {stderr}",
                target.display()
            );
            assert!(stderr.contains("refusing to write"), "{stderr}");
        }
    }
    let after: Vec<Option<Vec<u8>>> = setup.read.iter().map(|p| std::fs::read(p).ok()).collect();
    assert_eq!(before, after, "an audited file was changed");
    // An output beside them, in a directory the audit does not read, is
    // written.
    let free = setup.config.with_file_name("report.json");
    let output = pincer()
        .args(["audit", "--fail-on", "never"])
        .args(["--config", setup.config.to_str().unwrap()])
        .args(["--state-dir", setup.state.to_str().unwrap()])
        .args(["--output", free.to_str().unwrap()])
        .env("OPENCLAW_OAUTH_DIR", &setup.oauth)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output).1);
    assert!(free.is_file());
}

#[test]
fn commands_that_write_without_auditing_refuse_the_installation_too() {
    let setup = scattered();
    let before: Vec<Option<Vec<u8>>> = setup.read.iter().map(|p| std::fs::read(p).ok()).collect();
    let history = setup.config.with_file_name("history");
    std::fs::create_dir_all(&history).unwrap();
    let installation = |command: &mut Command| {
        command
            .env("OPENCLAW_STATE_DIR", &setup.state)
            .env("OPENCLAW_CONFIG_PATH", &setup.config)
            .env("OPENCLAW_OAUTH_DIR", &setup.oauth);
    };
    let refused = |mut command: Command, what: &str| {
        installation(&mut command);
        let output = command.output().unwrap();
        let (_, stderr) = text(&output);
        assert_eq!(output.status.code(), Some(2), "{what}: {stderr}");
        assert!(stderr.contains("refusing to write"), "{what}: {stderr}");
    };
    for target in &setup.read {
        let mut command = pincer();
        command
            .args(["history", "--dir", history.to_str().unwrap()])
            .args(["--output", target.to_str().unwrap()]);
        refused(command, &format!("history --output {}", target.display()));
    }
    let mut into_history = pincer();
    into_history
        .args(["history", "--dir", history.to_str().unwrap()])
        .args(["--output", history.join("page.json").to_str().unwrap()]);
    refused(into_history, "history --output inside its own directory");
    let mut new = pincer();
    new.args(["new", "sneaky"]).args([
        "--dir",
        setup.state.join("extensions/sneaky").to_str().unwrap(),
    ]);
    refused(new, "new --dir inside the state directory");
    assert!(!setup.state.join("extensions").exists());
    let after: Vec<Option<Vec<u8>>> = setup.read.iter().map(|p| std::fs::read(p).ok()).collect();
    assert_eq!(before, after, "an audited file was changed");
    // Beside the installation, both write.
    let mut free = pincer();
    free.args(["history", "--dir", history.to_str().unwrap()])
        .args([
            "--output",
            setup.config.with_file_name("trend.json").to_str().unwrap(),
        ]);
    installation(&mut free);
    let output = free.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output).1);
}

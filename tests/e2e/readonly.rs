//! Read-only, always: the audited state directory (config included) is
//! byte-for-byte, mode-for-mode the same after an audit, and an output path
//! inside it is refused.

use crate::state::{Journal, build_database};
use crate::support::{digest, pincer, text};

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

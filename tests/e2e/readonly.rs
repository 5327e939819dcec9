//! Read-only, always: the audited state directory (config included) is
//! byte-for-byte, mode-for-mode the same after an audit, and an output path
//! inside it is refused.

use crate::support::{pincer, text};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Digest of every entry below `dir`: relative path, kind, mode, contents.
fn digest(dir: &Path) -> String {
    fn walk(root: &Path, dir: &Path, hasher: &mut Sha256) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let relative = path.strip_prefix(root).unwrap().display().to_string();
            hasher.update(relative.as_bytes());
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                hasher.update(meta.mode().to_le_bytes());
                hasher.update(meta.mtime().to_le_bytes());
            }
            if meta.is_dir() {
                walk(root, &path, hasher);
            } else if meta.is_file() {
                hasher.update(std::fs::read(&path).unwrap());
            }
        }
    }
    let mut hasher = Sha256::new();
    walk(dir, dir, &mut hasher);
    format!("{:x}", hasher.finalize())
}

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
    std::fs::create_dir_all(root.join("state")).unwrap();
    std::fs::write(root.join("state/openclaw.sqlite"), b"not really a database").unwrap();
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
    for format in ["json", "table"] {
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

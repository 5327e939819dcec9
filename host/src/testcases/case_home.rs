//! The installation a test case audits, built in a private home as an
//! operator keeps it: `HOME/.openclaw` holds the case's `state/` (copied)
//! and its config as `openclaw.json`; then each entry of the case's
//! `files` list is created in order (files with content, directories,
//! symlinks), modes are applied last, deepest first, and
//! `modifiedDaysAgo` backdates an entry. The state directory starts private
//! (700) with the config 600, as `openclaw` leaves them; entries may change
//! that. Entries stay inside the private home and never write, chmod or
//! backdate through a symlink. The same list describes the parity fixtures
//! of the built-in plugins.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

/// What a `files` entry creates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A regular file (the default; `content` is its text).
    #[default]
    File,
    /// A directory.
    Dir,
    /// A symbolic link to `target`.
    Symlink,
}

/// One entry of a case's `files` list.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FileEntry {
    /// The path, relative to the state directory (`.` is the directory).
    pub path: String,
    /// What to create.
    #[serde(default)]
    pub kind: EntryKind,
    /// Octal mode (`"0600"`), applied after everything is created.
    #[serde(default)]
    pub mode: Option<String>,
    /// A file's text.
    #[serde(default)]
    pub content: Option<String>,
    /// A symlink's target.
    #[serde(default)]
    pub target: Option<String>,
    /// Backdate the entry's modification time by this many days.
    #[serde(default)]
    pub modified_days_ago: Option<u64>,
}

fn invalid(case_file: &Path, message: String) -> Error {
    Error::Invalid {
        path: case_file.to_path_buf(),
        line: 1,
        column: 1,
        message,
    }
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        target: path.display().to_string(),
        source,
    }
}

/// `relative` against `state`, which may reach into the private home
/// around it (`../.config/systemd/user/...`) but never beyond it.
fn below(state: &Path, relative: &str, case_file: &Path) -> Result<PathBuf> {
    let mut depth: usize = 1; // `state` is one level below the home
    for component in Path::new(relative).components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => depth -= 1,
            _ => {
                return Err(invalid(
                    case_file,
                    format!("files: `{relative}` leaves the case's private home"),
                ));
            }
        }
    }
    Ok(state.join(relative))
}

/// Refuses `path` when it, or a directory on the way to it below `home`,
/// is a symlink: a case writes, chmods and backdates only real entries of
/// its own private home, never what a link points at.
fn refuse_links(home: &Path, path: &Path, case_file: &Path) -> Result<()> {
    let relative = path.strip_prefix(home).unwrap_or(path);
    let mut current = home.to_path_buf();
    for component in relative.components() {
        match component {
            Component::ParentDir => {
                current.pop();
            }
            Component::CurDir => {}
            other => current.push(other),
        }
        if std::fs::symlink_metadata(&current).is_ok_and(|meta| meta.file_type().is_symlink()) {
            return Err(invalid(
                case_file,
                format!(
                    "files: `{}` goes through the symlink {}",
                    relative.display(),
                    current.display()
                ),
            ));
        }
    }
    Ok(())
}

/// Copies the directory tree `from` into `to` (symlinks as symlinks).
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else if kind.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(std::fs::read_link(entry.path())?, &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// The files list used when a case has none.
fn private_defaults() -> Vec<FileEntry> {
    let entry = |path: &str, mode: &str| FileEntry {
        path: path.to_owned(),
        kind: EntryKind::File,
        mode: Some(mode.to_owned()),
        content: None,
        target: None,
        modified_days_ago: None,
    };
    vec![entry(".", "0700"), entry("openclaw.json", "0600")]
}

/// Builds the case's state directory at `state` (which must not exist
/// yet) from its `state/` dir, its config and its `files`; returns the
/// config path.
pub(crate) fn build(
    case_dir: &Path,
    case_file: &Path,
    files: Option<&[FileEntry]>,
    state: &Path,
) -> Result<PathBuf> {
    let source_state = case_dir.join("state");
    if source_state.is_dir() {
        copy_tree(&source_state, state).map_err(|e| write_error(state, e))?;
    } else {
        std::fs::create_dir_all(state).map_err(|e| write_error(state, e))?;
    }
    let home = state.parent().unwrap_or(state).to_path_buf();
    let config = state.join("openclaw.json");
    refuse_links(&home, &config, case_file)?;
    std::fs::copy(case_dir.join("config.json"), &config).map_err(|e| write_error(&config, e))?;
    // The private defaults first; the case's entries may change them.
    let files: Vec<FileEntry> = private_defaults()
        .into_iter()
        .chain(files.unwrap_or_default().iter().cloned())
        .collect();
    let mut modes = Vec::new();
    for entry in &files {
        let path = below(state, &entry.path, case_file)?;
        if entry.kind == EntryKind::Symlink
            && (entry.mode.is_some() || entry.modified_days_ago.is_some())
        {
            return Err(invalid(
                case_file,
                format!(
                    "files: symlink `{}` cannot have a mode or a time",
                    entry.path
                ),
            ));
        }
        refuse_links(&home, &path, case_file)?;
        match entry.kind {
            EntryKind::Dir => std::fs::create_dir_all(&path).map_err(|e| write_error(&path, e))?,
            EntryKind::Symlink => {
                let target = entry.target.as_deref().ok_or_else(|| {
                    invalid(
                        case_file,
                        format!("files: symlink `{}` has no target", entry.path),
                    )
                })?;
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
                }
                #[cfg(unix)]
                std::os::unix::fs::symlink(target, &path).map_err(|e| write_error(&path, e))?;
            }
            EntryKind::File => {
                // `.` and an `openclaw.json` without content only get a mode.
                let mode_only =
                    entry.path == "." || (entry.path == "openclaw.json" && entry.content.is_none());
                if !mode_only {
                    if let Some(parent) = path.parent() {
                        std::fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
                    }
                    std::fs::write(&path, entry.content.as_deref().unwrap_or_default())
                        .map_err(|e| write_error(&path, e))?;
                }
            }
        }
        if let Some(mode) = &entry.mode {
            let bits = u32::from_str_radix(mode, 8)
                .ok()
                .filter(|bits| *bits <= 0o7777)
                .ok_or_else(|| {
                    invalid(
                        case_file,
                        format!(
                            "files: mode `{mode}` of `{}` is not an octal mode",
                            entry.path
                        ),
                    )
                })?;
            // A later entry's mode replaces an earlier one (the defaults').
            modes.retain(|(earlier, _): &(PathBuf, u32)| *earlier != path);
            modes.push((path, bits));
        }
    }
    #[cfg(unix)]
    for (path, bits) in modes.into_iter().rev() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(bits))
            .map_err(|e| write_error(&path, e))?;
    }
    for entry in &files {
        if let Some(days) = entry.modified_days_ago {
            let path = below(state, &entry.path, case_file)?;
            let then = SystemTime::now()
                .checked_sub(Duration::from_secs(days.saturating_mul(86_400)))
                .unwrap_or(SystemTime::UNIX_EPOCH);
            std::fs::File::options()
                .append(true)
                .open(&path)
                .and_then(|file| file.set_modified(then))
                .map_err(|e| write_error(&path, e))?;
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_written_through_a_symlink() {
        let home = tempfile::tempdir().expect("tempdir");
        let outside = tempfile::tempdir().expect("tempdir");
        let case_dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(case_dir.path().join("config.json"), "{}").expect("config");
        let case_file = case_dir.path().join("case.json");
        let state = home.path().join(".openclaw");
        let link = FileEntry {
            path: "link".to_owned(),
            kind: EntryKind::Symlink,
            mode: None,
            content: None,
            target: Some(outside.path().display().to_string()),
            modified_days_ago: None,
        };
        let through = FileEntry {
            path: "link/planted".to_owned(),
            kind: EntryKind::File,
            mode: Some("0777".to_owned()),
            content: Some("x".to_owned()),
            target: None,
            modified_days_ago: None,
        };
        let result = build(case_dir.path(), &case_file, Some(&[link, through]), &state);
        assert!(result.is_err(), "{result:?}");
        assert!(!outside.path().join("planted").exists());
    }

    #[test]
    fn entries_stay_in_the_private_home() {
        let case = Path::new("case.json");
        assert!(below(Path::new("/h/s"), "a/b", case).is_ok());
        assert!(below(Path::new("/h/s"), "../.config/x", case).is_ok());
        for bad in ["../../x", "/etc/passwd", "a/../../../x", "../.."] {
            assert!(below(Path::new("/s"), bad, case).is_err(), "{bad}");
        }
    }
}

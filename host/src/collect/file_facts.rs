//! Facts about the paths an audit states: kind, mode, owner and
//! modification time, read with `lstat` through a cap-std handle on the
//! parent directory (a symlink also gets a fact about its target).

use pincer_sdk::{FileFact, FileKind};
use std::path::Path;

/// The facts of one path; a symlink also gets a `<role>-target` fact about
/// what it points to (kind `missing` when it dangles). The target may lie
/// anywhere, so it is stat'ed with `std::fs::metadata`, read-only.
pub(crate) fn facts_of(role: &str, path: &Path) -> Vec<FileFact> {
    let fact = file_fact(role, path);
    if fact.kind != FileKind::Symlink {
        return vec![fact];
    }
    let metadata = std::fs::metadata(path).ok();
    let target = FileFact {
        role: format!("{role}-target"),
        path: path.display().to_string(),
        kind: match &metadata {
            None => FileKind::Missing,
            Some(m) if m.is_dir() => FileKind::Directory,
            Some(m) if m.is_file() => FileKind::File,
            Some(_) => FileKind::Other,
        },
        mode: metadata.as_ref().and_then(unix::std_mode),
        owned_by_current_user: metadata.as_ref().and_then(unix::std_owned_by_current_user),
        modified_ms: metadata.as_ref().and_then(|m| millis(m.modified().ok()?)),
    };
    vec![fact, target]
}

/// Facts about one path, without following a final symlink. The path is
/// looked up through a cap-std handle on its parent directory: a read-only
/// `stat` relative to that handle, nothing opened for writing.
pub(crate) fn file_fact(role: &str, path: &Path) -> FileFact {
    let metadata = path.file_name().and_then(|name| {
        let parent = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let dir = cap_std::fs::Dir::open_ambient_dir(parent, cap_std::ambient_authority()).ok()?;
        dir.symlink_metadata(name).ok()
    });
    let kind = match &metadata {
        None => FileKind::Missing,
        Some(m) if m.file_type().is_symlink() => FileKind::Symlink,
        Some(m) if m.is_dir() => FileKind::Directory,
        Some(m) if m.is_file() => FileKind::File,
        Some(_) => FileKind::Other,
    };
    FileFact {
        role: role.to_owned(),
        path: path.display().to_string(),
        kind,
        mode: metadata.as_ref().and_then(unix::mode),
        owned_by_current_user: metadata.as_ref().and_then(unix::owned_by_current_user),
        modified_ms: metadata
            .as_ref()
            .and_then(|m| millis(m.modified().ok()?.into_std())),
    }
}

/// A time as milliseconds since the Unix epoch; none before it.
fn millis(time: std::time::SystemTime) -> Option<u64> {
    let since = time.duration_since(std::time::UNIX_EPOCH).ok()?;
    u64::try_from(since.as_millis()).ok()
}

#[cfg(unix)]
mod unix {
    use cap_std::fs::MetadataExt;

    pub(super) fn mode(metadata: &cap_std::fs::Metadata) -> Option<u32> {
        Some(metadata.mode() & 0o7777)
    }

    pub(super) fn owned_by_current_user(metadata: &cap_std::fs::Metadata) -> Option<bool> {
        Some(metadata.uid() == rustix::process::getuid().as_raw())
    }

    pub(super) fn std_mode(metadata: &std::fs::Metadata) -> Option<u32> {
        use std::os::unix::fs::MetadataExt as _;
        Some(metadata.mode() & 0o7777)
    }

    pub(super) fn std_owned_by_current_user(metadata: &std::fs::Metadata) -> Option<bool> {
        use std::os::unix::fs::MetadataExt as _;
        Some(metadata.uid() == rustix::process::getuid().as_raw())
    }
}

#[cfg(not(unix))]
mod unix {
    pub fn mode(_metadata: &cap_std::fs::Metadata) -> Option<u32> {
        None
    }

    pub fn owned_by_current_user(_metadata: &cap_std::fs::Metadata) -> Option<bool> {
        None
    }

    pub fn std_mode(_metadata: &std::fs::Metadata) -> Option<u32> {
        None
    }

    pub fn std_owned_by_current_user(_metadata: &std::fs::Metadata) -> Option<bool> {
        None
    }
}

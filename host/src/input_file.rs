//! Every file and directory an audit reads is opened here: a file only when
//! it is a regular file (opened without blocking, so a FIFO cannot hang the
//! audit, then checked on the open handle), read no further than a cap, and,
//! when it belongs to a root (the state directory, a workspace, the config
//! directory), never through a symlink that leads out of that root — that
//! symlink is a fact to report, not a path to follow.

use cap_std::fs::Dir;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Where a path may lead.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Within<'a> {
    /// Anywhere: a path the operator named (`--config`, a file secret
    /// reference); symlinks are followed.
    Anywhere,
    /// Inside this directory: symlinks are followed only while they stay
    /// inside it.
    Root(&'a Path),
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Nothing is there.
    #[error("no such file")]
    Missing,
    /// Something other than a regular file is there.
    #[error("not a regular file but a {0}")]
    NotRegular(&'static str),
    /// The file is larger than its limit.
    #[error("larger than {} (the limit)", bytesize::ByteSize(*limit))]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A symlink on the way leads out of the root.
    #[error("a symlink leads out of {}: not followed", root.display())]
    Escapes {
        /// The root it leaves.
        root: PathBuf,
    },
    /// The bytes are not UTF-8 text.
    #[error("not UTF-8 text (line {line}, column {column})")]
    NotUtf8 {
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        column: usize,
    },
    /// Any other error of the file system.
    #[error("{0}")]
    Io(std::io::Error),
}

impl ReadError {
    /// Whether nothing is there (as opposed to something unreadable).
    pub fn is_missing(&self) -> bool {
        matches!(self, ReadError::Missing)
    }

    fn from_io(error: std::io::Error) -> ReadError {
        match error.kind() {
            std::io::ErrorKind::NotFound => ReadError::Missing,
            _ => ReadError::Io(error),
        }
    }
}

/// What a directory entry is, without following a final symlink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symlink (not followed).
    Symlink,
    /// A FIFO, socket or device.
    Other,
}

/// One entry of a directory listing.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Its name.
    pub name: std::ffi::OsString,
    /// What it is.
    pub kind: EntryKind,
}

/// A directory listing, cut at a maximum number of entries.
#[derive(Debug, Clone, Default)]
pub(crate) struct Listing {
    /// The entries, sorted by name.
    pub entries: Vec<Entry>,
    /// Whether entries were left out.
    pub truncated: bool,
}

/// `path` with `.` and `..` folded away, without touching the file system.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// An absolute, lexically normalised path (symlinks are not resolved).
pub(crate) fn absolute(path: &Path) -> PathBuf {
    normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// `path` relative to `root`, when it lies lexically inside it.
fn relative_to(root: &Path, path: &Path) -> Option<PathBuf> {
    let root = absolute(root);
    let path = absolute(path);
    path.strip_prefix(&root).ok().map(Path::to_path_buf)
}

/// Flags that keep `open` from waiting on a FIFO or taking a terminal.
#[cfg(unix)]
fn nonblocking_flags() -> i32 {
    let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
    i32::try_from(flags.bits()).unwrap_or(0)
}

/// The kind named in an error for a file type that is not a regular file.
fn kind_name(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_char_device() {
            return "character device";
        }
        if file_type.is_block_device() {
            return "block device";
        }
    }
    if file_type.is_dir() {
        "directory"
    } else if file_type.is_symlink() {
        "symlink"
    } else {
        "special file"
    }
}

/// Where cap-std refused `path` under `root` (it refuses every absolute
/// symlink, and reports it as a permission error): the canonical path,
/// relative to the canonical root, when it lies inside; `Escapes` when it
/// does not; the original error otherwise. `follow_last` resolves a final
/// symlink too (for opening), else only its parent (for `lstat`).
fn through_links(
    root: &Path,
    path: &Path,
    follow_last: bool,
    error: std::io::Error,
) -> Result<(Dir, PathBuf), ReadError> {
    if error.kind() != std::io::ErrorKind::PermissionDenied {
        return Err(ReadError::from_io(error));
    }
    let escape = || ReadError::Escapes {
        root: root.to_path_buf(),
    };
    let real = if follow_last {
        path.canonicalize()
    } else {
        match (path.parent(), path.file_name()) {
            (Some(parent), Some(name)) => parent.canonicalize().map(|p| p.join(name)),
            _ => path.canonicalize(),
        }
    };
    let (Ok(real_root), Ok(real)) = (root.canonicalize(), real) else {
        // A dangling link, or a loop: nothing inside to reach.
        return Err(escape());
    };
    let Ok(relative) = real.strip_prefix(&real_root) else {
        return Err(escape());
    };
    Ok((open_root(&real_root)?, relative.to_path_buf()))
}

fn open_root(root: &Path) -> Result<Dir, ReadError> {
    Dir::open_ambient_dir(root, cap_std::ambient_authority()).map_err(ReadError::from_io)
}

/// Opens a regular file for reading without blocking, and checks on the
/// handle that it is one.
pub(crate) fn open(path: &Path, within: Within<'_>) -> Result<std::fs::File, ReadError> {
    let file = match within {
        Within::Anywhere => {
            let mut options = std::fs::OpenOptions::new();
            options.read(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, nonblocking_flags());
            options.open(path).map_err(ReadError::from_io)?
        }
        Within::Root(root) => {
            let Some(relative) = relative_to(root, path) else {
                return Err(ReadError::Escapes {
                    root: root.to_path_buf(),
                });
            };
            let dir = open_root(root)?;
            let mut options = cap_std::fs::OpenOptions::new();
            options.read(true);
            #[cfg(unix)]
            cap_std::fs::OpenOptionsExt::custom_flags(&mut options, nonblocking_flags());
            match dir.open_with(&relative, &options) {
                Ok(file) => file.into_std(),
                Err(error) => {
                    let (dir, relative) = through_links(root, path, true, error)?;
                    dir.open_with(&relative, &options)
                        .map_err(ReadError::from_io)?
                        .into_std()
                }
            }
        }
    };
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind_name(metadata.file_type())));
    }
    Ok(file)
}

/// The bytes of a regular file of at most `limit` bytes.
pub(crate) fn read(path: &Path, within: Within<'_>, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open(path, within)?;
    let length = file.metadata().map_err(ReadError::Io)?.len();
    if length > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// The first `limit` bytes of a regular file (a larger one is cut there,
/// not refused): for texts scanned, not parsed.
pub(crate) fn read_prefix(
    path: &Path,
    within: Within<'_>,
    limit: u64,
) -> Result<Vec<u8>, ReadError> {
    let file = open(path, within)?;
    let mut bytes = Vec::new();
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    Ok(bytes)
}

/// The text of a regular file of at most `limit` bytes, which must be
/// UTF-8 (an error names the line and column of the first bad byte).
pub(crate) fn read_text(path: &Path, within: Within<'_>, limit: u64) -> Result<String, ReadError> {
    utf8(read(path, within, limit)?)
}

/// Bytes as UTF-8 text, or where they stop being it.
pub(crate) fn utf8(bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let before = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = line_and_column(before, before.len());
        ReadError::NotUtf8 { line, column }
    })
}

/// The 1-based line of byte `offset` of `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    line_and_column(text, offset).0
}

/// The 1-based line and column (in characters) of byte `offset` of
/// `text`, as every error about a place in an input file names it.
pub(crate) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// What is at `path`, without following a final symlink (and, under a
/// root, without following any symlink that leads out of it): `None` when
/// nothing is there.
pub(crate) fn kind(path: &Path, within: Within<'_>) -> Result<Option<EntryKind>, ReadError> {
    let metadata = match within {
        Within::Anywhere => std::fs::symlink_metadata(path).map(|m| entry_kind(m.file_type())),
        Within::Root(root) => {
            let Some(relative) = relative_to(root, path) else {
                return Err(ReadError::Escapes {
                    root: root.to_path_buf(),
                });
            };
            if relative.as_os_str().is_empty() {
                return open_root(root).map(|_| Some(EntryKind::Dir));
            }
            let dir = open_root(root)?;
            match dir.symlink_metadata(&relative) {
                Ok(metadata) => Ok(cap_kind(metadata.file_type())),
                Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => {
                    let (dir, relative) = through_links(root, path, false, error)?;
                    dir.symlink_metadata(&relative)
                        .map(|metadata| cap_kind(metadata.file_type()))
                }
                Err(error) => Err(error),
            }
        }
    };
    match metadata {
        Ok(kind) => Ok(Some(kind)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(ReadError::Io(error)),
    }
}

fn entry_kind(file_type: std::fs::FileType) -> EntryKind {
    kind_from(
        file_type.is_symlink(),
        file_type.is_dir(),
        file_type.is_file(),
    )
}

fn cap_kind(file_type: cap_std::fs::FileType) -> EntryKind {
    kind_from(
        file_type.is_symlink(),
        file_type.is_dir(),
        file_type.is_file(),
    )
}

fn kind_from(symlink: bool, dir: bool, file: bool) -> EntryKind {
    if symlink {
        EntryKind::Symlink
    } else if dir {
        EntryKind::Dir
    } else if file {
        EntryKind::File
    } else {
        EntryKind::Other
    }
}

/// Lists the directory `dir` (at most `max` entries, sorted by name; the
/// kinds as `lstat` sees them). Under a root, a `dir` reached through a
/// symlink leading out of the root is not listed.
pub(crate) fn list(dir: &Path, within: Within<'_>, max: usize) -> Result<Listing, ReadError> {
    let mut entries = Vec::new();
    let mut truncated = false;
    let mut add = |name: std::ffi::OsString, kind: std::io::Result<EntryKind>| {
        if entries.len() >= max {
            truncated = true;
            return false;
        }
        let Ok(kind) = kind else {
            return true;
        };
        entries.push(Entry { name, kind });
        true
    };
    match within {
        Within::Anywhere => {
            for entry in std::fs::read_dir(dir).map_err(ReadError::from_io)? {
                let Ok(entry) = entry else { continue };
                if !add(entry.file_name(), entry.file_type().map(entry_kind)) {
                    break;
                }
            }
        }
        Within::Root(root) => {
            let Some(relative) = relative_to(root, dir) else {
                return Err(ReadError::Escapes {
                    root: root.to_path_buf(),
                });
            };
            let top = open_root(root)?;
            let opened = if relative.as_os_str().is_empty() {
                Ok(top)
            } else {
                top.open_dir(&relative)
            };
            let opened = match opened {
                Ok(opened) => opened,
                Err(error) => {
                    let (top, relative) = through_links(root, dir, true, error)?;
                    if relative.as_os_str().is_empty() {
                        top
                    } else {
                        top.open_dir(&relative).map_err(ReadError::from_io)?
                    }
                }
            };
            for entry in opened.entries().map_err(ReadError::from_io)? {
                let Ok(entry) = entry else { continue };
                if !add(entry.file_name(), entry.file_type().map(cap_kind)) {
                    break;
                }
            }
        }
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Listing { entries, truncated })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_named_by_line_and_column_in_characters() {
        let text = "{\n  é: 1,\n  b: 2 }";
        assert_eq!(line_and_column(text, 0), (1, 1));
        let b = text.find('b').expect("b");
        assert_eq!(line_and_column(text, b), (3, 3));
        let one = text.find('1').expect("1");
        assert_eq!(line_and_column(text, one), (2, 6), "é is one character");
        assert_eq!(
            line_of(text, text.len() + 10),
            3,
            "past the end: the last line"
        );
    }

    #[test]
    fn a_bad_byte_is_located_by_line_and_column() {
        let bytes = b"{\n  a: 'x\xffy'\n}".to_vec();
        match utf8(bytes) {
            Err(ReadError::NotUtf8 { line, column }) => assert_eq!((line, column), (2, 8)),
            other => panic!("expected a UTF-8 error, got {other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn special_files_links_out_and_big_files_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let inside = root.path().join("in.json");
        std::fs::write(&inside, "{}").unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.path().join("zero")).unwrap();
        std::os::unix::fs::symlink(&inside, root.path().join("link-in")).unwrap();
        let within = Within::Root(root.path());
        assert_eq!(read(&inside, within, 16).unwrap(), b"{}");
        assert_eq!(
            read(&root.path().join("link-in"), within, 16).unwrap(),
            b"{}"
        );
        assert!(matches!(
            read(&root.path().join("zero"), within, 16),
            Err(ReadError::Escapes { .. })
        ));
        assert!(matches!(
            read(Path::new("/dev/zero"), Within::Anywhere, 16),
            Err(ReadError::NotRegular("character device"))
        ));
        assert!(matches!(
            read(&inside, within, 1),
            Err(ReadError::TooLarge { limit: 1 })
        ));
        assert!(read(&root.path().join("none"), within, 1).is_err_and(|e| e.is_missing()));
        assert!(matches!(
            read(Path::new("/etc/hostname"), within, 16),
            Err(ReadError::Escapes { .. })
        ));
    }
}

//! Opens `state/openclaw.sqlite` strictly read-only, without ever creating
//! a `-wal` or `-shm` file and without writing a byte to the installation.
//!
//! SQLite's read-only mode alone is not enough: reading a WAL-mode database
//! makes SQLite open (and create) its `-wal` and `-shm` files. So:
//! - a WAL-mode database whose `-wal` and `-shm` both exist (a gateway holds
//!   it open, or crashed) is opened `mode=ro` with `readonly_shm=1`: SQLite
//!   reads the WAL through a private copy of its index and writes nothing;
//! - a WAL-mode database without them (every change checkpointed) is opened
//!   `immutable=1`: no lock, no WAL, no new file;
//! - a WAL-mode database whose `-wal` holds frames but has no `-shm` beside
//!   it is opened `immutable=1` too, and says so ([`OpenedAs::UnindexedWal`]):
//!   the WAL's changes cannot be read without writing an index;
//! - a rollback-journal database is opened `mode=ro`, taking only a shared
//!   lock, and waits up to [`BUSY_TIMEOUT`] for a writer before giving up.
//!
//! The database and its `-wal`/`-shm` must be regular files inside the
//! state directory (SQLite would block on a FIFO, and follow a symlink
//! anywhere); no value larger than [`bounds::MAX_VALUE_BYTES`] is read.

use super::bounds;
use crate::input_file::{EntryKind, Within};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a read waits for a writer holding the database locked.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_millis(1_500);

/// The 16 bytes every SQLite 3 database starts with.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How the database was opened, for the report's notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpenedAs {
    /// Rollback journal, read-only with a shared lock.
    ReadOnly,
    /// WAL mode with a live `-wal`/`-shm`, read through a private index.
    LiveWal,
    /// WAL mode, fully checkpointed: read as an immutable file.
    Immutable,
    /// WAL mode with a `-wal` of this many bytes but no `-shm`: read as an
    /// immutable file, without the WAL's changes.
    UnindexedWal(u64),
}

/// The size of a WAL file's header: a WAL no larger holds no change.
const WAL_HEADER_BYTES: u64 = 32;

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub(crate) enum OpenError {
    /// Not a SQLite database at all (or truncated below its header).
    #[error("{0} is not a SQLite database (bad or missing header)")]
    NotADatabase(PathBuf),
    /// The file (or its `-wal`/`-shm`) could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: crate::input_file::ReadError,
    },
    /// SQLite refused it.
    #[error("cannot open {path}: {source}")]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
}

/// Opens the database at `path`, a file inside `root` (the state
/// directory), without writing anything next to it.
pub(crate) fn open_read_only(
    path: &Path,
    root: &Path,
) -> Result<(Connection, OpenedAs), OpenError> {
    let header = read_header(path, root)?;
    let wal_mode = header[18] == 2 || header[19] == 2;
    let wal = sidecar(path, root, "-wal")?;
    let shm = sidecar(path, root, "-shm")?;
    let opened_as = match (wal_mode, wal, shm) {
        (false, _, _) => OpenedAs::ReadOnly,
        (true, Some(_), Some(_)) => OpenedAs::LiveWal,
        (true, Some(bytes), None) if bytes > WAL_HEADER_BYTES => OpenedAs::UnindexedWal(bytes),
        (true, _, _) => OpenedAs::Immutable,
    };
    let parameters = match opened_as {
        OpenedAs::ReadOnly => "mode=ro",
        OpenedAs::LiveWal => "mode=ro&readonly_shm=1",
        OpenedAs::Immutable | OpenedAs::UnindexedWal(_) => "mode=ro&immutable=1",
    };
    let uri = format!("file:{}?{parameters}", uri_path(path));
    let sqlite_error = |source| OpenError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let connection = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite_error)?;
    connection
        .busy_timeout(BUSY_TIMEOUT)
        .map_err(sqlite_error)?;
    connection
        .set_limit(
            rusqlite::limits::Limit::SQLITE_LIMIT_LENGTH,
            bounds::MAX_VALUE_BYTES,
        )
        .map_err(sqlite_error)?;
    // Belt and braces: refuse any write this connection might attempt.
    connection
        .pragma_update(None, "query_only", true)
        .map_err(sqlite_error)?;
    Ok((connection, opened_as))
}

/// The size of the database's `-wal` or `-shm` (`suffix`), when there is
/// one; an error when it is there but not a regular file of the state
/// directory (SQLite would block on a FIFO or follow a link out).
fn sidecar(path: &Path, root: &Path, suffix: &str) -> Result<Option<u64>, OpenError> {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    let sidecar = PathBuf::from(name);
    let io_error = |source| OpenError::Io {
        path: sidecar.clone(),
        source,
    };
    match crate::input_file::kind(&sidecar, Within::Root(root)).map_err(io_error)? {
        None => Ok(None),
        Some(EntryKind::File) => std::fs::symlink_metadata(&sidecar)
            .map(|metadata| Some(metadata.len()))
            .map_err(|error| io_error(crate::input_file::ReadError::Io(error))),
        Some(EntryKind::Symlink) => Err(io_error(crate::input_file::ReadError::NotRegular(
            "symlink (SQLite would follow it)",
        ))),
        Some(EntryKind::Dir) => Err(io_error(crate::input_file::ReadError::NotRegular(
            "directory",
        ))),
        Some(EntryKind::Other) => Err(io_error(crate::input_file::ReadError::NotRegular(
            "FIFO, socket or device",
        ))),
    }
}

fn read_header(path: &Path, root: &Path) -> Result<[u8; 100], OpenError> {
    use std::io::Read;
    let io_error = |source| OpenError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = crate::input_file::open(path, Within::Root(root)).map_err(io_error)?;
    let mut header = [0u8; 100];
    file.read_exact(&mut header).map_err(|error| {
        if error.kind() == std::io::ErrorKind::UnexpectedEof {
            OpenError::NotADatabase(path.to_path_buf())
        } else {
            io_error(crate::input_file::ReadError::Io(error))
        }
    })?;
    if &header[..16] != MAGIC {
        return Err(OpenError::NotADatabase(path.to_path_buf()));
    }
    Ok(header)
}

/// The path part of a `file:` URI: `%`, `?` and `#` escaped, the rest as is.
fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '%' => escaped.push_str("%25"),
            '?' => escaped.push_str("%3f"),
            '#' => escaped.push_str("%23"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_escape_query_characters() {
        assert_eq!(
            uri_path(Path::new("/a b/x?y#z%.db")),
            "/a b/x%3fy%23z%25.db"
        );
    }

    #[test]
    fn a_short_or_foreign_file_is_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let short = dir.path().join("short.sqlite");
        std::fs::write(&short, b"SQLite").unwrap();
        assert!(matches!(
            open_read_only(&short, dir.path()),
            Err(OpenError::NotADatabase(_))
        ));
        let foreign = dir.path().join("foreign.sqlite");
        std::fs::write(&foreign, [b'x'; 4096]).unwrap();
        assert!(matches!(
            open_read_only(&foreign, dir.path()),
            Err(OpenError::NotADatabase(_))
        ));
    }
}

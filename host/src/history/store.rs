//! The history directory: recording an entry (written whole to a hidden
//! temporary file, then renamed into place, so a run stopped midway leaves
//! no partial entry; one writer at a time, under a lock), retention by
//! count and age, reading the entries back in time order, and choosing the
//! baseline of the next audit. The directory must be private to the user
//! (as the compiled-plugin cache must): whoever can write to it can plant
//! the baseline drift is judged against.

use super::entry::Entry;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What to keep.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Retention {
    /// At most this many entries (the newest).
    pub keep: usize,
    /// No entry older than this (the newest one always stays).
    pub max_age: Duration,
}

impl Retention {
    /// At most `keep` entries, none older than `max_age` (`--history-keep`,
    /// `--history-max-age`).
    pub(crate) fn kept(keep: u32, max_age: Duration) -> Retention {
        Retention {
            keep: usize::try_from(keep).unwrap_or(usize::MAX),
            max_age,
        }
    }
}

/// A history directory.
#[derive(Debug, Clone)]
pub(crate) struct HistoryDir {
    dir: PathBuf,
}

/// The lock file's name; writers hold it while they write and prune.
const LOCK_FILE: &str = ".lock";

/// Whether a file name is an entry's: `audit-<time>.json`.
fn is_entry_name(name: &str) -> bool {
    name.starts_with("audit-") && name.ends_with(".json")
}

/// The order of entry names: by time, then by the `-N` of entries
/// recorded in the same millisecond (the first has none), so that
/// `audit-T-2.json` comes after `audit-T.json`.
fn sort_key(path: &Path) -> (String, u32, String) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let inner = name
        .strip_prefix("audit-")
        .and_then(|rest| rest.strip_suffix(".json"))
        .unwrap_or_default();
    let (stamp, attempt) = match inner.get(..STAMP_LEN) {
        Some(stamp) => {
            let attempt = match &inner[STAMP_LEN..] {
                "" => Some(1),
                rest => rest.strip_prefix('-').and_then(|n| n.parse().ok()),
            };
            (stamp.to_owned(), attempt.unwrap_or(u32::MAX))
        }
        None => (inner.to_owned(), u32::MAX),
    };
    (stamp, attempt, name)
}

/// The length of a name's time stamp (`YYYYMMDDTHHMMSS.mmmZ`).
const STAMP_LEN: usize = 20;

/// The baseline the history offers an audit.
#[derive(Debug, Default)]
pub(crate) struct Chosen {
    /// The newest whole entry of the same installation, if any.
    pub entry: Option<Entry>,
    /// The newest entry of the same installation, whole or not: its
    /// record of the gateway credential (which needs no state) carries on
    /// even when its state could not be read.
    pub latest: Option<Entry>,
    /// Newer entries passed over: files that could not be read (each
    /// named, with why) and entries of this installation whose state was
    /// not read whole.
    pub skipped: Vec<String>,
}

impl Chosen {
    /// The entry whose credential record this audit continues: the newest
    /// one, unless the whole one before it has a record the newest lacks.
    pub(crate) fn credential_source(&self) -> Option<&Entry> {
        let fingerprinted = |entry: &&Entry| {
            entry
                .posture
                .credential
                .as_ref()
                .is_some_and(|credential| credential.fingerprint.is_some())
        };
        self.latest
            .as_ref()
            .filter(fingerprinted)
            .or(self.entry.as_ref())
    }
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        target: path.display().to_string(),
        source,
    }
}

impl HistoryDir {
    /// The history kept in `dir`.
    pub(crate) fn new(dir: impl Into<PathBuf>) -> HistoryDir {
        HistoryDir { dir: dir.into() }
    }

    /// The directory.
    pub(crate) fn path(&self) -> &Path {
        &self.dir
    }

    /// Refuses a directory that others could write to (when it exists).
    pub(crate) fn check_private(&self) -> Result<()> {
        if std::fs::symlink_metadata(&self.dir).is_err() {
            return Ok(());
        }
        crate::output::private_dir::check(&self.dir).map_err(|reason| {
            io_error(
                &self.dir,
                std::io::Error::other(format!("not a private history directory: {reason}")),
            )
        })
    }

    /// Holds the directory's lock until the returned file is dropped.
    fn lock(&self) -> Result<std::fs::File> {
        let path = self.dir.join(LOCK_FILE);
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path).map_err(|e| io_error(&path, e))?;
        file.lock().map_err(|e| io_error(&path, e))?;
        Ok(file)
    }

    /// Records `entry`, then applies `retention`; returns the entry's path.
    pub(crate) fn record(&self, entry: &Entry, retention: Retention) -> Result<PathBuf> {
        crate::output::private_dir::create(&self.dir).map_err(|e| io_error(&self.dir, e))?;
        self.check_private()?;
        let _lock = self.lock()?;
        let text = serde_json::to_vec_pretty(entry)
            .map_err(|e| io_error(&self.dir, std::io::Error::other(e)))?;
        let stamp = file_stamp(entry.recorded_at_ms);
        let mut temp = tempfile::Builder::new()
            .prefix(".audit-")
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(|e| io_error(&self.dir, e))?;
        std::io::Write::write_all(&mut temp, &text).map_err(|e| io_error(temp.path(), e))?;
        temp.as_file()
            .sync_all()
            .map_err(|e| io_error(temp.path(), e))?;
        let mut attempt = 1;
        let path = loop {
            let name = if attempt == 1 {
                format!("audit-{stamp}.json")
            } else {
                format!("audit-{stamp}-{attempt}.json")
            };
            let path = self.dir.join(name);
            match temp.persist_noclobber(&path) {
                Ok(_) => break path,
                Err(error) if error.error.kind() == std::io::ErrorKind::AlreadyExists => {
                    temp = error.file;
                    attempt += 1;
                }
                Err(error) => return Err(io_error(&path, error.error)),
            }
        };
        self.prune(retention, &path, entry.recorded_at_ms)?;
        Ok(path)
    }

    /// The entry files, oldest first (none when the directory is absent):
    /// everything named like an entry but a directory, so that a FIFO or
    /// device under an entry's name is refused by name when read.
    pub(crate) fn files(&self) -> Result<Vec<PathBuf>> {
        let read = match std::fs::read_dir(&self.dir) {
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(read_error(&self.dir, error)),
        };
        let mut files = Vec::new();
        for item in read {
            let item = item.map_err(|e| read_error(&self.dir, e))?;
            let name = item.file_name();
            let not_a_dir = item.file_type().is_ok_and(|kind| !kind.is_dir());
            if name.to_str().is_some_and(is_entry_name) && not_a_dir {
                files.push(item.path());
            }
        }
        files.sort_by_cached_key(|path| sort_key(path));
        Ok(files)
    }

    /// Every entry, oldest first. A file that is not an entry is bad
    /// input: the error names it, with line and column.
    pub(crate) fn entries(&self) -> Result<Vec<(PathBuf, Entry)>> {
        self.files()?
            .into_iter()
            .map(|path| {
                let entry = read_entry(&path)?;
                Ok((path, entry))
            })
            .collect()
    }

    /// The baseline of the next audit of the installation with this
    /// config file and state directory: the newest entry of it whose
    /// posture is whole. Entries of other installations sharing the
    /// directory and entries whose state could not be read are passed
    /// over; so are files that cannot be read, each named in `skipped`.
    pub(crate) fn baseline_for(&self, config: &str, state_dir: &str) -> Result<Chosen> {
        self.check_private()?;
        let mut chosen = Chosen::default();
        let mut incomplete = 0;
        for path in self.files()?.iter().rev() {
            match read_entry(path) {
                Ok(entry) if entry.is_of(config, state_dir) => {
                    if entry.posture_complete() {
                        chosen.entry = Some(entry);
                        break;
                    }
                    incomplete += 1;
                    if chosen.latest.is_none() {
                        chosen.latest = Some(entry);
                    }
                }
                Ok(_) => {}
                Err(error) => chosen
                    .skipped
                    .push(format!("history entry passed over as a baseline: {error}")),
            }
        }
        if incomplete > 0 {
            let (entries, their) = if incomplete == 1 {
                ("entry", "its")
            } else {
                ("entries", "their")
            };
            chosen.skipped.push(if chosen.entry.is_some() {
                format!(
                    "{incomplete} newer history {entries} of this installation passed over as \
                     a baseline: {their} state could not be read whole"
                )
            } else {
                format!(
                    "{incomplete} history {entries} of this installation passed over as a \
                     baseline ({their} state could not be read whole), and there is no other: \
                     nothing to judge drift against"
                )
            });
        }
        Ok(chosen)
    }

    /// Removes entries beyond the newest `keep` or older than `max_age`
    /// (as of `now_ms`), never `newest`; also leftovers of interrupted
    /// writes.
    fn prune(&self, retention: Retention, newest: &Path, now_ms: u64) -> Result<()> {
        let files = self.files()?;
        let max_age_ms = u64::try_from(retention.max_age.as_millis()).unwrap_or(u64::MAX);
        let keep = retention.keep.max(1);
        for (rank, path) in files.iter().rev().enumerate() {
            if path == newest {
                continue;
            }
            let too_many = rank >= keep;
            let too_old =
                recorded_at(path).is_some_and(|at| now_ms.saturating_sub(at) > max_age_ms);
            if too_many || too_old {
                std::fs::remove_file(path).map_err(|e| io_error(path, e))?;
            }
        }
        if let Ok(read) = std::fs::read_dir(&self.dir) {
            for item in read.flatten() {
                let name = item.file_name();
                let stale = name
                    .to_str()
                    .is_some_and(|n| n.starts_with(".audit-") && n.ends_with(".tmp"));
                if stale {
                    let _ = std::fs::remove_file(item.path());
                }
            }
        }
        Ok(())
    }
}

fn read_error(path: &Path, source: std::io::Error) -> Error {
    Error::Read {
        path: path.to_path_buf(),
        source,
    }
}

/// The largest history entry read (a whole report; a bound, not a size
/// any real entry comes near).
const MAX_ENTRY_BYTES: u64 = 256 << 20;

/// Reads and parses one entry (a regular file, bounded).
pub(crate) fn read_entry(path: &Path) -> Result<Entry> {
    let text =
        crate::input_file::read_text(path, crate::input_file::Within::Anywhere, MAX_ENTRY_BYTES)
            .map_err(|error| Error::input(path, error))?;
    serde_json::from_str(&text).map_err(|error| Error::Invalid {
        path: path.to_path_buf(),
        line: error.line(),
        column: error.column(),
        message: format!(
            "not a Pincer history entry: {}",
            crate::value_free::without_values(&error.to_string())
        ),
    })
}

/// The time an entry's name records (ms since the epoch).
fn recorded_at(path: &Path) -> Option<u64> {
    let name = path.file_name()?.to_str()?;
    let stamp = name.strip_prefix("audit-")?.get(..19)?;
    // YYYYMMDDTHHMMSS.mmm back to RFC 3339.
    let rfc = format!(
        "{}-{}-{}T{}:{}:{}Z",
        stamp.get(0..4)?,
        stamp.get(4..6)?,
        stamp.get(6..8)?,
        stamp.get(9..11)?,
        stamp.get(11..13)?,
        stamp.get(13..19)?
    );
    let time = humantime::parse_rfc3339(&rfc).ok()?;
    let since = time.duration_since(std::time::UNIX_EPOCH).ok()?;
    u64::try_from(since.as_millis()).ok()
}

/// `YYYYMMDDTHHMMSS.mmmZ` (UTC) of a time in ms since the epoch.
fn file_stamp(ms: u64) -> String {
    let time = std::time::UNIX_EPOCH + Duration::from_millis(ms);
    humantime::format_rfc3339_millis(time)
        .to_string()
        .replace(['-', ':'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_their_time_both_ways() {
        let ms = 1_795_887_845_518;
        let stamp = file_stamp(ms);
        assert_eq!(stamp, "20261128T174405.518Z");
        let path = PathBuf::from(format!("/h/audit-{stamp}.json"));
        assert_eq!(recorded_at(&path), Some(ms));
        assert_eq!(recorded_at(Path::new("/h/audit-x.json")), None);
    }

    #[test]
    fn entries_of_one_millisecond_sort_in_the_order_written() {
        let mut names = vec![
            "audit-20261128T174405.518Z-2.json",
            "audit-20261128T174405.519Z.json",
            "audit-20261128T174405.518Z-10.json",
            "audit-20261128T174405.518Z.json",
        ];
        names.sort_by_cached_key(|name| sort_key(Path::new(name)));
        assert_eq!(
            names,
            [
                "audit-20261128T174405.518Z.json",
                "audit-20261128T174405.518Z-2.json",
                "audit-20261128T174405.518Z-10.json",
                "audit-20261128T174405.519Z.json",
            ]
        );
    }
}

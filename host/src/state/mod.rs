//! The installation's state, read-only: `state/openclaw.sqlite` when it
//! exists, else the JSON files of installations from before it. Problems
//! never crash the audit and never pass as an empty state: a missing
//! database, an older schema, a locked or corrupt file each leave a note,
//! and a note of level `error` makes the audit incomplete.

mod db;
mod install_records;
mod installed;
pub mod journal;
mod legacy;
mod open;
mod parse;

use legacy::Section;
use pincer_sdk::{NoteLevel, StateFacts, StateInfo, StateNote, StateSource};
use std::path::Path;

pub use open::{BUSY_TIMEOUT, OpenError, OpenedAs, open_read_only};

/// How audit events are grouped: by kind, with the messages the gateway
/// skipped (duplicates, a reply already under way) apart as
/// `message_skipped`: they are not blocks by policy, though their status
/// says `blocked`.
const AUDIT_EVENT_KIND: &str = "CASE WHEN kind = 'message' AND message_outcome = 'skipped' THEN 'message_skipped' ELSE kind END";

/// Where OpenClaw 2026.9 keeps its database, under the state dir.
pub const DATABASE: &str = "state/openclaw.sqlite";

/// What the state directory holds: the facts plugins see, and OpenClaw's
/// config journal, which stays in the host (see [`journal`]).
#[derive(Debug, Default)]
pub struct Collected {
    /// The state facts of the `gateway` and `nodes` interfaces.
    pub facts: StateFacts,
    /// The newest config journal records, newest first.
    pub config_journal: Vec<journal::JournalRecord>,
}

/// Reads the state of `state_dir`, as of `now_ms` (for the event counts
/// of the last day and week).
pub fn collect(state_dir: &Path, now_ms: i64) -> Collected {
    let (mut facts, machine_state, config_journal) = collect_records(state_dir, now_ms);
    facts.gateway.install_records = install_records::collect(state_dir, &machine_state);
    facts.gateway.installed_extensions = installed::extensions(state_dir);
    facts.gateway.installed_plugin_ids =
        installed::manifest_ids(state_dir, &facts.gateway.installed_extensions);
    match installed::mcporter_servers(state_dir) {
        Ok(servers) => facts.gateway.mcporter_servers = servers,
        Err(note) => facts.gateway.info.notes.push(note),
    }
    Collected {
        facts,
        config_journal,
    }
}

/// The records of the database, or of the legacy files, the database's
/// install-record rows and its config journal.
fn collect_records(
    state_dir: &Path,
    now_ms: i64,
) -> (
    StateFacts,
    Vec<(String, String)>,
    Vec<journal::JournalRecord>,
) {
    let database = state_dir.join(DATABASE);
    if std::fs::symlink_metadata(&database).is_ok() {
        let read = read_database(&database, now_ms);
        let mut facts = read.facts;
        legacy::fill_gaps(state_dir, &read.gaps, &mut facts);
        return (facts, read.machine_state, read.config_journal);
    }
    if let Some(facts) = legacy::read(state_dir) {
        return (facts, Vec::new(), Vec::new());
    }
    let mut facts = StateFacts::default();
    facts.gateway.info.notes.push(StateNote {
        level: NoteLevel::Info,
        message: format!(
            "no state database at {} and no legacy state files: a fresh installation, or \
             not the gateway's state dir; no paired devices or gateway history to check",
            database.display()
        ),
    });
    (facts, Vec::new(), Vec::new())
}

/// What [`read_database`] read.
struct DatabaseRead {
    facts: StateFacts,
    /// The sections its schema lacks.
    gaps: Vec<Section>,
    /// Its install-record rows.
    machine_state: Vec<(String, String)>,
    config_journal: Vec<journal::JournalRecord>,
}

/// Reads the database.
fn read_database(path: &Path, now_ms: i64) -> DatabaseRead {
    let mut facts = StateFacts::default();
    facts.gateway.info = StateInfo {
        source: StateSource::Database,
        path: Some(path.display().to_string()),
        ..StateInfo::default()
    };
    let mut reader = Reader {
        path,
        notes: Vec::new(),
        gaps: Vec::new(),
        failed: false,
    };
    let connection = match open_read_only(path) {
        Ok((connection, _)) => connection,
        Err(error) => {
            reader.error(describe_open_error(&error));
            facts.gateway.info.notes = reader.notes;
            return DatabaseRead {
                facts,
                gaps: Vec::new(),
                machine_state: Vec::new(),
                config_journal: Vec::new(),
            };
        }
    };
    let db = &connection;
    if let Some(version) = reader.section("schema version", None, || db::schema_version(db)) {
        facts.gateway.info.schema_version = Some(version);
        if version != db::KNOWN_SCHEMA_VERSION {
            let age = if version < db::KNOWN_SCHEMA_VERSION {
                "older"
            } else {
                "newer"
            };
            reader.info(format!(
                "{}: schema version {version} is {age} than the {} this pincer knows \
                 (OpenClaw 2026.9); facts are read as far as the schema has them",
                path.display(),
                db::KNOWN_SCHEMA_VERSION
            ));
        }
    }
    facts.paired = reader
        .section("paired devices", Some(Section::Paired), || {
            db::paired_devices(db)
        })
        .unwrap_or_default();
    facts.pending = reader
        .section("pending pairings", Some(Section::Pending), || {
            db::pending_pairings(db)
        })
        .unwrap_or_default();
    facts.gateway.exec_approvals = reader
        .section("exec approvals", Some(Section::ExecApprovals), || {
            db::exec_approvals(db)
        })
        .flatten();
    facts.gateway.boots = reader
        .section("boot history", None, || db::boots(db))
        .unwrap_or_default();
    facts.gateway.restarts = reader
        .section("restart records", Some(Section::Restarts), || {
            db::restarts(db)
        })
        .unwrap_or_default();
    facts.gateway.channel_allow = reader
        .section("channel allow entries", Some(Section::ChannelAllow), || {
            db::channel_allow(db)
        })
        .unwrap_or_default();
    let mut events = reader
        .section("audit events", None, || {
            db::event_counts(
                db,
                "audit",
                "audit_events",
                AUDIT_EVENT_KIND,
                "occurred_at",
                now_ms,
            )
        })
        .unwrap_or_default();
    events.extend(
        reader
            .section("ingress events", None, || {
                db::event_counts(
                    db,
                    "ingress",
                    "channel_ingress_events",
                    "channel_id",
                    "received_at",
                    now_ms,
                )
            })
            .unwrap_or_default(),
    );
    facts.gateway.events = events;
    let machine_state = reader
        .section("install records", None, || {
            db::machine_state(
                db,
                &[install_records::PLUGIN_ROW, install_records::HOOK_ROW],
            )
        })
        .unwrap_or_default();
    let config_journal = reader
        .section("config journal", None, || journal::read(db))
        .unwrap_or_default();
    facts.gateway.info.notes = reader.notes;
    DatabaseRead {
        facts,
        gaps: reader.gaps,
        machine_state,
        config_journal,
    }
}

/// Reads sections one by one, turning SQLite errors into notes. After the
/// first real failure (lock, corruption) it reads nothing more: each
/// further read would fail the same way, after the same wait.
struct Reader<'a> {
    path: &'a Path,
    notes: Vec<StateNote>,
    gaps: Vec<Section>,
    failed: bool,
}

impl Reader<'_> {
    fn info(&mut self, message: String) {
        self.notes.push(StateNote {
            level: NoteLevel::Info,
            message,
        });
    }

    fn error(&mut self, message: String) {
        self.failed = true;
        self.notes.push(StateNote {
            level: NoteLevel::Error,
            message,
        });
    }

    /// Reads one section; `legacy` names the section legacy files can fill
    /// when the schema lacks it.
    fn section<T>(
        &mut self,
        what: &str,
        legacy: Option<Section>,
        read: impl FnOnce() -> rusqlite::Result<T>,
    ) -> Option<T> {
        if self.failed {
            return None;
        }
        match read() {
            Ok(value) => Some(value),
            Err(error) if is_schema_gap(&error) => {
                self.gaps.extend(legacy);
                self.info(format!(
                    "{}: {what} not read: {error} (an older schema)",
                    self.path.display()
                ));
                None
            }
            Err(error) => {
                self.error(format!(
                    "{}: {what} not read: {}",
                    self.path.display(),
                    describe_sqlite_error(&error)
                ));
                None
            }
        }
    }
}

fn is_schema_gap(error: &rusqlite::Error) -> bool {
    matches!(error, rusqlite::Error::SqliteFailure(_, Some(message))
        if message.starts_with("no such table") || message.starts_with("no such column"))
}

fn describe_sqlite_error(error: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match error.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => format!(
            "the database is locked by another process (waited {} ms); run the audit again \
             once the writer is done",
            BUSY_TIMEOUT.as_millis()
        ),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => format!(
            "the database is corrupt ({error}); check it with `sqlite3 FILE 'PRAGMA integrity_check'`"
        ),
        _ => error.to_string(),
    }
}

fn describe_open_error(error: &OpenError) -> String {
    match error {
        OpenError::Sqlite { path, source } => {
            format!("{}: {}", path.display(), describe_sqlite_error(source))
        }
        other => format!("{other}: the state database cannot be read"),
    }
}

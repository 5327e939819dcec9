//! The installation's state, read-only: `state/openclaw.sqlite` when it
//! exists, else the JSON files of installations from before it. Problems
//! never crash the audit and never pass as an empty state: a missing
//! database, an older schema, a locked or corrupt file each leave a note,
//! and a note of level `error` makes the audit incomplete — so does a
//! state directory that cannot be read, a database that is not
//! OpenClaw's, a WAL whose changes cannot be read, and a section cut to
//! its bound (`bounds.rs`) that checks judge whole.

mod bounds;
mod db;
mod install_records;
mod installed;
pub(crate) mod journal;
mod legacy;
mod open;
mod parse;

use crate::input_file::{EntryKind, ReadError, Within};
use legacy::Section;
use pincer_sdk::{NoteLevel, StateFacts, StateInfo, StateNote, StateSource};
use std::path::Path;

pub(crate) use open::{BUSY_TIMEOUT, OpenError, OpenedAs, open_read_only};

/// How audit events are grouped: by kind, with the messages the gateway
/// skipped (duplicates, a reply already under way) apart as
/// `message_skipped`: they are not blocks by policy, though their status
/// says `blocked`.
const AUDIT_EVENT_KIND: &str = "CASE WHEN kind = 'message' AND message_outcome = 'skipped' THEN 'message_skipped' ELSE kind END";

/// Where OpenClaw 2026.9 keeps its database, under the state dir.
pub(crate) const DATABASE: &str = "state/openclaw.sqlite";

/// What the state directory holds: the facts plugins see, and OpenClaw's
/// config journal, which stays in the host (see [`journal`]).
#[derive(Debug, Default)]
pub(crate) struct Collected {
    /// The state facts of the `gateway` and `nodes` interfaces.
    pub facts: StateFacts,
    /// The newest config journal records, newest first.
    pub config_journal: Vec<journal::JournalRecord>,
}

/// Reads the state of `state_dir`, as of `now_ms` (for the event counts
/// of the last day and week).
pub(crate) fn collect(state_dir: &Path, now_ms: i64) -> Collected {
    let (mut facts, machine_state, config_journal) = collect_records(state_dir, now_ms);
    facts.gateway.install_records = install_records::collect(state_dir, &machine_state);
    facts.gateway.installed_extensions =
        installed::extensions(state_dir, &mut facts.gateway.info.notes);
    facts.gateway.installed_plugin_ids = installed::manifest_ids(
        state_dir,
        &facts.gateway.installed_extensions,
        &mut facts.gateway.info.notes,
    );
    match installed::mcporter_servers(state_dir) {
        Ok(servers) => facts.gateway.mcporter_servers = servers,
        Err(note) => facts.gateway.info.notes.push(note),
    }
    Collected {
        facts,
        config_journal,
    }
}

/// The tables of OpenClaw's database this reader knows: a database with
/// none of them is not the gateway's.
const OPENCLAW_TABLES: &[&str] = &[
    "device_pairing_paired",
    "device_pairing_pending",
    "exec_approvals_config",
    "gateway_boot_lifecycle",
    "gateway_restart_sentinel",
    "gateway_restart_intent",
    "gateway_restart_handoff",
    "channel_pairing_allow_entries",
    "audit_events",
    "channel_ingress_events",
    "config_machine_state",
    "diagnostic_events",
];

/// The facts of a state directory that could not be read at all.
fn unreadable(path: &Path, what: &str, error: &dyn std::fmt::Display) -> StateFacts {
    let mut facts = StateFacts::default();
    facts.gateway.info.notes.push(StateNote {
        level: NoteLevel::Error,
        message: format!(
            "{}: {what} cannot be read ({error}): no paired devices, approvals or gateway \
             history could be checked, so the audit is incomplete",
            path.display()
        ),
    });
    facts
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
    // A state directory that is missing is a fresh installation; one that
    // is there but cannot be listed is not.
    match crate::input_file::list(state_dir, Within::Anywhere, 1) {
        Ok(_) => {}
        Err(ReadError::Missing) => return (fresh(state_dir), Vec::new(), Vec::new()),
        Err(error) => {
            return (
                unreadable(state_dir, "the state directory", &error),
                Vec::new(),
                Vec::new(),
            );
        }
    }
    let database = state_dir.join(DATABASE);
    let present = match crate::input_file::kind(&database, Within::Root(state_dir)) {
        Ok(None) => false,
        Ok(Some(EntryKind::File)) => true,
        Ok(Some(EntryKind::Symlink)) => {
            match crate::input_file::open(&database, Within::Root(state_dir)) {
                Ok(_) => true,
                Err(ReadError::Missing) => false,
                Err(error) => {
                    return (
                        unreadable(&database, "the state database", &error),
                        Vec::new(),
                        Vec::new(),
                    );
                }
            }
        }
        Ok(Some(EntryKind::Dir)) => {
            return (
                unreadable(&database, "the state database", &"a directory, not a file"),
                Vec::new(),
                Vec::new(),
            );
        }
        Ok(Some(EntryKind::Other)) => {
            return (
                unreadable(
                    &database,
                    "the state database",
                    &"a FIFO, socket or device, not a file",
                ),
                Vec::new(),
                Vec::new(),
            );
        }
        Err(error) => {
            return (
                unreadable(&database, "the state database", &error),
                Vec::new(),
                Vec::new(),
            );
        }
    };
    if present {
        // SQLite finds the `-wal` and `-shm` beside the file it opens: the
        // one a link inside the state directory leads to.
        let real = database.canonicalize().unwrap_or_else(|_| database.clone());
        let read = read_database(&real, state_dir, now_ms);
        let mut facts = read.facts;
        let legacy_files = legacy::fill_gaps(state_dir, &read.gaps, &mut facts);
        if read.foreign && !legacy_files {
            facts.gateway.info.notes.push(foreign_database(&real));
        }
        return (facts, read.machine_state, read.config_journal);
    }
    if let Some(facts) = legacy::read(state_dir) {
        return (facts, Vec::new(), Vec::new());
    }
    (fresh(state_dir), Vec::new(), Vec::new())
}

/// The facts of a state directory without a database or legacy files.
fn fresh(state_dir: &Path) -> StateFacts {
    let mut facts = StateFacts::default();
    facts.gateway.info.notes.push(StateNote {
        level: NoteLevel::Info,
        message: format!(
            "no state database at {} and no legacy state files: a fresh installation, or \
             not the gateway's state dir; no paired devices or gateway history to check",
            state_dir.join(DATABASE).display()
        ),
    });
    facts
}

/// What [`read_database`] read.
struct DatabaseRead {
    facts: StateFacts,
    /// The sections its schema lacks.
    gaps: Vec<Section>,
    /// Whether it holds none of [`OPENCLAW_TABLES`].
    foreign: bool,
    /// Its install-record rows.
    machine_state: Vec<(String, String)>,
    config_journal: Vec<journal::JournalRecord>,
}

/// Reads the database at `path`, inside `state_dir`.
fn read_database(path: &Path, state_dir: &Path, now_ms: i64) -> DatabaseRead {
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
    let connection = match open_read_only(path, state_dir) {
        Ok((connection, opened_as)) => {
            if let OpenedAs::UnindexedWal(bytes) = opened_as {
                reader.notes.push(StateNote {
                    level: NoteLevel::Error,
                    message: format!(
                        "{}: its write-ahead log (-wal, {bytes} bytes) has no -shm index beside \
                         it, and reading it would mean writing one: the changes it holds are \
                         not read, so the facts may be stale and the audit is incomplete",
                        path.display()
                    ),
                });
            }
            connection
        }
        Err(error) => {
            reader.error(describe_open_error(&error));
            facts.gateway.info.notes = reader.notes;
            return DatabaseRead {
                facts,
                gaps: Vec::new(),
                foreign: false,
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
    // A database with none of the tables is either a much older one, whose
    // facts the legacy files beside it hold, or not the gateway's at all:
    // which, the caller decides once it knows whether those files exist.
    let foreign = matches!(reader.section("tables", None, || known_tables(db)), Some(0));
    let mut budget = bounds::Budget::default();
    facts.paired = reader
        .rows(
            "paired devices",
            Some(Section::Paired),
            &bounds::PAIRED,
            || db::paired_devices(db, &mut budget),
        )
        .unwrap_or_default();
    facts.pending = reader
        .rows(
            "pending pairings",
            Some(Section::Pending),
            &bounds::PENDING,
            || db::pending_pairings(db, &mut budget),
        )
        .unwrap_or_default();
    facts.gateway.exec_approvals = reader
        .rows(
            "exec approvals",
            Some(Section::ExecApprovals),
            &bounds::Cap {
                what: "exec approvals",
                rows: 1,
                whole: true,
            },
            || db::exec_approvals(db, &mut budget),
        )
        .and_then(|rows| rows.into_iter().next())
        .flatten();
    facts.gateway.boots = reader
        .rows("boot history", None, &bounds::BOOTS, || {
            db::boots(db, &mut budget)
        })
        .unwrap_or_default();
    facts.gateway.restarts = reader
        .rows(
            "restart records",
            Some(Section::Restarts),
            &bounds::RESTARTS,
            || db::restarts(db, &mut budget),
        )
        .unwrap_or_default();
    facts.gateway.channel_allow = reader
        .rows(
            "channel allow entries",
            Some(Section::ChannelAllow),
            &bounds::CHANNEL_ALLOW,
            || db::channel_allow(db, &mut budget),
        )
        .unwrap_or_default();
    let mut events = reader
        .rows("audit events", None, &bounds::EVENTS, || {
            db::event_counts(
                db,
                ("audit", "audit_events", AUDIT_EVENT_KIND, "occurred_at"),
                now_ms,
                &mut budget,
            )
        })
        .unwrap_or_default();
    events.extend(
        reader
            .rows("ingress events", None, &bounds::EVENTS, || {
                db::event_counts(
                    db,
                    (
                        "ingress",
                        "channel_ingress_events",
                        "channel_id",
                        "received_at",
                    ),
                    now_ms,
                    &mut budget,
                )
            })
            .unwrap_or_default(),
    );
    facts.gateway.events = events;
    let machine_state = reader
        .rows("install records", None, &bounds::INSTALL_RECORDS, || {
            db::machine_state(
                db,
                install_records::PLUGIN_ROW,
                install_records::HOOK_ROW,
                &mut budget,
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
        foreign,
        machine_state,
        config_journal,
    }
}

/// The note for a database that holds none of OpenClaw's tables and has no
/// legacy files beside it: the audit cannot have seen the gateway's state.
fn foreign_database(path: &Path) -> StateNote {
    StateNote {
        level: NoteLevel::Error,
        message: format!(
            "{}: holds none of OpenClaw's tables ({} and the rest) and no legacy state files \
             are beside it: not the gateway's state database, so no paired devices, approvals \
             or gateway history were read",
            path.display(),
            OPENCLAW_TABLES[0]
        ),
    }
}

/// How many of [`OPENCLAW_TABLES`] the database has.
fn known_tables(db: &rusqlite::Connection) -> rusqlite::Result<usize> {
    let mut statement = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
    let names = statement.query_map([], |row| row.get::<_, String>(0))?;
    let mut known = 0;
    for name in names {
        if OPENCLAW_TABLES.contains(&name?.as_str()) {
            known += 1;
        }
    }
    Ok(known)
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

    /// Reads one section of rows, bounded by `cap`: a cut leaves a note.
    fn rows<T>(
        &mut self,
        what: &str,
        legacy: Option<Section>,
        cap: &bounds::Cap,
        read: impl FnOnce() -> rusqlite::Result<db::Rows<T>>,
    ) -> Option<Vec<T>> {
        let rows = self.section(what, legacy, read)?;
        if rows.cut {
            self.notes.push(bounds::cut_note(
                cap,
                &self.path.display().to_string(),
                rows.rows.len(),
            ));
        }
        Some(rows.rows)
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

//! OpenClaw's config journal: the records its config I/O keeps in
//! `diagnostic_events` under the scope `config-audit` — every config write
//! (with the paths it changed and the SHA-256 of the file before and
//! after), every external change it noticed, every read. The host uses it
//! to date the gateway credential (`crate::collect::credential_age`).
//!
//! The hashes are digests of a file that holds secrets: they stay in the
//! host, are only compared with the current file's digest, and never reach
//! a plugin, a report or a history entry.

use rusqlite::Connection;

/// The `diagnostic_events` scope of the config journal.
pub(crate) const SCOPE: &str = "config-audit";

/// How many of the newest records are read: the chain of custody the host
/// walks rarely needs more, and the journal keeps up to 50,000.
pub(crate) const MAX_RECORDS: usize = 2_000;

/// One journal record, newest first in [`read`]'s answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct JournalRecord {
    /// When it was recorded (ms since the epoch).
    pub at_ms: i64,
    /// `config.write`, `config.external`, `config.observe`, ...
    pub event: String,
    /// The config file it is about (absolute, as OpenClaw resolved it).
    pub config_path: Option<String>,
    /// A write's result (`rename`, `copy-fallback`, `failed`, `rejected`).
    pub result: Option<String>,
    /// SHA-256 (hex) of the file before a write or external change.
    pub previous_hash: Option<String>,
    /// SHA-256 (hex) of the file after it.
    pub next_hash: Option<String>,
    /// SHA-256 (hex) of the file a read saw.
    pub hash: Option<String>,
    /// The config paths a write or external change touched (at most 64,
    /// the last one a "…+N more" marker when there were more); none when
    /// the record does not say.
    pub changed_paths: Option<Vec<String>>,
    /// How many paths changed in all, when recorded.
    pub changed_path_count: Option<u64>,
    /// An external change whose paths could not be told.
    pub opaque_change: bool,
    /// Whether the config was valid (none when not recorded).
    pub valid: Option<bool>,
}

/// The newest [`MAX_RECORDS`] records of the journal, newest first.
pub(crate) fn read(db: &Connection) -> rusqlite::Result<Vec<JournalRecord>> {
    let mut statement = db.prepare(
        "SELECT created_at, \
         json_extract(payload_json, '$.event'), \
         json_extract(payload_json, '$.configPath'), \
         json_extract(payload_json, '$.result'), \
         json_extract(payload_json, '$.previousHash'), \
         json_extract(payload_json, '$.nextHash'), \
         json_extract(payload_json, '$.hash'), \
         json_extract(payload_json, '$.changedPaths'), \
         json_extract(payload_json, '$.changedPathCount'), \
         json_extract(payload_json, '$.opaqueChange'), \
         json_extract(payload_json, '$.valid') \
         FROM diagnostic_events WHERE scope = ?1 AND json_valid(payload_json) \
         ORDER BY sequence DESC LIMIT ?2",
    )?;
    let limit = i64::try_from(MAX_RECORDS).unwrap_or(i64::MAX);
    let rows = statement.query_map(rusqlite::params![SCOPE, limit], |row| {
        let text = |index| -> rusqlite::Result<Option<String>> {
            Ok(match row.get_ref(index)? {
                rusqlite::types::ValueRef::Text(bytes) => {
                    Some(String::from_utf8_lossy(bytes).into_owned())
                }
                _ => None,
            })
        };
        let flag = |index| -> rusqlite::Result<Option<bool>> {
            Ok(row
                .get::<_, Option<i64>>(index)
                .ok()
                .flatten()
                .map(|v| v != 0))
        };
        let changed_paths = text(7)?.and_then(|json| serde_json::from_str(&json).ok());
        Ok(JournalRecord {
            at_ms: row.get::<_, Option<i64>>(0)?.unwrap_or(0),
            event: text(1)?.unwrap_or_default(),
            config_path: text(2)?,
            result: text(3)?,
            previous_hash: text(4)?,
            next_hash: text(5)?,
            hash: text(6)?,
            changed_paths,
            changed_path_count: row
                .get::<_, Option<i64>>(8)
                .ok()
                .flatten()
                .and_then(|n| u64::try_from(n).ok()),
            opaque_change: flag(9)?.unwrap_or(false),
            valid: flag(10)?,
        })
    })?;
    rows.collect()
}

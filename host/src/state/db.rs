//! Reads the facts checks need from an open `state/openclaw.sqlite`
//! (schema of OpenClaw 2026.9, `user_version` 18). Each section is read on
//! its own, so an older schema that lacks a table or column loses only
//! that section. Secret columns (device tokens, the approval socket token)
//! are turned into markers here and go no further.

use super::parse::{approvals_from_json, json_list, node_surface_from_json, tokens_from_json};
use pincer_sdk::{
    BootRecord, ChannelAllowEntry, EventCount, ExecApprovals, PairedDevice, PendingPairing,
    RestartRecord,
};
use rusqlite::{Connection, Row};

/// The schema version this reader was written against.
pub const KNOWN_SCHEMA_VERSION: i64 = 18;

/// `PRAGMA user_version`.
pub fn schema_version(db: &Connection) -> rusqlite::Result<i64> {
    db.query_row("PRAGMA user_version", [], |row| row.get(0))
}

fn all<T>(
    db: &Connection,
    sql: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut statement = db.prepare(sql)?;
    let rows = statement.query_map([], map)?;
    rows.collect()
}

/// `device_pairing_paired`, oldest pairing first.
pub fn paired_devices(db: &Connection) -> rusqlite::Result<Vec<PairedDevice>> {
    all(
        db,
        "SELECT device_id, display_name, operator_label, platform, client_id, client_mode, \
         role, roles_json, scopes_json, approved_scopes_json, approved_via, created_at_ms, \
         approved_at_ms, last_seen_at_ms, remote_ip, tokens_json, node_surface_json, \
         pending_node_surface_json, device_family \
         FROM device_pairing_paired ORDER BY approved_at_ms, device_id",
        |row| {
            let surface: Option<String> = row.get(16)?;
            Ok(PairedDevice {
                device_id: row.get(0)?,
                display_name: row.get(1)?,
                operator_label: row.get(2)?,
                platform: row.get(3)?,
                client_id: row.get(4)?,
                client_mode: row.get(5)?,
                role: row.get(6)?,
                roles: json_list(row.get::<_, Option<String>>(7)?.as_deref()),
                scopes: json_list(row.get::<_, Option<String>>(8)?.as_deref()),
                approved_scopes: json_list(row.get::<_, Option<String>>(9)?.as_deref()),
                approved_via: row.get(10)?,
                created_at_ms: row.get(11)?,
                approved_at_ms: row.get(12)?,
                last_seen_at_ms: row.get(13)?,
                remote_ip: row.get(14)?,
                tokens: tokens_from_json(row.get::<_, Option<String>>(15)?.as_deref()),
                node: surface.as_deref().and_then(node_surface_from_json),
                pending_node_surface: row.get::<_, Option<String>>(17)?.is_some(),
                device_family: row.get(18)?,
            })
        },
    )
}

/// `device_pairing_pending`, oldest request first.
pub fn pending_pairings(db: &Connection) -> rusqlite::Result<Vec<PendingPairing>> {
    all(
        db,
        "SELECT request_id, device_id, display_name, platform, client_id, client_mode, role, \
         roles_json, scopes_json, remote_ip, is_repair, ts \
         FROM device_pairing_pending ORDER BY ts, request_id",
        |row| {
            Ok(PendingPairing {
                request_id: row.get(0)?,
                device_id: row.get(1)?,
                display_name: row.get(2)?,
                platform: row.get(3)?,
                client_id: row.get(4)?,
                client_mode: row.get(5)?,
                role: row.get(6)?,
                roles: json_list(row.get::<_, Option<String>>(7)?.as_deref()),
                scopes: json_list(row.get::<_, Option<String>>(8)?.as_deref()),
                remote_ip: row.get(9)?,
                is_repair: row.get::<_, Option<i64>>(10)?.unwrap_or(0) != 0,
                requested_at_ms: row.get(11)?,
            })
        },
    )
}

/// The JSON of the `config_machine_state` rows with these keys, as
/// `(key, value_json)`.
pub fn machine_state(db: &Connection, keys: &[&str]) -> rusqlite::Result<Vec<(String, String)>> {
    let rows: Vec<(String, String)> = all(
        db,
        "SELECT state_key, value_json FROM config_machine_state ORDER BY state_key",
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(rows
        .into_iter()
        .filter(|(key, _)| keys.contains(&key.as_str()))
        .collect())
}

/// The singleton row of `exec_approvals_config`; `raw_json` is the source
/// of truth, the other columns only project it.
pub fn exec_approvals(db: &Connection) -> rusqlite::Result<Option<ExecApprovals>> {
    let raw: Vec<String> = all(
        db,
        "SELECT raw_json FROM exec_approvals_config ORDER BY config_key = 'current' DESC LIMIT 1",
        |row| row.get(0),
    )?;
    Ok(raw.first().map(|text| approvals_from_json(text)))
}

/// `gateway_boot_lifecycle`, oldest start first.
pub fn boots(db: &Connection) -> rusqlite::Result<Vec<BootRecord>> {
    all(
        db,
        "SELECT boot_id, pid, started_at_ms, completed_at_ms, outcome, startup_reason, reason \
         FROM gateway_boot_lifecycle ORDER BY started_at_ms, boot_id",
        |row| {
            Ok(BootRecord {
                boot_id: row.get(0)?,
                pid: row.get(1)?,
                started_at_ms: row.get(2)?,
                completed_at_ms: row.get(3)?,
                outcome: row.get(4)?,
                startup_reason: row.get(5)?,
                reason: row.get(6)?,
            })
        },
    )
}

/// Restart sentinels, intents and handoffs, oldest first.
pub fn restarts(db: &Connection) -> rusqlite::Result<Vec<RestartRecord>> {
    let mut records = all(
        db,
        "SELECT 'sentinel', kind, status, ts, NULL FROM gateway_restart_sentinel \
         UNION ALL SELECT 'intent', kind, NULL, created_at, reason FROM gateway_restart_intent \
         UNION ALL SELECT 'handoff', kind, NULL, created_at, reason FROM gateway_restart_handoff",
        |row| {
            Ok(RestartRecord {
                record: row.get(0)?,
                kind: row.get(1)?,
                status: row.get(2)?,
                at_ms: row.get(3)?,
                reason: row.get(4)?,
            })
        },
    )?;
    records.sort_by(|a, b| (a.at_ms, &a.record).cmp(&(b.at_ms, &b.record)));
    Ok(records)
}

/// `channel_pairing_allow_entries`, by channel, account and order.
pub fn channel_allow(db: &Connection) -> rusqlite::Result<Vec<ChannelAllowEntry>> {
    all(
        db,
        "SELECT channel_key, account_id, entry FROM channel_pairing_allow_entries \
         ORDER BY channel_key, account_id, sort_order, entry",
        |row| {
            Ok(ChannelAllowEntry {
                channel: row.get(0)?,
                account_id: row.get(1)?,
                entry: row.get(2)?,
            })
        },
    )
}

/// Counts of one ledger's events by status and `kind_column` (the event
/// kind, or the channel: an SQL expression of the table's columns): in
/// the day and week before `now_ms`, in all, and the newest one's time.
/// `time_column` holds ms since the epoch.
pub fn event_counts(
    db: &Connection,
    ledger: &str,
    table: &str,
    kind_column: &str,
    time_column: &str,
    now_ms: i64,
) -> rusqlite::Result<Vec<EventCount>> {
    const DAY_MS: i64 = 86_400_000;
    let sql = format!(
        "SELECT status, {kind_column}, \
         SUM({time_column} > ?1), SUM({time_column} > ?2), COUNT(*), MAX({time_column}) \
         FROM {table} GROUP BY status, {kind_column} ORDER BY status, {kind_column}"
    );
    let mut statement = db.prepare(&sql)?;
    let rows = statement.query_map([now_ms - DAY_MS, now_ms - 7 * DAY_MS], |row| {
        let count = |index| -> rusqlite::Result<u64> {
            Ok(u64::try_from(row.get::<_, Option<i64>>(index)?.unwrap_or(0)).unwrap_or(0))
        };
        Ok(EventCount {
            ledger: ledger.to_owned(),
            status: row.get(0)?,
            kind: row.get(1)?,
            last_day: count(2)?,
            last_week: count(3)?,
            total: count(4)?,
            latest_at_ms: row.get(5)?,
        })
    })?;
    rows.collect()
}

//! Reads the facts checks need from an open `state/openclaw.sqlite`
//! (schema of OpenClaw 2026.9, `user_version` 18). Each section is read on
//! its own, so an older schema that lacks a table or column loses only
//! that section. Secret columns (device tokens, the approval socket token)
//! are turned into markers here and go no further. Each query reads at
//! most its section's rows plus one, newest first, and draws the bytes it
//! reads from one [`Budget`] (`bounds.rs`), so a huge table is cut, never
//! read whole.

use super::bounds::{self, Budget, Cap};
use super::parse::{approvals_from_json, json_list, node_surface_from_json, tokens_from_json};
use pincer_sdk::{
    BootRecord, ChannelAllowEntry, EventCount, ExecApprovals, PairedDevice, PendingPairing,
    RestartRecord,
};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};

/// The rows of one section, and whether more were left unread.
#[derive(Debug, Default)]
pub(super) struct Rows<T> {
    /// The rows read.
    pub rows: Vec<T>,
    /// Rows were left out (by the section's cap or the byte budget).
    pub cut: bool,
}

impl<T> Rows<T> {
    /// The rows in the opposite order (a newest-first query, oldest first).
    fn reversed(mut self) -> Rows<T> {
        self.rows.reverse();
        self
    }
}

/// The schema version this reader was written against.
pub(super) const KNOWN_SCHEMA_VERSION: i64 = 18;

/// `PRAGMA user_version`.
pub(super) fn schema_version(db: &Connection) -> rusqlite::Result<i64> {
    db.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// The rows of `sql`, whose last parameter (`?N` for the `params` given,
/// plus one) is the row limit: at most `cap.rows` rows and the budget's
/// bytes, `cut` when more were there.
fn all<T>(
    db: &Connection,
    sql: &str,
    params: &[&dyn rusqlite::ToSql],
    cap: &Cap,
    budget: &mut Budget,
    mut map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Rows<T>> {
    let mut statement = db.prepare(sql)?;
    let columns = statement.column_count();
    let limit = i64::try_from(cap.rows + 1).unwrap_or(i64::MAX);
    let mut bound: Vec<&dyn rusqlite::ToSql> = params.to_vec();
    bound.push(&limit);
    let mut query = statement.query(bound.as_slice())?;
    let mut out = Rows {
        rows: Vec::new(),
        cut: false,
    };
    while let Some(row) = query.next()? {
        if out.rows.len() >= cap.rows {
            out.cut = true;
            break;
        }
        let mut bytes = 0usize;
        for index in 0..columns {
            bytes += match row.get_ref(index)? {
                ValueRef::Text(value) | ValueRef::Blob(value) => value.len(),
                _ => 8,
            };
        }
        if bytes > budget.bytes_left {
            out.cut = true;
            break;
        }
        budget.bytes_left -= bytes;
        out.rows.push(map(row)?);
    }
    Ok(out)
}

/// The rows of a newest-first `sql` whose one parameter is the limit (see
/// [`all`]), returned oldest first.
fn oldest_first<T>(
    db: &Connection,
    sql: &str,
    cap: &Cap,
    budget: &mut Budget,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Rows<T>> {
    all(db, sql, &[], cap, budget, map).map(Rows::reversed)
}

/// `device_pairing_paired`, oldest pairing first (the newest
/// [`bounds::PAIRED`] rows).
pub(super) fn paired_devices(
    db: &Connection,
    budget: &mut Budget,
) -> rusqlite::Result<Rows<PairedDevice>> {
    oldest_first(
        db,
        "SELECT device_id, display_name, operator_label, platform, client_id, client_mode, \
         role, roles_json, scopes_json, approved_scopes_json, approved_via, created_at_ms, \
         approved_at_ms, last_seen_at_ms, remote_ip, tokens_json, node_surface_json, \
         pending_node_surface_json, device_family \
         FROM device_pairing_paired ORDER BY approved_at_ms DESC, device_id DESC LIMIT ?1",
        &bounds::PAIRED,
        budget,
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

/// `device_pairing_pending`, oldest request first (the newest
/// [`bounds::PENDING`]).
pub(super) fn pending_pairings(
    db: &Connection,
    budget: &mut Budget,
) -> rusqlite::Result<Rows<PendingPairing>> {
    oldest_first(
        db,
        "SELECT request_id, device_id, display_name, platform, client_id, client_mode, role, \
         roles_json, scopes_json, remote_ip, is_repair, ts \
         FROM device_pairing_pending ORDER BY ts DESC, request_id DESC LIMIT ?1",
        &bounds::PENDING,
        budget,
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

/// The JSON of the `config_machine_state` rows of the install records
/// (`plugin_row`, `hook_row`), as `(key, value_json)`.
pub(super) fn machine_state(
    db: &Connection,
    plugin_row: &str,
    hook_row: &str,
    budget: &mut Budget,
) -> rusqlite::Result<Rows<(String, String)>> {
    all(
        db,
        "SELECT state_key, value_json FROM config_machine_state \
         WHERE state_key IN (?1, ?2) ORDER BY state_key LIMIT ?3",
        &[&plugin_row, &hook_row],
        &bounds::INSTALL_RECORDS,
        budget,
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}

/// The singleton row of `exec_approvals_config`; `raw_json` is the source
/// of truth, the other columns only project it.
pub(super) fn exec_approvals(
    db: &Connection,
    budget: &mut Budget,
) -> rusqlite::Result<Rows<Option<ExecApprovals>>> {
    const ONE: Cap = Cap {
        what: "exec approvals",
        rows: 1,
        whole: true,
    };
    let raw: Rows<String> = all(
        db,
        "SELECT raw_json FROM exec_approvals_config ORDER BY config_key = 'current' DESC \
         LIMIT min(?1, 1)",
        &[],
        &ONE,
        budget,
        |row| row.get(0),
    )?;
    Ok(Rows {
        rows: vec![raw.rows.first().map(|text| approvals_from_json(text))],
        cut: raw.cut,
    })
}

/// `gateway_boot_lifecycle`, oldest start first (the newest
/// [`bounds::BOOTS`]).
pub(super) fn boots(db: &Connection, budget: &mut Budget) -> rusqlite::Result<Rows<BootRecord>> {
    oldest_first(
        db,
        "SELECT boot_id, pid, started_at_ms, completed_at_ms, outcome, startup_reason, reason \
         FROM gateway_boot_lifecycle ORDER BY started_at_ms DESC, boot_id DESC LIMIT ?1",
        &bounds::BOOTS,
        budget,
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

/// Restart sentinels, intents and handoffs, oldest first (the newest
/// [`bounds::RESTARTS`]).
pub(super) fn restarts(
    db: &Connection,
    budget: &mut Budget,
) -> rusqlite::Result<Rows<RestartRecord>> {
    let mut records = all(
        db,
        "SELECT 'sentinel', kind, status, ts, NULL FROM gateway_restart_sentinel \
         UNION ALL SELECT 'intent', kind, NULL, created_at, reason FROM gateway_restart_intent \
         UNION ALL SELECT 'handoff', kind, NULL, created_at, reason FROM gateway_restart_handoff \
         ORDER BY 4 DESC LIMIT ?1",
        &[],
        &bounds::RESTARTS,
        budget,
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
    records
        .rows
        .sort_by(|a, b| (a.at_ms, &a.record).cmp(&(b.at_ms, &b.record)));
    Ok(records)
}

/// `channel_pairing_allow_entries`, by channel, account and order (the
/// first [`bounds::CHANNEL_ALLOW`]).
pub(super) fn channel_allow(
    db: &Connection,
    budget: &mut Budget,
) -> rusqlite::Result<Rows<ChannelAllowEntry>> {
    all(
        db,
        "SELECT channel_key, account_id, entry FROM channel_pairing_allow_entries \
         ORDER BY channel_key, account_id, sort_order, entry LIMIT ?1",
        &[],
        &bounds::CHANNEL_ALLOW,
        budget,
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
pub(super) fn event_counts(
    db: &Connection,
    (ledger, table, kind_column, time_column): (&str, &str, &str, &str),
    now_ms: i64,
    budget: &mut Budget,
) -> rusqlite::Result<Rows<EventCount>> {
    const DAY_MS: i64 = 86_400_000;
    let sql = format!(
        "SELECT status, {kind_column}, \
         SUM({time_column} > ?1), SUM({time_column} > ?2), COUNT(*), MAX({time_column}) \
         FROM {table} GROUP BY status, {kind_column} ORDER BY status, {kind_column} LIMIT ?3"
    );
    let day = now_ms - DAY_MS;
    let week = now_ms - 7 * DAY_MS;
    all(db, &sql, &[&day, &week], &bounds::EVENTS, budget, |row| {
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
    })
}

//! Installations from before the state database (early 2026) keep the same
//! facts in JSON files under the state dir: `devices/paired.json` and
//! `devices/pending.json` (objects keyed by device / request id),
//! `nodes/paired.json` and `nodes/pending.json` (the older node pairing
//! store, one bare `token` per node), `exec-approvals.json`,
//! `credentials/<channel>[-<account>]-allowFrom.json` and
//! `restart-sentinel.json`. They are read into the same facts as the
//! database; every token becomes a marker, pairing codes and bootstrap
//! tokens are never read. A file that does not parse is an `error` note
//! naming its line, never a silently empty view; so is one that is not a
//! regular file, is larger than [`MAX_FILE_BYTES`] or is reached through a
//! symlink leading out of the state directory (it is not followed). Each
//! section is bounded as the database's are (`bounds.rs`).

use super::bounds;
use super::parse::{approvals, marker, node_surface, strings, tokens_from_json};
use crate::input_file::{ReadError, Within};
use pincer_sdk::{
    ChannelAllowEntry, DeviceToken, NoteLevel, PairedDevice, PendingPairing, RestartRecord,
    StateFacts, StateInfo, StateNote, StateSource,
};
use serde_json::{Map, Value};
use std::path::Path;

/// The legacy files, relative to the state dir (allowFrom files are found
/// by name under `credentials/`).
const FILES: &[&str] = &[
    "devices/paired.json",
    "devices/pending.json",
    "nodes/paired.json",
    "nodes/pending.json",
    "exec-approvals.json",
    "restart-sentinel.json",
];

/// The largest legacy file read.
pub(super) const MAX_FILE_BYTES: u64 = 16 << 20;

/// The most `*-allowFrom.json` files read from `credentials/`.
const MAX_ALLOW_FROM_FILES: usize = 1_000;

/// Sections an older database may lack, which legacy files can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    /// Paired devices and nodes.
    Paired,
    /// Pending pairing requests.
    Pending,
    /// Exec approvals.
    ExecApprovals,
    /// Channel allow entries.
    ChannelAllow,
    /// Restart records.
    Restarts,
}

/// Reads the legacy JSON state, if any of its files exists.
pub(super) fn read(state_dir: &Path) -> Option<StateFacts> {
    let mut reader = Legacy::new(state_dir);
    if !reader.any_present() {
        return None;
    }
    let mut facts = StateFacts::default();
    for section in [
        Section::Paired,
        Section::Pending,
        Section::ExecApprovals,
        Section::ChannelAllow,
        Section::Restarts,
    ] {
        reader.fill(section, &mut facts);
    }
    reader.notes.insert(
        0,
        StateNote {
            level: NoteLevel::Info,
            message: format!(
                "{}: no state database; read the JSON state files of OpenClaw before 2026.9 \
                 (`openclaw doctor --fix` imports them)",
                state_dir.display()
            ),
        },
    );
    facts.gateway.info = StateInfo {
        source: StateSource::LegacyFiles,
        path: Some(state_dir.display().to_string()),
        schema_version: None,
        notes: reader.notes,
    };
    Some(facts)
}

/// Fills, from legacy files, the sections an older database did not have;
/// notes legacy files left beside a database (the gateway no longer reads
/// them, but they may still hold tokens in clear). Whether any were there.
pub(super) fn fill_gaps(state_dir: &Path, gaps: &[Section], facts: &mut StateFacts) -> bool {
    let mut reader = Legacy::new(state_dir);
    let present = reader.present();
    if present.is_empty() {
        facts.gateway.info.notes.extend(reader.notes);
        return false;
    }
    for section in gaps {
        reader.fill(*section, facts);
    }
    if gaps.is_empty() {
        reader.notes.push(StateNote {
            level: NoteLevel::Info,
            message: format!(
                "{}: legacy state files beside the database, not imported and not used by the \
                 gateway: {}",
                state_dir.display(),
                present.join(", ")
            ),
        });
    }
    facts.gateway.info.notes.extend(reader.notes);
    true
}

struct Legacy<'a> {
    state_dir: &'a Path,
    notes: Vec<StateNote>,
}

impl<'a> Legacy<'a> {
    fn new(state_dir: &'a Path) -> Self {
        Legacy {
            state_dir,
            notes: Vec::new(),
        }
    }

    /// The legacy files there (as anything: a FIFO or a link out is there
    /// too, and its read says why it was not read).
    fn present(&mut self) -> Vec<String> {
        let mut present: Vec<String> = FILES
            .iter()
            .filter(|file| {
                crate::input_file::kind(&self.state_dir.join(file), Within::Root(self.state_dir))
                    .map_or(true, |kind| kind.is_some())
            })
            .map(|file| (*file).to_owned())
            .collect();
        present.extend(
            self.allow_from_files(false)
                .into_iter()
                .map(|name| format!("credentials/{name}")),
        );
        present
    }

    fn any_present(&mut self) -> bool {
        !self.present().is_empty()
    }

    /// `credentials/*-allowFrom.json` file names, sorted; with `noted`, a
    /// `credentials/` that cannot be listed (or leads out of the state
    /// directory) is a note.
    fn allow_from_files(&mut self, noted: bool) -> Vec<String> {
        let dir = self.state_dir.join("credentials");
        let listing = match crate::input_file::list(&dir, Within::Root(self.state_dir), 100_000) {
            Ok(listing) => listing,
            Err(ReadError::Missing) => return Vec::new(),
            Err(error) => {
                if noted {
                    self.error(format!("{}: {error}", dir.display()));
                }
                return Vec::new();
            }
        };
        let mut names: Vec<String> = listing
            .entries
            .into_iter()
            .filter_map(|entry| entry.name.into_string().ok())
            .filter(|name| name.ends_with("-allowFrom.json"))
            .collect();
        if names.len() > MAX_ALLOW_FROM_FILES {
            if noted {
                self.error(format!(
                    "{}: more than {MAX_ALLOW_FROM_FILES} allowFrom files; only the first are \
                     read",
                    dir.display()
                ));
            }
            names.truncate(MAX_ALLOW_FROM_FILES);
        }
        names
    }

    /// The text of `path`, a file of the state directory; none when
    /// absent, a note when it cannot be read.
    fn text(&mut self, path: &Path) -> Option<String> {
        match crate::input_file::read_text(path, Within::Root(self.state_dir), MAX_FILE_BYTES) {
            Ok(text) => Some(text),
            Err(ReadError::Missing) => None,
            Err(error) => {
                self.error(format!("{}: {error}", path.display()));
                None
            }
        }
    }

    /// The JSON object in `relative`; none when absent, a note when bad.
    fn object(&mut self, relative: &str) -> Option<Map<String, Value>> {
        let path = self.state_dir.join(relative);
        let text = self.text(&path)?;
        match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(object)) => Some(object),
            Ok(_) => {
                self.error(format!("{}: not a JSON object", path.display()));
                None
            }
            Err(error) => {
                self.error(format!(
                    "{}:{}:{}: {error}",
                    path.display(),
                    error.line(),
                    error.column()
                ));
                None
            }
        }
    }

    fn error(&mut self, message: String) {
        self.notes.push(StateNote {
            level: NoteLevel::Error,
            message: format!("legacy state file not read: {message}"),
        });
    }

    fn fill(&mut self, section: Section, facts: &mut StateFacts) {
        let source = self.state_dir.display().to_string();
        match section {
            Section::Paired => {
                facts.paired = self.paired();
                bounds::keep_newest(&mut facts.paired, &bounds::PAIRED, &source, &mut self.notes);
            }
            Section::Pending => {
                facts.pending = self.pending();
                bounds::keep_newest(
                    &mut facts.pending,
                    &bounds::PENDING,
                    &source,
                    &mut self.notes,
                );
            }
            Section::ExecApprovals => {
                facts.gateway.exec_approvals = self
                    .object("exec-approvals.json")
                    .map(|root| approvals(&root));
            }
            Section::ChannelAllow => {
                facts.gateway.channel_allow = self.channel_allow();
                bounds::keep_newest(
                    &mut facts.gateway.channel_allow,
                    &bounds::CHANNEL_ALLOW,
                    &source,
                    &mut self.notes,
                );
            }
            Section::Restarts => facts.gateway.restarts = self.restarts(),
        }
    }

    /// `devices/paired.json`, with `nodes/paired.json` folded in: a node's
    /// surface joins its device; a node without a device record is a
    /// paired device of its own (the gateway of that era trusted it).
    fn paired(&mut self) -> Vec<PairedDevice> {
        let mut devices: Vec<PairedDevice> = self
            .object("devices/paired.json")
            .unwrap_or_default()
            .iter()
            .filter_map(|(id, record)| Some(device(id, record.as_object()?)))
            .collect();
        for (id, record) in self.object("nodes/paired.json").unwrap_or_default() {
            let Some(record) = record.as_object() else {
                continue;
            };
            let token = DeviceToken {
                role: "node".to_owned(),
                scopes: Vec::new(),
                created_at_ms: millis(record, "createdAtMs"),
                rotated_at_ms: None,
                last_used_at_ms: millis(record, "lastConnectedAtMs"),
                revoked_at_ms: None,
                secret: marker(record.get("token")),
            };
            match devices.iter_mut().find(|d| d.device_id == id.trim()) {
                Some(device) => {
                    if device.node.is_none() {
                        device.node = node_surface(&Value::Object(record.clone()));
                    }
                    if !device.tokens.iter().any(|t| t.role == "node") {
                        device.tokens.push(token);
                    }
                }
                None => devices.push(PairedDevice {
                    device_id: id.trim().to_owned(),
                    display_name: text(record, "displayName"),
                    platform: text(record, "platform"),
                    device_family: text(record, "deviceFamily"),
                    role: Some("node".to_owned()),
                    roles: vec!["node".to_owned()],
                    created_at_ms: millis(record, "createdAtMs"),
                    approved_at_ms: millis(record, "approvedAtMs"),
                    last_seen_at_ms: millis(record, "lastConnectedAtMs"),
                    remote_ip: text(record, "remoteIp"),
                    tokens: vec![token],
                    node: node_surface(&Value::Object(record.clone())),
                    ..PairedDevice::default()
                }),
            }
        }
        devices.sort_by(|a, b| {
            (a.approved_at_ms, &a.device_id).cmp(&(b.approved_at_ms, &b.device_id))
        });
        devices
    }

    /// `devices/pending.json` and `nodes/pending.json`.
    fn pending(&mut self) -> Vec<PendingPairing> {
        let mut requests = Vec::new();
        for (file, device_key) in [
            ("devices/pending.json", "deviceId"),
            ("nodes/pending.json", "nodeId"),
        ] {
            for (id, record) in self.object(file).unwrap_or_default() {
                let Some(record) = record.as_object() else {
                    continue;
                };
                requests.push(PendingPairing {
                    request_id: id.trim().to_owned(),
                    device_id: text(record, device_key).unwrap_or_default(),
                    display_name: text(record, "displayName"),
                    platform: text(record, "platform"),
                    client_id: text(record, "clientId"),
                    client_mode: text(record, "clientMode"),
                    role: text(record, "role")
                        .or_else(|| (device_key == "nodeId").then(|| "node".to_owned())),
                    roles: record.get("roles").map(strings).unwrap_or_default(),
                    scopes: record.get("scopes").map(strings).unwrap_or_default(),
                    remote_ip: text(record, "remoteIp"),
                    is_repair: record.get("isRepair").and_then(Value::as_bool) == Some(true),
                    requested_at_ms: millis(record, "ts"),
                });
            }
        }
        requests.sort_by(|a, b| {
            (a.requested_at_ms, &a.request_id).cmp(&(b.requested_at_ms, &b.request_id))
        });
        requests
    }

    /// `credentials/<channel>[-<account>]-allowFrom.json`: a bare array or
    /// `{ version, allowFrom }`; `*` and blank entries are dropped.
    fn channel_allow(&mut self) -> Vec<ChannelAllowEntry> {
        let mut entries = Vec::new();
        for name in self.allow_from_files(true) {
            let stem = name.trim_end_matches("-allowFrom.json");
            let (channel, account) = stem.split_once('-').unwrap_or((stem, "default"));
            let path = self.state_dir.join("credentials").join(&name);
            let Some(text) = self.text(&path) else {
                continue;
            };
            let list = match serde_json::from_str::<Value>(&text) {
                Ok(Value::Array(items)) => items,
                Ok(Value::Object(mut object)) => match object.remove("allowFrom") {
                    Some(Value::Array(items)) => items,
                    _ => Vec::new(),
                },
                Ok(_) => Vec::new(),
                Err(error) => {
                    self.error(format!(
                        "{}:{}:{}: {error}",
                        path.display(),
                        error.line(),
                        error.column()
                    ));
                    continue;
                }
            };
            for item in list {
                let entry = match item {
                    Value::String(text) => text.trim().to_owned(),
                    Value::Number(number) => number.to_string(),
                    _ => continue,
                };
                if !entry.is_empty() && entry != "*" {
                    entries.push(ChannelAllowEntry {
                        channel: channel.to_owned(),
                        account_id: account.to_owned(),
                        entry,
                    });
                }
            }
        }
        entries
    }

    /// `restart-sentinel.json`: `{ version, payload: { kind, status, ts } }`.
    fn restarts(&mut self) -> Vec<RestartRecord> {
        let Some(root) = self.object("restart-sentinel.json") else {
            return Vec::new();
        };
        let Some(payload) = root.get("payload").and_then(Value::as_object) else {
            return Vec::new();
        };
        vec![RestartRecord {
            record: "sentinel".to_owned(),
            kind: text(payload, "kind").unwrap_or_default(),
            status: text(payload, "status"),
            at_ms: millis(payload, "ts").unwrap_or(0),
            reason: None,
        }]
    }
}

fn text(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn millis(object: &Map<String, Value>, key: &str) -> Option<i64> {
    object.get(key).and_then(Value::as_i64)
}

/// One `devices/paired.json` record; the map key is the device id.
fn device(id: &str, record: &Map<String, Value>) -> PairedDevice {
    let tokens = record
        .get("tokens")
        .map(|tokens| tokens_from_json(Some(&tokens.to_string())))
        .unwrap_or_default();
    PairedDevice {
        device_id: id.trim().to_owned(),
        display_name: text(record, "displayName"),
        operator_label: text(record, "operatorLabel"),
        platform: text(record, "platform"),
        device_family: text(record, "deviceFamily"),
        client_id: text(record, "clientId"),
        client_mode: text(record, "clientMode"),
        role: text(record, "role"),
        roles: record.get("roles").map(strings).unwrap_or_default(),
        scopes: record.get("scopes").map(strings).unwrap_or_default(),
        approved_scopes: record
            .get("approvedScopes")
            .map(strings)
            .unwrap_or_default(),
        approved_via: text(record, "approvedVia"),
        created_at_ms: millis(record, "createdAtMs"),
        approved_at_ms: millis(record, "approvedAtMs"),
        last_seen_at_ms: millis(record, "lastSeenAtMs"),
        remote_ip: text(record, "remoteIp"),
        tokens,
        node: record.get("nodeSurface").and_then(node_surface),
        pending_node_surface: record
            .get("pendingNodeSurface")
            .is_some_and(Value::is_object),
    }
}

//! What each recorded run shows, shared by the history's table and its
//! HTML page: when it ran, which installation, and what changed since the
//! same installation's run before.

use crate::history::entry::Entry;
use std::path::PathBuf;

pub(crate) fn when(ms: u64) -> String {
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms);
    humantime::format_rfc3339_seconds(time).to_string()
}

pub(crate) fn short_digest(entry: &Entry) -> &str {
    entry.posture.config_digest.get(..12).unwrap_or("")
}

/// What changed in the posture since the run before, in a few words, and
/// the drift checks the run reported.
pub(crate) fn change(previous: Option<&Entry>, entry: &Entry) -> String {
    let mut parts = Vec::new();
    match previous {
        None => parts.push("first run".to_owned()),
        Some(previous) => {
            if previous.posture.config_digest != entry.posture.config_digest {
                parts.push("config changed".to_owned());
            }
            let nodes_before = previous.posture.nodes.len();
            let nodes_now = entry.posture.nodes.len();
            if nodes_before != nodes_now {
                parts.push(format!("nodes {nodes_before}→{nodes_now}"));
            }
        }
    }
    let drift = entry.drift_checks();
    if !drift.is_empty() {
        let names: Vec<&str> = drift
            .iter()
            .map(|id| id.strip_prefix("drift.").unwrap_or(id))
            .collect();
        parts.push(format!("drift: {}", names.join(", ")));
    }
    if parts.is_empty() {
        "-".to_owned()
    } else {
        parts.join("; ")
    }
}

/// Each run with the run before it of the same installation.
pub(crate) fn with_previous(entries: &[(PathBuf, Entry)]) -> Vec<(Option<&Entry>, &Entry)> {
    entries
        .iter()
        .enumerate()
        .map(|(index, (_, entry))| {
            let previous = entries[..index]
                .iter()
                .rev()
                .map(|(_, earlier)| earlier)
                .find(|earlier| earlier.same_installation(entry));
            (previous, entry)
        })
        .collect()
}

/// Whether the runs audited more than one installation: two entries that
/// are not of the same one.
pub(crate) fn several_installations(entries: &[(PathBuf, Entry)]) -> bool {
    entries.iter().enumerate().any(|(index, (_, entry))| {
        entries[..index]
            .iter()
            .any(|(_, earlier)| !earlier.same_installation(entry))
    })
}

/// An installation as the table names it: its config file, and its state
/// directory when that is not the directory the config file is in.
pub(crate) fn installation(entry: &Entry) -> String {
    let config_dir = std::path::Path::new(&entry.config).parent();
    match &entry.state_dir {
        Some(dir) if config_dir != Some(std::path::Path::new(dir)) => {
            format!("{} ({dir})", entry.config)
        }
        _ => entry.config.clone(),
    }
}

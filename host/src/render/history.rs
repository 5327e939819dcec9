//! `pincer history` output: a table (one line a run: counts, the drift
//! checks it reported, what changed since the same installation's run
//! before), JSON (the runs without their reports) and a self-contained
//! HTML page whose inline SVG chart shows critical, warning and drift
//! counts over time. A directory shared by several installations shows
//! which one each run audited.

use crate::history::entry::Entry;
use serde_json::json;
use std::io::{self, Write};
use std::path::PathBuf;

pub(super) fn when(ms: u64) -> String {
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms);
    humantime::format_rfc3339_seconds(time).to_string()
}

pub(super) fn short_digest(entry: &Entry) -> &str {
    entry.posture.config_digest.get(..12).unwrap_or("")
}

/// What changed in the posture since the run before, in a few words, and
/// the drift checks the run reported.
pub(super) fn change(previous: Option<&Entry>, entry: &Entry) -> String {
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
pub(super) fn with_previous(entries: &[(PathBuf, Entry)]) -> Vec<(Option<&Entry>, &Entry)> {
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
pub(super) fn several_installations(entries: &[(PathBuf, Entry)]) -> bool {
    entries.iter().enumerate().any(|(index, (_, entry))| {
        entries[..index]
            .iter()
            .any(|(_, earlier)| !earlier.same_installation(entry))
    })
}

/// An installation as the table names it: its config file, and its state
/// directory when that is not the directory the config file is in.
pub(super) fn installation(entry: &Entry) -> String {
    let config_dir = std::path::Path::new(&entry.config).parent();
    match &entry.state_dir {
        Some(dir) if config_dir != Some(std::path::Path::new(dir)) => {
            format!("{} ({dir})", entry.config)
        }
        _ => entry.config.clone(),
    }
}

/// One line a run, oldest first.
pub(crate) fn table(entries: &[(PathBuf, Entry)], out: &mut dyn Write) -> io::Result<()> {
    if entries.is_empty() {
        return writeln!(out, "no recorded audits");
    }
    let several = several_installations(entries);
    let width = if several {
        entries
            .iter()
            .map(|(_, entry)| installation(entry).chars().count())
            .max()
            .unwrap_or(0)
            .max("installation".len())
    } else {
        0
    };
    let column = |text: &str| {
        if several {
            format!("{text:<width$}  ")
        } else {
            String::new()
        }
    };
    writeln!(
        out,
        "{:<20}  {:>8}  {:>4}  {:>4}  {:>5}  {:<10}  {:<12}  {}changes",
        "when (UTC)",
        "critical",
        "warn",
        "info",
        "drift",
        "complete",
        "config",
        column("installation")
    )?;
    for (previous, entry) in with_previous(entries) {
        writeln!(
            out,
            "{:<20}  {:>8}  {:>4}  {:>4}  {:>5}  {:<10}  {:<12}  {}{}",
            when(entry.recorded_at_ms),
            entry.summary.critical,
            entry.summary.warn,
            entry.summary.info,
            entry.drift_findings,
            if entry.complete { "yes" } else { "INCOMPLETE" },
            short_digest(entry),
            column(&installation(entry)),
            change(previous, entry)
        )?;
    }
    Ok(())
}

/// The runs as JSON, without their reports.
pub(crate) fn json(entries: &[(PathBuf, Entry)], out: &mut dyn Write) -> io::Result<()> {
    let runs: Vec<_> = entries
        .iter()
        .map(|(path, entry)| {
            json!({
                "file": path.display().to_string(),
                "recordedAt": when(entry.recorded_at_ms),
                "recordedAtMs": entry.recorded_at_ms,
                "config": entry.config,
                "summary": entry.summary,
                "complete": entry.complete,
                "driftFindings": entry.drift_findings,
                "driftChecks": entry.drift_checks(),
                "configDigest": entry.posture.config_digest,
                "pairedNodes": entry.posture.nodes.len(),
                "criticalChecks": entry.posture.critical_checks,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &json!({ "runs": runs })).map_err(io::Error::other)?;
    writeln!(out)
}

/// The runs as one HTML page with a trend chart (`html/history.rs`).
pub(crate) fn html(entries: &[(PathBuf, Entry)], out: &mut dyn Write) -> io::Result<()> {
    super::html::history::page(entries, out)
}

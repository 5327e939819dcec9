//! `pincer history` output: a table (one line a run: counts, the drift
//! checks it reported, what changed since the same installation's run
//! before), JSON (the runs without their reports) and a self-contained
//! HTML page whose inline SVG chart shows critical, warning and drift
//! counts over time. A directory shared by several installations shows
//! which one each run audited.

use super::history_rows::{
    change, installation, several_installations, short_digest, when, with_previous,
};
use crate::history::entry::Entry;
use serde_json::json;
use std::io::{self, Write};
use std::path::PathBuf;

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

//! `pincer history` output: a table (one line a run: counts, the drift
//! checks it reported, what changed since the same installation's run
//! before), JSON (the runs without their reports) and a self-contained
//! HTML page whose inline SVG chart shows critical, warning and drift
//! counts over time. A directory shared by several installations shows
//! which one each run audited.

use super::entry::Entry;
use serde_json::json;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

fn when(ms: u64) -> String {
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms);
    humantime::format_rfc3339_seconds(time).to_string()
}

fn short_digest(entry: &Entry) -> &str {
    entry.posture.config_digest.get(..12).unwrap_or("")
}

/// What changed in the posture since the run before, in a few words, and
/// the drift checks the run reported.
fn change(previous: Option<&Entry>, entry: &Entry) -> String {
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
fn with_previous(entries: &[(PathBuf, Entry)]) -> Vec<(Option<&Entry>, &Entry)> {
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
fn several_installations(entries: &[(PathBuf, Entry)]) -> bool {
    entries.iter().enumerate().any(|(index, (_, entry))| {
        entries[..index]
            .iter()
            .any(|(_, earlier)| !earlier.same_installation(entry))
    })
}

/// An installation as the table names it: its config file, and its state
/// directory when that is not the directory the config file is in.
fn installation(entry: &Entry) -> String {
    let config_dir = std::path::Path::new(&entry.config).parent();
    match &entry.state_dir {
        Some(dir) if config_dir != Some(std::path::Path::new(dir)) => {
            format!("{} ({dir})", entry.config)
        }
        _ => entry.config.clone(),
    }
}

/// One line a run, oldest first.
pub fn table(entries: &[(PathBuf, Entry)], out: &mut dyn Write) -> io::Result<()> {
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
pub fn json(entries: &[(PathBuf, Entry)], out: &mut dyn Write) -> io::Result<()> {
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

/// Text safe inside HTML.
fn escape(text: &str) -> String {
    crate::report::html::escape(text)
}

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}\
table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:right}\
td:first-child,th:first-child,td:last-child,th:last-child{text-align:left}\
.crit{stroke:#b00020;fill:none;stroke-width:2}.warn{stroke:#c77700;fill:none;stroke-width:2}\
.drift{stroke:#3f51b5;fill:none;stroke-width:2;stroke-dasharray:4 3}\
.axis{stroke:#999}.legend-crit{color:#b00020}.legend-warn{color:#c77700}.legend-drift{color:#3f51b5}";

/// The inline SVG trend chart of critical, warning and drift counts.
fn chart(entries: &[(PathBuf, Entry)]) -> String {
    let (width, height, pad) = (720.0_f64, 220.0_f64, 30.0_f64);
    let max = entries
        .iter()
        .map(|(_, e)| e.summary.critical.max(e.summary.warn).max(e.drift_findings))
        .max()
        .unwrap_or(0)
        .max(1);
    let count = entries.len().max(2) - 1;
    let point = |index: usize, value: usize| {
        #[allow(clippy::cast_precision_loss)]
        let x = pad + (width - 2.0 * pad) * index as f64 / count as f64;
        #[allow(clippy::cast_precision_loss)]
        let y = height - pad - (height - 2.0 * pad) * value as f64 / max as f64;
        format!("{x:.1},{y:.1}")
    };
    let line = |pick: fn(&Entry) -> usize| {
        entries
            .iter()
            .enumerate()
            .map(|(i, (_, e))| point(i, pick(e)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "<svg role=\"img\" aria-label=\"critical, warning and drift findings per run\" width=\"{width}\" \
         height=\"{height}\" viewBox=\"0 0 {width} {height}\">\
         <line class=\"axis\" x1=\"{pad}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\"/>\
         <line class=\"axis\" x1=\"{pad}\" y1=\"{pad}\" x2=\"{pad}\" y2=\"{b}\"/>\
         <text x=\"2\" y=\"{t}\">{max}</text><text x=\"2\" y=\"{b}\">0</text>\
         <polyline class=\"crit\" points=\"{crit}\"/><polyline class=\"warn\" points=\"{warn}\"/>\
         <polyline class=\"drift\" points=\"{drift}\"/></svg>",
        b = height - pad,
        r = width - pad,
        t = pad + 4.0,
        crit = line(|e| e.summary.critical),
        warn = line(|e| e.summary.warn),
        drift = line(|e| e.drift_findings),
    )
}

/// A self-contained page: the chart, then the table of runs. No script;
/// the Content-Security-Policy admits only its own inline style.
pub fn html(entries: &[(PathBuf, Entry)], out: &mut dyn Write) -> io::Result<()> {
    use base64::Engine as _;
    use sha2::Digest as _;
    let style_hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(STYLE.as_bytes()));
    let several = several_installations(entries);
    let mut rows = String::new();
    for (previous, entry) in with_previous(entries) {
        let installation = if several {
            format!("{}: ", escape(&installation(entry)))
        } else {
            String::new()
        };
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{installation}{}</td></tr>",
            escape(&when(entry.recorded_at_ms)),
            entry.summary.critical,
            entry.summary.warn,
            entry.summary.info,
            entry.drift_findings,
            if entry.complete { "yes" } else { "INCOMPLETE" },
            escape(&change(previous, entry))
        );
    }
    let config = if several {
        "several installations".to_owned()
    } else {
        entries
            .last()
            .map(|(_, e)| escape(&e.config))
            .unwrap_or_default()
    };
    write!(
        out,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{style_hash}'\">\
         <title>Pincer audit history</title><style>{STYLE}</style></head><body>\
         <h1>Audit history</h1><p>{config} — {runs} run(s). \
         <span class=\"legend-crit\">■ critical</span> <span class=\"legend-warn\">■ warn</span> \
         <span class=\"legend-drift\">■ drift</span></p>\
         {chart}<table><thead><tr><th>when (UTC)</th><th>critical</th><th>warn</th><th>info</th>\
         <th>drift</th><th>complete</th><th>changes</th></tr></thead><tbody>{rows}</tbody></table>\
         </body></html>",
        runs = entries.len(),
        chart = chart(entries),
    )?;
    writeln!(out)
}

//! The audit history as one HTML page: a trend chart of critical, warning
//! and drift counts (inline SVG), then the table of runs. No script; the
//! Content-Security-Policy admits only its own inline style.

use super::{csp_hash, escape};
use crate::history::entry::Entry;
use crate::render::history_rows::{
    change, installation, several_installations, when, with_previous,
};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

const STYLE: &str = include_str!("history.css");

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
        #[allow(
            clippy::cast_precision_loss,
            reason = "run counts and finding counts are far below 2^52"
        )]
        let x = pad + (width - 2.0 * pad) * index as f64 / count as f64;
        #[allow(
            clippy::cast_precision_loss,
            reason = "run counts and finding counts are far below 2^52"
        )]
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
pub(crate) fn page(entries: &[(PathBuf, Entry)], out: &mut dyn Write) -> io::Result<()> {
    let style_hash = csp_hash(STYLE);
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
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {style_hash}\">\
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

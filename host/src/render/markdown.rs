//! The Markdown renderer, for a ticket or a pull-request comment: the
//! verdict and counts, the findings most severe first in one table (check,
//! title, detail, the config line it points at, fix), then failed plugins
//! and notes, and the suppressed findings folded away with what suppressed
//! them. Everything a plugin wrote (and every name read off the machine) is
//! rendered as text: sanitized, then every ASCII punctuation character
//! backslash-escaped, so that no image, link, autolink, raw HTML, entity,
//! mention, emphasis or table cell border can come out of it. A finding of
//! a plugin that is not a built-in says whose it is.

use crate::report::model::{Report, ReportFinding};
use pincer_sdk::Severity;
use std::io::{self, Write};

/// Text as inert Markdown on one line (a table cell, a list item).
fn cell(text: &str) -> String {
    crate::text::markdown(text)
}

/// Text of several lines as inert Markdown in one cell, its lines joined by
/// line breaks.
fn lines(text: &str) -> String {
    text.lines().map(cell).collect::<Vec<_>>().join("<br>")
}

/// An id or a path in monospace, escaped like any text (a code span would
/// keep backslashes and end at the first backtick).
fn code(text: &str) -> String {
    format!("<code>{}</code>", cell(text))
}

fn badge(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "🔴 critical",
        Severity::Warn => "🟠 warn",
        Severity::Info => "🔵 info",
    }
}

fn table(report: &Report, findings: &[ReportFinding], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "| severity | check | finding | where | fix |")?;
    writeln!(out, "| --- | --- | --- | --- | --- |")?;
    for finding in findings {
        let location = finding
            .annotations
            .location
            .as_ref()
            .map_or_else(String::new, |at| code(&format!("{}:{}", at.file, at.line)));
        let origin = if report.is_builtin(&finding.plugin) {
            String::new()
        } else {
            format!("<br><sub>plugin {}</sub>", cell(&finding.plugin))
        };
        let suppressed = finding
            .annotations
            .suppressed_by
            .as_ref()
            .map_or_else(String::new, |by| {
                format!("<br>_suppressed by {}_", cell(&by.describe()))
            });
        let changed = finding
            .annotations
            .severity_override
            .as_ref()
            .map_or_else(String::new, |o| {
                format!("<br>_severity {}_", cell(&o.describe()))
            });
        writeln!(
            out,
            "| {} | {}{origin} | **{}**<br>{}{suppressed}{changed} | {location} | {} |",
            badge(finding.finding.severity),
            code(&finding.finding.check_id),
            cell(&finding.finding.title),
            lines(&finding.finding.detail),
            lines(finding.finding.remediation.as_deref().unwrap_or(""))
        )?;
    }
    Ok(())
}

/// Writes the report as Markdown.
pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Pincer audit of {}\n", code(&report.target.config))?;
    let verdict = if report.complete {
        "complete"
    } else {
        "**incomplete**: some checks did not run (see below)"
    };
    writeln!(
        out,
        "**{} critical · {} warn · {} info** — {verdict}\n",
        report.summary.critical, report.summary.warn, report.summary.info
    )?;
    if report.findings.is_empty() {
        writeln!(out, "No findings.")?;
    } else {
        table(report, &report.findings, out)?;
    }
    let failed: Vec<_> = report
        .plugins
        .iter()
        .filter_map(|plugin| Some((plugin, plugin.failure.as_ref()?)))
        .collect();
    if !failed.is_empty() {
        writeln!(out, "\n### Plugins that failed\n")?;
        for (plugin, failure) in failed {
            writeln!(
                out,
                "- {}: {}",
                code(&plugin.name),
                cell(&failure.to_string())
            )?;
        }
    }
    if !report.notes.is_empty() {
        writeln!(out, "\n### Notes\n")?;
        for note in &report.notes {
            writeln!(out, "- {:?}: {}", note.level, cell(&note.message))?;
        }
    }
    if !report.suppressed_findings.is_empty() {
        writeln!(
            out,
            "\n<details><summary>{} suppressed finding(s)</summary>\n",
            report.suppressed_findings.len()
        )?;
        table(report, &report.suppressed_findings, out)?;
        writeln!(out, "\n</details>")?;
    }
    writeln!(
        out,
        "\n<sub>{} {} · {} plugins</sub>",
        report.tool.name,
        report.tool.version,
        report.plugins.len()
    )
}

//! The Markdown renderer, for a ticket or a pull-request comment: the
//! verdict and counts, the findings most severe first in one table (check,
//! title, detail, the config line it points at, fix), then failed plugins
//! and notes, and the suppressed findings folded away with what suppressed
//! them.

use super::model::{Report, ReportFinding};
use pincer_sdk::Severity;
use std::io::{self, Write};

/// Text made safe for one Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn badge(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "🔴 critical",
        Severity::Warn => "🟠 warn",
        Severity::Info => "🔵 info",
    }
}

fn table(findings: &[ReportFinding], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "| severity | check | finding | where | fix |")?;
    writeln!(out, "| --- | --- | --- | --- | --- |")?;
    for finding in findings {
        let location = finding.location.as_ref().map_or_else(String::new, |at| {
            format!("`{}:{}`", cell(&at.file), at.line)
        });
        let suppressed = finding
            .suppressed_by
            .as_ref()
            .map_or_else(String::new, |by| {
                format!("<br>_suppressed by {}_", cell(&by.describe()))
            });
        let changed = finding
            .severity_override
            .as_ref()
            .map_or_else(String::new, |o| {
                format!("<br>_severity {}_", cell(&o.describe()))
            });
        writeln!(
            out,
            "| {} | `{}` | **{}**<br>{}{suppressed}{changed} | {location} | {} |",
            badge(finding.severity),
            cell(&finding.check_id),
            cell(&finding.title),
            cell(&finding.detail),
            cell(finding.remediation.as_deref().unwrap_or(""))
        )?;
    }
    Ok(())
}

/// Writes the report as Markdown.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "## Pincer audit of `{}`\n",
        cell(&report.target.config)
    )?;
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
        table(&report.findings, out)?;
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
                "- `{}`: {}",
                cell(&plugin.name),
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
        table(&report.suppressed_findings, out)?;
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

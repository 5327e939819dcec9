//! The audit report as one self-contained HTML page — summary, severity
//! and category charts (inline SVG), the findings table with filters, the
//! suppressed findings, plugin status and notes. No external asset; a
//! Content-Security-Policy allows only this page's own style and script
//! (by hash), so text from the audited config can never run as code.

use super::{chart, csp_hash, escape};
use crate::report::model::{PluginState, Report, ReportFinding};
use pincer_sdk::Severity;
use std::collections::BTreeSet;
use std::io::{self, Write};
use std::time::{Duration, UNIX_EPOCH};

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("filter.js");

/// The category of the check behind a finding (`other` when undeclared).
fn category(report: &Report, finding: &ReportFinding) -> String {
    report
        .check_index(&finding.plugin, &finding.finding.check_id)
        .map_or_else(
            || "other".to_owned(),
            |i| report.checks[i].info.category.clone(),
        )
}

/// Writes the report as one HTML page.
pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let title = format!("Pincer audit of {}", report.target.config);
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {}; script-src {}; base-uri 'none'; form-action 'none'\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        csp_hash(STYLE),
        csp_hash(SCRIPT),
        escape(&title)
    )?;
    render_header(report, &title, out)?;
    writeln!(out, "<main>")?;
    render_summary(report, out)?;
    render_findings(report, out)?;
    render_suppressed(report, out)?;
    render_plugins(report, out)?;
    render_notes(report, out)?;
    writeln!(out, "</main>")?;
    writeln!(
        out,
        "<footer>{} {} · schema {}</footer>",
        report.tool.name, report.tool.version, report.schema_version
    )?;
    writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>")
}

fn render_header(report: &Report, title: &str, out: &mut dyn Write) -> io::Result<()> {
    let when = u64::try_from(report.ts)
        .ok()
        .and_then(|ms| UNIX_EPOCH.checked_add(Duration::from_millis(ms)))
        .map_or_else(String::new, |time| {
            humantime::format_rfc3339_seconds(time).to_string()
        });
    let verdict = if report.complete {
        "<span class=\"verdict complete\">complete</span>"
    } else {
        "<span class=\"verdict incomplete\">incomplete: some checks did not run</span>"
    };
    writeln!(
        out,
        "<header><div class=\"inner\"><h1>{}</h1>\
         <div class=\"meta\">state directory <code>{}</code> · {when}</div>{verdict}</div></header>",
        escape(title),
        escape(&report.target.state_dir)
    )
}

fn render_summary(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    writeln!(
        out,
        "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">"
    )?;
    for (class, label, count) in [
        ("critical", "critical", s.critical),
        ("warn", "warn", s.warn),
        ("info", "info", s.info),
        ("suppressed", "suppressed", report.suppressed_findings.len()),
        ("plugins", "plugins", report.plugins.len()),
    ] {
        writeln!(
            out,
            "<div class=\"card {class}\"><span class=\"count\" id=\"count-{class}\">{count}</span>{label}</div>"
        )?;
    }
    writeln!(out, "</div>")?;
    if let Some(baseline) = &report.baseline {
        writeln!(
            out,
            "<p>Against <code>{}</code>: <strong>{} new</strong>, {} more severe, {} known, {} resolved.</p>",
            escape(&baseline.file),
            baseline.new,
            baseline.escalated,
            baseline.known,
            baseline.resolved
        )?;
    }
    let by_category = chart::by_category(report, |finding| category(report, finding));
    writeln!(out, "<div class=\"charts\">")?;
    chart::severity(&report.summary, out)?;
    chart::categories(&by_category, out)?;
    writeln!(out, "</div></section>")
}

fn render_findings(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let total = report.findings.len();
    writeln!(out, "<section><h2>Findings</h2>")?;
    let categories: BTreeSet<String> = report
        .findings
        .iter()
        .map(|finding| category(report, finding))
        .collect();
    writeln!(out, "<div class=\"filters\">")?;
    for severity in [Severity::Critical, Severity::Warn, Severity::Info] {
        let name = severity.as_str();
        writeln!(
            out,
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{name}\" checked> {name}</label>"
        )?;
    }
    writeln!(
        out,
        "<label>category <select id=\"category\"><option value=\"\">all</option>"
    )?;
    for name in &categories {
        let name = escape(name);
        writeln!(out, "<option value=\"{name}\">{name}</option>")?;
    }
    writeln!(
        out,
        "</select></label>\
         <input type=\"search\" id=\"query\" placeholder=\"filter by text\" aria-label=\"filter by text\">\
         <span id=\"shown\">Showing {total} of {total} findings</span></div>"
    )?;
    let baseline = report.baseline.is_some();
    writeln!(
        out,
        "<table id=\"findings\"><thead><tr><th>severity</th><th>check</th><th>finding</th>\
         <th>where</th><th>fix</th>{}</tr></thead><tbody>",
        if baseline { "<th>baseline</th>" } else { "" }
    )?;
    for finding in &report.findings {
        let severity = finding.finding.severity.as_str();
        write!(
            out,
            "<tr data-severity=\"{severity}\" data-category=\"{}\">\
             <td class=\"sev {severity}\">{severity}</td><td><code>{}</code><br><span class=\"meta\">{}</span></td>\
             <td><strong>{}</strong><div class=\"detail\">{}</div>{}</td><td>{}</td><td>{}</td>",
            escape(&category(report, finding)),
            escape(&finding.finding.check_id),
            escape(&finding.plugin),
            escape(&finding.finding.title),
            escape(&finding.finding.detail),
            finding.annotations.severity_override.as_ref().map_or_else(
                String::new,
                |changed| format!(
                    "<div class=\"meta\">severity {}</div>",
                    escape(&changed.describe())
                )
            ),
            location(finding),
            escape(finding.finding.remediation.as_deref().unwrap_or(""))
        )?;
        if baseline {
            let state = finding
                .annotations
                .baseline
                .map_or("", crate::report::baseline::BaselineState::as_str);
            write!(out, "<td><span class=\"badge {state}\">{state}</span></td>")?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table>")?;
    if total == 0 {
        writeln!(out, "<p>No findings.</p>")?;
    }
    writeln!(out, "</section>")
}

/// `file:line` and the config path, when known.
fn location(finding: &ReportFinding) -> String {
    match &finding.annotations.location {
        Some(at) => format!(
            "<code>{}:{}</code><br><code>{}</code>",
            escape(&at.file),
            at.line,
            escape(&at.config_path)
        ),
        None => finding
            .finding
            .config_paths
            .first()
            .map_or_else(String::new, |path| format!("<code>{}</code>", escape(path))),
    }
}

fn render_suppressed(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.suppressed_findings.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section><details><summary><h2>Suppressed ({})</h2></summary>\
         <table><thead><tr><th>severity</th><th>check</th><th>finding</th><th>where</th><th>suppressed by</th></tr></thead><tbody>",
        report.suppressed_findings.len()
    )?;
    for finding in &report.suppressed_findings {
        let severity = finding.finding.severity.as_str();
        let by = finding
            .annotations
            .suppressed_by
            .as_ref()
            .map_or_else(String::new, |by| escape(&by.describe()));
        writeln!(
            out,
            "<tr><td class=\"sev {severity}\">{severity}</td><td><code>{}</code></td>\
             <td><strong>{}</strong><div class=\"detail\">{}</div></td><td>{}</td><td>{by}</td></tr>",
            escape(&finding.finding.check_id),
            escape(&finding.finding.title),
            escape(&finding.finding.detail),
            location(finding)
        )?;
    }
    writeln!(out, "</tbody></table></details></section>")
}

fn render_plugins(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<section><h2>Plugins</h2><table id=\"plugins\"><thead><tr><th>plugin</th><th>version</th>\
         <th>status</th><th>findings</th><th>time</th><th>source</th></tr></thead><tbody>"
    )?;
    for plugin in &report.plugins {
        let status = match (&plugin.status, &plugin.failure) {
            (PluginState::Failed, Some(failure)) => format!(
                "<span class=\"failed\">failed</span>: {}",
                escape(&failure.to_string())
            ),
            (PluginState::Failed, None) => "<span class=\"failed\">failed</span>".to_owned(),
            (PluginState::Ok, _) => "ok".to_owned(),
        };
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{status}</td><td>{}</td><td>{:.1} ms</td><td><code>{}</code></td></tr>",
            escape(&plugin.name),
            escape(plugin.version.as_deref().unwrap_or("")),
            plugin.findings,
            plugin.duration_ms,
            escape(&plugin.source)
        )?;
    }
    writeln!(out, "</tbody></table></section>")
}

fn render_notes(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.notes.is_empty() {
        return Ok(());
    }
    writeln!(out, "<section><h2>Notes</h2><ul>")?;
    for note in &report.notes {
        writeln!(out, "<li>{:?}: {}</li>", note.level, escape(&note.message))?;
    }
    writeln!(out, "</ul></section>")
}

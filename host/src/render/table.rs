//! The human renderer: findings grouped by severity, one line each with the
//! check id, title and the config line it points at; with `-v`, the detail,
//! the fix and the suppressed findings too; plugin failures; a summary line.
//! Writes ANSI styles; the caller's stream strips them when not on a TTY or
//! when `NO_COLOR` is set. Every text it prints passes [`text::line`] once
//! more (what plugins say was sanitized when it was read; names read off
//! the machine were not), so nothing printed can act on the terminal; a
//! finding of a plugin that is not a built-in says whose it is.

use crate::report::model::{PluginState, Report, ReportFinding};
use crate::text;
use anstyle::{AnsiColor, Style};
use pincer_sdk::{NoteLevel, Severity};
use std::io::{self, Write};

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Critical => AnsiColor::Red.on_default().bold(),
        Severity::Warn => AnsiColor::Yellow.on_default().bold(),
        Severity::Info => AnsiColor::Cyan.on_default(),
    }
}

const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();

/// How much the table says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Detail {
    /// One line a finding.
    #[default]
    Brief,
    /// Each finding's detail and fix, and the suppressed findings.
    Verbose,
}

impl Detail {
    /// `Verbose` when `verbose` (`-v`), else `Brief`.
    pub(crate) fn verbose_if(verbose: bool) -> Detail {
        if verbose {
            Detail::Verbose
        } else {
            Detail::Brief
        }
    }
}

/// `text` as one inert line.
fn shown(text: &str) -> String {
    text::shown(text)
}

/// `  file:line` of a finding (dimmed), when known.
fn location(finding: &ReportFinding) -> String {
    finding
        .annotations
        .location
        .as_ref()
        .map_or_else(String::new, |l| {
            format!("  {DIM}{}:{}{DIM:#}", shown(&l.file), l.line)
        })
}

/// `  [plugin NAME]` for a finding no built-in plugin reported.
fn origin(report: &Report, finding: &ReportFinding) -> String {
    if report.is_builtin(&finding.plugin) {
        String::new()
    } else {
        format!("  {DIM}[plugin {}]{DIM:#}", shown(&finding.plugin))
    }
}

fn render_finding(
    report: &Report,
    finding: &ReportFinding,
    style: Style,
    width: usize,
    detail: Detail,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "  {style}{:<width$}{style:#}  {}{}{}",
        shown(&finding.finding.check_id),
        shown(&finding.finding.title),
        origin(report, finding),
        location(finding)
    )?;
    if detail == Detail::Verbose {
        for line in finding.finding.detail.lines() {
            writeln!(out, "  {:<width$}  {DIM}{}{DIM:#}", "", shown(line))?;
        }
        if let Some(remediation) = &finding.finding.remediation {
            for (index, line) in remediation.lines().enumerate() {
                let label = if index == 0 { "fix: " } else { "     " };
                writeln!(out, "  {:<width$}  {DIM}{label}{}{DIM:#}", "", shown(line))?;
            }
        }
        if let Some(changed) = &finding.annotations.severity_override {
            writeln!(
                out,
                "  {:<width$}  {DIM}severity {}{DIM:#}",
                "",
                shown(&changed.describe())
            )?;
        }
    }
    Ok(())
}

/// Writes the report as a table with the given detail.
pub(crate) fn render_with(report: &Report, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{BOLD}pincer audit{BOLD:#} {DIM}{}{DIM:#}",
        shown(&report.target.config)
    )?;
    for pack in &report.packs {
        writeln!(
            out,
            "{DIM}with rule pack {} {} ({}){DIM:#}",
            shown(&pack.name),
            shown(&pack.version),
            shown(&pack.dir)
        )?;
    }
    let width = report
        .findings
        .iter()
        .map(|f| f.finding.check_id.len())
        .max()
        .unwrap_or(0);
    for severity in [Severity::Critical, Severity::Warn, Severity::Info] {
        let group: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.finding.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        let style = severity_style(severity);
        writeln!(out)?;
        writeln!(
            out,
            "{style}{} ({}){style:#}",
            severity.as_str().to_uppercase(),
            group.len()
        )?;
        for finding in group {
            render_finding(report, finding, style, width, detail, out)?;
        }
    }
    let failed: Vec<_> = report
        .plugins
        .iter()
        .filter(|p| p.status == PluginState::Failed)
        .collect();
    if !failed.is_empty() {
        let style = severity_style(Severity::Critical);
        writeln!(out)?;
        writeln!(
            out,
            "{style}INCOMPLETE: {} plugin(s) failed{style:#}",
            failed.len()
        )?;
        for plugin in failed {
            let reason = plugin
                .failure
                .as_ref()
                .map_or_else(String::new, ToString::to_string);
            writeln!(
                out,
                "  {style}{}{style:#} ({}) {}",
                shown(&plugin.name),
                shown(&plugin.source),
                shown(&reason)
            )?;
        }
    }
    render_notes(report, out)?;
    render_suppressed(report, detail, out)?;
    let total_ms: f64 = report.plugins.iter().map(|p| p.duration_ms).sum();
    let s = &report.summary;
    writeln!(out)?;
    writeln!(
        out,
        "{} critical, {} warn, {} info {DIM}from {} plugin(s) in {total_ms:.1} ms of plugin time{DIM:#}",
        s.critical,
        s.warn,
        s.info,
        report.plugins.len()
    )?;
    if let Some(baseline) = &report.baseline {
        writeln!(
            out,
            "against {}: {BOLD}{} new{BOLD:#}, {} more severe, {} known, {} resolved",
            shown(&baseline.file),
            baseline.new,
            baseline.escalated,
            baseline.known,
            baseline.resolved
        )?;
    }
    if report.findings.is_empty() && report.complete {
        writeln!(out, "{BOLD}No findings.{BOLD:#}")?;
    } else if detail == Detail::Brief && !report.findings.is_empty() {
        writeln!(out, "{DIM}-v shows each finding's detail and fix{DIM:#}")?;
    }
    Ok(())
}

/// The suppressed findings: a count, or with `-v` each with what
/// suppressed it and why.
fn render_suppressed(report: &Report, detail: Detail, out: &mut dyn Write) -> io::Result<()> {
    let suppressed = &report.suppressed_findings;
    if suppressed.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{DIM}SUPPRESSED ({}){DIM:#}", suppressed.len())?;
    if detail == Detail::Brief {
        let mut sources: Vec<&str> = suppressed
            .iter()
            .filter_map(|f| {
                f.annotations
                    .suppressed_by
                    .as_ref()
                    .map(|by| by.source.as_str())
            })
            .collect();
        sources.sort_unstable();
        sources.dedup();
        writeln!(out, "  {DIM}by {}{DIM:#}", shown(&sources.join(", ")))?;
        return Ok(());
    }
    let width = suppressed
        .iter()
        .map(|f| f.finding.check_id.len())
        .max()
        .unwrap_or(0);
    for finding in suppressed {
        writeln!(
            out,
            "  {DIM}{:<width$}  {}{DIM:#}{}{}",
            shown(&finding.finding.check_id),
            shown(&finding.finding.title),
            origin(report, finding),
            location(finding)
        )?;
        if let Some(by) = &finding.annotations.suppressed_by {
            writeln!(
                out,
                "  {:<width$}  {DIM}by {}{DIM:#}",
                "",
                shown(&by.describe())
            )?;
        }
    }
    Ok(())
}

/// What the host noticed while reading the installation; errors first, as
/// they make the audit incomplete.
fn render_notes(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.notes.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    for level in [NoteLevel::Error, NoteLevel::Info] {
        for note in report.notes.iter().filter(|note| note.level == level) {
            match level {
                NoteLevel::Error => {
                    let style = severity_style(Severity::Critical);
                    writeln!(out, "{style}INCOMPLETE:{style:#} {}", shown(&note.message))?;
                }
                NoteLevel::Info => writeln!(out, "{DIM}note: {}{DIM:#}", shown(&note.message))?,
            }
        }
    }
    Ok(())
}

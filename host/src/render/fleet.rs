//! The combined report of a fleet audit: one entry per target, in the
//! order given, each with its own report (or the error that stopped it) and
//! exit code; totals over the fleet; JSON and table renderers.

use crate::error::exit;
use crate::report::model::{Report, SCHEMA_VERSION, Summary, TargetInfo, Tool};
use anstyle::Style;
use serde::Serialize;
use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

/// One target of the fleet.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FleetEntry {
    /// What was audited.
    pub target: TargetInfo,
    /// This target's exit code, as a single audit of it would return.
    pub exit_code: u8,
    /// Why it could not be audited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Its report, when it was audited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
}

impl FleetEntry {
    /// A target that was audited.
    pub(crate) fn audited(report: Report, exit_code: u8) -> FleetEntry {
        FleetEntry {
            target: report.target.clone(),
            exit_code,
            error: None,
            report: Some(report),
        }
    }

    /// A target that could not be audited.
    pub(crate) fn failed(target: TargetInfo, error: &str, exit_code: u8) -> FleetEntry {
        FleetEntry {
            target,
            exit_code,
            error: Some(error.to_owned()),
            report: None,
        }
    }
}

/// How many targets ended each way.
#[derive(Debug, Clone, Copy, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FleetCounts {
    /// Targets audited.
    pub targets: usize,
    /// Nothing at or above `--fail-on`.
    pub clean: usize,
    /// Findings at or above `--fail-on`.
    pub failing: usize,
    /// A plugin failed or facts were missing.
    pub incomplete: usize,
    /// Could not be read (bad config, unreadable file).
    pub errors: usize,
}

/// The whole fleet report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FleetReport {
    /// Always `fleet`: tells this report from a single audit's.
    pub kind: &'static str,
    /// Milliseconds since the Unix epoch.
    pub ts: u128,
    /// Version of the JSON shape (each target's report has its own too).
    pub schema_version: u32,
    /// The tool.
    pub tool: Tool,
    /// Findings by severity over every audited target.
    pub summary: Summary,
    /// Targets by outcome.
    pub fleet: FleetCounts,
    /// Every target, in the order given.
    pub targets: Vec<FleetEntry>,
}

impl FleetReport {
    /// The report over these entries.
    pub(crate) fn new(targets: Vec<FleetEntry>) -> FleetReport {
        let mut summary = Summary::default();
        let mut fleet = FleetCounts {
            targets: targets.len(),
            ..FleetCounts::default()
        };
        for entry in &targets {
            if let Some(report) = &entry.report {
                summary.critical += report.summary.critical;
                summary.warn += report.summary.warn;
                summary.info += report.summary.info;
            }
            match entry.exit_code {
                exit::CLEAN => fleet.clean += 1,
                exit::FINDINGS => fleet.failing += 1,
                exit::INCOMPLETE => fleet.incomplete += 1,
                _ => fleet.errors += 1,
            }
        }
        FleetReport {
            kind: "fleet",
            ts: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis()),
            schema_version: SCHEMA_VERSION,
            tool: Tool {
                name: "pincer",
                version: env!("CARGO_PKG_VERSION"),
            },
            summary,
            fleet,
            targets,
        }
    }

    /// The fleet's exit code: 2 when any target could not be read, else 3
    /// when any audit is incomplete, else 1 when any target has findings at
    /// or above `--fail-on`, else 0. Every target's own code is in its entry.
    pub(crate) fn exit_code(&self) -> u8 {
        if self.fleet.errors > 0 {
            exit::INPUT
        } else if self.fleet.incomplete > 0 {
            exit::INCOMPLETE
        } else if self.fleet.failing > 0 {
            exit::FINDINGS
        } else {
            exit::CLEAN
        }
    }
}

/// Writes the fleet report as JSON.
pub(crate) fn render_json(report: &FleetReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    writeln!(out)
}

/// Writes each target's table in turn, then the fleet's totals.
pub(crate) fn render_table(
    report: &FleetReport,
    detail: super::table::Detail,
    out: &mut dyn Write,
) -> io::Result<()> {
    const BOLD: Style = Style::new().bold();
    for entry in &report.targets {
        match (&entry.report, &entry.error) {
            (Some(target_report), _) => super::table::render_with(target_report, detail, out)?,
            (None, error) => writeln!(
                out,
                "{BOLD}pincer audit{BOLD:#} {}\n  error: {}",
                entry.target.config,
                error.as_deref().unwrap_or("not audited")
            )?,
        }
        writeln!(out)?;
    }
    let counts = report.fleet;
    writeln!(
        out,
        "{BOLD}fleet{BOLD:#}: {} installations: {} clean, {} with findings at or above --fail-on, \
         {} incomplete, {} not readable; {} critical, {} warn, {} info in all",
        counts.targets,
        counts.clean,
        counts.failing,
        counts.incomplete,
        counts.errors,
        report.summary.critical,
        report.summary.warn,
        report.summary.info
    )
}

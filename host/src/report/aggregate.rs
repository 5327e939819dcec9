//! Turns plugin runs into one report: findings tagged with their plugin,
//! exact duplicates merged, sorted deterministically, counted; the exit
//! code follows `--fail-on` and completeness.

use super::model::{
    DeclaredCheck, HostResources, PluginOutput, PluginState, PluginStatus, Report, ReportFinding,
    SCHEMA_VERSION, Summary, TargetInfo, Tool,
};
use crate::error::exit;
use crate::runtime::PluginRun;
use pincer_sdk::{NoteLevel, Severity, StateNote};
use std::cmp::Reverse;
use std::time::{SystemTime, UNIX_EPOCH};

/// Builds the report of one audit. `notes` say what the host noticed while
/// reading the installation; one of level `error` (facts missing) makes the
/// audit incomplete, as a failed plugin does.
pub(super) fn aggregate(runs: Vec<PluginRun>, target: TargetInfo, notes: Vec<StateNote>) -> Report {
    let mut findings = Vec::new();
    let mut plugins = Vec::with_capacity(runs.len());
    let mut checks = Vec::new();
    for run in runs {
        if let Some(info) = &run.info {
            checks.extend(info.checks.iter().map(|check| DeclaredCheck {
                plugin: info.name.clone(),
                info: check.clone(),
            }));
        }
        let name = run
            .info
            .as_ref()
            .map_or_else(|| run.source.clone(), |info| info.name.clone());
        plugins.push(PluginStatus {
            name: name.clone(),
            version: run.info.as_ref().map(|info| info.version.clone()),
            source: run.source.clone(),
            builtin: run.builtin.is_some(),
            notes: run
                .info
                .as_ref()
                .map(|info| info.notes.clone())
                .unwrap_or_default(),
            status: if run.failure.is_some() {
                PluginState::Failed
            } else {
                PluginState::Ok
            },
            failure: run.failure,
            findings: run.findings.len(),
            duration_ms: run.duration.as_secs_f64() * 1_000.0,
            fuel_used: run.fuel_used,
            sha256: run.sha256,
            compiled: run.compiled,
            output: output_of(
                run.stdout,
                run.stderr,
                run.output_truncated,
                run.logs,
                run.logs_dropped,
            ),
        });
        findings.extend(
            run.findings
                .into_iter()
                .map(|finding| ReportFinding::new(finding, name.clone())),
        );
    }
    sort_findings(&mut findings);
    // Only a plugin's own repeats merge: no plugin's finding can stand in
    // for another's.
    findings.dedup_by(|a, b| {
        a.plugin == b.plugin
            && a.finding.check_id == b.finding.check_id
            && a.finding.severity == b.finding.severity
            && a.finding.detail == b.finding.detail
            && a.finding.title == b.finding.title
    });
    let summary = summarize(&findings);
    let complete = plugins.iter().all(|p| p.status == PluginState::Ok)
        && notes.iter().all(|note| note.level != NoteLevel::Error);
    Report {
        ts: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis()),
        summary,
        findings,
        suppressed_findings: Vec::new(),
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "pincer",
            version: env!("CARGO_PKG_VERSION"),
        },
        target,
        complete,
        notes,
        plugins,
        host: HostResources {
            peak_rss_kib: peak_rss_kib(),
        },
        checks,
        packs: Vec::new(),
        baseline: None,
    }
}

fn output_of(
    stdout: String,
    stderr: String,
    truncated: bool,
    logs: Vec<crate::runtime::state::LogLine>,
    logs_dropped: usize,
) -> Option<PluginOutput> {
    let empty = stdout.is_empty() && stderr.is_empty() && logs.is_empty() && logs_dropped == 0;
    (!empty).then_some(PluginOutput {
        stdout,
        stderr,
        truncated,
        logs,
        logs_dropped,
    })
}

/// The process's peak resident set size, from `/proc/self/status` (Linux).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The report's order: most severe first, then by check id, detail and
/// plugin, so two runs over the same input print the same report.
pub(super) fn sort_findings(findings: &mut [ReportFinding]) {
    findings.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
}

fn order_key(reported: &ReportFinding) -> (Reverse<Severity>, &str, &str, &str) {
    let finding = &reported.finding;
    (
        Reverse(finding.severity),
        &finding.check_id,
        &finding.detail,
        &reported.plugin,
    )
}

/// Counts `findings` by severity.
pub(super) fn summarize(findings: &[ReportFinding]) -> Summary {
    let mut summary = Summary::default();
    for finding in findings {
        match finding.finding.severity {
            Severity::Critical => summary.critical += 1,
            Severity::Warn => summary.warn += 1,
            Severity::Info => summary.info += 1,
        }
    }
    summary
}

/// The exit code of a report: 3 when incomplete (unless allowed), 1 when a
/// finding is at or above `fail_on` (`None` = never), else 0.
pub(crate) fn exit_code(report: &Report, fail_on: Option<Severity>, allow_incomplete: bool) -> u8 {
    if !report.complete && !allow_incomplete {
        return exit::INCOMPLETE;
    }
    // Against a baseline, only what is new or got more severe can fail.
    let counts = |finding: &ReportFinding| {
        !matches!(
            finding.annotations.baseline,
            Some(super::baseline::BaselineState::Known)
        )
    };
    let failing = fail_on.is_some_and(|threshold| {
        report
            .findings
            .iter()
            .any(|f| f.finding.severity >= threshold && counts(f))
    });
    if failing { exit::FINDINGS } else { exit::CLEAN }
}

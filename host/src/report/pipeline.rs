//! The one order in which a report is made: the plugins' runs merged
//! (their own repeats folded), then each pass moves, adds or annotates
//! findings — pack overrides and disabled checks, the config's suppressions,
//! locations, new critical findings, the `pincer.toml` rules — and
//! [`finish`] sorts and counts once, at the end. A `--baseline` marks the
//! finished report ([`against_baseline`]); it changes no order or count.

use super::aggregate::{aggregate, sort_findings, summarize};
use super::baseline::RecordedFinding;
use super::model::{AppliedPack, Report, TargetInfo};
use super::passes::{self, new_critical::PreviousRun};
use crate::collect::config::SourceNode;
use crate::collect::config::validity::ConfigIssue;
use crate::policy::pack::policy::Policy;
use crate::policy::suppress::Suppression;
use crate::policy::suppress::rules::{self, Rule};
use crate::runtime::PluginRun;
use pincer_sdk::StateNote;
use std::path::Path;

/// What the passes take besides the runs: the operator's policy and what
/// the host kept of the installation and its history.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PassInputs<'a> {
    /// The rule packs applied, as the report lists them.
    pub packs: &'a [AppliedPack],
    /// Their severity overrides and disabled checks.
    pub policy: &'a Policy,
    /// The audited config's `security.audit.suppressions`.
    pub config_suppressions: &'a [Suppression],
    /// Why OpenClaw would refuse the config (audited with
    /// `--allow-invalid`).
    pub config_issues: &'a [ConfigIssue],
    /// Where each config key was written.
    pub sources: &'a SourceNode,
    /// The last recorded run, with `--history`.
    pub previous: Option<&'a PreviousRun>,
    /// The `[[suppress]]` rules of `pincer.toml`.
    pub rules: &'a [Rule],
    /// Today (`YYYY-MM-DD`), which the rules' expiry is judged against.
    pub today: &'a str,
}

/// The report of one audit: `runs` merged, every pass applied in order,
/// finished. `notes` are what the host noticed reading the installation.
pub(crate) fn report(
    runs: Vec<PluginRun>,
    target: TargetInfo,
    notes: Vec<StateNote>,
    inputs: &PassInputs<'_>,
) -> Report {
    let mut report = aggregate(runs, target, notes);
    report.packs = inputs.packs.to_vec();
    passes::pack::apply(&mut report, inputs.policy);
    passes::config_suppressions::apply(&mut report, inputs.config_suppressions);
    passes::config_invalid::apply(&mut report, inputs.config_issues);
    passes::locate::apply(&mut report, inputs.sources);
    if let Some(previous) = inputs.previous {
        passes::new_critical::apply(&mut report, previous, &|reported| {
            rules::suppresses(inputs.rules, &reported.finding, inputs.today)
        });
    }
    passes::rules::apply(&mut report, inputs.rules, inputs.today);
    finish(&mut report);
    report
}

/// Sorts the findings (and the suppressed ones) into the report's order
/// and counts them: the only place either is done after the merge.
pub(crate) fn finish(report: &mut Report) {
    sort_findings(&mut report.findings);
    sort_findings(&mut report.suppressed_findings);
    report.summary = summarize(&report.findings);
}

/// Marks each finding of the finished `report` against a `--baseline`
/// report read from `file`.
pub(crate) fn against_baseline(report: &mut Report, file: &Path, baseline: &[RecordedFinding]) {
    passes::baseline::apply(report, file, baseline);
}

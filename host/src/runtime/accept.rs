//! Holds a plugin's findings to the contract and the limits: at most
//! `max-findings` of them and `max-finding-bytes` of their text (over
//! either, none is kept; the lift itself is bounded by the hostcall fuel of
//! the `run()` call, so the host never copies more than that), each id
//! concrete, in the grammar and declared (found through the plugin's id
//! index: checking is linear in the findings), each with a title; every
//! field sanitized and cut to its bound. This work counts against the
//! plugin's deadline like the call that produced the findings.

use super::Limits;
use super::bindings::current::pincer::audit::types as wit;
use super::deadline::Deadline;
use super::failure::Failure;
use super::ids;
use super::info::{PluginInfo, severity_from_wit};
use crate::text;
use pincer_sdk::Finding;

/// Bytes kept of a finding's title.
const MAX_TITLE: usize = 512;
/// Bytes kept of a finding's detail and of its remediation.
const MAX_PROSE: usize = 64 << 10;
/// Config paths kept per finding, and bytes of each.
const MAX_PATHS: usize = 64;
const MAX_PATH: usize = 512;
/// Config paths per finding allowed for in the lift bound.
const PATHS_IN_BOUND: usize = 8;

/// The bytes the host may copy out of a plugin for its `run()` answer: the
/// findings' text and the lists that hold it.
pub(crate) fn lift_bytes(limits: &Limits) -> usize {
    let per_finding = std::mem::size_of::<wit::Finding>()
        + PATHS_IN_BOUND.saturating_mul(std::mem::size_of::<String>());
    usize::try_from(limits.max_finding_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(
            limits
                .max_findings
                .saturating_add(1)
                .saturating_mul(per_finding),
        )
}

fn text_bytes(finding: &wit::Finding) -> u64 {
    let bytes = finding.check_id.len()
        + finding.title.len()
        + finding.detail.len()
        + finding.remediation.as_ref().map_or(0, String::len)
        + finding.config_paths.iter().map(String::len).sum::<usize>();
    u64::try_from(bytes).unwrap_or(u64::MAX)
}

/// The findings that keep the contract, and the first violation if any.
pub(crate) fn accept(
    info: &PluginInfo,
    findings: Vec<wit::Finding>,
    limits: &Limits,
    deadline: &Deadline,
) -> (Vec<Finding>, Option<Failure>) {
    if findings.len() > limits.max_findings {
        let message = format!(
            "returned {} findings, over the cap of {}",
            findings.len(),
            limits.max_findings
        );
        return (Vec::new(), Some(Failure::FindingsLimit(message)));
    }
    let total: u64 = findings.iter().map(text_bytes).sum();
    if total > limits.max_finding_bytes {
        let message = format!(
            "returned {total} bytes of findings, over the cap of {}",
            limits.max_finding_bytes
        );
        return (Vec::new(), Some(Failure::FindingsLimit(message)));
    }
    let mut accepted = Vec::with_capacity(findings.len());
    let mut failure = None;
    for finding in findings {
        let check_id = text::line(&finding.check_id, ids::MAX_ID_BYTES + 1);
        let problem = if let Some(problem) = ids::concrete_problem(&check_id) {
            Some(format!(
                "reported check id `{check_id}`, which is refused: {problem}"
            ))
        } else if !info.declares(&check_id) {
            Some(format!("reported undeclared check id `{check_id}`"))
        } else if finding.title.trim().is_empty() {
            Some(format!("reported `{check_id}` without a title"))
        } else {
            None
        };
        if let Some(problem) = problem {
            failure.get_or_insert(Failure::InvalidOutput(problem));
            continue;
        }
        accepted.push(Finding {
            check_id,
            severity: severity_from_wit(finding.severity),
            title: text::line(&finding.title, MAX_TITLE),
            detail: text::block(&finding.detail, MAX_PROSE),
            remediation: finding.remediation.map(|r| text::block(&r, MAX_PROSE)),
            config_paths: finding
                .config_paths
                .iter()
                .take(MAX_PATHS)
                .map(|path| text::line(path, MAX_PATH))
                .collect(),
        });
    }
    if deadline.passed() {
        let message = "wall-clock budget exhausted while the host checked its findings".to_owned();
        return (Vec::new(), Some(Failure::Timeout(message)));
    }
    (accepted, failure)
}

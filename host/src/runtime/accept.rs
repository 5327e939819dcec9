//! Holds a plugin's findings to the contract and the limits: only declared
//! check ids, a title, bounded count and size; control characters replaced
//! so that no finding can rewrite the terminal it is shown on.

use super::Limits;
use super::bindings::pincer::audit::types as wit;
use super::failure::Failure;
use super::info::{PluginInfo, severity_from_wit};
use pincer_sdk::Finding;

/// Replaces control characters other than newline and tab.
pub fn sanitize(text: String) -> String {
    let is_bad = |c: char| c.is_control() && c != '\n' && c != '\t';
    if text.chars().any(is_bad) {
        text.chars()
            .map(|c| if is_bad(c) { '\u{FFFD}' } else { c })
            .collect()
    } else {
        text
    }
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
/// Over a count or size limit, no finding of the plugin is kept.
pub fn accept(
    info: &PluginInfo,
    findings: Vec<wit::Finding>,
    limits: &Limits,
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
        let problem = if !info.declares(&finding.check_id) {
            Some(format!(
                "reported undeclared check id `{}`",
                finding.check_id
            ))
        } else if finding.title.trim().is_empty() {
            Some(format!("reported `{}` without a title", finding.check_id))
        } else {
            None
        };
        if let Some(problem) = problem {
            failure.get_or_insert(Failure::InvalidOutput(problem));
            continue;
        }
        accepted.push(Finding {
            check_id: finding.check_id,
            severity: severity_from_wit(finding.severity),
            title: sanitize(finding.title),
            detail: sanitize(finding.detail),
            remediation: finding.remediation.map(sanitize),
            config_paths: finding.config_paths.into_iter().map(sanitize).collect(),
        });
    }
    (accepted, failure)
}

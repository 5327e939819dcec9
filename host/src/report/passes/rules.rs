//! The `[[suppress]]` rules of `pincer.toml`: a matching rule moves the
//! finding to `suppressedFindings`, marked with the rule (the first that
//! matches); an expired rule suppresses nothing and is itself reported
//! (`pincer.suppression.expired`, warn), and so is a rule that matched
//! nothing, not even a finding something else suppressed
//! (`pincer.suppression.unused`, info), so accepted risks cannot rot.

use crate::policy::suppress::rules::Rule;
use crate::report::Report;
use crate::report::host_checks::{HostCheck, SUPPRESSION_EXPIRED, SUPPRESSION_UNUSED};
use crate::report::model::{FindingLocation, ReportFinding, SuppressedBy};

/// A finding of `check` about `rule`, located at its `[[suppress]]` table.
fn about(rule: &Rule, check: &HostCheck, detail: String) -> ReportFinding {
    let mut finding = check.finding(detail);
    finding.annotations.location = Some(FindingLocation {
        file: rule.file().to_owned(),
        line: rule.line(),
        config_path: "suppress".to_owned(),
    });
    finding
}

/// Applies the rules in force `today` and reports the expired and the
/// unused ones (unused only when the audit is complete: a failed plugin
/// may owe the finding a rule was written for).
pub(crate) fn apply(report: &mut Report, rules: &[Rule], today: &str) {
    if rules.is_empty() {
        return;
    }
    let in_force = |rule: &Rule| !rule.expired(today);
    let mut used: Vec<bool> = rules
        .iter()
        .map(|rule| {
            in_force(rule)
                && report
                    .suppressed_findings
                    .iter()
                    .any(|suppressed| rule.matches(&suppressed.finding))
        })
        .collect();
    let mut kept = Vec::with_capacity(report.findings.len());
    for mut reported in std::mem::take(&mut report.findings) {
        let mut first = None;
        for (index, rule) in rules.iter().enumerate() {
            if in_force(rule) && rule.matches(&reported.finding) {
                used[index] = true;
                first.get_or_insert(rule);
            }
        }
        match first {
            Some(rule) => {
                reported.annotations.suppressed_by = Some(SuppressedBy {
                    source: rule.source(),
                    reason: Some(rule.reason().to_owned()),
                    expires: rule.expires().map(str::to_owned),
                });
                report.suppressed_findings.push(reported);
            }
            None => kept.push(reported),
        }
    }
    report.findings = kept;
    for (rule, used) in rules.iter().zip(used) {
        if !in_force(rule) {
            let detail = format!(
                "The suppression of {} at {} expired on {}; it hides nothing any more. Its reason was: {}",
                rule.describe(),
                rule.source(),
                rule.expires().unwrap_or_default(),
                rule.reason()
            );
            SUPPRESSION_EXPIRED.report_into(report, about(rule, &SUPPRESSION_EXPIRED, detail));
        } else if !used && report.complete {
            let detail = format!(
                "The suppression of {} at {} matched no finding in this audit.",
                rule.describe(),
                rule.source()
            );
            SUPPRESSION_UNUSED.report_into(report, about(rule, &SUPPRESSION_UNUSED, detail));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_matching_rule_counts_as_used() {
        let rules = vec![
            crate::policy::suppress::rules::tests::rule("check = 'gateway.*'\nreason = 'first'")
                .unwrap(),
            crate::policy::suppress::rules::tests::rule(
                "check = 'gateway.bind_*'\nreason = 'second'",
            )
            .unwrap(),
        ];
        let mut report = crate::report::aggregate::aggregate(
            Vec::new(),
            crate::report::model::TargetInfo {
                config: "c.json".into(),
                state_dir: "s".into(),
            },
            Vec::new(),
        );
        report.findings.push(ReportFinding::new(
            crate::policy::suppress::rules::tests::finding("gateway.bind_no_auth", "gateway.bind"),
            "p",
        ));
        apply(&mut report, &rules, "2026-01-01");
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        let by = report.suppressed_findings[0]
            .annotations
            .suppressed_by
            .as_ref()
            .unwrap();
        assert_eq!(by.reason.as_deref(), Some("first"));
    }
}

//! The `[[suppress]]` rules of `pincer.toml`: a check id glob, an optional
//! config path glob, a mandatory reason and an optional expiry date. A rule
//! that matches moves the finding to `suppressedFindings`, marked with the
//! rule; an expired rule suppresses nothing and is itself reported
//! (`pincer.suppression.expired`, warn), and so is a rule that matched
//! nothing, not even a finding something else suppressed
//! (`pincer.suppression.unused`, info), so accepted risks cannot rot.

use super::SuppressedBy;
use crate::error::{Error, Result};
use crate::report::model::{DeclaredCheck, FindingLocation, Report, ReportFinding};
use crate::runtime::info::CheckInfo;
use globset::{Glob, GlobMatcher};
use pincer_sdk::Severity;
use serde::Deserialize;
use std::path::Path;

/// Check id of the finding for an expired rule.
pub const EXPIRED_ID: &str = "pincer.suppression.expired";
/// Check id of the finding for a rule that matched nothing.
pub const UNUSED_ID: &str = "pincer.suppression.unused";
/// Check id of the finding that says the audited config suppresses
/// findings (`security.audit.suppressions`), as the reference reports it.
pub const CONFIG_ACTIVE_ID: &str = "security.audit.suppressions.active";
/// The name findings of Pincer itself carry as their plugin.
pub const HOST_PLUGIN: &str = "pincer";

/// A `[[suppress]]` table as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Glob over check ids (`gateway.*`, `channels.*.dm_policy_open`).
    check: String,
    /// Glob over the finding's config paths; one must match.
    #[serde(default)]
    path: Option<String>,
    /// Why the risk is accepted.
    reason: String,
    /// The last day the rule holds: a TOML date (`2027-01-31`).
    #[serde(default)]
    expires: Option<toml::value::Datetime>,
}

/// A checked rule, ready to match.
#[derive(Debug, Clone)]
pub struct Rule {
    check: String,
    check_glob: GlobMatcher,
    path: Option<(String, GlobMatcher)>,
    reason: String,
    expires: Option<String>,
    file: String,
    line: usize,
}

impl Rule {
    /// Checks a rule read from `file` at `line`.
    pub fn compile(spec: &RuleSpec, file: &Path, line: usize) -> Result<Rule> {
        let invalid = |message: String| Error::Invalid {
            path: file.to_path_buf(),
            line,
            column: 1,
            message: format!("[[suppress]]: {message}"),
        };
        if spec.reason.trim().is_empty() {
            return Err(invalid(
                "`reason` must say why the risk is accepted".to_owned(),
            ));
        }
        let glob = |pattern: &str, what: &str| {
            if pattern.trim().is_empty() {
                return Err(invalid(format!("`{what}` must not be empty")));
            }
            Glob::new(pattern)
                .map(|glob| glob.compile_matcher())
                .map_err(|error| {
                    invalid(format!(
                        "`{what}` is not a valid glob: {}",
                        crate::value_free::without_values(&error.kind().to_string())
                    ))
                })
        };
        let expires = spec
            .expires
            .as_ref()
            .map(|datetime| match (datetime.date, datetime.time) {
                (Some(date), None) => Ok(date.to_string()),
                (Some(_), Some(_)) => Err(invalid(
                    "`expires` must be a date such as 2027-01-31, found a date and time".to_owned(),
                )),
                (None, _) => Err(invalid(
                    "`expires` must be a date such as 2027-01-31, found a time".to_owned(),
                )),
            })
            .transpose()?;
        Ok(Rule {
            check: spec.check.clone(),
            check_glob: glob(&spec.check, "check")?,
            path: spec
                .path
                .as_ref()
                .map(|pattern| glob(pattern, "path").map(|m| (pattern.clone(), m)))
                .transpose()?,
            reason: spec.reason.trim().to_owned(),
            expires,
            file: file.display().to_string(),
            line,
        })
    }

    fn matches(&self, finding: &ReportFinding) -> bool {
        self.check_glob.is_match(&finding.check_id)
            && self
                .path
                .as_ref()
                .is_none_or(|(_, glob)| finding.config_paths.iter().any(|path| glob.is_match(path)))
    }

    /// Expired when its last day lies before `today` (both `YYYY-MM-DD`).
    fn expired(&self, today: &str) -> bool {
        self.expires.as_deref().is_some_and(|last| last < today)
    }

    fn source(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }

    fn describe(&self) -> String {
        match &self.path {
            Some((path, _)) => format!("check `{}` at `{path}`", self.check),
            None => format!("check `{}`", self.check),
        }
    }

    fn finding(&self, check_id: &str, severity: Severity, detail: String) -> ReportFinding {
        let info = host_check(check_id);
        ReportFinding {
            check_id: check_id.to_owned(),
            severity,
            title: info.title,
            detail,
            remediation: Some(info.remediation),
            plugin: HOST_PLUGIN.to_owned(),
            config_paths: Vec::new(),
            location: Some(FindingLocation {
                file: self.file.clone(),
                line: self.line,
                config_path: "suppress".to_owned(),
            }),
            baseline: None,
            suppressed_by: None,
            severity_override: None,
        }
    }
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    let stamp = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    stamp.get(..10).unwrap_or(&stamp).to_owned()
}

/// Whether a rule of `rules` in force `today` suppresses `finding`.
pub fn suppresses(rules: &[Rule], finding: &ReportFinding, today: &str) -> bool {
    rules
        .iter()
        .any(|rule| !rule.expired(today) && rule.matches(finding))
}

/// Applies `rules` to the report as of `today`: suppresses what active
/// rules match (the first matching rule is the one recorded; every rule
/// that matches counts as used), reports expired rules, and unused ones
/// when the audit is complete (a failed plugin may have owed the
/// findings), and recounts the summary.
pub fn apply(report: &mut Report, rules: &[Rule], today: &str) {
    if rules.is_empty() {
        return;
    }
    // A rule matching a finding something else already suppressed (a
    // pack's disabled check, the config's own suppressions) is not dead.
    let mut used: Vec<bool> = rules
        .iter()
        .map(|rule| {
            !rule.expired(today) && report.suppressed_findings.iter().any(|f| rule.matches(f))
        })
        .collect();
    let mut kept = Vec::with_capacity(report.findings.len());
    for mut finding in std::mem::take(&mut report.findings) {
        let mut first = None;
        for (index, rule) in rules.iter().enumerate() {
            if !rule.expired(today) && rule.matches(&finding) {
                used[index] = true;
                first.get_or_insert(rule);
            }
        }
        match first {
            Some(rule) => {
                finding.suppressed_by = Some(SuppressedBy {
                    source: rule.source(),
                    reason: Some(rule.reason.clone()),
                    expires: rule.expires.clone(),
                });
                report.suppressed_findings.push(finding);
            }
            None => kept.push(finding),
        }
    }
    for (rule, used) in rules.iter().zip(used) {
        if rule.expired(today) {
            kept.push(rule.finding(
                EXPIRED_ID,
                Severity::Warn,
                format!(
                    "The suppression of {} at {} expired on {}; it hides nothing any more. Its reason was: {}",
                    rule.describe(),
                    rule.source(),
                    rule.expires.as_deref().unwrap_or_default(),
                    rule.reason
                ),
            ));
        } else if !used && report.complete {
            kept.push(rule.finding(
                UNUSED_ID,
                Severity::Info,
                format!(
                    "The suppression of {} at {} matched no finding in this audit.",
                    rule.describe(),
                    rule.source()
                ),
            ));
        }
    }
    for id in [EXPIRED_ID, UNUSED_ID] {
        let emitted = kept.iter().any(|finding| finding.check_id == id);
        if emitted && !report.checks.iter().any(|check| check.info.id == id) {
            report.checks.push(DeclaredCheck {
                plugin: HOST_PLUGIN.to_owned(),
                info: host_check(id),
            });
        }
    }
    crate::report::sort_findings(&mut kept);
    report.findings = kept;
    report.summary = crate::report::summarize(&report.findings);
}

/// The metadata of Pincer's own suppression checks.
pub fn host_check(id: &str) -> CheckInfo {
    let (severity, title, description, remediation) = if id == CONFIG_ACTIVE_ID {
        (
            Severity::Info,
            "The audited config suppresses findings",
            "security.audit.suppressions in the audited config hides matching findings from the counted ones; they stay listed in suppressedFindings. Reported whenever the list has entries, so accepted risks stay in view.",
            "Review suppressedFindings, and remove each suppression once its accepted risk no longer holds.",
        )
    } else if id == EXPIRED_ID {
        (
            Severity::Warn,
            "A suppression in pincer.toml has expired",
            "A [[suppress]] rule whose expiry date has passed no longer hides the findings it matched.",
            "Fix what the suppression hid, or review the accepted risk and set a new expiry date.",
        )
    } else {
        (
            Severity::Info,
            "A suppression in pincer.toml matched nothing",
            "A [[suppress]] rule that hid no finding in this audit is dead weight, or its glob no longer matches the check it was written for.",
            "Remove the rule, or correct its check or path glob.",
        )
    };
    CheckInfo {
        id: id.to_owned(),
        default_severity: severity,
        title: title.to_owned(),
        description: description.to_owned(),
        remediation: remediation.to_owned(),
        category: "suppressions".to_owned(),
        references: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> Result<Rule> {
        let spec: RuleSpec = toml::from_str(text).map_err(|e| Error::Invalid {
            path: "p.toml".into(),
            line: 1,
            column: 1,
            message: e.to_string(),
        })?;
        Rule::compile(&spec, Path::new("p.toml"), 7)
    }

    fn finding(check_id: &str, path: &str) -> ReportFinding {
        ReportFinding {
            check_id: check_id.to_owned(),
            severity: Severity::Critical,
            title: "t".to_owned(),
            detail: "d".to_owned(),
            remediation: None,
            plugin: "p".to_owned(),
            config_paths: vec![path.to_owned()],
            location: None,
            baseline: None,
            suppressed_by: None,
            severity_override: None,
        }
    }

    #[test]
    fn globs_match_check_ids_and_paths() {
        let any_gateway = rule("check = 'gateway.*'\nreason = 'lab'").unwrap();
        assert!(any_gateway.matches(&finding("gateway.bind_no_auth", "gateway.bind")));
        assert!(!any_gateway.matches(&finding("tools.exec", "tools")));
        let on_path = rule("check = '*'\npath = 'channels.*.dmPolicy'\nreason = 'x'").unwrap();
        assert!(on_path.matches(&finding("a", "channels.telegram.dmPolicy")));
        assert!(!on_path.matches(&finding("a", "channels.telegram.groupPolicy")));
    }

    #[test]
    fn every_matching_rule_counts_as_used() {
        let rules = vec![
            rule("check = 'gateway.*'\nreason = 'first'").unwrap(),
            rule("check = 'gateway.bind_*'\nreason = 'second'").unwrap(),
        ];
        let mut report = crate::report::aggregate(
            Vec::new(),
            crate::report::model::TargetInfo {
                config: "c.json".into(),
                state_dir: "s".into(),
            },
            Vec::new(),
        );
        report
            .findings
            .push(finding("gateway.bind_no_auth", "gateway.bind"));
        apply(&mut report, &rules, "2026-01-01");
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        let by = report.suppressed_findings[0]
            .suppressed_by
            .as_ref()
            .unwrap();
        assert_eq!(by.reason.as_deref(), Some("first"));
    }

    #[test]
    fn expiry_is_inclusive() {
        let until = rule("check = 'a'\nreason = 'x'\nexpires = 2026-11-28").unwrap();
        assert!(!until.expired("2026-11-28"));
        assert!(until.expired("2026-11-29"));
    }

    #[test]
    fn bad_rules_name_the_line() {
        for text in [
            "check = 'a'\nreason = '  '",
            "check = 'a[' \nreason = 'x'",
            "check = ''\nreason = 'x'",
            "check = 'a'\nreason = 'x'\nexpires = 2026-11-28T10:00:00Z",
        ] {
            match rule(text) {
                Err(Error::Invalid { line, message, .. }) => {
                    assert_eq!(line, 7, "{text}");
                    assert!(message.starts_with("[[suppress]]"), "{message}");
                }
                other => panic!("{text}: expected an error, got {other:?}"),
            }
        }
        assert!(rule("check = 'a'").is_err(), "reason is mandatory");
    }

    #[test]
    fn today_is_a_date() {
        let today = today();
        assert_eq!(today.len(), 10);
        assert_eq!(&today[4..5], "-");
    }
}

//! What packs change in a report: severity overrides (the finding keeps
//! its original severity and the pack's reason in `severityOverride`) and
//! disabled checks (their findings move to `suppressedFindings`, marked
//! with the pack and reason). Both must name checks a loaded plugin
//! declares, so a misspelt id never silently weakens a policy.

use super::{DisableEntry, OverrideEntry, Pack};
use crate::error::{Error, Result};
use crate::policy::suppress::SuppressedBy;
use crate::report::Report;
use crate::report::model::SeverityOverride;
use crate::text;
use pincer_sdk::{id_matches, ids_overlap};
use std::path::PathBuf;

/// One rule with the pack file and line it came from.
#[derive(Debug, Clone)]
struct Sourced<T> {
    rule: T,
    file: PathBuf,
    line: usize,
    source: String,
}

/// Every pack's overrides and disabled checks.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    overrides: Vec<Sourced<OverrideEntry>>,
    disable: Vec<Sourced<DisableEntry>>,
}

/// Whether a rule's pattern and a declared check id can name the same id.
/// A declared id of `*` segments only names nothing in particular.
fn names(pattern: &str, declared: &str) -> bool {
    let specific = declared.split('.').any(|segment| segment != "*");
    id_matches(declared, pattern) || (specific && id_matches(pattern, declared))
}

fn conflict(file: &std::path::Path, line: usize, message: String) -> Error {
    Error::Invalid {
        path: file.to_path_buf(),
        line,
        column: 1,
        message,
    }
}

impl Policy {
    /// The rules of `packs`, in order; refused when two of them can name
    /// one check and disagree (two severities, or an override of a check
    /// another rule disables), wherever they come from.
    pub fn of(packs: &[Pack]) -> Result<Policy> {
        let mut policy = Policy::default();
        for pack in packs {
            policy
                .overrides
                .extend(pack.overrides.iter().map(|rule| Sourced {
                    rule: rule.rule.clone(),
                    file: pack.file(),
                    line: rule.line,
                    source: pack.source(rule.line),
                }));
            policy
                .disable
                .extend(pack.disable.iter().map(|rule| Sourced {
                    rule: rule.rule.clone(),
                    file: pack.file(),
                    line: rule.line,
                    source: pack.source(rule.line),
                }));
        }
        policy.refuse_conflicts()?;
        Ok(policy)
    }

    fn refuse_conflicts(&self) -> Result<()> {
        for (index, first) in self.overrides.iter().enumerate() {
            for second in &self.overrides[index + 1..] {
                if ids_overlap(&first.rule.check, &second.rule.check)
                    && first.rule.severity != second.rule.severity
                {
                    return Err(conflict(
                        &second.file,
                        second.line,
                        format!(
                            "[[overrides]] of `{}` ({}) conflicts with `{}` ({}) at {}",
                            second.rule.check,
                            second.rule.severity.as_str(),
                            first.rule.check,
                            first.rule.severity.as_str(),
                            first.source
                        ),
                    ));
                }
            }
            if let Some(disable) = self
                .disable
                .iter()
                .find(|d| ids_overlap(&d.rule.check, &first.rule.check))
            {
                return Err(conflict(
                    &first.file,
                    first.line,
                    format!(
                        "[[overrides]] of `{}` conflicts with the [[disable]] of `{}` at {}",
                        first.rule.check, disable.rule.check, disable.source
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Fails on the first rule that names no check among `declared`.
    pub fn check_names(&self, declared: &[&str]) -> Result<()> {
        let rules = self
            .overrides
            .iter()
            .map(|o| (&o.rule.check, &o.file, o.line, "overrides"))
            .chain(
                self.disable
                    .iter()
                    .map(|d| (&d.rule.check, &d.file, d.line, "disable")),
            );
        for (check, file, line, table) in rules {
            if !declared.iter().any(|id| names(check, id)) {
                return Err(Error::Invalid {
                    path: file.clone(),
                    line,
                    column: 1,
                    message: format!(
                        "[[{table}]] names `{check}`, which no loaded plugin declares"
                    ),
                });
            }
        }
        Ok(())
    }

    /// Applies the overrides, then the disabled checks, and recounts.
    pub fn apply(&self, report: &mut Report) {
        if self.overrides.is_empty() && self.disable.is_empty() {
            return;
        }
        for finding in &mut report.findings {
            let Some(rule) = self
                .overrides
                .iter()
                .find(|o| id_matches(&o.rule.check, &finding.check_id))
            else {
                continue;
            };
            if rule.rule.severity != finding.severity {
                finding.severity_override = Some(SeverityOverride {
                    from: finding.severity,
                    source: rule.source.clone(),
                    reason: text::line(&rule.rule.reason, 1_000),
                });
                finding.severity = rule.rule.severity;
            }
        }
        let (disabled, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut report.findings)
            .into_iter()
            .partition(|finding| {
                self.disable
                    .iter()
                    .any(|d| id_matches(&d.rule.check, &finding.check_id))
            });
        for mut finding in disabled {
            if let Some(rule) = self
                .disable
                .iter()
                .find(|d| id_matches(&d.rule.check, &finding.check_id))
            {
                finding.suppressed_by = Some(SuppressedBy {
                    source: rule.source.clone(),
                    reason: Some(text::line(&rule.rule.reason, 1_000)),
                    expires: None,
                });
            }
            report.suppressed_findings.push(finding);
        }
        report.findings = kept;
        crate::report::sort_findings(&mut report.findings);
        report.summary = crate::report::summarize(&report.findings);
    }
}

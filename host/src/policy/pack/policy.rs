//! What packs decide about checks: severity overrides and disabled checks,
//! gathered from every pack with their sources, refused when two disagree
//! or when one names no check a loaded plugin declares (a misspelt id never
//! silently weakens a policy). The report's pack pass applies them.

use super::{DisableEntry, OverrideEntry, Pack};
use crate::error::{Error, Result};
use pincer_sdk::{Severity, id_matches, ids_overlap};
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
pub(crate) struct Policy {
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
    pub(crate) fn of(packs: &[Pack]) -> Result<Policy> {
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
    pub(crate) fn check_names(&self, declared: &[&str]) -> Result<()> {
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

    /// The rule that sets the severity of a finding of `check_id`: the
    /// severity, and where and why.
    pub(crate) fn override_of(&self, check_id: &str) -> Option<(Severity, Ruling<'_>)> {
        self.overrides
            .iter()
            .find(|o| id_matches(&o.rule.check, check_id))
            .map(|o| (o.rule.severity, Ruling::of(o, &o.rule.reason)))
    }

    /// The rule that disables `check_id`, where and why.
    pub(crate) fn disabling(&self, check_id: &str) -> Option<Ruling<'_>> {
        self.disable
            .iter()
            .find(|d| id_matches(&d.rule.check, check_id))
            .map(|d| Ruling::of(d, &d.rule.reason))
    }
}

/// Where a pack rule was written and why: `pack NAME (FILE:LINE)` and the
/// pack's reason, as written (renderers and the report's pass bound it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ruling<'a> {
    /// `pack NAME (FILE:LINE)`.
    pub source: &'a str,
    /// Why the pack decides so.
    pub reason: &'a str,
}

impl<'a> Ruling<'a> {
    fn of<T>(sourced: &'a Sourced<T>, reason: &'a str) -> Self {
        Ruling {
            source: &sourced.source,
            reason,
        }
    }
}

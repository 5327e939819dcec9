//! The `[[suppress]]` rules of `pincer.toml`: a check id glob, an optional
//! config path glob, a mandatory reason and an optional expiry date,
//! checked as they are read (the report's rules pass applies them).

use crate::error::{Error, Result};
use globset::{Glob, GlobMatcher};
use pincer_sdk::Finding;
use serde::Deserialize;
use std::path::Path;

/// A `[[suppress]]` table as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleSpec {
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
pub(crate) struct Rule {
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
    pub(crate) fn compile(spec: &RuleSpec, file: &Path, line: usize) -> Result<Rule> {
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

    /// Whether it matches: the check id glob, and the path glob (when
    /// given) against one of the finding's config paths.
    pub(crate) fn matches(&self, finding: &Finding) -> bool {
        self.check_glob.is_match(&finding.check_id)
            && self
                .path
                .as_ref()
                .is_none_or(|(_, glob)| finding.config_paths.iter().any(|path| glob.is_match(path)))
    }

    /// Expired when its last day lies before `today` (both `YYYY-MM-DD`).
    pub(crate) fn expired(&self, today: &str) -> bool {
        self.expires.as_deref().is_some_and(|last| last < today)
    }

    /// Why the risk is accepted.
    pub(crate) fn reason(&self) -> &str {
        &self.reason
    }

    /// Its last day (`YYYY-MM-DD`), when it has one.
    pub(crate) fn expires(&self) -> Option<&str> {
        self.expires.as_deref()
    }

    /// The `pincer.toml` it was read from.
    pub(crate) fn file(&self) -> &str {
        &self.file
    }

    /// The line of its `[[suppress]]` table.
    pub(crate) fn line(&self) -> usize {
        self.line
    }

    /// `FILE:LINE`.
    pub(crate) fn source(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }

    /// What it suppresses, as a finding about it says.
    pub(crate) fn describe(&self) -> String {
        match &self.path {
            Some((path, _)) => format!("check `{}` at `{path}`", self.check),
            None => format!("check `{}`", self.check),
        }
    }
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub(crate) fn today() -> String {
    let stamp = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    stamp.get(..10).unwrap_or(&stamp).to_owned()
}

/// Whether a rule of `rules` in force `today` suppresses `finding`.
pub(crate) fn suppresses(rules: &[Rule], finding: &Finding, today: &str) -> bool {
    rules
        .iter()
        .any(|rule| !rule.expired(today) && rule.matches(finding))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn rule(text: &str) -> Result<Rule> {
        let spec: RuleSpec = toml::from_str(text).map_err(|e| Error::Invalid {
            path: "p.toml".into(),
            line: 1,
            column: 1,
            message: e.to_string(),
        })?;
        Rule::compile(&spec, Path::new("p.toml"), 7)
    }

    pub(crate) fn finding(check_id: &str, path: &str) -> Finding {
        Finding {
            check_id: check_id.to_owned(),
            severity: pincer_sdk::Severity::Critical,
            title: "t".to_owned(),
            detail: "d".to_owned(),
            remediation: None,
            config_paths: vec![path.to_owned()],
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

//! Test cases for a plugin (`pincer test PLUGIN.wasm CASES_DIR`): one
//! directory each, holding the installation to audit and what the plugin
//! must report on it.
//!
//! ```text
//! CASES_DIR/port-differs/
//!   config.json   the openclaw.json to audit (JSON5)
//!   state/        optional: the OpenClaw state directory, as ~/.openclaw
//!                 (state/openclaw.sqlite, credentials/, ...)
//!   case.json     {"description", "env", "params", "files", "expect",
//!                 "absent", "exact"}
//! ```
//!
//! The audit runs on `HOME/.openclaw` of a private home, built from
//! `state/`, the config and `files` (see `crate::testcases::case_home`).
//!
//! `expect` lists (checkId, severity) pairs that must be reported, `absent`
//! check ids (a `*` segment matches one segment) that must not be, and with
//! `exact` the plugin's findings must be the `expect` pairs and nothing
//! else. `params` maps plugin names to their parameters (as
//! `[params.<name>]` in pincer.toml), `env` sets environment variables for
//! the audit.

use crate::error::{Error, Result};
use pincer_sdk::{Severity, id_matches, ids_overlap};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The largest `case.json` (or reference-checks file) read: a case holds
/// the text of the files it creates.
const MAX_CASE_FILE_BYTES: u64 = 16 << 20;

/// The file that makes a directory a case.
pub(crate) const CASE_FILE: &str = "case.json";

/// One (checkId, severity) pair.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pair {
    /// The check id.
    pub check_id: String,
    /// Its severity.
    pub severity: Severity,
}

impl std::fmt::Display for Pair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.check_id, self.severity.as_str())
    }
}

/// `case.json`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseSpec {
    /// One sentence on the scenario.
    #[serde(default)]
    pub description: String,
    /// Environment variables of the audit.
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// Parameters by plugin name.
    #[serde(default)]
    pub params: BTreeMap<String, serde_json::Map<String, serde_json::Value>>,
    /// Pairs that must be reported.
    #[serde(default)]
    pub expect: Vec<Pair>,
    /// Check ids that must not be reported.
    #[serde(default)]
    pub absent: Vec<String>,
    /// The findings must be exactly `expect`.
    #[serde(default)]
    pub exact: bool,
    /// Files to create in the state directory (see `crate::testcases::case_home`).
    #[serde(default)]
    pub files: Option<Vec<crate::testcases::case_home::FileEntry>>,
    /// Parity fixtures: every pair the reference audit reported.
    #[serde(default)]
    pub reference: Option<Recorded>,
    /// Parity fixtures: the pairs of Pincer's own checks.
    #[serde(default)]
    pub pincer: Option<OwnFindings>,
    /// OpenClaw must refuse the config with exactly these issue paths (in
    /// the reference's notation: `<root>`, `agents.defaults.sandbox`).
    #[serde(default)]
    pub refused: Option<Vec<String>>,
}

impl CaseSpec {
    /// The issue paths the case expects OpenClaw to refuse its config
    /// with (its own `refused`, or the reference's recorded refusal).
    #[must_use]
    pub fn expected_refusal(&self) -> Option<Vec<String>> {
        self.refused.clone().or_else(|| {
            self.reference
                .as_ref()
                .and_then(Recorded::refusal)
                .map(<[String]>::to_vec)
        })
    }
}

/// What the reference audit reported for a parity fixture.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    /// The tool and version that recorded it.
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "a case names its recorder; judging reads only the pairs"
    )]
    pub tool: String,
    /// Its (checkId, severity) pairs.
    #[serde(default)]
    pub findings: Vec<Pair>,
    /// It refused the config instead of auditing it.
    #[serde(default)]
    pub refused: bool,
    /// Then, the paths of its issues (sorted, each once).
    #[serde(default)]
    pub issues: Vec<String>,
}

impl Recorded {
    /// The issue paths the case expects a refusal with, when it records
    /// one.
    #[must_use]
    pub fn refusal(&self) -> Option<&[String]> {
        self.refused.then_some(self.issues.as_slice())
    }
}

/// The expected pairs of Pincer's own checks in a parity fixture.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnFindings {
    /// Its (checkId, severity) pairs.
    pub findings: Vec<Pair>,
}

/// What judging a parity fixture needs to know about the plugin: the ids
/// it declares and the reference's check ids (`<provider>` segments as
/// `*`), which split its checks into reference checks and its own.
#[derive(Debug, Clone, Default)]
pub(crate) struct Judge {
    /// The plugin's declared ids.
    pub declared: Vec<String>,
    /// The reference's ids, when known (`--reference-checks`).
    pub reference_ids: Option<Vec<String>>,
}

/// Sorted, deduplicated.
fn set(mut pairs: Vec<Pair>) -> Vec<Pair> {
    pairs.sort();
    pairs.dedup();
    pairs
}

/// Adds to `verdict` what differs between the expected and actual sets.
fn compare(expected: Vec<Pair>, actual: Vec<Pair>, verdict: &mut Verdict) {
    let (expected, actual) = (set(expected), set(actual));
    verdict.missing.extend(
        expected
            .iter()
            .filter(|pair| !actual.contains(pair))
            .cloned(),
    );
    verdict.unexpected.extend(
        actual
            .iter()
            .filter(|pair| !expected.contains(pair))
            .cloned(),
    );
}

impl Judge {
    fn declares(&self, id: &str) -> bool {
        self.declared.iter().any(|pattern| id_matches(pattern, id))
    }

    /// Whether `id` belongs to one of the plugin's own checks: declared,
    /// and matching no reference id.
    fn own(&self, id: &str, reference_ids: &[String]) -> bool {
        self.declared
            .iter()
            .filter(|pattern| !reference_ids.iter().any(|r| ids_overlap(r, pattern)))
            .any(|pattern| id_matches(pattern, id))
    }

    /// Judges the reported pairs against the case: `expect`, `absent` and
    /// `exact`, then, for a parity fixture, the reference's pairs of the
    /// reference checks this plugin declares (exactly) and the `pincer`
    /// pairs of its own checks (exactly).
    pub(crate) fn judge(&self, spec: &CaseSpec, reported: &[Pair]) -> Verdict {
        let mut verdict = judge(spec, reported);
        let reference_ids = self.reference_ids.as_deref().unwrap_or_default();
        if let Some(recorded) = &spec.reference {
            let expected = recorded
                .findings
                .iter()
                .filter(|p| self.declares(&p.check_id) && !self.own(&p.check_id, reference_ids))
                .cloned()
                .collect();
            let actual = reported
                .iter()
                .filter(|p| !self.own(&p.check_id, reference_ids))
                .cloned()
                .collect();
            compare(expected, actual, &mut verdict);
        }
        if let Some(own) = &spec.pincer {
            let expected = own
                .findings
                .iter()
                .filter(|p| self.declares(&p.check_id))
                .cloned()
                .collect();
            let actual = reported
                .iter()
                .filter(|p| self.own(&p.check_id, reference_ids))
                .cloned()
                .collect();
            compare(expected, actual, &mut verdict);
        }
        verdict.missing = set(std::mem::take(&mut verdict.missing));
        verdict.unexpected = set(std::mem::take(&mut verdict.unexpected));
        verdict
    }
}

/// The reference's check ids from a `reference-checks.json`
/// (`{"plugins": {NAME: [{"id": ...}, ...]}}`), `<provider>`-style
/// segments as `*`.
pub(crate) fn reference_ids(path: &Path) -> Result<Vec<String>> {
    let text = crate::input_file::read_text(
        path,
        crate::input_file::Within::Anywhere,
        MAX_CASE_FILE_BYTES,
    )
    .map_err(|error| Error::input(path, error))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|error| Error::Invalid {
        path: path.to_path_buf(),
        line: error.line(),
        column: error.column(),
        message: error.to_string(),
    })?;
    let ids: Vec<String> = json["plugins"]
        .as_object()
        .into_iter()
        .flat_map(|plugins| plugins.values())
        .filter_map(serde_json::Value::as_array)
        .flatten()
        .filter_map(|check| check["id"].as_str())
        .map(|id| {
            id.split('.')
                .map(|segment| {
                    if segment.starts_with('<') {
                        "*"
                    } else {
                        segment
                    }
                })
                .collect::<Vec<_>>()
                .join(".")
        })
        .collect();
    if ids.is_empty() {
        return Err(Error::Invalid {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "no check ids under `plugins`".to_owned(),
        });
    }
    Ok(ids)
}

/// A case found on disk.
#[derive(Debug, Clone)]
pub struct Case {
    /// Its name (the directory's, relative to the cases dir).
    pub name: String,
    /// Its directory.
    pub dir: PathBuf,
    /// What it says.
    pub spec: CaseSpec,
}

impl Case {
    /// Its `case.json`.
    #[must_use]
    pub fn file(&self) -> PathBuf {
        self.dir.join(CASE_FILE)
    }
}

fn read_case(root: &Path, dir: &Path) -> Result<Case> {
    let file = dir.join(CASE_FILE);
    let text = crate::input_file::read_text(
        &file,
        crate::input_file::Within::Anywhere,
        MAX_CASE_FILE_BYTES,
    )
    .map_err(|error| Error::input(&file, error))?;
    let spec: CaseSpec = serde_json::from_str(&text).map_err(|error| Error::Invalid {
        path: file.clone(),
        line: error.line(),
        column: error.column(),
        message: error.to_string(),
    })?;
    let config = dir.join("config.json");
    if !config.is_file() {
        return Err(Error::Invalid {
            path: file,
            line: 1,
            column: 1,
            message: format!("the case has no config: {} is missing", config.display()),
        });
    }
    let name = dir
        .strip_prefix(root)
        .ok()
        .filter(|relative| !relative.as_os_str().is_empty())
        .unwrap_or(dir)
        .display()
        .to_string();
    let expects_something = !spec.expect.is_empty()
        || !spec.absent.is_empty()
        || spec.exact
        || spec.reference.is_some()
        || spec.pincer.is_some()
        || spec.refused.is_some();
    if !expects_something {
        return Err(Error::Invalid {
            path: file,
            line: 1,
            column: 1,
            message: "the case expects nothing: give expect, absent, exact or refused".to_owned(),
        });
    }
    Ok(Case {
        name,
        dir: dir.to_path_buf(),
        spec,
    })
}

/// The cases under `root`, sorted by name: `root` itself when it holds a
/// `case.json`, else every directory below it that does.
///
/// # Errors
///
/// When a directory cannot be read, none holds a case, or a case is
/// invalid (named by file and line).
pub fn discover(root: &Path) -> Result<Vec<Case>> {
    let mut dirs = Vec::new();
    collect(root, &mut dirs).map_err(|source| Error::Read {
        path: root.to_path_buf(),
        source,
    })?;
    dirs.sort();
    if dirs.is_empty() {
        return Err(Error::Usage(format!(
            "no test cases under {}: a case is a directory with a {CASE_FILE} and a config.json",
            root.display()
        )));
    }
    dirs.iter().map(|dir| read_case(root, dir)).collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    // Anything named case.json makes a case: one that is no regular file
    // (a FIFO, a directory) is then refused by name, not passed over.
    if dir.join(CASE_FILE).exists() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            collect(&entry.path(), out)?;
        }
    }
    Ok(())
}

/// What is wrong with one run of a case; empty when it passed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Verdict {
    /// Expected pairs that were not reported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Pair>,
    /// Pairs reported against `absent` or, with `exact`, not expected.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unexpected: Vec<Pair>,
    /// The audit could not judge the case (plugin failure, refused input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Issue paths the case expects OpenClaw to refuse its config with,
    /// not found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_issues: Vec<String>,
    /// Issue paths found that the case does not expect.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unexpected_issues: Vec<String>,
}

impl Verdict {
    /// Whether the case passed.
    pub(crate) fn passed(&self) -> bool {
        self.missing.is_empty()
            && self.unexpected.is_empty()
            && self.error.is_none()
            && self.missing_issues.is_empty()
            && self.unexpected_issues.is_empty()
    }

    /// The verdict on a refusal with issue paths `found` (sorted, each
    /// once) against the `expected` ones.
    pub(crate) fn of_refusal(expected: &[String], found: &[String]) -> Verdict {
        Verdict {
            missing_issues: expected
                .iter()
                .filter(|path| !found.contains(path))
                .cloned()
                .collect(),
            unexpected_issues: found
                .iter()
                .filter(|path| !expected.contains(path))
                .cloned()
                .collect(),
            ..Verdict::default()
        }
    }
}

/// Judges the reported pairs against the case.
pub(crate) fn judge(spec: &CaseSpec, reported: &[Pair]) -> Verdict {
    let missing: Vec<Pair> = spec
        .expect
        .iter()
        .filter(|pair| !reported.contains(pair))
        .cloned()
        .collect();
    // What was reported instead of a missing pair: the same check at
    // another severity.
    let instead = reported.iter().filter(|pair| {
        missing.iter().any(|m| m.check_id == pair.check_id) && !spec.expect.contains(pair)
    });
    let mut unexpected: Vec<Pair> = reported
        .iter()
        .filter(|pair| {
            spec.absent
                .iter()
                .any(|pattern| id_matches(pattern, &pair.check_id))
                || (spec.exact && !spec.expect.contains(pair))
        })
        .chain(instead)
        .cloned()
        .collect();
    unexpected.sort();
    unexpected.dedup();
    Verdict {
        missing,
        unexpected,
        ..Verdict::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(id: &str, severity: Severity) -> Pair {
        Pair {
            check_id: id.to_owned(),
            severity,
        }
    }

    #[test]
    fn expected_absent_and_exact() {
        let spec = CaseSpec {
            expect: vec![pair("a.x", Severity::Warn)],
            absent: vec!["b.*".to_owned()],
            ..CaseSpec::default()
        };
        assert!(judge(&spec, &[pair("a.x", Severity::Warn)]).passed());
        let wrong_severity = judge(&spec, &[pair("a.x", Severity::Critical)]);
        assert_eq!(wrong_severity.missing, vec![pair("a.x", Severity::Warn)]);
        assert_eq!(
            wrong_severity.unexpected,
            vec![pair("a.x", Severity::Critical)]
        );
        let forbidden = judge(
            &spec,
            &[pair("a.x", Severity::Warn), pair("b.y", Severity::Info)],
        );
        assert_eq!(forbidden.unexpected, vec![pair("b.y", Severity::Info)]);
        assert!(
            judge(
                &spec,
                &[pair("a.x", Severity::Warn), pair("c", Severity::Info)]
            )
            .passed()
        );
        let exact = CaseSpec {
            exact: true,
            ..spec
        };
        assert!(
            !judge(
                &exact,
                &[pair("a.x", Severity::Warn), pair("c", Severity::Info)]
            )
            .passed()
        );
    }
}

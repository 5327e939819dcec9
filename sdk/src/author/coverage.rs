//! The per-check gate of a plugin's tests: every check the plugin declares
//! must fire in at least one [`Scenario`](crate::testing::Scenario) of its
//! tests and stay quiet in at least one other, or the gate test fails
//! naming it. [`CheckGate::assert`] runs the test binary's own tests once
//! more, each scenario's outcome recorded, so the gate does not depend on
//! the order tests run in; the plugin's `pincer test` cases count too.
#![allow(
    clippy::disallowed_methods,
    reason = "the gate hands its re-run a log path through the environment"
)]

use crate::finding::Finding;
use crate::meta::{CheckMeta, Plugin, id_matches, ids_overlap};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where a re-run of the tests records outcomes; set only in the re-run.
const LOG_VAR: &str = "PINCER_SDK_CHECK_LOG";

/// One scenario's outcome is one write; runs on other threads wait.
static LOG_LOCK: Mutex<()> = Mutex::new(());

/// Records, in a gate's re-run, which of `P`'s checks one scenario fired.
pub(crate) fn record<P: Plugin>(findings: &[Finding]) {
    let Some(path) = std::env::var_os(LOG_VAR) else {
        return;
    };
    let mut lines = String::new();
    for check in P::META.checks {
        let fired = findings
            .iter()
            .any(|finding| id_matches(check.meta.id, &finding.check_id));
        lines.push_str(if fired { "fired\t" } else { "quiet\t" });
        lines.push_str(check.meta.id);
        lines.push('\n');
    }
    let _held = LOG_LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(lines.as_bytes()));
    if let Err(error) = written {
        panic!("cannot record the check gate's log: {error}");
    }
}

/// Whether one check fired in some scenario and stayed quiet in another.
#[derive(Debug, Default, Clone, Copy)]
struct Seen {
    fired: bool,
    quiet: bool,
}

/// The gate over one plugin's checks: built with [`CheckGate::new`], told
/// where the plugin's `pincer test` cases are and which checks fire on every
/// run, then [`CheckGate::assert`]ed from one `#[test]`.
///
/// ```ignore
/// #[test]
/// fn every_check_fires_in_one_scenario_and_stays_quiet_in_another() {
///     CheckGate::<MyPlugin>::new()
///         .cases(concat!(env!("CARGO_MANIFEST_DIR"), "/cases"))
///         .assert();
/// }
/// ```
pub struct CheckGate<P> {
    cases: Vec<PathBuf>,
    always: Vec<&'static str>,
    plugin: PhantomData<P>,
}

impl<P: Plugin> Default for CheckGate<P> {
    fn default() -> Self {
        CheckGate {
            cases: Vec::new(),
            always: Vec::new(),
            plugin: PhantomData,
        }
    }
}

impl<P: Plugin> CheckGate<P> {
    /// A gate over `P`'s declared checks, with scenarios as the only
    /// evidence.
    #[must_use]
    pub fn new() -> Self {
        CheckGate::default()
    }

    /// Counts the `pincer test` cases in `dir` (one folder per case, each
    /// with a `case.json`) as evidence too: a check a case expects
    /// (`expect`, or a parity fixture's `reference`/`pincer` findings)
    /// fires there, one its `absent` names, or that an `exact` case does
    /// not expect, stays quiet there. The cases themselves are held to the
    /// real host by `pincer test`.
    #[must_use]
    pub fn cases(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cases.push(dir.into());
        self
    }

    /// Declares a check that fires on every run by design (a summary line),
    /// so it needs no quiet scenario.
    #[must_use]
    pub fn always_fires(mut self, check: &'static CheckMeta) -> Self {
        self.always.push(check.id);
        self
    }

    /// Fails unless every check of `P` fires in at least one scenario of
    /// this crate's tests (or case) and stays quiet in at least one other.
    /// It re-runs the test binary with every scenario's outcome recorded
    /// (and returns at once inside that re-run).
    ///
    /// # Panics
    ///
    /// When a test fails in the re-run, a case cannot be read, or a check
    /// never fires or never stays quiet: the message names each one.
    pub fn assert(self) {
        if std::env::var_os(LOG_VAR).is_some() {
            return;
        }
        let mut seen: BTreeMap<&str, Seen> = P::META
            .checks
            .iter()
            .map(|check| (check.meta.id, Seen::default()))
            .collect();
        for (outcome, id) in rerun_recorded::<P>()
            .lines()
            .filter_map(|l| l.split_once('\t'))
        {
            if let Some(entry) = seen.get_mut(id) {
                match outcome {
                    "fired" => entry.fired = true,
                    _ => entry.quiet = true,
                }
            }
        }
        for dir in &self.cases {
            for case in read_cases(dir) {
                for (id, entry) in &mut seen {
                    entry.fired |= case.fires.iter().any(|fired| id_matches(id, fired));
                    entry.quiet |= case.quiet(id);
                }
            }
        }
        for id in &self.always {
            if let Some(entry) = seen.get_mut(id) {
                entry.quiet = true;
            }
        }
        let gaps: Vec<String> = seen
            .iter()
            .filter_map(|(id, seen)| match (seen.fired, seen.quiet) {
                (true, true) => None,
                (false, false) => Some(format!("{id}: runs in no scenario")),
                (false, true) => Some(format!("{id}: fires in no scenario or case")),
                (true, false) => Some(format!("{id}: is quiet in no scenario or case")),
            })
            .collect();
        assert!(
            gaps.is_empty(),
            "every check of `{}` must fire in one Scenario or case of its tests and stay quiet \
             in another:\n  {}",
            P::META.name,
            gaps.join("\n  ")
        );
    }
}

/// The test binary's tests run once more, each scenario's outcome logged;
/// returns the log.
fn rerun_recorded<P: Plugin>() -> String {
    let log = std::env::temp_dir().join(format!(
        "pincer-check-gate-{}-{}.log",
        P::META.name,
        std::process::id()
    ));
    let _ = std::fs::remove_file(&log);
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let output = std::process::Command::new(exe)
        .env(LOG_VAR, &log)
        .output()
        .expect("the test binary re-runs");
    assert!(
        output.status.success(),
        "the tests of `{}` failed when re-run for the check gate:\n{}",
        P::META.name,
        String::from_utf8_lossy(&output.stdout)
    );
    let recorded = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    recorded
}

/// What one case says of the checks.
struct CaseEvidence {
    /// Ids it expects to fire.
    fires: Vec<String>,
    /// Patterns it expects no finding of.
    absent: Vec<String>,
    /// Whether its findings must be exactly `fires`.
    exact: bool,
}

impl CaseEvidence {
    fn quiet(&self, id: &str) -> bool {
        self.absent.iter().any(|pattern| ids_overlap(pattern, id))
            || (self.exact && !self.fires.iter().any(|fired| id_matches(id, fired)))
    }
}

/// The cases of `dir` (each `*/case.json`).
fn read_cases(dir: &Path) -> Vec<CaseEvidence> {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read the cases in {}: {error}", dir.display()));
    let mut cases = Vec::new();
    for entry in entries.flatten() {
        let file = entry.path().join("case.json");
        if !file.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
        let case: Value = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("{} is not JSON: {error}", file.display()));
        let ids = |list: Option<&Value>| -> Vec<String> {
            list.and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|pair| pair.get("checkId").and_then(Value::as_str))
                .map(str::to_owned)
                .collect()
        };
        let mut fires = ids(case.get("expect"));
        fires.extend(ids(case.pointer("/reference/findings")));
        fires.extend(ids(case.pointer("/pincer/findings")));
        let absent = case
            .get("absent")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        cases.push(CaseEvidence {
            fires,
            absent,
            exact: case.get("exact").and_then(Value::as_bool) == Some(true),
        });
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::CaseEvidence;

    #[test]
    fn a_case_is_quiet_for_what_it_rules_out_and_fires_what_it_expects() {
        let exact = CaseEvidence {
            fires: vec!["acme.bind".into()],
            absent: Vec::new(),
            exact: true,
        };
        assert!(!exact.quiet("acme.bind"));
        assert!(exact.quiet("acme.token"));
        let absent = CaseEvidence {
            fires: Vec::new(),
            absent: vec!["acme.*".into()],
            exact: false,
        };
        assert!(absent.quiet("acme.bind"));
        assert!(
            !absent.quiet("acme.*.open"),
            "a pattern of two segments says nothing of three"
        );
        assert!(!absent.quiet("other.bind"));
        let loose = CaseEvidence {
            fires: vec!["acme.bind".into()],
            absent: Vec::new(),
            exact: false,
        };
        assert!(
            !loose.quiet("acme.token"),
            "a loose case says nothing of others"
        );
    }
}

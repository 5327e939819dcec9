//! Parity cases: every `tests/cases/<plugin>/<scenario>/` runs through the
//! real binary, and for every check id the built-in plugins declare, the
//! (checkId, severity) pairs must equal those recorded from the reference.

use crate::support::{audit, builtin_check_ids, root};
use pincer_sdk::id_matches;
use serde_json::Value;
use std::path::Path;

fn owned(check_id: &str) -> bool {
    builtin_check_ids()
        .iter()
        .any(|pattern| id_matches(pattern, check_id))
}

fn run_case(dir: &Path) -> Result<usize, String> {
    let case: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("case.json")).unwrap())
            .map_err(|e| format!("{}: case.json: {e}", dir.display()))?;
    let env: Vec<(String, String)> = case["env"]
        .as_object()
        .map(|vars| {
            vars.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let env_refs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let config = dir.join("config.json");
    let state = tempfile::tempdir().unwrap();
    let result = audit(
        &[
            "--config",
            config.to_str().unwrap(),
            "--state-dir",
            state.path().to_str().unwrap(),
            "--fail-on",
            "never",
        ],
        &env_refs,
    );
    if result.code != 0 {
        return Err(format!(
            "{}: exit code {}: {}",
            dir.display(),
            result.code,
            result.stderr
        ));
    }
    let mut expected: Vec<(String, String)> = case["reference"]["findings"]
        .as_array()
        .ok_or_else(|| format!("{}: case.json has no reference.findings", dir.display()))?
        .iter()
        .map(|f| {
            (
                f["checkId"].as_str().unwrap_or_default().to_owned(),
                f["severity"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .filter(|(id, _)| owned(id))
        .collect();
    expected.sort();
    expected.dedup();
    let mut actual = result.pairs();
    actual.dedup();
    if actual == expected {
        Ok(expected.len())
    } else {
        Err(format!(
            "{}:\n  reference: {expected:?}\n  pincer:    {actual:?}",
            dir.display()
        ))
    }
}

#[test]
fn every_case_matches_the_reference_on_owned_checks() {
    let cases_root = root().join("tests").join("cases");
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut compared = 0;
    for plugin in std::fs::read_dir(&cases_root).unwrap() {
        let plugin = plugin.unwrap().path();
        if !plugin.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&plugin).unwrap() {
            let case = case.unwrap().path();
            if !case.join("case.json").is_file() {
                continue;
            }
            cases += 1;
            match run_case(&case) {
                Ok(pairs) => compared += pairs,
                Err(message) => failures.push(message),
            }
        }
    }
    assert!(
        cases >= 20,
        "expected at least 20 parity cases, found {cases}"
    );
    assert!(compared > 0, "no case compared any finding");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases differ from the reference:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

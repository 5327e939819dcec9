//! Parity cases: every `tests/parity/<plugin>/<scenario>/` runs through the
//! real binary. For every reference check id the built-in plugins declare,
//! the (checkId, severity) pairs must equal those recorded from the
//! reference; Pincer's own checks (ids that match no reference id, see
//! `parity.rs`) are left out of that comparison and, when the case holds a
//! `pincer` expectation, must report exactly its pairs. Each case runs in
//! the private home `pincer test` builds for it (`pincer::cases`): its
//! `files`, its `params` as the `[params.<plugin>]` tables of a
//! `pincer.toml` passed with `--settings`.

use crate::parity::{Pair, cases, is_own, own_expectation, reference_pairs};
use crate::support::{Audit, audit, builtin_check_ids};
use pincer::cases::{Case, PreparedCase};
use pincer_sdk::id_matches;

/// Whether a built-in plugin declares this id.
fn owned(check_id: &str) -> bool {
    builtin_check_ids()
        .iter()
        .any(|pattern| id_matches(pattern, check_id))
}

/// Runs `pincer audit` with every built-in plugin on a case, in the private
/// home `pincer test` builds for it (`pincer::cases::PreparedCase`: the
/// case's files, the 700/600 defaults, its params as `--settings`), with
/// its `env`.
fn audit_case(case: &Case) -> Result<Audit, String> {
    let prepared = PreparedCase::new(case).map_err(|error| error.to_string())?;
    let (config, state, settings) = (
        prepared.config().display().to_string(),
        prepared.state().display().to_string(),
        prepared.settings().display().to_string(),
    );
    let args = [
        "--config",
        &config,
        "--state-dir",
        &state,
        "--settings",
        &settings,
        "--fail-on",
        "never",
    ];
    let home = prepared.home().display().to_string();
    let mut env: Vec<(&str, &str)> = case
        .spec
        .env
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    env.push(("HOME", &home));
    let result = audit(&args, &env);
    if result.code == 0 {
        Ok(result)
    } else {
        Err(format!("exit code {}: {}", result.code, result.stderr))
    }
}

/// Compares the reference's pairs of the reference ids our plugins own with
/// Pincer's, Pincer's own ids left out on both sides.
fn compare_reference(case: &Case, actual: &[Pair]) -> Result<usize, String> {
    let expected: Vec<Pair> = reference_pairs(case)?
        .into_iter()
        .filter(|(id, _)| owned(id) && !is_own(id))
        .collect();
    let actual: Vec<Pair> = actual
        .iter()
        .filter(|(id, _)| !is_own(id))
        .cloned()
        .collect();
    if actual == expected {
        Ok(expected.len())
    } else {
        Err(format!(
            "  reference: {expected:?}\n  pincer:    {actual:?}"
        ))
    }
}

/// Compares the case's `pincer` expectation, if any, with the pairs of
/// Pincer's own checks.
fn compare_own(case: &Case, actual: &[Pair]) -> Result<usize, String> {
    let Some(expected) = own_expectation(case) else {
        return Ok(0);
    };
    if let Some((id, _)) = expected.iter().find(|(id, _)| !is_own(id)) {
        return Err(format!(
            "  pincer.findings names `{id}`, which is not one of Pincer's own checks"
        ));
    }
    let actual: Vec<Pair> = actual
        .iter()
        .filter(|(id, _)| is_own(id))
        .cloned()
        .collect();
    if actual == expected {
        Ok(expected.len())
    } else {
        Err(format!(
            "  expected own: {expected:?}\n  pincer own:   {actual:?}"
        ))
    }
}

/// A case the reference refused: Pincer must refuse it too (exit 2), with
/// exactly the reference's issue paths, each located at a file and line.
fn compare_refusal(case: &Case, expected: &[String]) -> Result<usize, String> {
    let prepared = PreparedCase::new(case).map_err(|error| error.to_string())?;
    let mut command = crate::support::pincer();
    command
        .args(["audit", "--format", "json", "--config"])
        .arg(prepared.config())
        .arg("--state-dir")
        .arg(prepared.state())
        .env("HOME", prepared.home())
        .envs(&case.spec.env);
    let output = command.output().map_err(|error| error.to_string())?;
    let refusal: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|error| format!("  no JSON on stdout ({error})"))?;
    let issues = refusal["issues"].as_array().cloned().unwrap_or_default();
    let mut paths: Vec<String> = issues
        .iter()
        .filter_map(|issue| issue["path"].as_str().map(str::to_owned))
        .collect();
    paths.sort();
    paths.dedup();
    let unlocated: Vec<&serde_json::Value> = issues
        .iter()
        .filter(|issue| !issue["file"].is_string() || !issue["line"].is_u64())
        .collect();
    if output.status.code() != Some(2) || refusal["ok"] != false {
        Err(format!(
            "  the reference refuses it; pincer exited {:?}",
            output.status.code()
        ))
    } else if paths != expected {
        Err(format!(
            "  reference issues: {expected:?}\n  pincer issues:    {paths:?}"
        ))
    } else if !unlocated.is_empty() {
        Err(format!("  issues without a file and line: {unlocated:?}"))
    } else {
        Ok(paths.len())
    }
}

/// Runs one case; returns how many pairs (or refusal issues) it compared.
fn run_case(case: &Case) -> Result<usize, String> {
    let in_case = |message: String| format!("{}:\n{message}", case.dir.display());
    if let Some(expected) = case.spec.expected_refusal() {
        return compare_refusal(case, &expected).map_err(in_case);
    }
    let result = audit_case(case).map_err(in_case)?;
    let mut actual = result.pairs();
    actual.dedup();
    let reference = compare_reference(case, &actual);
    let own = compare_own(case, &actual);
    match (reference, own) {
        (Ok(reference), Ok(own)) => Ok(reference + own),
        (reference, own) => Err(in_case(
            [reference.err(), own.err()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("\n"),
        )),
    }
}

/// Runs every case on a few threads; results in case order.
fn run_all(cases: &[Case]) -> Vec<Result<usize, String>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut results = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(case) = cases.get(index) else { break };
                        results.push(run_case(case));
                    }
                    results
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap())
            .collect()
    })
}

#[test]
fn every_case_matches_the_reference_on_owned_checks() {
    let all = cases();
    let results = run_all(&all);
    let cases = all.len();
    let compared: usize = results.iter().filter_map(|r| r.as_ref().ok()).sum();
    let failures: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        cases >= 20,
        "expected at least 20 parity cases, found {cases}"
    );
    assert!(compared > 0, "no case compared any finding");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases differ from what they record:\n{}",
        failures.len(),
        failures
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

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

/// Builds a case's state dir from its `files` list, as
/// `scripts/record-case.py` does for the reference: the config becomes
/// `STATE/openclaw.json`, then each entry is created in order and the modes
/// are applied last, deepest first. Returns the config path.
fn materialize(dir: &Path, files: &[Value], state: &Path) -> std::path::PathBuf {
    let config = state.join("openclaw.json");
    std::fs::copy(dir.join("config.json"), &config).unwrap();
    let mut modes = Vec::new();
    for entry in files {
        let relative = entry["path"].as_str().unwrap();
        let path = state.join(relative);
        match entry["kind"].as_str().unwrap_or("file") {
            "dir" => std::fs::create_dir_all(&path).unwrap(),
            "symlink" => {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                #[cfg(unix)]
                std::os::unix::fs::symlink(entry["target"].as_str().unwrap(), &path).unwrap();
            }
            _ => {
                let mode_only = relative == "."
                    || (relative == "openclaw.json" && entry.get("content").is_none());
                if !mode_only {
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(&path, entry["content"].as_str().unwrap_or_default()).unwrap();
                }
            }
        }
        if let Some(mode) = entry["mode"].as_str() {
            modes.push((path, u32::from_str_radix(mode, 8).unwrap()));
        }
    }
    #[cfg(unix)]
    for (path, mode) in modes.into_iter().rev() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    config
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
    // Cases with files live where the reference keeps them: HOME/.openclaw
    // (so `~` in the config or env means what it meant when recorded).
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join(".openclaw");
    std::fs::create_dir_all(&state).unwrap();
    // Without a files list, the state dir is what the reference's wrapper
    // makes: a private dir holding the config, modes 700 and 600.
    let default_files = serde_json::json!([
        {"path": ".", "mode": "0700"},
        {"path": "openclaw.json", "mode": "0600"}
    ]);
    let files = case["files"]
        .as_array()
        .or_else(|| default_files.as_array())
        .unwrap();
    let config = materialize(dir, files, &state);
    let home_env = home.path().to_str().unwrap().to_owned();
    let mut env_refs = env_refs;
    env_refs.push(("HOME", &home_env));
    let result = audit(
        &[
            "--config",
            config.to_str().unwrap(),
            "--state-dir",
            state.to_str().unwrap(),
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

/// Every `tests/cases/<plugin>/<scenario>/` folder that holds a case.
fn case_dirs() -> Vec<std::path::PathBuf> {
    let cases_root = root().join("tests").join("cases");
    let mut dirs = Vec::new();
    for plugin in std::fs::read_dir(&cases_root).unwrap() {
        let plugin = plugin.unwrap().path();
        if !plugin.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&plugin).unwrap() {
            let case = case.unwrap().path();
            if case.join("case.json").is_file() {
                dirs.push(case);
            }
        }
    }
    dirs.sort();
    dirs
}

#[test]
fn every_case_matches_the_reference_on_owned_checks() {
    let dirs = case_dirs();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    let results: Vec<Result<usize, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut results = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(dir) = dirs.get(index) else { break };
                        results.push(run_case(dir));
                    }
                    results
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap())
            .collect()
    });
    let cases = dirs.len();
    let compared: usize = results.iter().filter_map(|r| r.as_ref().ok()).sum();
    let failures: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        cases >= 20,
        "expected at least 20 parity cases, found {cases}"
    );
    assert!(compared > 0, "no case compared any finding");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases differ from the reference:\n{}",
        failures.len(),
        failures
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

//! Parity cases: every `tests/parity/<plugin>/<scenario>/` runs through the
//! real binary. For every reference check id the built-in plugins declare,
//! the (checkId, severity) pairs must equal those recorded from the
//! reference; Pincer's own checks (ids that match no reference id, see
//! `parity.rs`) are left out of that comparison and, when the case holds a
//! `pincer` expectation, must report exactly its pairs. A case's `params`
//! become the `[params.<plugin>]` tables of a `pincer.toml` passed with
//! `--settings`.

use crate::parity::{Pair, case_dirs, is_own, load_case, own_expectation, reference_pairs};
use crate::support::{Audit, audit, builtin_check_ids};
use pincer_sdk::id_matches;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Whether a built-in plugin declares this id.
fn owned(check_id: &str) -> bool {
    builtin_check_ids()
        .iter()
        .any(|pattern| id_matches(pattern, check_id))
}

/// Builds a case's state dir from its `files` list, as
/// `scripts/record-case.py` does for the reference: the config becomes
/// `STATE/openclaw.json`, then each entry is created in order and the modes
/// are applied last, deepest first, then `modifiedDaysAgo` backdates an
/// entry's modification time. Returns the config path.
fn materialize(dir: &Path, files: &[Value], state: &Path) -> PathBuf {
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
    for entry in files {
        if let Some(days) = entry["modifiedDaysAgo"].as_u64() {
            let then = std::time::SystemTime::now() - std::time::Duration::from_secs(days * 86_400);
            let path = state.join(entry["path"].as_str().unwrap());
            std::fs::File::options()
                .append(true)
                .open(&path)
                .unwrap()
                .set_modified(then)
                .unwrap();
        }
    }
    config
}

/// A TOML key: bare when it can be, else a quoted string.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        key.to_owned()
    } else {
        Value::from(key).to_string()
    }
}

/// A JSON value as a TOML value: strings, numbers, booleans, arrays and
/// (inline) tables; `null` has no TOML form.
fn toml_value(value: &Value) -> Result<String, String> {
    Ok(match value {
        // A JSON string literal is a valid TOML basic string.
        Value::String(_) | Value::Number(_) | Value::Bool(_) => value.to_string(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(toml_value).collect::<Result<_, _>>()?;
            format!("[{}]", items.join(", "))
        }
        Value::Object(table) => {
            let entries: Vec<String> = table
                .iter()
                .map(|(key, value)| Ok(format!("{} = {}", toml_key(key), toml_value(value)?)))
                .collect::<Result<_, String>>()?;
            format!("{{ {} }}", entries.join(", "))
        }
        Value::Null => return Err("null has no TOML form".to_owned()),
    })
}

/// The text of a `pincer.toml` holding a case's `params`: one
/// `[params.<plugin>]` table per plugin.
fn settings_toml(params: &Value) -> Result<String, String> {
    let plugins = params.as_object().ok_or("params is not an object")?;
    let mut text = String::new();
    for (plugin, table) in plugins {
        let table = table
            .as_object()
            .ok_or_else(|| format!("params.{plugin} is not an object"))?;
        text.push_str(&format!("[params.{}]\n", toml_key(plugin)));
        for (key, value) in table {
            let value = toml_value(value).map_err(|e| format!("params.{plugin}.{key}: {e}"))?;
            text.push_str(&format!("{} = {value}\n", toml_key(key)));
        }
        text.push('\n');
    }
    Ok(text)
}

/// The case's `env`, as (name, value) pairs.
fn case_env(case: &Value) -> Vec<(String, String)> {
    case["env"]
        .as_object()
        .map(|vars| {
            vars.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// Runs `pincer audit` on a case, in a private HOME whose `.openclaw` is
/// the case's state dir, with its `env` and, when it has `params`, a
/// `HOME/pincer.toml` passed with `--settings`.
fn audit_case(dir: &Path, case: &Value) -> Result<Audit, String> {
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
    let mut args: Vec<String> = [
        "--config",
        config.to_str().unwrap(),
        "--state-dir",
        state.to_str().unwrap(),
        "--fail-on",
        "never",
    ]
    .map(str::to_owned)
    .to_vec();
    if let Some(params) = case.get("params") {
        let settings = home.path().join("pincer.toml");
        std::fs::write(&settings, settings_toml(params)?).unwrap();
        args.extend([
            "--settings".to_owned(),
            settings.to_str().unwrap().to_owned(),
        ]);
    }
    let mut env = case_env(case);
    env.push(("HOME".to_owned(), home.path().to_str().unwrap().to_owned()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = audit(&args, &env);
    if result.code == 0 {
        Ok(result)
    } else {
        Err(format!("exit code {}: {}", result.code, result.stderr))
    }
}

/// Compares the reference's pairs of the reference ids our plugins own with
/// Pincer's, Pincer's own ids left out on both sides.
fn compare_reference(case: &Value, actual: &[Pair]) -> Result<usize, String> {
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
fn compare_own(case: &Value, actual: &[Pair]) -> Result<usize, String> {
    let Some(expected) = own_expectation(case)? else {
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

/// Runs one case; returns how many pairs it compared.
fn run_case(dir: &Path) -> Result<usize, String> {
    let in_case = |message: String| format!("{}:\n{message}", dir.display());
    let case = load_case(dir).map_err(in_case)?;
    let result = audit_case(dir, &case).map_err(in_case)?;
    let mut actual = result.pairs();
    actual.dedup();
    let reference = compare_reference(&case, &actual);
    let own = compare_own(&case, &actual);
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
fn run_all(dirs: &[PathBuf]) -> Vec<Result<usize, String>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    std::thread::scope(|scope| {
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
    })
}

#[test]
fn every_case_matches_the_reference_on_owned_checks() {
    let dirs = case_dirs();
    let results = run_all(&dirs);
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
        "{} of {cases} cases differ from what they record:\n{}",
        failures.len(),
        failures
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn case_params_become_a_settings_file() {
    let params = serde_json::json!({
        "control-plane": {"gatewayPort": 19001, "strict": true, "names": ["a", "b\"c"]},
        "node-overreach": {"dotted.key": "x", "limits": {"max": 3}},
    });
    let text = settings_toml(&params).unwrap();
    let parsed: toml::Table = text.parse().unwrap();
    assert_eq!(
        parsed["params"]["node-overreach"]["limits"]["max"].as_integer(),
        Some(3)
    );
    assert_eq!(
        text,
        "[params.control-plane]\ngatewayPort = 19001\nstrict = true\nnames = [\"a\", \"b\\\"c\"]\n\n\
         [params.node-overreach]\n\"dotted.key\" = \"x\"\nlimits = { max = 3 }\n\n"
    );
    assert!(settings_toml(&serde_json::json!({"p": {"k": null}})).is_err());
}

//! `pincer test PLUGIN.wasm CASES_DIR`: runs a plugin component through the
//! real host — each case a real `pincer audit` of the case's config and
//! state, with only that plugin, in a private HOME — and compares what it
//! reports with the case's expectations (see `crate::testcases::cases`). Exit 0 when
//! every case passes, 1 when one fails, 2 for bad input.

use crate::cli::TestArgs;
use crate::error::{Error, Result, exit};
use crate::runtime::info::PluginInfo;
use crate::runtime::{CompiledCache, Limits, PluginSource, Runtime};
use crate::testcases::cases::{Case, Judge, Pair, Verdict, discover};
use crate::testcases::outcome::{Outcome, Summary};
use pincer_sdk::id_matches;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs the cases; see the module doc for the exit codes.
pub(crate) fn run(args: &TestArgs, env: &crate::env::Env) -> Result<u8> {
    let bytes = super::read_plugin(&args.plugin)?;
    let cache_dir = args.cache.dir(env);
    let runtime = Runtime::new(Limits::default())?.with_cache(
        cache_dir
            .clone()
            .map_or_else(CompiledCache::disabled, CompiledCache::at),
    );
    let mut plugin = [runtime.load(PluginSource::file(&args.plugin), &bytes)?];
    crate::runtime::ownership::admit(&mut plugin);
    let [plugin] = plugin;
    let info = plugin.info().cloned().map_err(|failure| Error::Plugin {
        path: plugin.source.to_string(),
        message: format!("cannot describe itself: {failure}"),
    })?;
    let cases = discover(&args.cases)?;
    for case in &cases {
        check_ids(case, &info)?;
        check_env(case)?;
    }
    // The host's own finding about config suppressions comes with every
    // plugin's audit, so every plugin answers for it.
    let host_ids = [crate::report::host_checks::CONFIG_SUPPRESSIONS_ACTIVE
        .id()
        .to_owned()];
    let judge = Judge {
        declared: info
            .checks
            .iter()
            .map(|check| check.id.clone())
            .chain(host_ids)
            .collect(),
        reference_ids: args
            .reference_checks
            .as_deref()
            .map(crate::testcases::cases::reference_ids)
            .transpose()?,
    };
    if judge.reference_ids.is_none()
        && let Some(case) = cases.iter().find(|case| case.spec.reference.is_some())
    {
        return Err(Error::Usage(format!(
            "{} holds the reference's findings: give the reference's check ids with \
             --reference-checks FILE (tests/parity/reference-checks.json)",
            case.file().display()
        )));
    }
    // Every case runs the bytes checked above, even if the file is rebuilt
    // meanwhile.
    let copy_dir = tempfile::tempdir().map_err(|source| Error::Write {
        target: "a temporary directory".into(),
        source,
    })?;
    let plugin_path = copy_dir.path().join("plugin.wasm");
    std::fs::write(&plugin_path, &bytes).map_err(|source| Error::Write {
        target: plugin_path.display().to_string(),
        source,
    })?;
    let mut outcomes = Vec::with_capacity(cases.len());
    for case in cases {
        let verdict = run_case(&case, &plugin_path, cache_dir.as_deref(), &judge)?;
        outcomes.push(Outcome {
            name: case.name,
            description: case.spec.description,
            passed: verdict.passed(),
            verdict,
        });
    }
    let passed = outcomes.iter().filter(|o| o.passed).count();
    let summary = Summary {
        plugin: info.name,
        version: info.version,
        file: args.plugin.display().to_string(),
        passed,
        failed: outcomes.len() - passed,
        cases: outcomes,
    };
    crate::output::print_json_or_table(
        args.format == crate::cli::Format::Json,
        &summary,
        &|out| crate::render::cases::render(&summary, out),
    )?;
    Ok(if summary.failed == 0 {
        exit::CLEAN
    } else {
        exit::FINDINGS
    })
}

/// Every id a case names must be one the plugin declares: a typo would
/// make an `expect` fail forever or an `absent` pass forever.
fn check_ids(case: &Case, info: &PluginInfo) -> Result<()> {
    let named = case
        .spec
        .expect
        .iter()
        .map(|pair| pair.check_id.as_str())
        .chain(case.spec.absent.iter().map(String::as_str));
    for id in named {
        let covered = info
            .checks
            .iter()
            .any(|check| id_matches(&check.id, id) || id_matches(id, &check.id));
        if !covered {
            return Err(Error::Invalid {
                path: case.dir.join(crate::testcases::cases::CASE_FILE),
                line: 1,
                column: 1,
                message: format!("names `{id}`, which plugin {} does not declare", info.name),
            });
        }
    }
    Ok(())
}

/// Variables a case may not set: they would move the audit out of its
/// private home or change Pincer itself.
fn check_env(case: &Case) -> Result<()> {
    let reserved =
        |name: &str| name == "HOME" || name.starts_with("XDG_") || name == "PINCER_CACHE_DIR";
    match case.spec.env.keys().find(|name| reserved(name)) {
        Some(name) => Err(Error::Invalid {
            path: case.file(),
            line: 1,
            column: 1,
            message: format!("env may not set {name}: the case runs in its own private home"),
        }),
        None => Ok(()),
    }
}

/// Audits the case with only the plugin under test and judges the report.
fn run_case(
    case: &Case,
    plugin: &Path,
    cache_dir: Option<&Path>,
    judge: &Judge,
) -> Result<Verdict> {
    let prepared = crate::testcases::prepare::PreparedCase::new(case)?;
    let exe = std::env::current_exe().map_err(|source| Error::Read {
        path: PathBuf::from("the pincer executable"),
        source,
    })?;
    let mut command = Command::new(exe);
    command
        .arg("audit")
        .arg("--no-builtin")
        .arg("--plugin")
        .arg(plugin)
        .arg("--config")
        .arg(prepared.config())
        .arg("--state-dir")
        .arg(prepared.state())
        .arg("--settings")
        .arg(prepared.settings())
        .args([
            "--format",
            "json",
            "--fail-on",
            "never",
            "--allow-incomplete",
        ]);
    match cache_dir {
        Some(dir) => command.arg("--cache-dir").arg(dir),
        None => command.arg("--no-cache"),
    };
    // Only the case's own environment: results must not depend on the
    // machine that runs them.
    command
        .env_clear()
        .env("HOME", prepared.home())
        .env("NO_COLOR", "1")
        .envs(&case.spec.env);
    let output = command.output().map_err(|source| Error::Read {
        path: PathBuf::from("the pincer executable"),
        source,
    })?;
    let expected_refusal = case.spec.expected_refusal();
    if let Some(found) = refusal_paths(&output.stdout).filter(|_| output.status.code() == Some(2)) {
        return Ok(match expected_refusal {
            Some(expected) => Verdict::of_refusal(&expected, &found),
            None => Verdict {
                error: Some(format!(
                    "OpenClaw would refuse the case's config: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                )),
                ..Verdict::default()
            },
        });
    }
    if output.status.code() == Some(0)
        && let Some(expected) = expected_refusal
    {
        return Ok(Verdict {
            error: Some(format!(
                "the case expects OpenClaw to refuse its config (at {}), but it is valid",
                expected.join(", ")
            )),
            ..Verdict::default()
        });
    }
    if output.status.code() != Some(0) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Error::Usage(format!(
            "case {}: the audit refused its input: {}",
            case.name,
            stderr.trim()
        )));
    }
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).map_err(|error| {
        Error::Engine(format!(
            "the audit of case {} printed no JSON report: {error}",
            case.name
        ))
    })?;
    if let Some(failure) = report["plugins"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|plugin| plugin.get("failure"))
    {
        return Ok(Verdict {
            error: Some(format!("the plugin failed: {failure}")),
            ..Verdict::default()
        });
    }
    let reported: Vec<Pair> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|finding| serde_json::from_value(pair_of(finding)).ok())
        .collect();
    Ok(judge.judge(&case.spec, &reported))
}

/// The issue paths of a refusal (`{"ok": false, "issues": [...]}` on
/// stdout), sorted, each once; none for anything else.
fn refusal_paths(stdout: &[u8]) -> Option<Vec<String>> {
    let refusal: serde_json::Value = serde_json::from_slice(stdout).ok()?;
    if refusal["ok"] != serde_json::Value::Bool(false) {
        return None;
    }
    let mut paths: Vec<String> = refusal["issues"]
        .as_array()?
        .iter()
        .filter_map(|issue| issue["path"].as_str().map(str::to_owned))
        .collect();
    paths.sort();
    paths.dedup();
    Some(paths)
}

/// `{checkId, severity}` of a finding.
fn pair_of(finding: &serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "checkId": finding["checkId"],
        "severity": finding["severity"],
    })
}

//! Fleet audits through the real binary: `--fleet FILE` and several
//! `--state-dir` in one process, one combined report in the order given,
//! each target's own exit code, an unreadable target reported in its place,
//! and results that do not depend on `--jobs`.

use crate::support::{example_home_twice, pincer, root, text};
use serde_json::Value;
use std::path::Path;

fn fleet_audit(args: &[&str]) -> (i32, Value, String) {
    let output = pincer()
        .args(["audit", "--format", "json", "--fail-on", "critical"])
        .args(args)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    let report = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\n{stderr}"));
    crate::support::assert_valid_report(&report);
    (output.status.code().unwrap_or(-1), report, stderr)
}

/// One target's outcome: its state dir's last component, exit code and
/// sorted (checkId, severity) pairs.
type Outcome = (String, u64, Vec<(String, String)>);

fn outcomes(report: &Value) -> Vec<Outcome> {
    report["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let mut pairs: Vec<(String, String)> = entry["report"]["findings"]
                .as_array()
                .map(|findings| {
                    findings
                        .iter()
                        .map(|f| {
                            (
                                f["checkId"].as_str().unwrap().to_owned(),
                                f["severity"].as_str().unwrap().to_owned(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            pairs.sort();
            let dir = entry["target"]["stateDir"].as_str().unwrap();
            let name = Path::new(dir)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, entry["exitCode"].as_u64().unwrap(), pairs)
        })
        .collect()
}

/// A fleet file: the example home, a private hardened install, one with a
/// broken config, and the exposed example config named as a file.
fn fleet_file(dir: &Path) -> std::path::PathBuf {
    let hardened_copy = dir.join("hardened");
    std::fs::create_dir_all(&hardened_copy).unwrap();
    std::fs::copy(
        root().join("examples/configs/hardened.json"),
        hardened_copy.join("openclaw.json"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let private = |path: &Path, mode| {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
        };
        private(&hardened_copy, 0o700);
        private(&hardened_copy.join("openclaw.json"), 0o600);
    }
    let broken = dir.join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(
        broken.join("openclaw.json"),
        "{ gateway: { bind: \"lan\", }\n",
    )
    .unwrap();
    let list = dir.join("fleet.txt");
    std::fs::write(
        &list,
        format!(
            "# three installations and a config file\n{}\n\nhardened\nbroken\n{}\n",
            root().join("examples/openclaw-home").display(),
            root().join("examples/configs/exposed.json").display(),
        ),
    )
    .unwrap();
    list
}

#[test]
fn a_fleet_file_gives_one_report_with_every_target_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let list = fleet_file(dir.path());
    let (code, report, stderr) = fleet_audit(&["--fleet", list.to_str().unwrap()]);
    assert_eq!(
        code, 2,
        "a target that cannot be read makes the fleet exit 2: {stderr}"
    );
    let found = outcomes(&report);
    let names: Vec<&str> = found.iter().map(|(name, _, _)| name.as_str()).collect();
    assert_eq!(
        names,
        vec!["openclaw-home", "hardened", "broken", "configs"]
    );
    assert_eq!(
        found[1].1, 0,
        "the hardened install is clean at --fail-on critical"
    );
    assert_eq!(found[2].1, 2);
    assert_eq!(found[3].1, 1, "the exposed example has critical findings");
    let error = report["targets"][2]["error"].as_str().unwrap();
    assert!(error.contains("broken/openclaw.json:"), "{error}");
    assert_eq!(report["kind"], "fleet");
    assert_eq!(report["fleet"]["targets"], 4);
    assert_eq!(report["fleet"]["errors"], 1);
    let critical: u64 = report["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|entry| entry["report"]["summary"]["critical"].as_u64())
        .sum();
    assert_eq!(report["summary"]["critical"].as_u64(), Some(critical));
}

#[test]
fn results_do_not_depend_on_the_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let list = fleet_file(dir.path());
    let list = list.to_str().unwrap();
    let (_, one, _) = fleet_audit(&["--fleet", list, "--jobs", "1"]);
    let (_, four, _) = fleet_audit(&["--fleet", list, "--jobs", "4"]);
    assert_eq!(outcomes(&one), outcomes(&four));
}

#[test]
fn several_state_dirs_are_a_fleet_and_a_single_one_is_not() {
    let home = root().join("examples/openclaw-home");
    let home = home.to_str().unwrap();
    let (code, report, stderr) = fleet_audit(&["--state-dir", home, "--state-dir", home]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(report["fleet"]["targets"], 2);
    let (_, single, _) = fleet_audit(&["--state-dir", home]);
    assert!(single.get("targets").is_none() && single.get("findings").is_some());
}

#[test]
fn the_table_has_a_section_per_target_and_the_totals() {
    let dir = tempfile::tempdir().unwrap();
    let list = fleet_file(dir.path());
    let output = pincer()
        .args(["audit", "--fleet", list.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, _) = text(&output);
    assert_eq!(stdout.matches("pincer audit").count(), 4, "{stdout}");
    assert!(stdout.contains("fleet: 4 installations"), "{stdout}");
    assert!(stdout.contains("error:"), "{stdout}");
}

#[test]
fn config_and_fleet_do_not_go_together() {
    let dir = tempfile::tempdir().unwrap();
    let list = fleet_file(dir.path());
    let config = root().join("examples/configs/exposed.json");
    let output = pincer()
        .args(["audit", "--fleet", list.to_str().unwrap()])
        .args(["--config", config.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).1.contains("cannot be used with"),
        "{}",
        text(&output).1
    );
    let output = pincer()
        .args(["audit", "--config", config.to_str().unwrap()])
        .args(example_home_twice())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).1.contains("--config names one installation"));
}

#[test]
fn installation_variables_are_refused_for_a_fleet() {
    let output = pincer()
        .arg("audit")
        .args(example_home_twice())
        .env(
            "OPENCLAW_GATEWAY_TOKEN",
            "a-token-for-one-installation-only",
        )
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("OPENCLAW_GATEWAY_TOKEN describes one installation"),
        "{stderr}"
    );
    assert!(!stderr.contains("a-token-for-one-installation-only"));
}

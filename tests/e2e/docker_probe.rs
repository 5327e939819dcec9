//! `--deep` asks Docker about the sandbox browser containers. A stand-in
//! `docker` command on PATH plays the Docker CLI (no daemon runs on the
//! test machines): the host runs `ps`, `inspect` and `port` through it and
//! the sandbox plugin judges the answers; without Docker the audit says the
//! checks did not run; without `--deep` Docker is never asked.

use crate::support::{audit, pincer, text};
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

const FAKE_DOCKER: &str = r#"#!/bin/sh
echo "$*" >> "$(dirname "$0")/calls.log"
case "$1" in
  ps) printf 'browser-good\nbrowser-open\n' ;;
  inspect)
    eval "last=\${$#}"
    if [ "$last" = browser-good ]; then printf 'abc\t2026-05-12-cdp-relay-auth\n';
    else printf '<no value>\t2025-01-01\n'; fi ;;
  port)
    if [ "$2" = browser-good ]; then printf '9222/tcp -> 127.0.0.1:9222\n';
    else printf '9222/tcp -> 0.0.0.0:49153\n6080/tcp -> [::]:6080\n'; fi ;;
  *) echo "unexpected: $*" >&2; exit 1 ;;
esac
"#;

fn setup(with_docker: bool) -> (tempfile::TempDir, String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    if with_docker {
        let docker = bin.join("docker");
        std::fs::write(&docker, FAKE_DOCKER).unwrap();
        std::fs::set_permissions(&docker, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let state = dir.path().join("state");
    std::fs::create_dir(&state).unwrap();
    let config = state.join("openclaw.json");
    std::fs::write(&config, r#"{"gateway": {"port": 1}}"#).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    (
        dir,
        config.display().to_string(),
        state.display().to_string(),
        path,
    )
}

fn pairs_of(report: &Value, prefix: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["checkId"].as_str().unwrap().starts_with(prefix))
        .map(|f| {
            (
                f["checkId"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn deep_judges_the_browser_containers_docker_reports() {
    let (dir, config, state, path) = setup(true);
    let args = ["--config", &config, "--state-dir", &state, "--deep"];
    let run = audit(&args, &[("PATH", &path)]);
    assert_eq!(
        pairs_of(&run.report, "sandbox.browser_container."),
        vec![
            (
                "sandbox.browser_container.hash_epoch_stale".to_owned(),
                "warn".to_owned()
            ),
            (
                "sandbox.browser_container.hash_label_missing".to_owned(),
                "warn".to_owned()
            ),
            (
                "sandbox.browser_container.non_loopback_publish".to_owned(),
                "critical".to_owned()
            ),
        ],
        "{}",
        run.stdout
    );
    let calls = std::fs::read_to_string(dir.path().join("bin/calls.log")).unwrap();
    assert!(
        calls.lines().all(|call| ["ps ", "inspect ", "port "]
            .iter()
            .any(|c| call.starts_with(c))),
        "only read-only Docker commands: {calls}"
    );
}

#[test]
fn without_deep_docker_is_never_asked() {
    let (dir, config, state, path) = setup(true);
    let run = audit(
        &["--config", &config, "--state-dir", &state],
        &[("PATH", &path)],
    );
    assert_eq!(pairs_of(&run.report, "sandbox.browser_container."), vec![]);
    assert!(!Path::new(&dir.path().join("bin/calls.log")).exists());
}

#[test]
fn without_docker_deep_says_the_checks_did_not_run() {
    let (_dir, config, state, path) = setup(false);
    let output = pincer()
        .args(["view", "--config", &config, "--state-dir", &state, "--deep"])
        .env("PATH", &path)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let view: Value = serde_json::from_str(&stdout).unwrap();
    let notes = view["state"]["gateway"]["info"]["notes"].to_string();
    assert!(
        notes.contains("Docker is not reachable") && notes.contains("did not run"),
        "{notes}"
    );
    assert_eq!(view["state"]["gateway"]["docker"]["available"], false);
}

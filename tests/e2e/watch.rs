//! `pincer watch`: the real scheduler as a child process — several audits
//! on a short interval and on demand (SIGHUP) against a config that
//! changes between them, the hook and a webhook on loopback receiving each
//! alerting run, a failed run reported while the next still happens, and
//! SIGTERM in the middle of a run (held there by a stand-in `docker` under
//! --deep) recording nothing, a second signal not waiting for it, a
//! watcher killed outright leaving only whole entries, and a hook that
//! never reads its input or ends stopped with the watcher.

use crate::support::{PATIENCE, pincer, wait_until, write_private_config};
use rustix::process::{Pid, Signal, kill_process};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn signal(child: &Child, signal: Signal) {
    let pid = Pid::from_raw(i32::try_from(child.id()).unwrap()).unwrap();
    kill_process(pid, signal).unwrap();
}

fn entry_count(history: &Path) -> usize {
    std::fs::read_dir(history).map_or(0, |dir| {
        dir.filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_str().unwrap();
            name.starts_with("audit-") && name.ends_with(".json")
        })
        .count()
    })
}

fn exit_status(child: &mut Child) -> i32 {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        assert!(start.elapsed() < PATIENCE, "the watcher did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A webhook receiver on loopback: every POST body, as JSON, is sent on
/// the channel; each request is answered 204.
fn webhook() -> (String, mpsc::Receiver<Value>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hooks/pincer", listener.local_addr().unwrap());
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            let mut line = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
            let _ = send.send(serde_json::from_slice(&body).unwrap_or(Value::Null));
        }
    });
    (url, receive)
}

fn hardened() -> Value {
    json!({
        "gateway": {"bind": "loopback", "auth": {"mode": "token", "token": "planted-watch-token-0123456789abcdef"}},
        "agents": {"defaults": {"sandbox": {"mode": "all"}}},
        "tools": {"elevated": {"enabled": false}, "fs": {"workspaceOnly": true}, "deny": ["group:runtime"]}
    })
}

fn watcher(state: &Path, history: &Path, extra: &[&str]) -> Child {
    watcher_with_path(state, history, extra, None)
}

/// A watcher whose PATH starts with `bin` when given.
fn watcher_with_path(state: &Path, history: &Path, extra: &[&str], bin: Option<&Path>) -> Child {
    let mut command = pincer();
    command
        .args(["watch", "--fail-on", "critical"])
        .args(["--state-dir", state.to_str().unwrap()])
        .args(["--history", history.to_str().unwrap()])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(bin) = bin {
        let path = std::env::var("PATH").unwrap_or_default();
        command.env("PATH", format!("{}:{path}", bin.display()));
    }
    command.spawn().unwrap()
}

/// A stand-in `docker` that holds the audit in its --deep Docker probe:
/// it writes its pid to `started`, then waits until `release` exists (at
/// most the probe's own 5 s limit, after which Pincer kills it).
struct SlowDocker {
    bin: std::path::PathBuf,
    started: std::path::PathBuf,
    release: std::path::PathBuf,
}

impl SlowDocker {
    fn new(work: &Path) -> SlowDocker {
        use std::os::unix::fs::PermissionsExt;
        let bin = work.join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let docker = SlowDocker {
            started: work.join("docker-started"),
            release: work.join("docker-release"),
            bin,
        };
        let script = format!(
            "#!/bin/sh\necho $$ > '{started}.tmp' && mv '{started}.tmp' '{started}'\n\
             while [ ! -e '{release}' ]; do sleep 0.05; done\n",
            started = docker.started.display(),
            release = docker.release.display(),
        );
        let path = docker.bin.join("docker");
        std::fs::write(&path, script).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        docker
    }

    fn release(&self) {
        std::fs::write(&self.release, "").unwrap();
    }

    /// The pid of the stand-in that started.
    fn pid(&self) -> String {
        std::fs::read_to_string(&self.started)
            .unwrap()
            .trim()
            .to_owned()
    }
}

/// A watcher of the hardened config whose first run is held in its
/// --deep Docker probe by a [`SlowDocker`], its log collected as it comes.
struct HeldRun {
    _state: tempfile::TempDir,
    history: tempfile::TempDir,
    _work: tempfile::TempDir,
    docker: SlowDocker,
    child: Child,
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl HeldRun {
    /// Starts the watcher and waits until its run is held.
    fn start() -> HeldRun {
        let state = tempfile::tempdir().unwrap();
        let history = tempfile::tempdir().unwrap();
        let work = tempfile::tempdir().unwrap();
        write_private_config(state.path(), &hardened());
        let docker = SlowDocker::new(work.path());
        let mut child = watcher_with_path(
            state.path(),
            history.path(),
            &["--every", "1h", "--deep"],
            Some(&docker.bin),
        );
        let log = log_of(&mut child);
        wait_until("the run to reach its Docker probe", || {
            docker.started.exists()
        });
        HeldRun {
            _state: state,
            history,
            _work: work,
            docker,
            child,
            log,
        }
    }
}

/// Collects the watcher's stderr as it comes, so a test can wait for a
/// line while the watcher runs.
fn log_of(child: &mut Child) -> std::sync::Arc<std::sync::Mutex<String>> {
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let stderr = child.stderr.take().unwrap();
    let sink = std::sync::Arc::clone(&log);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let mut text = sink.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    log
}

/// Writes `config` whole: a temporary file renamed over it, so a run never
/// reads half a config.
fn replace_config(state: &Path, config: &Value) {
    let staging = tempfile::tempdir_in(state).unwrap();
    write_private_config(staging.path(), config);
    std::fs::rename(
        staging.path().join("openclaw.json"),
        state.join("openclaw.json"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(state, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
}

/// Whether process `pid` is gone (or only a zombie waiting to be reaped).
#[cfg(target_os = "linux")]
fn gone(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |stat| {
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
    })
}

fn stderr_of(child: &mut Child) -> String {
    let mut text = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn watch_audits_on_demand_alerts_by_hook_and_webhook_and_stops_on_sigterm() {
    let state = tempfile::tempdir().unwrap();
    let history = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let hook_log = work.path().join("hook.log");
    write_private_config(state.path(), &hardened());
    let (url, posts) = webhook();
    let hook = format!(
        "read -r first; echo \"$PINCER_EXIT $PINCER_DRIFT $first\" >> '{}'; test -s \"$PINCER_REPORT\"",
        hook_log.display()
    );
    let mut child = watcher(
        state.path(),
        history.path(),
        &["--every", "1h", "--webhook", &url, "--on-finding", &hook],
    );
    // Run 1: the hardened config, no baseline: nothing at or above
    // critical, no drift, so no alert.
    wait_until("the first run", || entry_count(history.path()) == 1);

    // Run 2: elevated on and sandboxing lowered: drift, and alerts.
    let mut loosened = hardened();
    loosened["tools"]["elevated"]["enabled"] = json!(true);
    loosened["agents"]["defaults"]["sandbox"]["mode"] = json!("off");
    write_private_config(state.path(), &loosened);
    signal(&child, Signal::HUP);
    wait_until("the second run", || entry_count(history.path()) == 2);
    let report = posts
        .recv_timeout(PATIENCE)
        .expect("no webhook post for run 2");
    let ids: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["checkId"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"drift.elevated_enabled") && ids.contains(&"drift.sandbox_lowered"),
        "{ids:?}"
    );

    // Run 3: the same loosened config again: no drift now, but critical
    // findings remain, so it still alerts.
    signal(&child, Signal::HUP);
    wait_until("the third run", || entry_count(history.path()) == 3);
    let report = posts
        .recv_timeout(PATIENCE)
        .expect("no webhook post for run 3");
    assert!(
        !report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["checkId"].as_str().unwrap().starts_with("drift.")),
        "{report}"
    );
    wait_until("the hook's second line", || {
        std::fs::read_to_string(&hook_log).is_ok_and(|t| t.lines().count() == 2)
    });

    signal(&child, Signal::TERM);
    assert_eq!(exit_status(&mut child), 0);
    let log = stderr_of(&mut child);
    assert!(
        log.contains("run 1:") && log.contains("run 3:") && log.contains("SIGTERM: stopped"),
        "{log}"
    );
    let hook_lines = std::fs::read_to_string(&hook_log).unwrap();
    let lines: Vec<&str> = hook_lines.lines().collect();
    assert!(
        lines[0].starts_with("1 ") && !lines[0].starts_with("1 0 "),
        "{hook_lines}"
    );
    assert!(
        lines[1].starts_with("1 0 {"),
        "the hook reads the report on stdin: {hook_lines}"
    );
    assert!(posts.try_recv().is_err(), "run 1 must not alert");
    for file in std::fs::read_dir(history.path()).unwrap() {
        let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
        assert!(!text.contains("planted-"), "a secret reached the history");
    }
}

#[test]
fn a_failed_run_is_reported_and_the_next_run_still_happens() {
    let state = tempfile::tempdir().unwrap();
    let history = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let hook_log = work.path().join("hook.log");
    std::fs::write(state.path().join("openclaw.json"), "{ gateway: { bind: ").unwrap();
    let hook = format!(
        "echo \"$PINCER_EXIT $PINCER_ERROR\" >> '{}'",
        hook_log.display()
    );
    let mut child = watcher(
        state.path(),
        history.path(),
        &["--every", "1h", "--on-finding", &hook],
    );
    wait_until("the failed run's hook", || hook_log.exists());
    assert_eq!(entry_count(history.path()), 0);
    write_private_config(state.path(), &hardened());
    signal(&child, Signal::HUP);
    wait_until("the next run", || entry_count(history.path()) == 1);
    signal(&child, Signal::INT);
    assert_eq!(exit_status(&mut child), 0);
    let log = stderr_of(&mut child);
    assert!(
        log.contains("run 1 failed") && log.contains("openclaw.json"),
        "{log}"
    );
    assert!(log.contains("run 2:"), "{log}");
    let hook_line = std::fs::read_to_string(&hook_log).unwrap();
    assert!(
        hook_line.starts_with("2 ") && hook_line.contains("openclaw.json"),
        "{hook_line}"
    );
}

#[test]
fn a_short_interval_audits_again_and_again_and_sees_the_config_change() {
    let state = tempfile::tempdir().unwrap();
    let history = tempfile::tempdir().unwrap();
    write_private_config(state.path(), &hardened());
    let (url, posts) = webhook();
    let mut child = watcher(
        state.path(),
        history.path(),
        &["--every", "200ms", "--webhook", &url],
    );
    wait_until("two runs of the hardened config", || {
        entry_count(history.path()) >= 2
    });
    assert!(posts.try_recv().is_err(), "the hardened config alerted");
    // No signal: the interval alone brings the next run, which sees it.
    let mut loosened = hardened();
    loosened["tools"]["elevated"]["enabled"] = json!(true);
    replace_config(state.path(), &loosened);
    let start = Instant::now();
    let drifted = loop {
        let remaining = PATIENCE.saturating_sub(start.elapsed());
        let report = posts
            .recv_timeout(remaining)
            .expect("no webhook post with drift after the config changed");
        let ids: Vec<String> = report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["checkId"].as_str().map(str::to_owned))
            .collect();
        if ids.iter().any(|id| id.starts_with("drift.")) {
            break ids;
        }
    };
    assert!(
        drifted.contains(&"drift.elevated_enabled".to_owned()),
        "{drifted:?}"
    );
    let runs = entry_count(history.path());
    wait_until("more runs", || entry_count(history.path()) > runs + 1);
    signal(&child, Signal::TERM);
    assert_eq!(exit_status(&mut child), 0);
    let log = stderr_of(&mut child);
    assert!(!log.contains("SIGHUP"), "{log}");
}

#[test]
fn sigterm_in_the_middle_of_a_run_records_nothing() {
    // Every field bound: the directories live as long as the test.
    let HeldRun {
        _state,
        history,
        _work,
        docker,
        mut child,
        log,
    } = HeldRun::start();
    signal(&child, Signal::TERM);
    wait_until("the watcher to take the signal", || {
        log.lock()
            .unwrap()
            .contains("SIGTERM: stopping after run 1")
    });
    // Only now may the run go on: it was under way when the signal came.
    docker.release();
    assert_eq!(exit_status(&mut child), 0);
    wait_until("the last log line", || {
        log.lock().unwrap().contains("SIGTERM: stopped")
    });
    let log = log.lock().unwrap().clone();
    assert!(!log.contains("recorded"), "{log}");
    assert_eq!(
        entry_count(history.path()),
        0,
        "the cancelled run was recorded: {log}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(history.path())
        .map(|dir| dir.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(
        leftovers.iter().all(|name| name == ".lock"),
        "{leftovers:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_second_signal_does_not_wait_for_the_run() {
    // Every field bound: the directories live as long as the test.
    let HeldRun {
        _state,
        history,
        _work,
        docker,
        mut child,
        log,
    } = HeldRun::start();
    signal(&child, Signal::INT);
    wait_until("the watcher to take the first signal", || {
        log.lock().unwrap().contains("SIGINT: stopping after run 1")
    });
    signal(&child, Signal::TERM);
    assert_eq!(exit_status(&mut child), 0);
    // It did not wait: the run it left is still held in its Docker probe
    // (waiting, Pincer would have killed the stand-in at the probe's 5 s
    // limit, or it would have been released).
    let stand_in = docker.pid();
    assert!(!gone(&stand_in), "the watcher waited for the run");
    docker.release();
    wait_until("the stand-in to end", || gone(&stand_in));
    wait_until("the last log line", || {
        log.lock()
            .unwrap()
            .contains("SIGTERM again: not waiting for run 1")
    });
    assert_eq!(entry_count(history.path()), 0);
}

#[test]
fn a_run_whose_alert_reached_nobody_is_not_recorded() {
    let state = tempfile::tempdir().unwrap();
    let history = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut exposed = hardened();
    exposed["gateway"]["bind"] = json!("lan");
    exposed["gateway"]["auth"] = json!({"mode": "none"});
    write_private_config(state.path(), &exposed);
    let attempts = work.path().join("attempts");
    // The pager is down: the hook fails every time.
    let hook = format!("echo x >> '{}'; exit 1", attempts.display());
    let mut child = watcher(
        state.path(),
        history.path(),
        &["--every", "100ms", "--on-finding", &hook],
    );
    let log = log_of(&mut child);
    wait_until("a few failed deliveries", || {
        std::fs::read_to_string(&attempts).is_ok_and(|text| text.lines().count() >= 3)
    });
    signal(&child, Signal::TERM);
    assert_eq!(exit_status(&mut child), 0);
    assert_eq!(
        entry_count(history.path()),
        0,
        "a run nobody heard of became the baseline"
    );
    wait_until("the log", || {
        log.lock().unwrap().contains("SIGTERM: stopped")
    });
    let log = log.lock().unwrap().clone();
    assert!(
        log.contains("not recorded: no alert was delivered"),
        "{log}"
    );
}

#[test]
fn entries_stay_whole_when_the_watcher_is_killed_and_leftovers_are_cleared() {
    let state = tempfile::tempdir().unwrap();
    let history = tempfile::tempdir().unwrap();
    write_private_config(state.path(), &hardened());
    for round in 1..=3 {
        let mut child = watcher(state.path(), history.path(), &["--every", "5ms"]);
        wait_until("a few more runs", || {
            entry_count(history.path()) >= round * 3
        });
        // No chance to clean up: whatever was being written stays.
        signal(&child, Signal::KILL);
        let _ = child.wait();
    }
    for file in std::fs::read_dir(history.path()).unwrap() {
        let path = file.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.starts_with("audit-") {
            let entry: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{name} is not a whole entry: {e}"));
            assert_eq!(entry["pincerHistory"], 1);
        }
    }
    // The next recorded run clears any half-written temporary file (one
    // planted, should no kill have landed mid-write).
    std::fs::write(history.path().join(".audit-killed.tmp"), "{\"pincerHis").unwrap();
    let output = pincer()
        .args(["audit", "--fail-on", "never"])
        .args(["--state-dir", state.path().to_str().unwrap()])
        .args(["--history", history.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success());
    for file in std::fs::read_dir(history.path()).unwrap() {
        let name = file.unwrap().file_name().to_str().unwrap().to_owned();
        assert!(
            name == ".lock" || (name.starts_with("audit-") && name.ends_with(".json")),
            "left behind: {name}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_hook_that_neither_reads_nor_ends_is_stopped_with_the_watcher() {
    let state = tempfile::tempdir().unwrap();
    let history = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut loosened = hardened();
    loosened["gateway"]["bind"] = json!("lan");
    loosened["gateway"]["auth"] = json!({"mode": "none"});
    write_private_config(state.path(), &loosened);
    let pid_file = work.path().join("sleeper.pid");
    // Never reads stdin; its child sleeps on in the hook's process group.
    let hook = format!(
        "sleep 600 >/dev/null 2>&1 & echo $! > '{}.tmp'; mv '{0}.tmp' '{0}'; wait",
        pid_file.display()
    );
    let mut child = watcher(
        state.path(),
        history.path(),
        &["--every", "1h", "--on-finding", &hook],
    );
    wait_until("the hook to start", || pid_file.exists());
    let sleeper = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .to_owned();
    assert!(!gone(&sleeper));
    signal(&child, Signal::TERM);
    assert_eq!(exit_status(&mut child), 0);
    wait_until("the hook's own child to be stopped too", || gone(&sleeper));
    let log = stderr_of(&mut child);
    assert!(log.contains("the hook was stopped"), "{log}");
}

#[test]
fn sigterm_mid_run_leaves_only_whole_entries() {
    let state = tempfile::tempdir().unwrap();
    let history = tempfile::tempdir().unwrap();
    write_private_config(state.path(), &hardened());
    let mut child = watcher(state.path(), history.path(), &["--every", "10ms"]);
    wait_until("a few runs", || entry_count(history.path()) >= 3);
    signal(&child, Signal::TERM);
    assert_eq!(exit_status(&mut child), 0);
    for file in std::fs::read_dir(history.path()).unwrap() {
        let path = file.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name == ".lock" {
            continue;
        }
        assert!(
            name.starts_with("audit-") && name.ends_with(".json"),
            "left behind: {name}"
        );
        let entry: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{name} is not a whole entry: {e}"));
        assert_eq!(entry["pincerHistory"], 1);
    }
}

#[test]
fn watch_refuses_a_fleet_a_bad_webhook_url_and_a_bad_interval() {
    for (args, says) in [
        (
            vec![
                "watch",
                "--every",
                "1h",
                "--state-dir",
                "/a",
                "--state-dir",
                "/b",
            ],
            "one installation",
        ),
        (
            vec![
                "watch",
                "--every",
                "1h",
                "--webhook",
                "ftp://example.org/secret-path",
            ],
            "only http:// and https://",
        ),
        (vec!["watch", "--every", "0s"], "more than zero"),
        (vec!["watch", "--every", "400days"], "longer than a year"),
        (
            vec!["watch", "--every", "1h", "--jitter", "9999days"],
            "longer than a year",
        ),
    ] {
        let output = pincer().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("secret-path"),
            "the webhook URL was printed: {stderr}"
        );
    }
}

//! `examples/scheduled/` as documented: the `ExecStart` lines of the
//! systemd units and the cron line, run with `%h` / `$HOME` pointing at a
//! test home that holds an OpenClaw installation and the alert hook; the
//! watcher reloads on SIGHUP (`ExecReload`) and stops on SIGTERM (`systemctl
//! stop`), each audit lands in the history.

use crate::support::{PATIENCE, pincer, root, wait_until};
use rustix::process::{Pid, Signal, kill_process};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn example(name: &str) -> String {
    std::fs::read_to_string(root().join("examples/scheduled").join(name)).unwrap()
}

/// The arguments of a unit's `ExecStart`, after the program, with `%h`
/// replaced by `home`.
fn exec_start(unit: &str, home: &Path) -> Vec<String> {
    let line = example(unit)
        .lines()
        .find_map(|line| line.strip_prefix("ExecStart="))
        .map(str::to_owned)
        .unwrap();
    let mut words = line.split_whitespace();
    assert_eq!(words.next(), Some("%h/.cargo/bin/pincer"), "{line}");
    words
        .map(|word| word.replace("%h", home.to_str().unwrap()))
        .collect()
}

/// A home with `.openclaw` (a hardened config) and the alert hook.
fn home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join(".openclaw");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(
        state.join("openclaw.json"),
        r#"{"gateway": {"bind": "loopback", "auth": {"mode": "token", "token": "planted-scheduled-token-0123456789abcdef"}},
            "agents": {"defaults": {"sandbox": {"mode": "all"}}},
            "tools": {"elevated": {"enabled": false}, "fs": {"workspaceOnly": true}}}"#,
    )
    .unwrap();
    let hook = home.path().join(".config/pincer/alert.sh");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::copy(root().join("examples/scheduled/alert.sh"), &hook).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            state.join("openclaw.json"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    home
}

fn entries(home: &Path) -> usize {
    std::fs::read_dir(home.join(".local/state/pincer/history")).map_or(0, |dir| {
        dir.filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("audit-")
        })
        .count()
    })
}

#[test]
fn the_watch_service_runs_reloads_and_stops_as_documented() {
    let home = home();
    let args = exec_start("pincer-watch.service", home.path());
    assert!(args.starts_with(&["watch".to_owned()]), "{args:?}");
    let mut child = pincer()
        .args(&args)
        .env("HOME", home.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = Pid::from_raw(i32::try_from(child.id()).unwrap()).unwrap();
    wait_until("the first audit", || entries(home.path()) == 1);
    kill_process(pid, Signal::HUP).unwrap();
    wait_until("the audit on reload", || entries(home.path()) == 2);
    kill_process(pid, Signal::TERM).unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < PATIENCE, "the watcher did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
    assert!(example("pincer-watch.service").contains("ExecReload=/bin/kill -HUP $MAINPID"));
}

#[test]
fn the_timer_service_and_the_cron_line_audit_into_the_history() {
    let home = home();
    let args = exec_start("pincer-audit.service", home.path());
    std::fs::create_dir_all(home.path().join(".local/state/pincer")).unwrap();
    let output = pincer()
        .args(&args)
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(entries(home.path()), 1);
    assert!(
        home.path()
            .join(".local/state/pincer/latest.json")
            .is_file()
    );
    assert!(example("pincer-audit.timer").contains("OnCalendar=daily"));

    let crontab = example("crontab");
    let line = crontab
        .lines()
        .find(|line| line.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap();
    let command = line
        .split_whitespace()
        .skip(5)
        .collect::<Vec<_>>()
        .join(" ");
    let command = command.replace("$HOME/.cargo/bin/pincer", env!("CARGO_BIN_EXE_pincer"));
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(&command)
        .env("HOME", home.path())
        .env("PINCER_CACHE_DIR", home.path().join(".cache"))
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{command}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(entries(home.path()), 2);
}

//! `examples/scheduled/` as documented: the units pass `systemd-analyze
//! --user verify` as shipped; their `ExecStartPre` (the history's private
//! directory) and `ExecStart` lines and the cron line run with `%h` /
//! `$HOME` pointing at a test home that holds an OpenClaw installation and
//! the alert hook; the watcher reloads on SIGHUP (`ExecReload`) and stops
//! on SIGTERM (`systemctl stop`), each audit lands in the history; the
//! cron line prints (and so mails) only when the audit exits non-zero.

use crate::support::{PATIENCE, pincer, root, wait_until};
use rustix::process::{Pid, Signal, kill_process};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn example(name: &str) -> String {
    std::fs::read_to_string(root().join("examples/scheduled").join(name)).unwrap()
}

/// The words of a unit's `KEY=` line, with `%h` replaced by `home`.
fn exec_line(unit: &str, key: &str, home: &Path) -> Vec<String> {
    let prefix = format!("{key}=");
    let line = example(unit)
        .lines()
        .find_map(|line| line.strip_prefix(prefix.as_str()))
        .map_or_else(|| panic!("{unit} has no {key}"), str::to_owned);
    line.split_whitespace()
        .map(|word| word.replace("%h", home.to_str().unwrap()))
        .collect()
}

/// The arguments of a unit's `ExecStart`, after the program.
fn exec_start(unit: &str, home: &Path) -> Vec<String> {
    let words = exec_line(unit, "ExecStart", home);
    assert_eq!(
        words[0],
        format!("{}/.cargo/bin/pincer", home.display()),
        "{words:?}"
    );
    words[1..].to_vec()
}

/// Runs a unit's `ExecStartPre` (the history's private directory) as
/// systemd would before `ExecStart`.
fn exec_start_pre(unit: &str, home: &Path) {
    let words = exec_line(unit, "ExecStartPre", home);
    let status = std::process::Command::new(&words[0])
        .args(&words[1..])
        .status()
        .unwrap();
    assert!(status.success(), "{words:?}");
    let mode = std::fs::metadata(home.join(".local/state/pincer"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(
        mode & 0o777,
        0o700,
        "{unit}: the history's directory is not private"
    );
}

/// Runs a cron job's command as cron would, with `home` as `$HOME`.
fn run_cron(command: &str, home: &Path) -> std::process::Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .env("HOME", home)
        .env("PINCER_CACHE_DIR", home.join(".cache"))
        .output()
        .unwrap()
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
    exec_start_pre("pincer-watch.service", home.path());
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
    assert!(example("pincer-watch.service").contains("ExecReload=kill -HUP $MAINPID"));
}

#[test]
fn the_timer_service_and_the_cron_line_audit_into_the_history() {
    let home = home();
    let args = exec_start("pincer-audit.service", home.path());
    exec_start_pre("pincer-audit.service", home.path());
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
    let output = run_cron(&command, home.path());
    assert_eq!(
        output.status.code(),
        Some(0),
        "{command}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stdout.is_empty() && output.stderr.is_empty(),
        "a clean day must send no mail: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(entries(home.path()), 2);
    let table =
        std::fs::read_to_string(home.path().join(".local/state/pincer/latest.txt")).unwrap();
    assert!(table.contains("plugin(s)"), "{table}");

    // A critical finding: the job prints the table, which cron mails.
    let state = home.path().join(".openclaw/openclaw.json");
    let exposed = std::fs::read_to_string(&state)
        .unwrap()
        .replace(r#""bind": "loopback""#, r#""bind": "lan""#)
        .replace(r#""mode": "token", "token""#, r#""mode": "none", "token""#);
    std::fs::write(&state, exposed).unwrap();
    let output = run_cron(&command, home.path());
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(printed.contains("CRITICAL"), "{printed}");
    assert_eq!(entries(home.path()), 3);
}

#[test]
fn the_units_pass_systemd_analyze_verify() {
    let Ok(version) = std::process::Command::new("systemd-analyze")
        .arg("--version")
        .output()
    else {
        assert!(
            std::env::var_os("PINCER_REQUIRE_SYSTEMD_ANALYZE").is_none(),
            "systemd-analyze is required (PINCER_REQUIRE_SYSTEMD_ANALYZE) but missing"
        );
        eprintln!("systemd-analyze not found: the units are not verified here");
        return;
    };
    assert!(version.status.success());
    // As a user manager loads them, unchanged: %h is a home holding
    // pincer at ~/.cargo/bin (verify checks every program is executable).
    let home = tempfile::tempdir().unwrap();
    let bin = home.path().join(".cargo/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_pincer"), bin.join("pincer")).unwrap();
    let runtime = tempfile::tempdir().unwrap();
    let units = [
        "pincer-watch.service",
        "pincer-audit.service",
        "pincer-audit.timer",
    ];
    let output = std::process::Command::new("systemd-analyze")
        .args(["--user", "verify"])
        .args(
            units
                .iter()
                .map(|unit| root().join("examples/scheduled").join(unit)),
        )
        .env("HOME", home.path())
        .env("XDG_RUNTIME_DIR", runtime.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let complaints: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("pincer-"))
        .collect();
    assert!(complaints.is_empty(), "{stderr}");
}

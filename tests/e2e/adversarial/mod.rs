//! The adversarial suite: real plugins built from `tests/adversarial/` (Rust
//! crates, and components written by hand in `forged/`), each attacking the
//! host one way. Every test asserts the reason the host reports, that the
//! audit is incomplete (exit 3) unless the plugin did nothing wrong, that
//! the built-in plugins' findings are intact, and that the host's own peak
//! memory stays bounded. No test asserts on elapsed time: where a limit
//! must be the one that fires, the others get room.

mod identity;
mod learning;
mod memory;
mod ownership;
mod size;
mod text;
mod time;

use crate::support::{Audit, adversarial_plugin, audit, refused_plugin, root};
use serde_json::Value;
use std::path::PathBuf;

#[path = "../../adversarial/forged/forge.rs"]
#[allow(dead_code, reason = "each test uses the parts of the forge it needs")]
pub mod forge;

/// A forged component (see `tests/adversarial/forged/`) as a `.wasm` file.
pub fn forged(dir: &tempfile::TempDir, name: &str, wat: &str) -> PathBuf {
    let bytes = ::wat::parse_str(wat).unwrap_or_else(|e| panic!("forged component {name}: {e}"));
    let path = dir.path().join(format!("{name}.wasm"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `pincer audit` of the exposed example with extra plugin files.
pub fn attack_files(plugins: &[&std::path::Path], extra: &[&str]) -> Audit {
    let config = exposed();
    let mut args = vec!["--config", config.as_str(), "--fail-on", "never"];
    for plugin in plugins {
        args.extend(["--plugin", plugin.to_str().unwrap()]);
    }
    args.extend_from_slice(extra);
    audit(&args, &[])
}

/// `pincer audit` of the installation in `state` with `plugin`, recorded in
/// (and judged against) the history in `history`.
pub fn audit_recorded(
    state: &std::path::Path,
    history: &std::path::Path,
    plugin: &std::path::Path,
) -> Audit {
    let args = [
        "--state-dir",
        state.to_str().unwrap(),
        "--history",
        history.to_str().unwrap(),
    ];
    let plugin = ["--plugin", plugin.to_str().unwrap(), "--fail-on", "never"];
    audit(&[args.as_slice(), plugin.as_slice()].concat(), &[])
}

/// Audits the exposed example with the plugin in `wasm` and asserts that
/// it alone failed, for one of `reasons`: exit 3, the built-ins' findings
/// intact, the host's memory bounded. Returns the audit and the plugin's
/// status.
pub fn assert_plugin_failed(
    wasm: &std::path::Path,
    reasons: &[&str],
    extra: &[&str],
) -> (Audit, Value) {
    let result = attack_files(&[wasm], extra);
    assert_eq!(result.code, 3, "{}", result.stderr);
    let status = status_of(&result, wasm).clone();
    let reason = status["failure"]["reason"].as_str().unwrap();
    assert!(reasons.contains(&reason), "{}: {status}", wasm.display());
    assert_intact(&result, HOST_RSS_CAP_KIB);
    (result, status)
}

/// The status of the plugin loaded from `file`.
pub fn status_of<'a>(result: &'a Audit, file: &std::path::Path) -> &'a Value {
    let source = std::path::absolute(file).unwrap().display().to_string();
    result.report["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["source"] == source.as_str())
        .unwrap_or_else(|| panic!("no plugin from {source} in {}", result.stdout))
}

/// The host's peak RSS in one attack: about 30 MiB for pincer itself plus
/// the plugin's 64 MiB memory cap, with room to spare. A host that buffered
/// a flood without bound would exceed it.
pub const HOST_RSS_CAP_KIB: u64 = 160 * 1024;

/// The same bound when every attack runs at once, in parallel.
const HOST_RSS_CAP_ALL_KIB: u64 = 256 * 1024;

pub fn exposed() -> String {
    root()
        .join("examples/configs/exposed.json")
        .display()
        .to_string()
}

/// A config with the exposed example's gateway and `knobs` for the
/// adversarial plugins, in the config entry of a plugin OpenClaw does not
/// have: a valid config (OpenClaw ignores a stale entry with a warning)
/// whose free-form `config` the plugins read.
pub fn config_with(knobs: Value) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let config = serde_json::json!({
        "gateway": {"bind": "lan", "auth": {"mode": "token", "token": ""}},
        "plugins": {"entries": {"adversarial": {"config": knobs}}},
    });
    let path = dir.path().join("openclaw.json");
    std::fs::write(&path, config.to_string()).unwrap();
    let path = path.display().to_string();
    (dir, path)
}

pub fn attack_with(plugin: &str, config: &str, extra: &[&str]) -> Audit {
    let wasm = adversarial_plugin(plugin);
    let mut args = vec![
        "--config",
        config,
        "--plugin",
        wasm.to_str().unwrap(),
        "--fail-on",
        "never",
    ];
    args.extend_from_slice(extra);
    audit(&args, &[])
}

pub fn attack(plugin: &str, extra: &[&str]) -> Audit {
    attack_with(plugin, &exposed(), extra)
}

/// The plugin failed for `reason`, the audit is incomplete, the built-ins'
/// findings stand and the host stayed within its memory bound.
pub fn assert_stopped(result: &Audit, plugin: &str, reason: &str) -> String {
    assert_eq!(
        result.code, 3,
        "an attacked audit is incomplete: {}",
        result.stderr
    );
    assert_eq!(result.report["complete"], false);
    let status = result.plugin(&format!("adversarial-{plugin}"));
    assert_eq!(status["status"], "failed", "{status}");
    assert_eq!(status["failure"]["reason"], reason, "{status}");
    assert_intact(result, HOST_RSS_CAP_KIB);
    status["failure"]["message"].as_str().unwrap().to_owned()
}

pub fn assert_intact(result: &Audit, rss_cap_kib: u64) {
    assert_eq!(result.plugin("control-plane")["status"], "ok");
    assert!(
        result.has("gateway.bind_no_auth", "critical"),
        "built-in findings lost: {:?}",
        result.pairs()
    );
    let rss = result.report["host"]["peakRssKib"].as_u64().unwrap();
    eprintln!("host peak RSS: {} MiB", rss / 1024);
    assert!(
        rss < rss_cap_kib,
        "host peak RSS {rss} KiB over {rss_cap_kib} KiB"
    );
}

#[test]
fn an_infinite_loop_is_stopped_by_the_wall_clock() {
    let message = assert_stopped(
        &attack("infinite-loop", &["--timeout", "300ms"]),
        "infinite-loop",
        "timeout",
    );
    assert!(message.contains("run()"), "{message}");
}

#[test]
fn an_infinite_loop_is_stopped_deterministically_by_fuel() {
    assert_stopped(
        &attack("infinite-loop", &["--fuel", "50000000"]),
        "infinite-loop",
        "cpu-limit",
    );
}

#[test]
fn deep_recursion_overflows_the_stack_not_the_host() {
    assert_stopped(
        &attack("deep-recursion", &[]),
        "deep-recursion",
        "stack-overflow",
    );
}

#[test]
fn a_shadow_stack_overflow_traps_inside_the_sandbox() {
    let (_dir, config) = config_with(serde_json::json!({"frames": "large"}));
    let message = assert_stopped(
        &attack_with("deep-recursion", &config, &[]),
        "deep-recursion",
        "trap",
    );
    assert!(message.contains("out of bounds memory access"), "{message}");
}

#[test]
fn a_memory_bomb_hits_the_memory_cap() {
    let result = attack("memory-bomb", &["--memory-limit", "16MiB"]);
    assert_stopped(&result, "memory-bomb", "memory-limit");
}

#[test]
fn a_huge_finding_is_refused() {
    let message = assert_stopped(
        &attack("huge-finding", &[]),
        "huge-finding",
        "findings-limit",
    );
    assert!(message.contains("bytes"), "{message}");
}

#[test]
fn findings_over_the_count_cap_are_refused() {
    let (_dir, config) = config_with(serde_json::json!({"findings": 10_001}));
    let result = attack_with("findings-flood", &config, &[]);
    let message = assert_stopped(&result, "findings-flood", "findings-limit");
    assert!(message.contains("10001"), "{message}");
    assert!(
        !result
            .pairs()
            .iter()
            .any(|(id, _)| id == "adversarial.flood"),
        "no finding of it is kept"
    );
}

#[test]
fn a_million_findings_exhaust_the_plugin_not_the_host() {
    let result = attack("findings-flood", &[]);
    assert_stopped(&result, "findings-flood", "memory-limit");
}

#[test]
fn an_undeclared_check_id_is_rejected_and_reported() {
    let result = attack("undeclared-id", &[]);
    let message = assert_stopped(&result, "undeclared-id", "invalid-output");
    assert!(message.contains("gateway.totally_fine"), "{message}");
    assert!(
        !result
            .pairs()
            .iter()
            .any(|(id, _)| id == "gateway.totally_fine")
    );
    assert!(
        result.has("adversarial.declared", "info"),
        "its declared findings stand"
    );
}

#[test]
fn a_plugin_cannot_claim_a_builtin_check_id() {
    let result = attack("id-thief", &[]);
    let message = assert_stopped(&result, "id-thief", "refused");
    assert!(
        message.contains("gateway.bind_no_auth") && message.contains("control-plane"),
        "{message}"
    );
    let bind: Vec<_> = result
        .pairs()
        .into_iter()
        .filter(|(id, _)| id == "gateway.bind_no_auth")
        .collect();
    assert_eq!(
        bind,
        vec![("gateway.bind_no_auth".to_owned(), "critical".to_owned())],
        "no forged copy"
    );
}

#[test]
fn a_busy_loop_of_host_calls_is_stopped() {
    assert_stopped(
        &attack("host-call-loop", &["--timeout", "300ms"]),
        "host-call-loop",
        "timeout",
    );
}

#[test]
fn megabytes_of_stdout_are_cut_and_stop_the_plugin() {
    let result = attack("stdout-flood", &["--max-output", "8KiB"]);
    assert_stopped(&result, "stdout-flood", "output-limit");
    let output = &result.plugin("adversarial-stdout-flood")["output"];
    assert_eq!(output["truncated"], true);
    let kept = output["stdout"].as_str().unwrap().len();
    assert!(kept <= 8 * 1024, "kept {kept} bytes");
}

#[test]
fn exit_is_a_plugin_error() {
    let message = assert_stopped(&attack("exits", &[]), "exits", "plugin-error");
    assert!(message.contains("called exit("), "{message}");
}

#[test]
fn a_component_of_another_world_fails_alone() {
    let result = attack("wrong-world", &[]);
    assert_eq!(result.code, 3, "{}", result.stderr);
    let source = adversarial_plugin("wrong-world").display().to_string();
    let status = result.report["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["source"] == source.as_str())
        .unwrap();
    assert_eq!(status["failure"]["reason"], "instantiate", "{status}");
    assert_intact(&result, HOST_RSS_CAP_KIB);
}

#[test]
fn no_ambient_authority_reaches_a_plugin() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let marker = PathBuf::from("/tmp/pincer-adversarial-write");
    let _ = std::fs::remove_file(&marker);
    let (_dir, config) = config_with(serde_json::json!({"port": port}));
    let result = attack_with("ambient-authority", &config, &[]);
    assert_eq!(result.code, 0, "trying is not failing: {}", result.stderr);
    let attempts: Vec<String> = result.report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["checkId"] == "adversarial.authority")
        .map(|f| f["detail"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        attempts.len() >= 12,
        "every attempt is reported: {attempts:#?}"
    );
    for expected in [
        "read /etc/passwd",
        "list /",
        "environment",
        "arguments",
        "tcp connect",
        "udp send",
        "name lookup",
    ] {
        assert!(
            attempts.iter().any(|a| a.starts_with(expected)),
            "no attempt `{expected}`: {attempts:#?}"
        );
    }
    let granted: Vec<_> = attempts
        .iter()
        .filter(|a| !a.contains(": denied: "))
        .collect();
    assert!(granted.is_empty(), "authority leaked: {granted:#?}");
    assert!(
        listener.accept().is_err(),
        "the plugin reached a socket on this machine"
    );
    assert!(!marker.exists(), "the plugin wrote a file");
}

#[test]
fn a_plugin_built_for_a_newer_contract_is_refused_with_both_versions() {
    let wasm = adversarial_plugin("future-api");
    let stderr = refused_plugin(&exposed(), &wasm);
    for needle in [wasm.to_str().unwrap(), "pincer:audit@0.3.0", "0.2.0"] {
        assert!(stderr.contains(needle), "stderr lacks {needle}: {stderr}");
    }
}

#[test]
fn a_corrupt_component_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(adversarial_plugin("exits")).unwrap();
    let corrupt = dir.path().join("corrupt.wasm");
    std::fs::write(&corrupt, &bytes[..bytes.len() / 2]).unwrap();
    let stderr = refused_plugin(&exposed(), &corrupt);
    assert!(
        stderr.contains("corrupt.wasm") && stderr.contains("not a valid component"),
        "{stderr}"
    );
}

#[test]
fn the_report_names_the_exact_bytes_that_ran() {
    use sha2::{Digest, Sha256};
    let wasm = adversarial_plugin("exits");
    let expected = format!("{:x}", Sha256::digest(std::fs::read(&wasm).unwrap()));
    let result = attack("exits", &[]);
    assert_eq!(
        result.plugin("adversarial-exits")["sha256"],
        expected.as_str()
    );
}

#[test]
fn all_attacks_at_once_leave_the_builtins_intact() {
    let (_dir, config) = config_with(serde_json::json!({"findings": 20_000, "sleep": "poll"}));
    // Each limit has room to be the one that fires for its attack on any
    // machine: the loops run out of fuel (deterministic) long before the
    // wall clock, the memory bomb reaches a small cap within its fuel, and
    // only the sleeper, which runs no code at all, meets the wall clock.
    let attacks = [
        ("infinite-loop", "cpu-limit"),
        ("deep-recursion", "stack-overflow"),
        ("memory-bomb", "memory-limit"),
        ("huge-finding", "findings-limit"),
        ("findings-flood", "findings-limit"),
        ("undeclared-id", "invalid-output"),
        ("id-thief", "refused"),
        ("host-call-loop", "cpu-limit"),
        ("stdout-flood", "output-limit"),
        ("exits", "plugin-error"),
        ("sleeper", "timeout"),
    ];
    let wasm: Vec<String> = attacks
        .iter()
        .map(|(name, _)| adversarial_plugin(name).display().to_string())
        .collect();
    let mut args = vec![
        "--config",
        config.as_str(),
        "--fail-on",
        "never",
        "--timeout",
        "10s",
        "--fuel",
        "400000000",
        "--memory-limit",
        "16MiB",
    ];
    for path in &wasm {
        args.extend(["--plugin", path.as_str()]);
    }
    let result = audit(&args, &[]);
    assert_eq!(result.code, 3, "{}", result.stderr);
    for (name, reason) in attacks {
        let status = result.plugin(&format!("adversarial-{name}"));
        assert_eq!(status["failure"]["reason"], reason, "{name}: {status}");
    }
    assert_intact(&result, HOST_RSS_CAP_ALL_KIB);
}

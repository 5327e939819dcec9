//! Time: a plugin is stoppable whatever it is doing — running wasm,
//! blocked in a WASI host call (a sleep, `poll`, a pollable's `block`),
//! describing itself in any command — and the host's own work on a
//! plugin's answer counts against the plugin's deadline.

use super::forge::{Check, Finding, Forged};
use super::{
    HOST_RSS_CAP_KIB, assert_intact, assert_stopped, attack_files, attack_with, config_with,
    forged, status_of,
};
use crate::support::{adversarial_plugin, pincer, text};

#[test]
fn a_plugin_blocked_in_a_wasi_host_call_is_stopped_by_the_wall_clock() {
    // Nothing but a deadline around the host call can stop these: no wasm
    // runs (the epoch is never checked) and no fuel is spent while they wait.
    for how in ["std", "poll", "block"] {
        let (_dir, config) = config_with(serde_json::json!({"sleep": how}));
        let result = attack_with("sleeper", &config, &["--timeout", "300ms"]);
        let message = assert_stopped(&result, "sleeper", "timeout");
        assert!(
            message.contains("run()") && message.contains("host call"),
            "{how}: {message}"
        );
    }
}

#[test]
fn a_sleeper_passes_review_on_an_empty_installation_and_is_still_stopped() {
    // `pincer checks` (and a pack's admission) see an empty installation, on
    // which the sleeper returns at once; the audit of a real config stops it.
    let wasm = adversarial_plugin("sleeper");
    let output = pincer()
        .args(["checks", "--no-builtin", "--plugin", wasm.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output).1);
    let (_dir, config) = config_with(serde_json::json!({"sleep": "std"}));
    let result = attack_with("sleeper", &config, &["--timeout", "300ms"]);
    assert_stopped(&result, "sleeper", "timeout");
}

/// A rule pack holding `wasm`, pinned by its digest.
fn pack_of(wasm: &std::path::Path) -> tempfile::TempDir {
    use sha2::Digest;
    let pack = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(wasm).unwrap();
    std::fs::write(pack.path().join("plugin.wasm"), &bytes).unwrap();
    let digest = format!("{:x}", sha2::Sha256::digest(&bytes));
    let manifest = format!(
        "name = \"sleepy\"\nversion = \"1.0.0\"\ndescription = \"A pack whose plugin sleeps in info().\"\napi = \"^0.1.2\"\n\n[[plugins]]\npath = \"plugin.wasm\"\nsha256 = \"{digest}\"\n"
    );
    std::fs::write(pack.path().join("pack.toml"), manifest).unwrap();
    pack
}

#[test]
fn a_sleep_in_info_is_bounded_in_every_command() {
    let wasm = adversarial_plugin("sleepy-info");
    let path = wasm.to_str().unwrap();
    // The audit: the plugin fails (its info() timed out), the rest stands.
    let result = attack_files(&[wasm.as_path()], &["--timeout", "300ms"]);
    assert_eq!(result.code, 3, "{}", result.stderr);
    let status = status_of(&result, &wasm);
    assert_eq!(status["failure"]["reason"], "timeout", "{status}");
    assert!(
        status["failure"]["message"]
            .as_str()
            .unwrap()
            .contains("info()"),
        "{status}"
    );
    assert_intact(&result, HOST_RSS_CAP_KIB);
    // Every other command that asks info() ends too, with its own code.
    let cases = tempfile::tempdir().unwrap();
    let pack = pack_of(&wasm);
    for (args, code) in [
        (vec!["checks", "--no-builtin", "--plugin", path], 3),
        (vec!["plugins", "inspect", path], 3),
        (vec!["test", path, cases.path().to_str().unwrap()], 2),
        (vec!["pack", "verify", pack.path().to_str().unwrap()], 2),
    ] {
        let output = pincer().args(&args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(code),
            "{args:?}: {}",
            text(&output).1
        );
    }
}

#[test]
fn many_findings_against_many_declarations_are_checked_through_an_index() {
    // The most declarations a plugin may make, every one a pattern, and the
    // most findings, each matching only the last pattern: a linear scan per
    // finding did ten million comparisons here; the index does a few per
    // finding, inside the plugin's own deadline.
    let checks: Vec<Check> = (0..1_000)
        .map(|i| Check::new(&format!("acme.p{i}.*")))
        .collect();
    let findings: Vec<Finding> = (0..10_000)
        .map(|j| Finding::new(&format!("acme.p999.x{j}")))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let wasm = forged(
        &dir,
        "many-declarations",
        &Forged::new("acme-many", checks, findings).wat(),
    );
    let result = attack_files(&[wasm.as_path()], &[]);
    let status = status_of(&result, &wasm);
    assert_eq!(status["status"], "ok", "{status}");
    assert_eq!(status["findings"], 10_000, "{status}");
}

//! Rule packs through the real binary: the example acme pack verifies,
//! its plugin (built from source) passes its cases, `--pack` and
//! pincer.toml's `packs` apply its plugins, parameters, overrides and
//! disabled checks; a wrong digest, an api this pincer does not serve, an
//! override of an unknown check, rules that disagree, a plugin path
//! leaving the pack, bad parameters or parameters set twice refuse the
//! whole pack (exit 2, no report).

use crate::support::{acme_plugin, audit, pincer, refused, root, text};
use std::path::{Path, PathBuf};

fn acme_dir() -> PathBuf {
    root().join("examples/acme-pack")
}

/// A copy of the acme pack whose pack.toml is `edit`ed.
fn edited_pack(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("acme");
    std::fs::create_dir_all(pack.join("plugins")).unwrap();
    std::fs::copy(
        acme_dir().join("plugins/acme-policy.wasm"),
        pack.join("plugins/acme-policy.wasm"),
    )
    .unwrap();
    let text = std::fs::read_to_string(acme_dir().join("pack.toml")).unwrap();
    std::fs::write(pack.join("pack.toml"), edit(text)).unwrap();
    (dir, pack)
}

/// A config breaking every acme rule, with a LAN-free short token and
/// Tailscale Serve.
fn acme_config(dir: &Path) -> String {
    let config = dir.join("openclaw.json");
    std::fs::write(
        &config,
        r#"{
  gateway: {
    bind: "loopback",
    auth: { mode: "token", token: "0123456789abcdef01234" },
    tailscale: { mode: "serve" },
  },
  agents: { defaults: { model: "ollama/llama3" } },
}
"#,
    )
    .unwrap();
    config.display().to_string()
}

fn verify(pack: &Path) -> (i32, String, String) {
    let output = pincer()
        .args(["pack", "verify", pack.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    (output.status.code().unwrap_or(-1), stdout, stderr)
}

#[test]
fn the_acme_pack_verifies_and_its_plugin_passes_its_cases() {
    let (code, stdout, stderr) = verify(&acme_dir());
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.trim_end().ends_with("verified"), "{stdout}");
    assert!(stdout.contains("acme-policy 1.0.0, 4 checks"), "{stdout}");

    // Built from source, the plugin passes the pack's cases...
    let cases = acme_dir().join("cases");
    let output = pincer()
        .args([
            "test",
            acme_plugin().to_str().unwrap(),
            cases.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("3 passed, 0 failed"), "{stdout}");
    // ...and so does the component the pack ships.
    let shipped = acme_dir().join("plugins/acme-policy.wasm");
    let output = pincer()
        .args(["test", shipped.to_str().unwrap(), cases.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output).0);
}

#[test]
fn an_audit_with_the_pack_applies_its_plugins_params_overrides_and_disables() {
    let dir = tempfile::tempdir().unwrap();
    let config = acme_config(dir.path());
    let state = root().join("examples/openclaw-home");
    let pack = acme_dir();
    let with_pack = audit(
        &[
            "--config",
            &config,
            "--state-dir",
            state.to_str().unwrap(),
            "--pack",
            pack.to_str().unwrap(),
            "--fail-on",
            "never",
        ],
        &[],
    );
    for id in [
        "acme.forbidden_model",
        "acme.node_not_approved",
        "acme.tool_deny_missing",
    ] {
        assert!(
            with_pack.pairs().iter().any(|(found, _)| found == id),
            "{id} missing: {}",
            with_pack.stdout
        );
    }
    assert!(with_pack.has("acme.token_length", "warn"));
    // The override: a short token is critical under Acme's policy.
    let short = with_pack.finding("gateway.token_too_short");
    assert_eq!(short["severity"], "critical");
    assert_eq!(short["severityOverride"]["from"], "warn");
    let source = short["severityOverride"]["source"].as_str().unwrap();
    assert!(source.starts_with("pack acme ("), "{source}");
    // The disabled check is suppressed, marked with the pack.
    let suppressed = with_pack.report["suppressedFindings"].as_array().unwrap();
    let serve = suppressed
        .iter()
        .find(|f| f["checkId"] == "gateway.tailscale_serve")
        .unwrap_or_else(|| panic!("{}", with_pack.stdout));
    assert!(
        serve["suppressedBy"]["reason"]
            .as_str()
            .unwrap()
            .contains("by design")
    );
    assert!(
        !with_pack
            .pairs()
            .iter()
            .any(|(id, _)| id == "gateway.tailscale_serve"),
        "{}",
        with_pack.stdout
    );
    let applied = &with_pack.report["packs"][0];
    assert_eq!(applied["name"], "acme");
    assert_eq!(applied["plugins"].as_array().unwrap().len(), 1);

    // pincer.toml's `packs`, relative to the file, does the same.
    let settings = dir.path().join("pincer.toml");
    std::fs::write(&settings, format!(
            "packs = [\"{}\"]\n\n[[suppress]]\ncheck = \"gateway.tailscale_serve\"\nreason = \"serve is fine here\"\n",
            pack.display()
        )).unwrap();
    let from_settings = audit(
        &[
            "--config",
            &config,
            "--settings",
            settings.to_str().unwrap(),
            "--fail-on",
            "never",
        ],
        &[],
    );
    assert!(from_settings.has("acme.token_length", "warn"));
    // The operator's rule for a check the pack disabled is not dead.
    assert!(
        !from_settings
            .pairs()
            .iter()
            .any(|(id, _)| id == "pincer.suppression.unused"),
        "{}",
        from_settings.stdout
    );
    assert_eq!(
        from_settings.finding("gateway.token_too_short")["severity"],
        "critical"
    );
}

#[test]
fn a_pack_with_a_wrong_digest_is_refused_whole() {
    let (_dir, pack) = edited_pack(|text| text.replace("sha256 = \"69f6", "sha256 = \"0000"));
    let (code, stdout, stderr) = verify(&pack);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stderr.contains("pack.toml:14") && stderr.contains("refused"),
        "{stderr}"
    );
    let config = acme_config(pack.parent().unwrap());
    let stderr = refused(&["--config", &config, "--pack", pack.to_str().unwrap()]);
    assert!(stderr.contains("sha256"), "{stderr}");
}

#[test]
fn a_pack_for_another_api_is_refused() {
    let (_dir, pack) = edited_pack(|text| text.replace("api = \"^0.1.2\"", "api = \"^0.3\""));
    let (code, _, stderr) = verify(&pack);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("^0.3") && stderr.contains("0.2.0"),
        "{stderr}"
    );
}

#[test]
fn an_override_of_an_unknown_check_is_refused_naming_its_line() {
    let (_dir, pack) = edited_pack(|text| {
        text.replace(
            "check = \"gateway.token_too_short\"",
            "check = \"gateway.token_too_shrt\"",
        )
    });
    let (code, _, stderr) = verify(&pack);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("pack.toml:27") && stderr.contains("gateway.token_too_shrt"),
        "{stderr}"
    );
    let config = acme_config(pack.parent().unwrap());
    let stderr = refused(&["--config", &config, "--pack", pack.to_str().unwrap()]);
    assert!(stderr.contains("gateway.token_too_shrt"), "{stderr}");
}

#[test]
fn plugin_paths_stay_inside_the_pack() {
    for path in [
        "/etc/passwd",
        "../acme/plugins/acme-policy.wasm",
        "plugins/../pack.toml",
    ] {
        let (_dir, pack) = edited_pack(|text| {
            text.replace(
                "path = \"plugins/acme-policy.wasm\"",
                &format!("path = \"{path}\""),
            )
        });
        let (code, _, stderr) = verify(&pack);
        assert_eq!(code, 2, "{path}");
        assert!(stderr.contains("plain names"), "{path}: {stderr}");
    }
}

#[test]
fn rules_that_disagree_are_refused() {
    let (_dir, pack) = edited_pack(|text| {
        text.replace(
            "check = \"gateway.tailscale_serve\"",
            "check = \"gateway.token_too_short\"",
        )
    });
    let (code, _, stderr) = verify(&pack);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("conflicts with the [[disable]]"),
        "{stderr}"
    );
}

#[test]
fn parameters_a_plugin_rejects_fail_verification() {
    let (_dir, pack) =
        edited_pack(|text| text.replace("minTokenLength = 48", "minTokenLength = \"long\""));
    let (code, _, stderr) = verify(&pack);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("minTokenLength") && stderr.contains("acme-policy"),
        "{stderr}"
    );
    // The audit refuses the pack just the same: no report with the pack's
    // rules but without its plugin.
    let config = acme_config(pack.parent().unwrap());
    let stderr = refused(&[
        "--config",
        &config,
        "--pack",
        pack.to_str().unwrap(),
        "--allow-incomplete",
    ]);
    assert!(stderr.contains("minTokenLength"), "{stderr}");
}

#[test]
fn a_current_contract_plugin_refusing_a_packs_parameters_refuses_the_pack() {
    // The committed component is built against pincer:audit@0.1.2, whose
    // refusal is a string; this one, built from source, says so typed.
    use sha2::{Digest, Sha256};
    let fresh = std::fs::read(acme_plugin()).unwrap();
    let committed = std::fs::read(acme_dir().join("plugins/acme-policy.wasm")).unwrap();
    let (fresh_digest, committed_digest) = (
        format!("{:x}", Sha256::digest(&fresh)),
        format!("{:x}", Sha256::digest(&committed)),
    );
    let (_dir, pack) = edited_pack(|text| {
        text.replace(&committed_digest, &fresh_digest)
            .replace("minTokenLength = 48", "minTokenLength = \"long\"")
    });
    std::fs::write(pack.join("plugins/acme-policy.wasm"), &fresh).unwrap();
    let (code, _, stderr) = verify(&pack);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("[params.acme-policy] of pack acme: invalid parameters:")
            && stderr.contains("minTokenLength"),
        "{stderr}"
    );
}

#[test]
fn parameters_set_in_the_pack_and_in_pincer_toml_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let config = acme_config(dir.path());
    let settings = dir.path().join("pincer.toml");
    std::fs::write(&settings, "[params.acme-policy]\nminTokenLength = 12\n").unwrap();
    let stderr = refused(&[
        "--config",
        &config,
        "--settings",
        settings.to_str().unwrap(),
        "--pack",
        acme_dir().to_str().unwrap(),
    ]);
    assert!(
        stderr.contains("set twice") && stderr.contains("pincer.toml:1"),
        "{stderr}"
    );
}

#[test]
fn the_reports_say_which_pack_changed_a_severity() {
    let dir = tempfile::tempdir().unwrap();
    let config = acme_config(dir.path());
    let output = pincer()
        .args(["audit", "--config", &config, "--fail-on", "never", "-v"])
        .args(["--pack", acme_dir().to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, _) = text(&output);
    assert!(
        stdout.contains("severity was warn; set by pack acme"),
        "{stdout}"
    );
    assert!(stdout.contains("with rule pack acme 1.0.0"), "{stdout}");
}

#[test]
fn a_rule_without_a_reason_is_refused() {
    let (_dir, pack) = edited_pack(|text| {
        text.replace(
            "reason = \"Acme reaches gateways through Tailscale Serve by design.\"",
            "reason = \" \"",
        )
    });
    let (code, _, stderr) = verify(&pack);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("pack.toml:32") && stderr.contains("`reason` must say why"),
        "{stderr}"
    );
}

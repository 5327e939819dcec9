//! The command line: exit codes, error messages, report shape, extra
//! plugins, the table output and `pincer checks`.

use crate::support::{audit, pincer, refused_config, refused_plugin, root, test_plugin, text};

fn example(name: &str) -> String {
    root()
        .join("examples")
        .join("configs")
        .join(name)
        .display()
        .to_string()
}

/// Audits the `exposed.json` example with one test plugin beside the
/// built-ins; the audit must succeed. Returns the plugin file and report.
fn audit_exposed_with(
    plugin_name: &str,
    env: &[(&str, &str)],
) -> (std::path::PathBuf, crate::support::Audit) {
    let plugin = test_plugin(plugin_name);
    let result = audit(
        &[
            "--config",
            &example("exposed.json"),
            "--plugin",
            plugin.to_str().unwrap(),
            "--fail-on",
            "never",
        ],
        env,
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    (plugin, result)
}

#[test]
fn a_syntax_error_exits_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    std::fs::write(
        &config,
        "{\n  // a comment is fine\n  gateway: {\n    bind: loopback,\n  },\n}\n",
    )
    .unwrap();
    let stderr = refused_config(&config);
    assert!(
        stderr.contains(&format!("{}:4:", config.display())),
        "stderr must name file and line 4: {stderr}"
    );
}

#[test]
fn a_missing_config_exits_2_naming_the_file() {
    let output = pincer()
        .args(["audit", "--config", "/nonexistent/openclaw.json"])
        .output()
        .unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("/nonexistent/openclaw.json"), "{stderr}");
}

#[test]
fn config_and_state_default_to_openclaw_env_vars() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("openclaw.json"),
        r#"{"gateway":{"bind":"lan"}}"#,
    )
    .unwrap();
    let state = dir.path().to_str().unwrap();
    let result = audit(&[], &[("OPENCLAW_STATE_DIR", state)]);
    assert_eq!(result.report["target"]["stateDir"], state);
    assert!(
        result.report["target"]["config"]
            .as_str()
            .unwrap()
            .ends_with("openclaw.json")
    );
    assert!(
        result.has("gateway.bind_no_auth", "critical"),
        "{:?}",
        result.pairs()
    );
}

#[test]
fn json_report_is_a_superset_of_the_reference_shape() {
    let result = audit(
        &["--config", &example("exposed.json"), "--fail-on", "never"],
        &[],
    );
    let report = &result.report;
    assert!(report["ts"].as_u64().unwrap() > 1_700_000_000_000);
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for finding in findings {
        for key in ["checkId", "severity", "title", "detail", "plugin"] {
            assert!(finding[key].is_string(), "finding lacks {key}: {finding}");
        }
    }
    for severity in ["critical", "warn", "info"] {
        let counted = findings
            .iter()
            .filter(|f| f["severity"] == severity)
            .count();
        assert_eq!(
            report["summary"][severity].as_u64(),
            Some(counted as u64),
            "summary.{severity}"
        );
    }
    assert_eq!(report["complete"], true);
    assert_eq!(report["schemaVersion"], 1);
    let plugin = result.plugin("control-plane");
    assert_eq!(plugin["status"], "ok");
    assert!(plugin["durationMs"].as_f64().unwrap() >= 0.0);
    let order: Vec<&str> = findings
        .iter()
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    let rank = |s: &str| {
        ["critical", "warn", "info"]
            .iter()
            .position(|x| *x == s)
            .unwrap()
    };
    assert!(
        order.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "findings not sorted by severity: {order:?}"
    );
}

#[test]
fn fail_on_sets_the_exit_code() {
    let config = example("exposed.json");
    assert_eq!(audit(&["--config", &config], &[]).code, 1);
    assert_eq!(
        audit(&["--config", &config, "--fail-on", "never"], &[]).code,
        0
    );
    let (_home, hardened, state) =
        crate::support::private_home(std::path::Path::new(&example("hardened.json")));
    let hardened_args = ["--config", hardened.as_str(), "--state-dir", state.as_str()];
    assert_eq!(audit(&hardened_args, &[]).code, 0);
    let mut info_args = hardened_args.to_vec();
    info_args.extend(["--fail-on", "info"]);
    let warns = audit(&info_args, &[]);
    let expected = i32::from(!warns.report["findings"].as_array().unwrap().is_empty());
    assert_eq!(warns.code, expected);
}

#[test]
fn an_extra_plugin_file_runs_beside_the_builtins() {
    let (plugin, result) = audit_exposed_with("extra-check", &[]);
    assert!(
        result.has("acme.gateway_port", "warn"),
        "{:?}",
        result.pairs()
    );
    assert_eq!(result.finding("acme.gateway_port")["plugin"], "acme-extra");
    assert_eq!(
        result.plugin("acme-extra")["source"],
        plugin.display().to_string()
    );
    assert_eq!(result.plugin("control-plane")["status"], "ok");
}

#[test]
fn a_file_that_is_not_a_component_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("fake.wasm");
    std::fs::write(&fake, b"\0asm\x01\0\0\0").unwrap();
    let stderr = refused_plugin(&example("hardened.json"), &fake);
    assert!(
        stderr.contains("fake.wasm") && stderr.contains("not a component"),
        "{stderr}"
    );
}

#[test]
fn table_output_lists_findings_without_colour_under_no_color() {
    let output = pincer()
        .args(["audit", "--config", &example("exposed.json")])
        .output()
        .unwrap();
    let (stdout, _) = text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout.contains("CRITICAL"), "{stdout}");
    assert!(stdout.contains("gateway.bind_no_auth"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}'),
        "NO_COLOR must strip escape codes: {stdout:?}"
    );
}

#[test]
fn output_file_receives_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let output = pincer()
        .args([
            "audit",
            "--config",
            &example("exposed.json"),
            "--format",
            "json",
            "--output",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert!(report["summary"]["critical"].as_u64().unwrap() > 0);
}

#[test]
fn a_reader_that_goes_away_ends_the_command_quietly() {
    // More than a pipe holds, so the writer meets the closed pipe.
    let mut child = pincer()
        .args(["checks", "--format", "markdown"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output).1, "", "nothing is said about a closed pipe");
}

#[test]
fn checks_lists_the_hosts_own_checks_in_every_format() {
    let host: Vec<&str> = pincer::facts::HOST_CHECKS
        .iter()
        .map(|check| check.id())
        .collect();
    assert_eq!(host.len(), 5, "{host:?}");
    assert_eq!(
        host[0], "config.invalid",
        "the first thing a report can say"
    );
    for format in ["table", "json", "markdown"] {
        let output = pincer()
            .args(["checks", "--format", format])
            .output()
            .unwrap();
        let (stdout, stderr) = text(&output);
        assert_eq!(output.status.code(), Some(0), "{format}: {stderr}");
        for id in &host {
            assert!(
                stdout.contains(id),
                "{format} does not list {id}:\n{stdout}"
            );
        }
    }
    let output = pincer()
        .args(["checks", "--format", "json"])
        .output()
        .unwrap();
    let plugins: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let last = plugins.as_array().unwrap().last().unwrap();
    assert_eq!(last["name"], "pincer");
    let ids: Vec<&str> = last["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|check| check["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, host);
}

#[test]
fn checks_lists_every_builtin_check_with_its_metadata() {
    let output = pincer().args(["checks"]).output().unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    for id in [
        "gateway.bind_no_auth",
        "gateway.loopback_no_auth",
        "gateway.token_too_short",
        "gateway.token_placeholder_value",
        "gateway.password_too_short",
        "gateway.password_placeholder_value",
        "gateway.auth_no_rate_limit",
        "gateway.tailscale_funnel",
        "gateway.tailscale_serve",
        "gateway.control_ui.allowed_origins_required",
    ] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("{id} missing:\n{stdout}"));
        assert!(line.contains("control-plane"), "{line}");
    }
}

#[test]
fn help_documents_the_exit_codes() {
    let output = pincer().args(["audit", "--help"]).output().unwrap();
    let (stdout, _) = text(&output);
    for line in [
        "0  no finding",
        "1  findings",
        "2  bad usage",
        "3  the audit is incomplete",
    ] {
        assert!(stdout.contains(line), "--help lacks `{line}`:\n{stdout}");
    }
}

#[test]
fn a_plugin_built_for_the_first_contract_still_runs() {
    let (_, result) = audit_exposed_with(
        "api-0-1-0",
        &[("OPENCLAW_GATEWAY_TOKEN", "some-token-value-for-the-env")],
    );
    assert_eq!(result.plugin("api-0-1-0")["status"], "ok");
    assert_eq!(
        result.finding("compat.saw_bind")["detail"],
        "gateway.bind = \"lan\"; gateway token env set: true"
    );
}

//! Secret-blind plugins: secrets planted everywhere a secret can live (inline,
//! `${VAR}`, env references, gateway env vars, the state database) never
//! appear in a report, a history entry or `pincer view`, even from a plugin
//! that copies its whole view (the previous run's posture included) into a
//! finding; nor does the history's keyed fingerprint of the gateway token
//! reach a plugin.

use crate::state::{Journal, build_database};
use crate::support::{audit, pincer, test_plugin, text};

const PLANTED: &[&str] = &[
    "planted-gateway-token-7f3a9c",
    "planted-gateway-password-1b2c",
    "planted-remote-token-88d1e0",
    "planted-hooks-token-4e5f6a",
    "planted-telegram-bot-token-9a8b",
    "planted-slack-app-token-77c2",
    "planted-openai-key-from-env-3c4d",
    "planted-env-gateway-token-5e6f",
    "planted-vault-path-0a1b",
    "planted-secret-env-var-2c3d",
    // In the state database (tests/fixtures/state/sample-rows.sql).
    "planted-device-token-1",
    "planted-device-token-2",
    "planted-device-token-3",
    "planted-socket-token-1",
    "planted-private-key-1",
    "planted-audit-identity-key-1",
];

#[test]
fn no_planted_secret_reaches_a_plugin_or_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    std::fs::write(
        &config,
        r#"{
          gateway: {
            bind: "lan",
            auth: { mode: "token", token: "planted-gateway-token-7f3a9c", password: "planted-gateway-password-1b2c" },
            remote: { token: "planted-remote-token-88d1e0" },
          },
          hooks: { enabled: true, token: "planted-hooks-token-4e5f6a" },
          channels: {
            telegram: { botToken: "planted-telegram-bot-token-9a8b" },
            slack: { appToken: "${SLACK_APP_TOKEN}" },
          },
          models: { providers: { openai: { apiKey: { source: "env", provider: "default", id: "OPENAI_API_KEY" } } } },
          secrets: { providers: { vault: { source: "file", path: "planted-vault-path-0a1b" } } },
        }"#,
    )
    .unwrap();
    build_database(dir.path(), Journal::Wal);
    // OpenClaw's fingerprint key: with it, the history follows the token.
    std::fs::write(dir.path().join("config-journal-fingerprint.key"), [5u8; 32]).unwrap();
    let history = tempfile::tempdir().unwrap();
    let dumper = test_plugin("view-dumper");
    let env = [
        ("SLACK_APP_TOKEN", "planted-slack-app-token-77c2"),
        ("OPENAI_API_KEY", "planted-openai-key-from-env-3c4d"),
        ("OPENCLAW_GATEWAY_TOKEN", "planted-env-gateway-token-5e6f"),
        ("PLANTED_SECRET_ENV", "planted-secret-env-var-2c3d"),
    ];
    let args = [
        "--config",
        config.to_str().unwrap(),
        "--state-dir",
        dir.path().to_str().unwrap(),
        "--plugin",
        dumper.to_str().unwrap(),
        "--fail-on",
        "never",
        "--history",
        history.path().to_str().unwrap(),
    ];
    // Twice: the second run has the first as its baseline.
    let first = audit(&args, &env);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let result = audit(&args, &env);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let dump = result.report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["checkId"] == "dump.view")
        .expect("the dumper reported its view")["detail"]
        .as_str()
        .unwrap()
        .to_owned();
    // The dumper really saw the view: markers with lengths in place of values.
    assert!(
        dump.contains("$secret") && dump.contains("\"length\":28"),
        "{dump}"
    );
    assert!(
        dump.contains("SLACK_APP_TOKEN") && dump.contains("PLANTED_SECRET_ENV"),
        "{dump}"
    );
    // ... and the installation's state, tokens as markers.
    assert!(
        dump.contains("build-server-01") && dump.contains("\"tokens\":[{"),
        "{dump}"
    );
    assert!(dump.contains("socketToken"), "{dump}");
    // ... and the previous run's posture, with the credential's record but
    // never its fingerprint.
    let mut entries: Vec<String> = std::fs::read_dir(history.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    entries.sort();
    assert_eq!(entries.len(), 2);
    let entry: serde_json::Value = serde_json::from_str(&entries[0]).unwrap();
    let fingerprint = entry["posture"]["credential"]["fingerprint"]
        .as_str()
        .expect("the history keeps the token's fingerprint")
        .to_owned();
    assert!(
        dump.contains("baseline = Some(") && dump.contains("inPlaceSinceMs"),
        "{dump}"
    );
    assert!(
        !dump.contains(&fingerprint) && !dump.contains("fingerprint"),
        "the fingerprint reached a plugin: {dump}"
    );
    assert!(
        !result.stdout.contains(&fingerprint),
        "the report shows the fingerprint"
    );
    let view = pincer()
        .args(["view", "--config", config.to_str().unwrap()])
        .args(["--state-dir", dir.path().to_str().unwrap()])
        .envs(env)
        .output()
        .unwrap();
    let (view_out, view_err) = text(&view);
    assert_eq!(view.status.code(), Some(0), "{view_err}");
    for secret in PLANTED {
        for (index, entry) in entries.iter().enumerate() {
            assert!(
                !entry.contains(secret),
                "history entry {index} leaks {secret}"
            );
        }
        assert!(!result.stdout.contains(secret), "report leaks {secret}");
        assert!(!result.stderr.contains(secret), "stderr leaks {secret}");
        assert!(!view_out.contains(secret), "view leaks {secret}");
        assert!(!view_err.contains(secret), "view stderr leaks {secret}");
    }
}

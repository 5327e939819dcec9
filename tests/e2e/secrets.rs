//! Secret-blind plugins: secrets planted everywhere a secret can live (inline,
//! `${VAR}`, env references, gateway env vars) never appear in a report,
//! even from a plugin that copies its whole view into a finding.

use crate::support::{audit, test_plugin};

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
    let dumper = test_plugin("view-dumper");
    let result = audit(
        &[
            "--config",
            config.to_str().unwrap(),
            "--plugin",
            dumper.to_str().unwrap(),
            "--fail-on",
            "never",
        ],
        &[
            ("SLACK_APP_TOKEN", "planted-slack-app-token-77c2"),
            ("OPENAI_API_KEY", "planted-openai-key-from-env-3c4d"),
            ("OPENCLAW_GATEWAY_TOKEN", "planted-env-gateway-token-5e6f"),
            ("PLANTED_SECRET_ENV", "planted-secret-env-var-2c3d"),
        ],
    );
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
    for secret in PLANTED {
        assert!(!result.stdout.contains(secret), "report leaks {secret}");
        assert!(!result.stderr.contains(secret), "stderr leaks {secret}");
    }
}

//! Secret-blind in every place an OpenClaw installation can hold a secret
//! (issue 19, items 1-3): secrets generated here, planted where OpenClaw's
//! own redaction hides values, in header and env maps, in URLs, as known
//! credential formats in free text, behind `${VAR}` and in a forged
//! marker, appear in no `pincer view`, no report of any format, no stderr
//! and no history entry, even from a plugin that copies its whole view;
//! error messages about bad input name files, lines and keys, never the
//! value.

use crate::state::{Journal, build_database};
use crate::support::{pincer, test_plugin, text};
use rusqlite::Connection;
use serde_json::{Value, json};
use std::io::Read;
use std::path::Path;

/// `n` random bytes from the kernel.
fn random_bytes(n: usize) -> Vec<u8> {
    let mut bytes = vec![0; n];
    std::fs::File::open("/dev/urandom")
        .unwrap()
        .read_exact(&mut bytes)
        .unwrap();
    bytes
}

/// A fresh secret: 32 random hex digits, nothing a detector could know.
fn hex_secret() -> String {
    random_bytes(16)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `n` random letters and digits (both cases), for known key formats.
fn alnum(n: usize) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut out: String = random_bytes(n)
        .iter()
        .map(|b| CHARS[usize::from(*b) % CHARS.len()] as char)
        .collect();
    // Every format below wants letters of both cases and a digit.
    out.replace_range(..3, "aZ7");
    out
}

/// The secrets of one run, each with where it was planted.
#[derive(Default)]
struct Planted(Vec<(String, String)>);

impl Planted {
    fn hex(&mut self, place: &str) -> String {
        self.add(place, hex_secret())
    }

    fn add(&mut self, place: &str, secret: String) -> String {
        self.0.push((place.to_owned(), secret.clone()));
        secret
    }

    /// Asserts that no planted secret occurs in `text` (what `what` names).
    fn assert_absent(&self, what: &str, text: &str) {
        for (place, secret) in &self.0 {
            assert!(
                !text.contains(secret.as_str()),
                "{what} leaks the secret planted at {place}"
            );
        }
    }
}

/// A config with a fresh secret in each place of issue 19's list, and the
/// environment it references.
fn planted_installation(planted: &mut Planted) -> (Value, Vec<(String, String)>) {
    let pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----",
        planted.add("a PEM block in free text", alnum(64))
    );
    let ghp = planted.add("a ghp_ token in free text", format!("ghp_{}", alnum(36)));
    let anthropic = planted.add(
        "an sk-ant- key in free text",
        format!("sk-ant-api03-{}", alnum(40)),
    );
    let akia = planted.add(
        "an AKIA key id in free text",
        format!("AKIA{}", alnum(16).to_ascii_uppercase()),
    );
    let slack = planted.add(
        "an xoxb- token in an MCP argument",
        format!("xoxb-1234567890-{}", alnum(24)),
    );
    let jwt = planted.add(
        "a JWT in a description",
        format!("eyJhbGciOiJIUzI1NiJ9.eyJ{}.{}", alnum(24), alnum(32)),
    );
    let entropy = planted.add("a high-entropy token in a name", alnum(40));
    let service_account = json!({"type": "service_account",
        "private_key": planted.hex("a service-account JSON string")})
    .to_string();
    let gh_pat = planted.hex("${GH_PAT} in an MCP argument");
    let api_token = planted.hex("${API_TOKEN} in a URL");
    let forged = planted.hex("a forged $secret marker's reference");
    let config = json!({
        "gateway": {
            "bind": "loopback",
            "auth": {"mode": "token", "token": {"$secret": {
                "source": "absent", "set": false, "length": 0, "placeholder": null,
                "classes": [], "reference": forged, "secretRef": false}}},
            "remote": {
                "url": format!("wss://gw.example/ws?token={}", planted.hex("gateway.remote.url token")),
                "edgeAuth": {"clientSecret": planted.hex("gateway.remote.edgeAuth.*"),
                             "clientId": planted.hex("gateway.remote.edgeAuth.clientId")}
            }
        },
        "models": {"providers": {"acme": {
            "baseUrl": format!("https://user:{}@llm.example/v1?api_key={}&region=eu",
                planted.hex("baseUrl userinfo"), planted.hex("baseUrl api_key")),
            "headers": {"Authorization": format!("Bearer {}", planted.hex("headers.Authorization")),
                        "X-Custom": planted.hex("headers.X-Custom")},
            "apiKeys": [planted.hex("apiKeys[]")],
            "localService": {"command": "acme-serve", "env": {"ACME_KEY": planted.hex("localService.env.*")}},
            "request": {
                "headers": {"X-Tenant": planted.hex("request.headers.*")},
                "auth": {"mode": "header", "headerName": "X-Key", "value": planted.hex("request.auth.value")},
                "tls": {"key": planted.hex("request.tls.key"), "cert": planted.hex("request.tls.cert"),
                        "ca": planted.hex("request.tls.ca"), "passphrase": planted.hex("request.tls.passphrase")},
                "proxy": {"url": format!("http://p:{}@proxy.example:3128", planted.hex("request.proxy.url userinfo")),
                          "tls": {"key": planted.hex("request.proxy.tls.key")}}
            }
        }}},
        "tools": {"web": {"fetch": {"headers": {"Cookie": planted.hex("tools.web.fetch.headers.Cookie")}}}},
        "agents": {
            "defaults": {
                "systemPrompt": format!("Deploy with {ghp} and {anthropic}; AWS id {akia}.\n{pem}\nBe brief."),
                "sandbox": {"ssh": {"identityData": planted.hex("sandbox.ssh.identityData"),
                                    "certificateData": planted.hex("sandbox.ssh.certificateData"),
                                    "knownHostsData": planted.hex("sandbox.ssh.knownHostsData")}}
            },
            "list": [{"id": "ops", "name": format!("ops {entropy}"), "description": format!("uses {jwt}")}]
        },
        "mcp": {"servers": {"gh": {
            "command": "npx",
            "args": ["-y", "gh-mcp", "--token", planted.hex("the argument after --token"), "${GH_PAT}", slack,
                     format!("--api-key={}", planted.hex("an --api-key= argument")),
                     "-e", format!("GH_TOKEN={}", planted.hex("a NAME=value argument")),
                     format!("Authorization: Bearer {}", planted.hex("a bearer argument"))],
            "env": {"GH_TOKEN_X": planted.hex("mcp.servers.*.env.*")},
            "url": format!("https://u:{}@mcp.example/sse", planted.hex("mcp.servers.*.url userinfo"))
        }}},
        "env": {"vars": {"SOME_VAR": planted.hex("env.vars.*")}},
        "security": {"installPolicy": {"exec": {"env": {"POLICY_KEY": planted.hex("security.installPolicy.exec.env.*")}}}},
        "browser": {"cdpUrl": format!("http://127.0.0.1:9222/devtools?token={}", planted.hex("browser.cdpUrl token"))},
        "proxy": {"proxyUrl": format!("http://a:{}@egress.example:8080", planted.hex("proxy.proxyUrl userinfo"))},
        "hooks": {
            "enabled": true,
            "url": "https://hooks.example/in?k=${API_TOKEN}",
            "mappings": [{"match": {"path": "/gh"}, "sessionKey": planted.hex("hooks.mappings[].sessionKey")}]
        },
        "channels": {
            "googlechat": {"serviceAccount": service_account},
            "feishu": {"encryptKey": planted.hex("channels.feishu.encryptKey")}
        },
        "plugins": {
          "installs": {"vault": {"source": "git",
            "spec": format!("git+https://ci:{}@git.example/vault.git", planted.hex("an install record's spec"))}},
          "entries": {"vault": {"enabled": true, "config": {
            "privateKeyPem": planted.hex("plugins.entries.*.config.privateKeyPem"),
            "secretAccessKey": planted.hex("plugins.entries.*.config.secretAccessKey")
        }}}}
    });
    let env = vec![
        ("GH_PAT".to_owned(), gh_pat),
        ("API_TOKEN".to_owned(), api_token),
    ];
    (config, env)
}

/// A state database whose free text (a device's label, a boot's reason)
/// holds credentials.
fn plant_in_state(state_dir: &Path, planted: &mut Planted) {
    let db = build_database(state_dir, Journal::Rollback);
    let label = planted.add("a device label", format!("ghp_{}", alnum(36)));
    let reason = planted.add("a boot reason", format!("sk-ant-api03-{}", alnum(40)));
    let connection = Connection::open(db).unwrap();
    let index = json!({"revision": 1, "index": {"version": 1, "installRecords": {
        "tool": {"source": "npm", "version": "1.0.0",
                 "spec": format!("https://npm:{}@registry.example/tool-1.0.0.tgz",
                                 planted.hex("a database install record's spec"))}}}});
    connection
        .execute(
            "INSERT INTO config_machine_state (state_key, value_json, updated_at_ms) VALUES ('plugins.installedIndex', ?1, 0)",
            [index.to_string()],
        )
        .unwrap();
    connection
        .execute(
            "UPDATE device_pairing_paired SET operator_label = ?1",
            [format!("laptop of {label}")],
        )
        .unwrap();
    connection
        .execute(
            "UPDATE gateway_boot_lifecycle SET reason = ?1",
            [format!("crashed with key {reason}")],
        )
        .unwrap();
}

fn run(args: &[&str], env: &[(String, String)]) -> (Option<i32>, String, String) {
    let output = pincer()
        .args(args)
        .envs(env.iter().cloned())
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    (output.status.code(), stdout, stderr)
}

#[test]
fn secrets_in_every_place_openclaw_redacts_reach_no_view_report_or_history() {
    let mut planted = Planted::default();
    let dir = tempfile::tempdir().unwrap();
    let config_path = dir.path().join("openclaw.json");
    let (config, env) = planted_installation(&mut planted);
    std::fs::write(&config_path, serde_json::to_string_pretty(&config).unwrap()).unwrap();
    plant_in_state(dir.path(), &mut planted);
    let config_arg = config_path.to_str().unwrap();
    let state_arg = dir.path().to_str().unwrap();

    // Some places are ones OpenClaw's schema refuses: the refusal names
    // them and quotes no value, in text and in JSON.
    for format in ["table", "json"] {
        let (code, refusal, refusal_err) = run(
            &[
                "audit",
                "--config",
                config_arg,
                "--state-dir",
                state_arg,
                "--format",
                format,
            ],
            &env,
        );
        assert_eq!(code, Some(2), "refused: {refusal_err}");
        assert!(refusal_err.contains("gateway.auth.token"), "{refusal_err}");
        planted.assert_absent(&format!("the {format} refusal"), &refusal);
        planted.assert_absent(&format!("stderr of the {format} refusal"), &refusal_err);
    }
    // Audited anyway, every place is read and redacted.
    let (code, view, view_err) = run(
        &[
            "view",
            "--allow-invalid",
            "--config",
            config_arg,
            "--state-dir",
            state_arg,
        ],
        &env,
    );
    assert_eq!(code, Some(0), "{view_err}");
    let view_json: Value = serde_json::from_str(&view).unwrap();
    // The view is really there: the places hold markers, the rest stays.
    let provider = &view_json["config"]["models"]["providers"]["acme"];
    assert!(
        provider["headers"]["Authorization"]["$secret"].is_object(),
        "{provider}"
    );
    assert_eq!(provider["request"]["auth"]["mode"], "header");
    assert!(
        provider["baseUrl"]
            .as_str()
            .is_some_and(|url| url.contains("llm.example") && url.contains("region=eu")),
        "{provider}"
    );
    let prompt = view_json["config"]["agents"]["defaults"]["systemPrompt"]
        .as_str()
        .unwrap();
    assert!(
        prompt.starts_with("Deploy with [redacted]") && prompt.ends_with("Be brief."),
        "{prompt}"
    );
    let forged = &view_json["config"]["gateway"]["auth"]["token"]["$secret"];
    assert_eq!(
        (&forged["source"], &forged["set"]),
        (&json!("inline"), &json!(true)),
        "a marker written in the config is an inline value: {forged}"
    );
    assert!(
        view.contains("crashed with key [redacted]") && view.contains("laptop of [redacted]"),
        "the state's free text is kept around the credential"
    );
    planted.assert_absent("pincer view", &view);
    planted.assert_absent("pincer view's stderr", &view_err);

    let history = tempfile::tempdir().unwrap();
    let dumper = test_plugin("view-dumper");
    for format in ["json", "sarif", "junit", "markdown", "html", "table"] {
        let (code, report, stderr) = run(
            &[
                "audit",
                "--config",
                config_arg,
                "--state-dir",
                state_arg,
                "--plugin",
                dumper.to_str().unwrap(),
                "--fail-on",
                "never",
                "--allow-incomplete",
                "--allow-invalid",
                "--format",
                format,
                "--history",
                history.path().to_str().unwrap(),
            ],
            &env,
        );
        assert_eq!(code, Some(0), "{format}: {stderr}");
        if format == "json" {
            // The dumper saw the view (its markers), so it had the chance.
            assert!(
                report.contains("dump.view") && report.contains("$secret"),
                "{report}"
            );
        }
        planted.assert_absent(&format!("the {format} report"), &report);
        planted.assert_absent(&format!("stderr of the {format} audit"), &stderr);
    }
    let mut entries = 0;
    for entry in std::fs::read_dir(history.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            entries += 1;
            planted.assert_absent(
                &format!("history entry {}", path.display()),
                &std::fs::read_to_string(&path).unwrap_or_default(),
            );
        }
    }
    assert!(entries >= 6, "every run was recorded");
}

#[test]
fn an_environment_value_reaches_the_view_only_when_known_not_to_be_secret() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("openclaw.json");
    let secret = hex_secret();
    let host = format!("h{}.example", hex_secret());
    std::fs::write(
        &config,
        json!({
            "gateway": {"bind": "${BIND}", "remote": {"url": "wss://${GW_HOST}/ws"}},
            "agents": {"defaults": {"workspace": "${HOME}/work"}},
            "mcp": {"servers": {"gh": {"command": "gh-mcp", "args": ["serve", "${GH_PAT}", "x=${GH_PAT}"]}}}
        })
        .to_string(),
    )
    .unwrap();
    let home = dir.path().join("home");
    let env = vec![
        ("GH_PAT".to_owned(), secret.clone()),
        ("GW_HOST".to_owned(), host.clone()),
        ("BIND".to_owned(), "lan".to_owned()),
        ("HOME".to_owned(), home.display().to_string()),
    ];
    let (code, view, stderr) = run(
        &[
            "view",
            "--config",
            config.to_str().unwrap(),
            "--state-dir",
            dir.path().to_str().unwrap(),
        ],
        &env,
    );
    assert_eq!(code, Some(0), "{stderr}");
    for value in [&secret, &host] {
        assert!(
            !view.contains(value.as_str()) && !stderr.contains(value.as_str()),
            "an environment value reached the view: {view}"
        );
    }
    let view: Value = serde_json::from_str(&view).unwrap();
    let args = &view["config"]["mcp"]["servers"]["gh"]["args"];
    assert_eq!(args[0], "serve");
    for at in [&args[1], &args[2]] {
        assert_eq!(at["$secret"]["source"], "env", "{at}");
        assert_eq!(at["$secret"]["reference"], "GH_PAT", "{at}");
        assert_eq!(at["$secret"]["set"], true, "{at}");
    }
    assert_eq!(
        view["config"]["gateway"]["remote"]["url"]["$secret"]["reference"],
        "GW_HOST"
    );
    // Known not to be secret: a member of the schema's enum, a home path.
    assert_eq!(view["config"]["gateway"]["bind"], "lan");
    assert_eq!(
        view["config"]["agents"]["defaults"]["workspace"],
        format!("{}/work", home.display())
    );
}

/// Runs `args`, expects exit 2 and returns stderr (stdout must be empty:
/// no report that looks clean).
fn refused(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args, &[]);
    assert_eq!(code, Some(2), "{args:?}: {stdout}{stderr}");
    assert!(stdout.trim().is_empty(), "{stdout}");
    stderr
}

#[test]
fn errors_about_bad_input_name_the_place_never_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).display().to_string();
    let mut cases: Vec<(&str, String, Vec<String>, &str)> = Vec::new();

    // A suppression list entry of the wrong type.
    let digits: String = random_bytes(9)
        .iter()
        .map(|b| char::from(b'1' + b % 9))
        .collect();
    std::fs::write(
        at("suppress.json"),
        format!(r#"{{"security": {{"audit": {{"suppressions": [{{"checkId": {digits}}}]}}}}}}"#),
    )
    .unwrap();
    cases.push((
        "a suppression entry OpenClaw's schema refuses",
        digits.clone(),
        vec!["view".into(), "--config".into(), at("suppress.json")],
        "security.audit.suppressions.0.checkId",
    ));
    cases.push((
        "a suppression entry audited anyway",
        digits,
        vec![
            "view".into(),
            "--allow-invalid".into(),
            "--config".into(),
            at("suppress.json"),
        ],
        "security.audit.suppressions[0]",
    ));

    // A `$include` that is an object.
    let include = hex_secret();
    std::fs::write(
        at("include.json"),
        json!({"gateway": {"$include": {"path": include}}}).to_string(),
    )
    .unwrap();
    cases.push((
        "a bad $include object",
        include,
        vec!["view".into(), "--config".into(), at("include.json")],
        "$include",
    ));

    // pincer.toml: a limit, and `expires`, that are no such thing.
    std::fs::write(at("empty.json"), "{}").unwrap();
    for (what, key, body) in [
        ("a limit", "memory", "[limits]\nmemory = \"{}\"\n"),
        (
            "an expires",
            "expires",
            "[[suppress]]\ncheck = \"a.b\"\nreason = \"r\"\nexpires = \"{}\"\n",
        ),
    ] {
        let secret = hex_secret();
        let file = at(&format!("{key}.toml"));
        std::fs::write(&file, body.replace("{}", &secret)).unwrap();
        cases.push((
            what,
            secret,
            vec![
                "audit".into(),
                "--config".into(),
                at("empty.json"),
                "--settings".into(),
                file,
            ],
            key,
        ));
    }

    // A --baseline report and a diff file that are not reports.
    let baseline = hex_secret();
    std::fs::write(
        at("baseline.json"),
        json!({"findings": baseline}).to_string(),
    )
    .unwrap();
    cases.push((
        "a malformed --baseline",
        baseline,
        vec![
            "audit".into(),
            "--config".into(),
            at("empty.json"),
            "--baseline".into(),
            at("baseline.json"),
        ],
        "baseline.json",
    ));
    let diffed = hex_secret();
    std::fs::write(
        at("old.json"),
        json!({"findings": [{"checkId": "a", "severity": diffed}]}).to_string(),
    )
    .unwrap();
    cases.push((
        "a malformed diff file",
        diffed,
        vec!["diff".into(), at("old.json"), at("old.json")],
        "old.json",
    ));

    for (what, secret, args, named) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let stderr = refused(&args);
        assert!(
            stderr.contains(named),
            "{what}: the error names {named}: {stderr}"
        );
        assert!(
            !stderr.contains(&secret),
            "{what}: the error quotes the value: {stderr}"
        );
    }
}

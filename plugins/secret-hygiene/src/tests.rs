//! Native tests of the checks through the SDK's harness (no wasm): file
//! facts as the host states them, the config redacted as the host does.
//! The end-to-end cases in tests/parity/secret-hygiene cover the built
//! component on real files.

use crate::SecretHygiene;
use crate::perms::shell_quote;
use pincer_sdk::prelude::*;
use pincer_sdk::testing::assert_metadata;
use pincer_sdk::{FileFact, FileKind, IncludeFact, IncludeStatus};
use serde_json::{Value, json};

const STATE: &str = "/home/u/.openclaw";
const CONFIG: &str = "/home/u/.openclaw/openclaw.json";
const CREDENTIALS: &str = "/home/u/.openclaw/credentials";
const AUTH: &str = "/home/u/.openclaw/agents/main/agent/auth-profiles.json";
const SQLITE: &str = "/home/u/.openclaw/agents/main/agent/openclaw-agent.sqlite";
const WAL: &str = "/home/u/.openclaw/agents/main/agent/openclaw-agent.sqlite-wal";
const SESSIONS: &str = "/home/u/.openclaw/agents/main/sessions/sessions.json";
const LOG: &str = "/home/u/.openclaw/logs/openclaw.log";

fn fact(role: &str, path: &str, kind: FileKind, mode: Option<u32>) -> FileFact {
    FileFact {
        role: role.to_owned(),
        path: path.to_owned(),
        kind,
        mode,
        owned_by_current_user: Some(true),
        modified_ms: None,
    }
}

fn file(role: &str, path: &str, mode: u32) -> Vec<FileFact> {
    vec![fact(role, path, FileKind::File, Some(mode))]
}

fn dir(role: &str, path: &str, mode: u32) -> Vec<FileFact> {
    vec![fact(role, path, FileKind::Directory, Some(mode))]
}

fn missing(role: &str, path: &str) -> Vec<FileFact> {
    vec![fact(role, path, FileKind::Missing, None)]
}

/// A symlink (lstat mode 0777, as on Linux) and the fact about its target.
fn symlink(role: &str, path: &str, target: Option<(FileKind, u32)>) -> Vec<FileFact> {
    let target = match target {
        Some((kind, mode)) => fact(&format!("{role}-target"), path, kind, Some(mode)),
        None => fact(&format!("{role}-target"), path, FileKind::Missing, None),
    };
    vec![fact(role, path, FileKind::Symlink, Some(0o777)), target]
}

/// A home whose state dir and config are private, with `config` and more facts.
fn home(config: Value, facts: Vec<Vec<FileFact>>) -> Scenario {
    let mut all = vec![
        dir("state-dir", STATE, 0o700),
        file("config", CONFIG, 0o600),
    ];
    all.extend(facts);
    replace(Scenario::config(config), all)
}

/// A scenario with these groups of facts: a group replaces the facts of
/// an earlier group about the same role and path (a symlink's group holds
/// the link and its target).
fn replace(mut scenario: Scenario, groups: Vec<Vec<FileFact>>) -> Scenario {
    let mut merged: Vec<FileFact> = Vec::new();
    for group in groups {
        merged.retain(|old| {
            !group
                .iter()
                .any(|new| new.path == old.path && base_role(&new.role) == base_role(&old.role))
        });
        merged.extend(group);
    }
    for fact in merged {
        scenario = scenario.file_fact(fact);
    }
    scenario
}

fn base_role(role: &str) -> &str {
    role.strip_suffix("-target").unwrap_or(role)
}

/// The secret-hygiene pairs of a scenario, sorted.
fn pairs(scenario: &Scenario) -> Vec<(String, Severity)> {
    scenario.pairs::<SecretHygiene>()
}

fn ids(scenario: &Scenario) -> Vec<String> {
    pairs(scenario).into_iter().map(|(id, _)| id).collect()
}

fn pair(id: &str, severity: Severity) -> (String, Severity) {
    (id.to_owned(), severity)
}

/// The pair of `id` at the severity it declares.
fn declared(id: &str) -> (String, Severity) {
    let check = SecretHygiene::META
        .checks
        .iter()
        .find(|check| check.meta.id == id)
        .unwrap_or_else(|| panic!("`{id}` is not declared"));
    (id.to_owned(), check.meta.severity)
}

/// For each `(mode, ids)` row: the scenario `at(mode)` reports exactly
/// `ids`, each at its declared severity.
fn assert_modes(at: impl Fn(u32) -> Scenario, rows: &[(u32, &[&str])]) {
    for (mode, ids) in rows {
        let mut expected: Vec<_> = ids.iter().map(|id| declared(id)).collect();
        expected.sort();
        assert_eq!(pairs(&at(*mode)), expected, "mode {mode:o}");
    }
}

/// One fact of `role` at `path`, a directory or a file, at each mode.
fn one_dir(role: &'static str, path: &'static str) -> impl Fn(u32) -> Scenario {
    move |mode| home(json!({}), vec![dir(role, path, mode)])
}

fn one_file(role: &'static str, path: &'static str) -> impl Fn(u32) -> Scenario {
    move |mode| home(json!({}), vec![file(role, path, mode)])
}

fn findings(scenario: &Scenario, id: &str) -> Vec<Finding> {
    scenario
        .run::<SecretHygiene>()
        .into_iter()
        .filter(|f| f.check_id == id)
        .collect()
}

#[test]
fn metadata_is_complete() {
    assert_metadata::<SecretHygiene>(&["config.include_escape", "config.secrets.", "fs."]);
    assert_eq!(SecretHygiene::META.checks.len(), 24);
    let severity = |id: &str| {
        SecretHygiene::META
            .checks
            .iter()
            .find(|c| c.meta.id == id)
            .map(|c| c.meta.severity)
    };
    assert_eq!(
        severity("config.secrets.hooks_token_in_config"),
        Some(Severity::Info),
        "the reference emits info, not warn"
    );
    assert_eq!(
        severity("fs.config.perms_world_readable"),
        Some(Severity::Critical)
    );
    assert_eq!(
        severity("fs.config.perms_group_readable"),
        Some(Severity::Warn)
    );
}

#[test]
fn every_check_fires_in_one_scenario_and_stays_quiet_in_another() {
    pincer_sdk::testing::CheckGate::<SecretHygiene>::new()
        .cases(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/parity/secret-hygiene"
        ))
        .assert();
}

#[test]
fn a_private_installation_is_quiet() {
    let scenario = home(
        json!({"logging": {"file": LOG}}),
        vec![
            dir("credentials-dir", CREDENTIALS, 0o700),
            file("agent-auth-store", AUTH, 0o600),
            missing("agent-auth-store", SQLITE),
            file("sessions-store", SESSIONS, 0o600),
            file("log-file", LOG, 0o600),
        ],
    );
    assert!(pairs(&scenario).is_empty(), "{:?}", pairs(&scenario));
    assert!(pairs(&Scenario::config(json!({}))).is_empty(), "no facts");
}

#[test]
fn state_dir_precedence_is_world_writable_then_group_writable_then_readable() {
    let (ww, gw, readable) = (
        "fs.state_dir.perms_world_writable",
        "fs.state_dir.perms_group_writable",
        "fs.state_dir.perms_readable",
    );
    assert_modes(
        one_dir("state-dir", STATE),
        &[
            (0o777, &[ww]),
            (0o702, &[ww]),
            (0o722, &[ww]),
            (0o770, &[gw]),
            (0o720, &[gw]),
            (0o750, &[readable]),
            (0o705, &[readable]),
            (0o740, &[readable]),
            (0o711, &[]),
            (0o700, &[]),
            (0o1700, &[]),
        ],
    );
}

#[test]
fn a_missing_state_dir_or_config_says_nothing() {
    let scenario = replace(
        Scenario::config(json!({})),
        vec![missing("state-dir", STATE), missing("config", CONFIG)],
    );
    assert!(pairs(&scenario).is_empty());
}

#[test]
fn a_symlinked_state_dir_is_reported_and_its_target_judged() {
    let open = home(
        json!({}),
        vec![symlink(
            "state-dir",
            STATE,
            Some((FileKind::Directory, 0o755)),
        )],
    );
    assert_eq!(
        pairs(&open),
        vec![
            pair("fs.state_dir.perms_readable", Severity::Warn),
            pair("fs.state_dir.symlink", Severity::Warn),
        ]
    );
    let private = home(
        json!({}),
        vec![symlink(
            "state-dir",
            STATE,
            Some((FileKind::Directory, 0o700)),
        )],
    );
    assert_eq!(
        pairs(&private),
        vec![pair("fs.state_dir.symlink", Severity::Warn)],
        "the link's own 0777 does not count when the target exists"
    );
}

#[test]
fn config_precedence_is_writable_then_world_readable_then_group_readable() {
    let (writable, world, group) = (
        "fs.config.perms_writable",
        "fs.config.perms_world_readable",
        "fs.config.perms_group_readable",
    );
    assert_modes(
        one_file("config", CONFIG),
        &[
            (0o666, &[writable]),
            (0o620, &[writable]),
            (0o602, &[writable]),
            (0o644, &[world]),
            (0o604, &[world]),
            (0o640, &[group]),
            (0o711, &[]),
            (0o600, &[]),
            (0o400, &[]),
        ],
    );
}

#[test]
fn a_symlinked_config_gets_only_the_symlink_and_writable_findings() {
    let symlinked = pair("fs.config.symlink", Severity::Warn);
    let writable = pair("fs.config.perms_writable", Severity::Critical);
    for (target, expected) in [
        (Some(0o644), vec![symlinked.clone()]),
        (Some(0o640), vec![symlinked.clone()]),
        (Some(0o600), vec![symlinked.clone()]),
        (Some(0o620), vec![writable.clone(), symlinked.clone()]),
        (Some(0o666), vec![writable.clone(), symlinked.clone()]),
        // Dangling: the link's own 0777 counts, so it is writable.
        (None, vec![writable, symlinked]),
    ] {
        let facts = symlink("config", CONFIG, target.map(|mode| (FileKind::File, mode)));
        assert_eq!(
            pairs(&home(json!({}), vec![facts])),
            expected,
            "target {target:?}"
        );
    }
}

#[test]
fn the_state_dir_and_config_combine() {
    let scenario = home(
        json!({}),
        vec![
            dir("state-dir", STATE, 0o755),
            file("config", CONFIG, 0o644),
        ],
    );
    assert_eq!(
        pairs(&scenario),
        vec![
            pair("fs.config.perms_world_readable", Severity::Critical),
            pair("fs.state_dir.perms_readable", Severity::Warn),
        ]
    );
}

#[test]
fn includes_are_judged_one_by_one_through_symlinks_without_a_symlink_finding() {
    let a = "/home/u/.openclaw/a.json";
    let b = "/home/u/.openclaw/b.json";
    for (mode, expected) in [
        (
            0o640,
            Some(("fs.config_include.perms_group_readable", Severity::Warn)),
        ),
        (
            0o644,
            Some(("fs.config_include.perms_world_readable", Severity::Critical)),
        ),
        (
            0o604,
            Some(("fs.config_include.perms_world_readable", Severity::Critical)),
        ),
        (
            0o660,
            Some(("fs.config_include.perms_writable", Severity::Critical)),
        ),
        (
            0o606,
            Some(("fs.config_include.perms_writable", Severity::Critical)),
        ),
        (0o600, None),
    ] {
        let scenario = home(json!({}), vec![file("config-include", a, mode)]);
        let expected: Vec<_> = expected.map(|(id, s)| pair(id, s)).into_iter().collect();
        assert_eq!(pairs(&scenario), expected, "mode {mode:o}");
    }
    let mixed = home(
        json!({}),
        vec![
            file("config-include", a, 0o640),
            file("config-include", b, 0o606),
        ],
    );
    assert_eq!(
        pairs(&mixed),
        vec![
            pair("fs.config_include.perms_group_readable", Severity::Warn),
            pair("fs.config_include.perms_writable", Severity::Critical),
        ]
    );
    let private_target = home(
        json!({}),
        vec![symlink("config-include", a, Some((FileKind::File, 0o600)))],
    );
    assert!(
        pairs(&private_target).is_empty(),
        "the link itself is not judged"
    );
    let open_target = home(
        json!({}),
        vec![symlink("config-include", a, Some((FileKind::File, 0o666)))],
    );
    assert_eq!(
        pairs(&open_target),
        vec![pair("fs.config_include.perms_writable", Severity::Critical)]
    );
}

#[test]
fn an_include_reached_twice_is_reported_once() {
    let a = "/home/u/.openclaw/a.json";
    let twice = [
        file("config-include", a, 0o644),
        file("config-include", a, 0o644),
    ]
    .concat();
    let scenario = home(json!({}), vec![twice]);
    assert_eq!(
        findings(&scenario, "fs.config_include.perms_world_readable").len(),
        1
    );
}

#[test]
fn escaping_includes_are_critical_and_followed_ones_quiet() {
    let include = |status| IncludeFact {
        written: "../elsewhere.json5".into(),
        from_file: CONFIG.into(),
        resolved: "/home/u/elsewhere.json5".into(),
        status,
    };
    for status in [
        IncludeStatus::EscapesConfigDir,
        IncludeStatus::EscapesViaSymlink,
    ] {
        let scenario = Scenario::config(json!({})).include(include(status));
        assert_eq!(
            pairs(&scenario),
            vec![pair("config.include_escape", Severity::Critical)]
        );
    }
    let quiet = Scenario::config(json!({})).include(include(IncludeStatus::Included));
    assert!(pairs(&quiet).is_empty());
}

#[test]
fn the_credentials_dir_is_judged_only_as_a_directory() {
    let (writable, readable_id) = (
        "fs.credentials_dir.perms_writable",
        "fs.credentials_dir.perms_readable",
    );
    assert_modes(
        one_dir("credentials-dir", CREDENTIALS),
        &[
            (0o755, &[readable_id]),
            (0o750, &[readable_id]),
            (0o705, &[readable_id]),
            (0o777, &[writable]),
            (0o730, &[writable]),
            (0o703, &[writable]),
            (0o711, &[]),
            (0o700, &[]),
        ],
    );
    let readable = declared(readable_id);
    let a_file = home(json!({}), vec![file("credentials-dir", CREDENTIALS, 0o777)]);
    assert!(pairs(&a_file).is_empty(), "not a directory");
    let linked = home(
        json!({}),
        vec![symlink(
            "credentials-dir",
            CREDENTIALS,
            Some((FileKind::Directory, 0o755)),
        )],
    );
    assert_eq!(pairs(&linked), vec![readable]);
    let dangling = home(
        json!({}),
        vec![symlink("credentials-dir", CREDENTIALS, None)],
    );
    assert!(
        pairs(&dangling).is_empty(),
        "a dangling link is not a directory"
    );
    let gone = home(json!({}), vec![missing("credentials-dir", CREDENTIALS)]);
    assert!(pairs(&gone).is_empty());
}

#[test]
fn every_auth_profile_store_file_is_judged_on_its_own() {
    let (writable_id, readable_id) = (
        "fs.auth_profiles.perms_writable",
        "fs.auth_profiles.perms_readable",
    );
    assert_modes(
        one_file("agent-auth-store", AUTH),
        &[
            (0o644, &[readable_id]),
            (0o640, &[readable_id]),
            (0o604, &[readable_id]),
            (0o666, &[writable_id]),
            (0o620, &[writable_id]),
            (0o600, &[]),
        ],
    );
    let (writable, readable) = (declared(writable_id), declared(readable_id));
    let sidecars = home(
        json!({}),
        vec![
            file("agent-auth-store", AUTH, 0o600),
            file("agent-auth-store", SQLITE, 0o644),
            file("agent-auth-store", WAL, 0o666),
        ],
    );
    assert_eq!(pairs(&sidecars), vec![readable, writable.clone()]);
    let dangling = home(json!({}), vec![symlink("agent-auth-store", AUTH, None)]);
    assert_eq!(
        pairs(&dangling),
        vec![writable],
        "a dangling link keeps its own 0777"
    );
    let private_target = home(
        json!({}),
        vec![symlink(
            "agent-auth-store",
            AUTH,
            Some((FileKind::File, 0o600)),
        )],
    );
    assert!(pairs(&private_target).is_empty());
}

#[test]
fn the_sessions_store_is_judged_on_read_access_only() {
    let readable_id = "fs.sessions_store.perms_readable";
    assert_modes(
        one_file("sessions-store", SESSIONS),
        &[
            (0o644, &[readable_id]),
            (0o640, &[readable_id]),
            (0o666, &[readable_id]),
            (0o622, &[]),
            (0o600, &[]),
        ],
    );
    let readable = declared(readable_id);
    let a_dir = home(json!({}), vec![dir("sessions-store", SESSIONS, 0o755)]);
    assert_eq!(pairs(&a_dir), vec![readable], "any kind is judged");
    let ops = "/home/u/.openclaw/agents/ops/sessions/sessions.json";
    let two = home(
        json!({}),
        vec![
            file("sessions-store", SESSIONS, 0o600),
            file("sessions-store", ops, 0o644),
        ],
    );
    let found = findings(&two, "fs.sessions_store.perms_readable");
    assert_eq!(found.len(), 1);
    assert!(found[0].detail.contains(ops), "{}", found[0].detail);
}

#[test]
fn the_log_file_is_judged_on_read_access_through_symlinks() {
    let config = json!({"logging": {"file": "~/.openclaw/logs/openclaw.log", "level": "silent"}});
    let readable = vec![pair("fs.log_file.perms_readable", Severity::Warn)];
    for (mode, expected) in [
        (0o644, readable.clone()),
        (0o640, readable.clone()),
        (0o622, vec![]),
        (0o600, vec![]),
    ] {
        let scenario = home(config.clone(), vec![file("log-file", LOG, mode)]);
        assert_eq!(pairs(&scenario), expected, "mode {mode:o}");
    }
    let gone = home(config.clone(), vec![missing("log-file", LOG)]);
    assert!(pairs(&gone).is_empty());
    let linked = home(
        config.clone(),
        vec![symlink("log-file", LOG, Some((FileKind::File, 0o644)))],
    );
    assert_eq!(pairs(&linked), readable);
    let private_target = home(
        config,
        vec![symlink("log-file", LOG, Some((FileKind::File, 0o600)))],
    );
    assert!(pairs(&private_target).is_empty());
}

#[test]
fn a_log_file_under_another_users_home_is_skipped() {
    let path = "~alice/openclaw.log";
    let scenario = home(
        json!({"logging": {"file": path}}),
        vec![file("log-file", path, 0o644)],
    );
    assert!(pairs(&scenario).is_empty());
    for path in ["~", "~/x.log", "/var/log/openclaw.log", "relative.log"] {
        let scenario = home(
            json!({"logging": {"file": path}}),
            vec![file("log-file", path, 0o644)],
        );
        assert_eq!(
            ids(&scenario),
            vec!["fs.log_file.perms_readable".to_owned()],
            "{path}"
        );
    }
}

#[test]
fn everything_open_reports_every_path() {
    let scenario = home(
        json!({"logging": {"file": LOG}}),
        vec![
            dir("state-dir", STATE, 0o777),
            file("config", CONFIG, 0o666),
            file("config-include", "/home/u/.openclaw/extra.json", 0o666),
            dir("credentials-dir", CREDENTIALS, 0o777),
            file("agent-auth-store", AUTH, 0o666),
            file("sessions-store", SESSIONS, 0o666),
            file("log-file", LOG, 0o666),
        ],
    );
    assert_eq!(
        pairs(&scenario),
        vec![
            pair("fs.auth_profiles.perms_writable", Severity::Critical),
            pair("fs.config.perms_writable", Severity::Critical),
            pair("fs.config_include.perms_writable", Severity::Critical),
            pair("fs.credentials_dir.perms_writable", Severity::Critical),
            pair("fs.log_file.perms_readable", Severity::Warn),
            pair("fs.sessions_store.perms_readable", Severity::Warn),
            pair("fs.state_dir.perms_world_writable", Severity::Critical),
        ]
    );
}

#[test]
fn without_unix_modes_only_symlinks_are_reported() {
    let scenario = replace(
        Scenario::config(json!({})),
        vec![
            vec![fact("state-dir", STATE, FileKind::Directory, None)],
            vec![
                fact("config", CONFIG, FileKind::Symlink, None),
                fact("config-target", CONFIG, FileKind::File, None),
            ],
        ],
    );
    assert_eq!(
        pairs(&scenario),
        vec![pair("fs.config.symlink", Severity::Warn)]
    );
}

#[test]
fn synced_folders_are_matched_on_the_path_text() {
    let at = |state: &str, config: &str| {
        replace(
            Scenario::config(json!({})),
            vec![
                dir("state-dir", state, 0o700),
                file("config", config, 0o600),
            ],
        )
    };
    let synced = vec![pair("fs.synced_dir", Severity::Warn)];
    for state in [
        "/Users/u/Library/Mobile Documents/com~apple~CloudDocs/iCloud/oc",
        "/home/u/Dropbox/oc",
        "/home/u/My Google Drive/oc",
        "/home/u/GoogleDrive/oc",
        "/home/u/googledrivex/oc",
        "/Users/u/Library/CloudStorage/OneDrive-Personal/oc",
        "/home/u/DROPBOX/oc",
    ] {
        let config = format!("{state}/openclaw.json");
        assert_eq!(pairs(&at(state, &config)), synced, "{state}");
    }
    for state in [
        "/home/u/google-drive/oc",
        "/home/u/.openclaw",
        "/home/u/drop box",
    ] {
        let config = format!("{state}/openclaw.json");
        assert!(pairs(&at(state, &config)).is_empty(), "{state}");
    }
    let config_only = at(STATE, "/home/u/OneDrive/openclaw.json");
    assert_eq!(pairs(&config_only), synced);
    let missing_paths = replace(
        Scenario::config(json!({})),
        vec![
            missing("state-dir", "/home/u/Dropbox/oc"),
            missing("config", "/home/u/Dropbox/oc/openclaw.json"),
        ],
    );
    assert_eq!(pairs(&missing_paths), synced, "the paths need not exist");
    let detail = &findings(&config_only, "fs.synced_dir")[0].detail;
    assert!(
        detail.contains("/home/u/OneDrive/openclaw.json"),
        "{detail}"
    );
}

#[test]
fn a_symlink_into_a_synced_folder_does_not_count() {
    let scenario = home(
        json!({}),
        vec![symlink(
            "state-dir",
            STATE,
            Some((FileKind::Directory, 0o700)),
        )],
    );
    assert!(!ids(&scenario).contains(&"fs.synced_dir".to_owned()));
}

fn password(value: Value) -> Scenario {
    Scenario::config(json!({"gateway": {"auth": {"mode": "password", "password": value}}}))
}

const PASSWORD_IN_CONFIG: &str = "config.secrets.gateway_password_in_config";

fn reports_password(scenario: &Scenario) -> bool {
    ids(scenario).contains(&PASSWORD_IN_CONFIG.to_owned())
}

#[test]
fn a_gateway_password_in_the_config_is_reported() {
    assert!(reports_password(&password(json!(
        "correct-horse-battery-staple"
    ))));
    let no_mode = Scenario::config(json!({"gateway": {"auth": {"password": "hunter2-hunter2"}}}));
    assert!(reports_password(&no_mode), "the mode plays no part");
    let substituted = password(json!("${GW_PASSWORD}")).env("GW_PASSWORD", "from-the-environment");
    assert!(
        reports_password(&substituted),
        "a set ${{VAR}} is substituted"
    );
    let partial = password(json!("pre-${GW_PASSWORD}")).env("GW_PASSWORD", "from-the-environment");
    assert!(reports_password(&partial));
    assert!(
        reports_password(&password(json!("$${GW_PASSWORD}"))),
        "an escape is the literal text ${{GW_PASSWORD}}"
    );
    assert!(
        reports_password(&password(json!("null"))),
        "any non-blank string"
    );
    assert!(
        reports_password(&password(json!("$lower_case"))),
        "not a variable name: a literal"
    );
    let shorthand = password(json!("$GW_PASSWORD")).env("GW_PASSWORD", "from-the-environment");
    assert!(
        reports_password(&shorthand),
        "the $NAME shorthand is never substituted: the config keeps the text"
    );
    let found = password(json!("correct-horse-battery-staple")).run::<SecretHygiene>();
    let finding = found
        .iter()
        .find(|f| f.check_id == PASSWORD_IN_CONFIG)
        .expect("reported");
    assert_eq!(finding.severity, Severity::Warn);
    assert_eq!(
        finding.config_paths,
        vec!["gateway.auth.password".to_owned()]
    );
}

#[test]
fn a_gateway_password_kept_out_of_the_config_is_not_reported() {
    for (scenario, why) in [
        (password(json!("${GW_PASSWORD}")), "unset variable"),
        (
            password(json!("${GW_PASSWORD}")).env("GW_PASSWORD", ""),
            "empty variable",
        ),
        (password(json!("pre-${GW_PASSWORD}-post")), "partial, unset"),
        (
            password(json!({"source": "env", "provider": "default", "id": "GW_PASSWORD"}))
                .env("GW_PASSWORD", "from-the-environment"),
            "secret reference",
        ),
        (
            password(json!({"source": "exec", "provider": "vault", "id": "gw"})),
            "exec reference",
        ),
        (password(json!("   ")), "blank"),
        (password(json!("")), "empty"),
        (
            password(json!("${GW_PASSWORD}")).env("GW_PASSWORD", "   "),
            "blank after substitution",
        ),
        (
            Scenario::config(json!({"gateway": {"auth": {"mode": "password"}}}))
                .env("OPENCLAW_GATEWAY_PASSWORD", "from-the-environment"),
            "environment only",
        ),
        (Scenario::config(json!({})), "absent"),
    ] {
        assert!(!reports_password(&scenario), "{why}");
    }
}

#[test]
fn a_hooks_token_in_the_config_is_info_while_hooks_are_enabled() {
    let hooks = |enabled: Value, token: &str| {
        Scenario::config(json!({"hooks": {"enabled": enabled, "token": token}}))
    };
    let info = vec![pair("config.secrets.hooks_token_in_config", Severity::Info)];
    assert_eq!(
        pairs(&hooks(json!(true), "a-hooks-token-of-some-length")),
        info
    );
    assert!(pairs(&hooks(json!(false), "a-hooks-token-of-some-length")).is_empty());
    assert!(
        pairs(&hooks(json!("true"), "a-hooks-token-of-some-length")).is_empty(),
        "only the boolean true"
    );
    assert!(
        pairs(&Scenario::config(
            json!({"hooks": {"token": "a-hooks-token"}})
        ))
        .is_empty()
    );
    let set = hooks(json!(true), "${HOOKS_TOKEN}").env("HOOKS_TOKEN", "a-hooks-token-value");
    assert_eq!(pairs(&set), info);
    assert!(
        pairs(&hooks(json!(true), "${HOOKS_TOKEN}")).is_empty(),
        "unset"
    );
    assert!(pairs(&hooks(json!(true), "  ")).is_empty(), "blank");
    let reference = Scenario::config(json!({"hooks": {"enabled": true,
        "token": {"source": "env", "provider": "default", "id": "HOOKS_TOKEN"}}}))
    .env("HOOKS_TOKEN", "a-hooks-token-value");
    assert!(pairs(&reference).is_empty(), "secret reference");
}

#[test]
fn details_name_the_path_and_mode_and_remediations_the_exact_chmod() {
    let scenario = home(
        json!({}),
        vec![
            dir("state-dir", STATE, 0o755),
            file("config", CONFIG, 0o644),
            file("agent-auth-store", AUTH, 0o640),
        ],
    );
    let state = &findings(&scenario, "fs.state_dir.perms_readable")[0];
    assert!(
        state.detail.contains(STATE) && state.detail.contains("0755"),
        "{}",
        state.detail
    );
    assert_eq!(
        state.remediation.as_deref(),
        Some("Run `chmod 700 /home/u/.openclaw`.")
    );
    let config = &findings(&scenario, "fs.config.perms_world_readable")[0];
    assert!(
        config.detail.contains(CONFIG) && config.detail.contains("0644"),
        "{}",
        config.detail
    );
    assert_eq!(
        config.remediation.as_deref(),
        Some("Run `chmod 600 /home/u/.openclaw/openclaw.json`.")
    );
    let auth = &findings(&scenario, "fs.auth_profiles.perms_readable")[0];
    assert!(auth.detail.contains("0640"), "{}", auth.detail);
    assert_eq!(
        auth.remediation.as_deref(),
        Some(format!("Run `chmod 600 {AUTH}`.").as_str())
    );
}

#[test]
fn remediations_handle_symlinks_dangling_links_and_odd_paths() {
    let spaced = "/home/u/My Stuff/oc";
    let scenario = replace(
        Scenario::config(json!({})),
        vec![
            dir("state-dir", spaced, 0o770),
            file("config", CONFIG, 0o600),
        ],
    );
    let found = &findings(&scenario, "fs.state_dir.perms_group_writable")[0];
    assert_eq!(
        found.remediation.as_deref(),
        Some("Run `chmod 700 '/home/u/My Stuff/oc'`.")
    );
    let linked = home(
        json!({}),
        vec![symlink(
            "sessions-store",
            SESSIONS,
            Some((FileKind::File, 0o644)),
        )],
    );
    let found = &findings(&linked, "fs.sessions_store.perms_readable")[0];
    assert!(
        found.detail.contains("symlink whose target has mode 0644"),
        "{}",
        found.detail
    );
    assert!(
        found
            .remediation
            .as_deref()
            .is_some_and(|r| r.starts_with(&format!("Run `chmod 600 {SESSIONS}`"))),
        "{:?}",
        found.remediation
    );
    let dangling = home(json!({}), vec![symlink("agent-auth-store", AUTH, None)]);
    let found = &findings(&dangling, "fs.auth_profiles.perms_writable")[0];
    assert!(
        found.detail.contains("dangling") && found.detail.contains("0777"),
        "{}",
        found.detail
    );
    assert!(
        found
            .remediation
            .as_deref()
            .is_some_and(|r| r.contains(&format!("`rm {AUTH}`"))),
        "{:?}",
        found.remediation
    );
    let a_dir = home(json!({}), vec![dir("sessions-store", SESSIONS, 0o755)]);
    let found = &findings(&a_dir, "fs.sessions_store.perms_readable")[0];
    assert_eq!(
        found.remediation.as_deref(),
        Some(format!("Run `chmod 700 {SESSIONS}`.").as_str())
    );
}

#[test]
fn shell_quoting_leaves_plain_paths_alone() {
    assert_eq!(shell_quote("/home/u/.openclaw"), "/home/u/.openclaw");
    assert_eq!(shell_quote("/a b/c"), "'/a b/c'");
    assert_eq!(shell_quote("/it's"), r"'/it'\''s'");
    assert_eq!(shell_quote("~/x"), "'~/x'");
}

#[test]
fn details_say_who_can_read_and_write() {
    let who = |mode: u32| {
        crate::perms::inspect_fact(&file("config", CONFIG, mode)[0], None)
            .map(|inspected| inspected.who())
    };
    assert_eq!(who(0o640).as_deref(), Some("its group can read it"));
    assert_eq!(
        who(0o666).as_deref(),
        Some("its group and every other local user can read and write it")
    );
    assert_eq!(
        who(0o764).as_deref(),
        Some("its group can read and write it, and every other local user can read it")
    );
    assert_eq!(
        who(0o602).as_deref(),
        Some("every other local user can write it")
    );
}

// Pincer's own checks from the security baseline: each with a positive and
// a negative case.

fn own_of(scenario: Scenario, id: &str) -> Vec<Severity> {
    scenario
        .pairs::<SecretHygiene>()
        .into_iter()
        .filter(|(found, _)| found == id)
        .map(|(_, severity)| severity)
        .collect()
}

const INLINE: &str = "config.secrets.inline_credential";
const WORKSPACE: &str = "fs.workspace.credential_file";
const SECRET_FILE: &str = "fs.secret_file.perms_open";
const PLANTED_KEY: &str = "sk-planted-provider-key-0123456789";

#[test]
fn literal_provider_keys_and_channel_tokens_warn_once_each() {
    let scenario = Scenario::config(json!({
        "models": {"providers": {"openai": {"apiKey": PLANTED_KEY}}},
        "channels": {"telegram": {"botToken": "123456:planted-telegram-token"}},
        "gateway": {"auth": {"token": "planted-gateway-token-0123456789"}},
        "hooks": {"enabled": true, "token": "planted-hooks-token-0123456789"},
        "secrets": {"providers": {"vault": {"source": "file", "path": "/run/keys/vault.json",
            "mode": "json"}}},
    }));
    let found: Vec<Finding> = scenario
        .run::<SecretHygiene>()
        .into_iter()
        .filter(|f| f.check_id == INLINE)
        .collect();
    let mut paths: Vec<&str> = found.iter().map(|f| f.config_paths[0].as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        vec![
            "channels.telegram.botToken",
            "models.providers.openai.apiKey"
        ]
    );
    assert!(found.iter().all(|f| f.severity == Severity::Warn));
    assert!(found.iter().all(|f| !f.detail.contains(PLANTED_KEY)));
}

#[test]
fn credentials_from_env_or_secret_refs_are_fine() {
    let scenario = Scenario::config(json!({
        "models": {"providers": {
            "openai": {"apiKey": "${OPENAI_API_KEY}"},
            "anthropic": {"apiKey": {"source": "env", "provider": "default", "id": "ANTHROPIC"}},
            "local": {"apiKey": "change-me"}}},
    }))
    .env("OPENAI_API_KEY", PLANTED_KEY);
    assert!(own_of(scenario, INLINE).is_empty());
}

#[test]
fn credential_files_in_workspaces_warn() {
    let scenario = Scenario::config(json!({})).file_fact(fact(
        "workspace-credential",
        "/home/u/.openclaw/workspace/app/.env",
        FileKind::File,
        Some(0o600),
    ));
    assert_eq!(own_of(scenario, WORKSPACE), vec![Severity::Warn]);
    let elsewhere = Scenario::config(json!({})).file_fact(fact(
        "credential-file",
        "/home/u/.openclaw/credentials/oauth.json",
        FileKind::File,
        Some(0o600),
    ));
    assert!(own_of(elsewhere, WORKSPACE).is_empty());
}

#[test]
fn secret_files_must_be_owner_only() {
    let file = |role: &str, mode: u32| {
        Scenario::config(json!({})).file_fact(fact(
            role,
            "/home/u/.openclaw/credentials/whatsapp/creds.json",
            FileKind::File,
            Some(mode),
        ))
    };
    assert_eq!(
        own_of(file("credential-file", 0o640), SECRET_FILE),
        vec![Severity::Warn]
    );
    assert_eq!(
        own_of(file("state-env-file", 0o644), SECRET_FILE),
        vec![Severity::Critical]
    );
    assert_eq!(
        own_of(file("secret-file", 0o620), SECRET_FILE),
        vec![Severity::Critical]
    );
    assert!(own_of(file("credential-file", 0o600), SECRET_FILE).is_empty());
    assert!(own_of(file("workspace-credential", 0o400), SECRET_FILE).is_empty());
    assert!(own_of(file("log-file", 0o644), SECRET_FILE).is_empty());
    let found = file("credential-file", 0o644).run::<SecretHygiene>();
    let remedy = found
        .iter()
        .find(|f| f.check_id == SECRET_FILE)
        .and_then(|f| f.remediation.clone())
        .unwrap_or_default();
    assert!(
        remedy.contains("chmod 600 /home/u/.openclaw/credentials/whatsapp/creds.json"),
        "{remedy}"
    );
}

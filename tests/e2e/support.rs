//! Shared helpers: paths, running `pincer` in a clean environment, building
//! the test plugins once.

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A `pincer` command with an environment that cannot leak the developer's
/// own OpenClaw setup into a test: no OPENCLAW_* variables, HOME pointing at
/// an empty directory, no colours.
pub fn pincer() -> Command {
    static HOME: OnceLock<tempfile::TempDir> = OnceLock::new();
    static CACHE: OnceLock<tempfile::TempDir> = OnceLock::new();
    let home = HOME.get_or_init(|| tempfile::tempdir().unwrap());
    // One compiled-plugin cache for every run of the suite, whatever HOME a
    // test sets: the built-ins compile once (the cache's own tests pass
    // --cache-dir or --no-cache).
    let cache = CACHE.get_or_init(|| tempfile::tempdir().unwrap());
    let mut command = Command::new(env!("CARGO_BIN_EXE_pincer"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("OPENCLAW_") {
            command.env_remove(&name);
        }
    }
    command
        .env("HOME", home.path())
        .env("PINCER_CACHE_DIR", cache.path())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        // Never the developer's own ~/.config/pincer/pincer.toml.
        .env_remove("XDG_CONFIG_HOME");
    command
}

/// The result of one `pincer audit --format json` run.
pub struct Audit {
    /// The exit code.
    pub code: i32,
    /// The parsed report.
    pub report: Value,
    /// Everything printed to stdout.
    pub stdout: String,
    /// Everything printed to stderr.
    pub stderr: String,
}

impl Audit {
    /// Sorted (checkId, severity) pairs of the report.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<_> = self.report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["checkId"].as_str().unwrap().to_owned(),
                    f["severity"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        pairs.sort();
        pairs
    }

    /// Whether the report holds a finding with this id and severity.
    pub fn has(&self, check_id: &str, severity: &str) -> bool {
        self.pairs()
            .iter()
            .any(|(id, sev)| id == check_id && sev == severity)
    }

    /// The first finding with this check id.
    pub fn finding(&self, check_id: &str) -> &Value {
        self.report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["checkId"] == check_id)
            .unwrap_or_else(|| panic!("no finding `{check_id}` in {}", self.stdout))
    }

    /// The detail of the first finding with this check id.
    pub fn detail(&self, check_id: &str) -> &str {
        self.finding(check_id)["detail"].as_str().unwrap()
    }

    /// The status entry of one plugin: by its name, or — for a test or
    /// adversarial plugin the host refused, which the report names by its
    /// file — by the file the test suite built it into.
    pub fn plugin(&self, name: &str) -> &Value {
        let file = format!("{}.wasm", name.replace('-', "_"));
        self.report["plugins"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| {
                p["name"] == name
                    || p["source"].as_str().is_some_and(|source| {
                        source.ends_with(&format!("pincer_{file}"))
                            || source.ends_with(&format!("pincer_test_plugin_{file}"))
                    })
            })
            .unwrap_or_else(|| panic!("no plugin `{name}` in {}", self.stdout))
    }
}

/// Digest of every entry below `dir`: relative path, kind, mode, contents.
pub fn digest(dir: &Path) -> String {
    fn walk(root: &Path, dir: &Path, hasher: &mut Sha256) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let relative = path.strip_prefix(root).unwrap().display().to_string();
            hasher.update(relative.as_bytes());
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                hasher.update(meta.mode().to_le_bytes());
                hasher.update(meta.mtime().to_le_bytes());
            }
            if meta.is_dir() {
                walk(root, &path, hasher);
            } else if meta.is_file() {
                hasher.update(std::fs::read(&path).unwrap());
            }
        }
    }
    let mut hasher = Sha256::new();
    walk(dir, dir, &mut hasher);
    format!("{:x}", hasher.finalize())
}

/// A private home for a config, as an operator keeps it: `DIR/.openclaw`
/// (mode 700) holding a copy of `config` as `openclaw.json` (mode 600).
/// Returns the dir (keep it alive), the config path and the state dir.
pub fn private_home(config: &Path) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join(".openclaw");
    std::fs::create_dir_all(&state).unwrap();
    let copy = state.join("openclaw.json");
    std::fs::copy(config, &copy).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let text = |path: &Path| path.to_str().unwrap().to_owned();
    (dir, text(&copy), text(&state))
}

/// `--state-dir HOME --state-dir HOME` for the example home: the smallest
/// fleet.
pub fn example_home_twice() -> Vec<String> {
    let home = root().join("examples/openclaw-home").display().to_string();
    vec![
        "--state-dir".into(),
        home.clone(),
        "--state-dir".into(),
        home,
    ]
}

/// Runs `pincer ARGS` and returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output = pincer().args(args).output().unwrap();
    let (stdout, stderr) = text(&output);
    (output.status.code().unwrap_or(-1), stdout, stderr)
}

/// Writes `config` as `STATE/openclaw.json`, mode 600 in a 700 directory,
/// as an operator keeps it.
pub fn write_private_config(state: &Path, config: &Value) {
    let path = state.join("openclaw.json");
    std::fs::write(&path, serde_json::to_string_pretty(config).unwrap()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::set_permissions(state, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
}

/// How long to wait for what a background `pincer watch` should do in well
/// under a second: generous, for loaded CI machines.
pub const PATIENCE: std::time::Duration = std::time::Duration::from_mins(2);

/// Polls `done` until it holds; fails the test after [`PATIENCE`].
pub fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Milliseconds since the epoch, now.
pub fn now_ms() -> i64 {
    i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

/// Output as text.
pub fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `pincer audit --format json` with extra arguments and environment.
pub fn audit(args: &[&str], env: &[(&str, &str)]) -> Audit {
    let mut command = pincer();
    command.args(["audit", "--format", "json"]).args(args);
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    let (stdout, stderr) = text(&output);
    let report = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("report is not JSON ({e}); stdout: {stdout}\nstderr: {stderr}"));
    assert_valid_report(&report);
    Audit {
        code: output.status.code().unwrap_or(-1),
        report,
        stdout,
        stderr,
    }
}

/// A validator for a schema under `docs/schemas/`, built once.
fn schema_validator(
    cell: &'static OnceLock<jsonschema::Validator>,
    name: &str,
) -> &'static jsonschema::Validator {
    cell.get_or_init(|| {
        let path = root().join("docs/schemas").join(name);
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        jsonschema::validator_for(&schema).unwrap()
    })
}

fn assert_valid(validator: &jsonschema::Validator, what: &str, instance: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .take(10)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} breaks its schema:\n{}",
        errors.join("\n")
    );
}

/// Asserts that a JSON report (single or fleet) fits
/// `docs/schemas/report.schema.json`. Every report `audit` parses is held
/// to it.
pub fn assert_valid_report(report: &Value) {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    assert_valid(
        schema_validator(&VALIDATOR, "report.schema.json"),
        "the JSON report",
        report,
    );
}

/// Asserts that a SARIF log fits the official SARIF 2.1.0 schema.
pub fn assert_valid_sarif(log: &Value) {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    assert_valid(
        schema_validator(&VALIDATOR, "sarif-2.1.0.json"),
        "the SARIF log",
        log,
    );
}

/// Runs `pincer audit` with `args` on input that must be refused: asserts
/// exit code 2 and no report, returns stderr.
pub fn refused(args: &[&str]) -> String {
    let output = pincer().arg("audit").args(args).output().unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stdout.is_empty(),
        "no report may be printed for bad input: {stdout}"
    );
    stderr
}

/// [`refused`] for a config file.
pub fn refused_config(config: &Path) -> String {
    refused(&["--config", config.to_str().unwrap()])
}

/// [`refused`] for an extra plugin file beside a valid config.
pub fn refused_plugin(config: &str, plugin: &Path) -> String {
    refused(&["--config", config, "--plugin", plugin.to_str().unwrap()])
}

/// Test plugin crates: (folder under tests/, package name prefix).
const TEST_PLUGIN_DIRS: &[(&str, &str)] = &[
    ("plugins", "pincer-test-plugin-"),
    ("adversarial", "pincer-adversarial-"),
];

/// Builds every test plugin (`tests/plugins/*`, `tests/adversarial/*`) and
/// the example pack's plugin once per test run, the way the host's build
/// script builds the built-ins (`pincer-wasm-build`), into the same target
/// dir.
fn built_plugins() {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = root();
        let mut packages = Vec::new();
        for (dir, prefix) in TEST_PLUGIN_DIRS {
            let names = pincer_wasm_build::crate_dirs(&root.join("tests").join(dir)).unwrap();
            packages.extend(names.into_iter().map(|name| format!("{prefix}{name}")));
        }
        // The example rule pack's plugin, built from its source.
        packages.push("acme-policy".to_owned());
        if let Err(problem) = pincer_wasm_build::build(&root, &packages) {
            panic!("building test plugins failed:\n{problem}");
        }
    });
}

fn component(package: &str) -> PathBuf {
    built_plugins();
    let path = pincer_wasm_build::component(&root(), package);
    assert!(path.is_file(), "no test plugin at {}", path.display());
    path
}

/// The component of built-in plugin `plugins/NAME`, as the host's build
/// script compiled it.
pub fn builtin_plugin(name: &str) -> PathBuf {
    component(&format!("pincer-plugin-{name}"))
}

/// The example pack's plugin (`examples/acme-pack/plugin`), built from
/// source.
pub fn acme_plugin() -> PathBuf {
    component("acme-policy")
}

/// The component of `tests/plugins/NAME`.
pub fn test_plugin(name: &str) -> PathBuf {
    component(&format!("pincer-test-plugin-{name}"))
}

/// The component of `tests/adversarial/NAME`.
pub fn adversarial_plugin(name: &str) -> PathBuf {
    component(&format!("pincer-adversarial-{name}"))
}

/// One check a built-in plugin declares, as `pincer checks --format json`
/// lists it.
pub struct BuiltinCheck {
    /// The declaring plugin's name.
    pub plugin: String,
    /// The check id (a pattern when it holds `*` segments).
    pub id: String,
    /// The declared default severity.
    pub default_severity: String,
    /// The check's title.
    pub title: String,
}

/// Every check of the built-in plugins, in the order `pincer checks` lists
/// them (plugin by plugin, in declaration order).
pub fn builtin_checks() -> &'static [BuiltinCheck] {
    static CHECKS: OnceLock<Vec<BuiltinCheck>> = OnceLock::new();
    CHECKS.get_or_init(|| {
        let output = pincer()
            .args(["checks", "--format", "json"])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "pincer checks failed: {}",
            text(&output).1
        );
        let plugins: Value = serde_json::from_slice(&output.stdout).unwrap();
        let field = |value: &Value, key: &str| value[key].as_str().unwrap().to_owned();
        plugins
            .as_array()
            .unwrap()
            .iter()
            // The host lists its own checks last, under its own name.
            .filter(|plugin| plugin["name"] != pincer::facts::HOST_PLUGIN)
            .flat_map(|plugin| {
                plugin["checks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(move |check| BuiltinCheck {
                        plugin: field(plugin, "name"),
                        id: field(check, "id"),
                        default_severity: field(check, "defaultSeverity"),
                        title: field(check, "title"),
                    })
            })
            .collect()
    })
}

/// The check ids (patterns) declared by the built-in plugins.
pub fn builtin_check_ids() -> &'static [String] {
    static IDS: OnceLock<Vec<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        builtin_checks()
            .iter()
            .map(|c| c.id.clone())
            .chain(HOST_REFERENCE_CHECKS.iter().map(|id| (*id).to_owned()))
            .collect()
    })
}

/// The reference checks the host reports itself (about the report, not
/// the config): parity cases compare them like the plugins' checks.
pub const HOST_REFERENCE_CHECKS: &[&str] = &[pincer::facts::CONFIG_SUPPRESSIONS_ACTIVE.id()];

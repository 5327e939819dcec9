//! Command-line interface: every flag declared once here, help generated.

use crate::error::Result;
use crate::runtime::CompiledCache;
use crate::runtime::limits::{LimitOverrides, parse_duration, parse_size};
use clap::{Args, Parser, Subcommand, ValueEnum};
use pincer_sdk::Severity;
use std::path::PathBuf;
use std::time::Duration;

const EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  bad usage, or an unreadable or invalid input (the message names the file and line)
  3  the audit is incomplete: a plugin failed (even with --fail-on never, unless --allow-incomplete)";

/// Security audit for OpenClaw gateways, with sandboxed WebAssembly checks.
#[derive(Debug, Parser)]
#[command(name = "pincer", version, about, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Audit an OpenClaw installation and report findings.
    #[command(after_help = EXIT_CODES)]
    Audit(Box<AuditArgs>),
    /// List every check of every loaded plugin, and Pincer's own.
    Checks(ChecksArgs),
    /// Print the redacted view plugins receive (JSON): config, environment
    /// markers, includes and file facts. Secrets appear only as markers.
    View(ViewArgs),
    /// Compare two JSON reports: new, resolved and changed-severity findings.
    Diff(DiffArgs),
    /// Look at plugin components.
    #[command(subcommand)]
    Plugins(PluginsCommand),
    /// Create a plugin crate: one example check, native tests, pincer test
    /// cases, a README, and the SDK vendored.
    New(NewArgs),
    /// Work with rule packs.
    #[command(subcommand)]
    Pack(PackCommand),
    /// Run a plugin through the real host on test cases (a directory per
    /// case: config.json, optional state/, case.json with the expected
    /// findings). Exit 0 when all pass, 1 when one fails, 2 for bad input.
    Test(TestArgs),
    /// Show the audits recorded with `pincer audit --history DIR`: counts
    /// by severity and drift findings over time.
    History(HistoryArgs),
    /// Audit on a schedule (and on SIGHUP), never two runs at once; run a
    /// command or post the JSON report to a webhook when findings at or
    /// above --fail-on appear or drift is detected. SIGINT or SIGTERM stop
    /// it cleanly, without a partial history entry.
    #[command(after_help = WATCH_HELP)]
    Watch(Box<WatchArgs>),
}

const WATCH_HELP: &str = "\
The hook runs through `sh -c` with the JSON report on stdin and in the file
$PINCER_REPORT, and PINCER_EXIT (the audit's exit code), PINCER_CRITICAL,
PINCER_WARN, PINCER_INFO and PINCER_DRIFT (counts) in its environment; a run
that failed (unreadable config, locked database, ...) calls it with
PINCER_EXIT=2 and the message in PINCER_ERROR. The webhook receives the same
JSON report (or {\"error\": ...}) as an HTTP POST. With --history, a run is
recorded after its alerts, and not when none was delivered (the hook exited
non-zero and the webhook got no 2xx answer): the next run alerts again.";

/// Arguments of `pincer watch`.
#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    /// Time between audits (e.g. 24h, 30m): more than zero, at most a year.
    #[arg(long, value_name = "DURATION", value_parser = parse_interval)]
    pub every: Duration,
    /// Up to this much random delay added to each interval, so that many
    /// gateways do not audit in step (at most a year).
    #[arg(long, value_name = "DURATION", value_parser = parse_interval_or_zero)]
    pub jitter: Option<Duration>,
    /// Command to run (through sh -c) when a run alerts.
    #[arg(long = "on-finding", value_name = "CMD")]
    pub on_finding: Option<String>,
    /// URL to POST the JSON report to when a run alerts (http or https).
    /// One that holds a key (Slack's do) is better given in the
    /// environment than on the command line, which every local user can
    /// read.
    #[arg(
        long,
        value_name = "URL",
        env = "PINCER_WEBHOOK",
        hide_env_values = true
    )]
    pub webhook: Option<String>,
    /// Stop after this many runs (by default, run until stopped).
    #[arg(long = "max-runs", value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_runs: Option<u32>,
    #[command(flatten)]
    pub audit: AuditArgs,
}

/// The longest interval or jitter `pincer watch` takes.
const MAX_INTERVAL: Duration = Duration::from_hours(8784);

/// A `--jitter`: a duration of at most [`MAX_INTERVAL`].
fn parse_interval_or_zero(text: &str) -> Result<Duration, String> {
    let duration = parse_duration(text)?;
    if duration > MAX_INTERVAL {
        return Err(format!("`{text}` is longer than a year"));
    }
    Ok(duration)
}

/// An `--every`: more than zero, at most [`MAX_INTERVAL`].
fn parse_interval(text: &str) -> Result<Duration, String> {
    let duration = parse_interval_or_zero(text)?;
    if duration.is_zero() {
        return Err(format!("`{text}`: the interval must be more than zero"));
    }
    Ok(duration)
}

/// Arguments of `pincer new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The plugin's name (kebab-case, e.g. acme-rules); also the crate's.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Where to create it [default: ./NAME]; must not exist yet.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `pincer pack ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum PackCommand {
    /// Check a pack before relying on it: pack.toml, its api requirement,
    /// every plugin's digest and contract, that its parameters are accepted
    /// by their plugins, that its overrides and disabled checks name real
    /// checks. Exit 0 when verified, 2 at the first problem.
    Verify(PackVerifyArgs),
}

/// Arguments of `pincer pack verify`.
#[derive(Debug, Args)]
pub(crate) struct PackVerifyArgs {
    /// The pack directory (holding pack.toml).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub cache: CacheArgs,
}

/// Arguments of `pincer test`.
#[derive(Debug, Args)]
pub(crate) struct TestArgs {
    /// The plugin component under test.
    #[arg(value_name = "PLUGIN.wasm")]
    pub plugin: PathBuf,
    /// A case directory, or a directory of them.
    #[arg(value_name = "CASES_DIR")]
    pub cases: PathBuf,
    /// The reference's check ids (reference-checks.json), for parity
    /// fixtures that hold the reference's findings
    #[arg(long, value_name = "FILE")]
    pub reference_checks: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub cache: CacheArgs,
}

/// `pincer plugins ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum PluginsCommand {
    /// Show a plugin's digest, the pincer:audit version it was built
    /// against, its imports, exports, metadata and checks. Exit 0 when this
    /// pincer can run it, 2 when it cannot load, 3 when it fails to describe
    /// itself.
    Inspect(InspectArgs),
}

/// Arguments of `pincer plugins inspect`.
#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    /// The plugin component.
    #[arg(value_name = "FILE.wasm")]
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub cache: CacheArgs,
}

/// Arguments of `pincer diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The earlier JSON report.
    #[arg(value_name = "OLD.json")]
    pub old: PathBuf,
    /// The later JSON report.
    #[arg(value_name = "NEW.json")]
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Arguments of `pincer view`.
#[derive(Debug, Args)]
pub(crate) struct ViewArgs {
    /// The OpenClaw config [default: $OPENCLAW_CONFIG_PATH, else STATE_DIR/openclaw.json]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The OpenClaw state directory [default: $OPENCLAW_STATE_DIR, else ~/.openclaw]
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// Also probe the live gateway on loopback (see `audit --deep`).
    #[arg(long)]
    pub deep: bool,
    /// Show the view of a config OpenClaw would refuse (see `audit
    /// --allow-invalid`).
    #[arg(long)]
    pub allow_invalid: bool,
}

/// Which plugins to load.
#[derive(Debug, Args)]
pub(crate) struct PluginArgs {
    /// Also run this plugin component (repeatable).
    #[arg(long = "plugin", value_name = "FILE.wasm")]
    pub plugins: Vec<PathBuf>,
    /// Do not run the built-in plugins.
    #[arg(long)]
    pub no_builtin: bool,
}

/// Where compiled plugins are cached.
#[derive(Debug, Args)]
pub(crate) struct CacheArgs {
    /// Keep compiled plugins here [default: $PINCER_CACHE_DIR, else
    /// $XDG_CACHE_HOME/pincer, else ~/.cache/pincer]
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Compile every plugin on every run; read and write no cache.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
}

impl CacheArgs {
    /// The cache directory these flags ask for, if any (not created yet).
    pub(crate) fn dir(&self, env: &crate::env::Env) -> Option<PathBuf> {
        if self.no_cache {
            return None;
        }
        self.cache_dir
            .clone()
            .or_else(|| CompiledCache::default_dir(env))
    }
}

/// Where settings come from.
#[derive(Debug, Args)]
pub(crate) struct SettingsArgs {
    /// Settings file [default: ./pincer.toml, else ~/.config/pincer/pincer.toml]
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
}

/// Per-plugin limits; each overrides `[limits]` of the settings file.
#[derive(Debug, Args)]
#[command(next_help_heading = "Plugin limits")]
pub(crate) struct LimitArgs {
    /// Memory cap per plugin, all its memories together [default: 64MiB]
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub memory_limit: Option<u64>,
    /// Wall-clock budget per plugin [default: 2s]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<Duration>,
    /// Deterministic instruction budget (fuel) per plugin [default: 20000000000]
    #[arg(long, value_name = "N")]
    pub fuel: Option<u64>,
    /// Findings per plugin [default: 10000]
    #[arg(long, value_name = "N")]
    pub max_findings: Option<usize>,
    /// Bytes of findings' text per plugin [default: 4MiB]
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_finding_bytes: Option<u64>,
    /// Captured stdout and stderr per plugin; writing past it stops the plugin [default: 64KiB]
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_output: Option<u64>,
    /// Wall clock for compiling one plugin file [default: 60s]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub compile_timeout: Option<Duration>,
    /// Memory for compiling one plugin file [default: 2GiB]
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub compile_memory: Option<u64>,
}

impl LimitArgs {
    /// The flags as overrides.
    pub(crate) fn overrides(&self) -> LimitOverrides {
        LimitOverrides {
            memory: self.memory_limit,
            timeout: self.timeout,
            fuel: self.fuel,
            max_findings: self.max_findings,
            max_finding_bytes: self.max_finding_bytes,
            max_output: self.max_output,
            max_log_messages: None,
            compile_timeout: self.compile_timeout,
            compile_memory: self.compile_memory,
        }
    }
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Human-readable, coloured on a terminal (NO_COLOR honoured).
    Table,
    /// JSON compatible with `openclaw security audit --json`, plus plugin status.
    Json,
}

/// Formats of an audit report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Human-readable, coloured on a terminal (NO_COLOR honoured).
    Table,
    /// JSON compatible with `openclaw security audit --json`, plus plugin status.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF tools.
    Sarif,
    /// JUnit XML: a test case per check, failures for findings.
    Junit,
    /// Markdown, for a ticket or a pull-request comment.
    Markdown,
    /// One self-contained HTML page: summary, charts, filterable findings.
    Html,
}

/// One `--format` value: a format, and the file it goes to (`sarif=out.sarif`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormatSpec {
    /// The format.
    pub format: ReportFormat,
    /// Its file; stdout (or `--output`) when none.
    pub path: Option<PathBuf>,
}

fn parse_format_spec(text: &str) -> std::result::Result<FormatSpec, String> {
    let (name, path) = match text.split_once('=') {
        Some((name, path)) if !path.is_empty() => (name, Some(PathBuf::from(path))),
        Some(_) => return Err(format!("`{text}` names no file after `=`")),
        None => (text, None),
    };
    let format = ReportFormat::from_str(name, true).map_err(|_| {
        format!("unknown format `{name}` (table, json, sarif, junit, markdown, html; FORMAT=FILE writes a file)")
    })?;
    Ok(FormatSpec { format, path })
}

/// The lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    /// Any finding fails.
    Info,
    /// Warnings and criticals fail.
    Warn,
    /// Only criticals fail.
    Critical,
    /// Findings never fail (an incomplete audit still does).
    Never,
}

impl FailOn {
    /// The threshold severity, `None` for never.
    pub(crate) fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Info => Some(Severity::Info),
            FailOn::Warn => Some(Severity::Warn),
            FailOn::Critical => Some(Severity::Critical),
            FailOn::Never => None,
        }
    }
}

/// Arguments of `pincer audit`.
#[derive(Debug, Args)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each is an independent command-line switch"
)]
pub(crate) struct AuditArgs {
    /// The OpenClaw config [default: $OPENCLAW_CONFIG_PATH, else STATE_DIR/openclaw.json]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The OpenClaw state directory [default: $OPENCLAW_STATE_DIR, else
    /// ~/.openclaw]; repeat it to audit several installations as a fleet
    #[arg(long = "state-dir", value_name = "DIR")]
    pub state_dirs: Vec<PathBuf>,
    /// Audit a fleet: one state directory or config file per line (blank
    /// lines and `#` comments skipped), in one process, one combined report
    #[arg(long, value_name = "FILE", conflicts_with = "config")]
    pub fleet: Option<PathBuf>,
    /// Installations audited at once in a fleet [default: the number of CPUs]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    #[command(flatten)]
    pub plugins: PluginArgs,
    /// Apply a rule pack: a directory with pack.toml and its plugins
    /// (repeatable; added to the packs pincer.toml names)
    #[arg(long = "pack", value_name = "DIR")]
    pub packs: Vec<PathBuf>,
    #[command(flatten)]
    pub cache: CacheArgs,
    /// Also probe the live gateway: a WebSocket handshake on 127.0.0.1 at
    /// its configured port, its credential, its health (3 s at most).
    /// Without it, nothing touches the network.
    #[arg(long)]
    pub deep: bool,
    /// Report format: table, json, sarif, junit, markdown or html; FORMAT=FILE
    /// writes that format to FILE. Repeat it for several reports of one
    /// run [default: table]
    #[arg(long = "format", value_name = "FORMAT[=FILE]", value_parser = parse_format_spec)]
    pub formats: Vec<FormatSpec>,
    /// Write the report in the format without a file to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Table: show each finding's detail and fix, and the suppressed findings.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Critical)]
    pub fail_on: FailOn,
    /// Compare with an earlier JSON report: only findings it lacks (or that
    /// got more severe) count for --fail-on; all stay in the report, marked
    #[arg(long, value_name = "OLD.json", conflicts_with = "fleet")]
    pub baseline: Option<PathBuf>,
    /// Exit by --fail-on even when a plugin failed (instead of 3).
    #[arg(long)]
    pub allow_incomplete: bool,
    /// Audit a config OpenClaw would refuse (which is exit 2 otherwise):
    /// each reason is a critical `config.invalid` finding, and the rest is
    /// audited as written.
    #[arg(long)]
    pub allow_invalid: bool,
    #[command(flatten)]
    pub history: HistoryRecordArgs,
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Recording an audit into a history directory.
#[derive(Debug, Clone, Args)]
pub(crate) struct HistoryRecordArgs {
    /// Record this audit (report and posture snapshot, never a secret) in
    /// DIR, and give drift checks the previous run of DIR as their
    /// baseline. The only place Pincer writes to; never inside the audited
    /// state directory.
    #[arg(long = "history", value_name = "DIR", conflicts_with = "fleet")]
    pub dir: Option<PathBuf>,
    /// Keep at most N entries in the history.
    #[arg(long = "history-keep", value_name = "N", default_value_t = 400,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub keep: u32,
    /// Drop history entries older than this (e.g. 90d, 1y).
    #[arg(long = "history-max-age", value_name = "DURATION", default_value = "1y",
          value_parser = parse_duration)]
    pub max_age: Duration,
}

/// Arguments of `pincer history`.
#[derive(Debug, Args)]
pub(crate) struct HistoryArgs {
    /// The history directory (as given to `pincer audit --history`).
    #[arg(long, value_name = "DIR", default_value = "pincer-history")]
    pub dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
    pub format: HistoryFormat,
    /// Write to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Formats of `pincer history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum HistoryFormat {
    /// One line a run.
    Table,
    /// The runs as JSON (without their reports).
    Json,
    /// A self-contained page with a trend chart.
    Html,
}

impl AuditArgs {
    /// Whether this is a fleet audit: `--fleet`, or several `--state-dir`.
    pub(crate) fn is_fleet(&self) -> bool {
        self.fleet.is_some() || self.state_dirs.len() > 1
    }

    /// Where each report goes: every `FORMAT=FILE` to its file, and at most
    /// one format without a file to `--output` or stdout (table when no
    /// `--format` is given).
    pub(crate) fn outputs(&self) -> Result<Vec<FormatSpec>, crate::error::Error> {
        let mut outputs = Vec::new();
        let mut unnamed = 0;
        for spec in &self.formats {
            let path = spec.path.clone().or_else(|| {
                unnamed += 1;
                self.output.clone()
            });
            outputs.push(FormatSpec {
                format: spec.format,
                path,
            });
        }
        if unnamed > 1 {
            return Err(crate::error::Error::Usage(
                "several --format values without a file would share one output: give all but \
                 one of them a file (--format sarif=pincer.sarif)"
                    .to_owned(),
            ));
        }
        if self.formats.is_empty() {
            outputs.push(FormatSpec {
                format: ReportFormat::Table,
                path: self.output.clone(),
            });
        }
        Ok(outputs)
    }
}

/// Arguments of `pincer checks`.
#[derive(Debug, Args)]
pub(crate) struct ChecksArgs {
    #[command(flatten)]
    pub plugins: PluginArgs,
    #[command(flatten)]
    pub cache: CacheArgs,
    /// Output format: markdown is the catalogue of docs/checks.md.
    #[arg(long, value_enum, default_value_t = ChecksFormat::Table)]
    pub format: ChecksFormat,
    #[command(flatten)]
    pub settings: SettingsArgs,
}

/// Formats of `pincer checks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ChecksFormat {
    /// One line a check.
    Table,
    /// Every plugin's metadata as JSON.
    Json,
    /// The check catalogue (docs/checks.md): per plugin a summary table,
    /// then each check's description, fix and references.
    Markdown,
}

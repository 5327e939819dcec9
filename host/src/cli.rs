//! Command-line interface: every flag declared once here, help generated.

use crate::commands;
use crate::error::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};
use pincer_sdk::Severity;
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  bad usage, or an unreadable or invalid input (the message names the file and line)
  3  the audit is incomplete: a plugin failed (even with --fail-on never, unless --allow-incomplete)";

/// Security audit for OpenClaw gateways, with sandboxed WebAssembly checks.
#[derive(Debug, Parser)]
#[command(name = "pincer", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Audit an OpenClaw installation and report findings.
    #[command(after_help = EXIT_CODES)]
    Audit(AuditArgs),
    /// List every check of every loaded plugin.
    Checks(ChecksArgs),
}

/// Which plugins to load.
#[derive(Debug, Args)]
pub struct PluginArgs {
    /// Also run this plugin component (repeatable).
    #[arg(long = "plugin", value_name = "FILE.wasm")]
    pub plugins: Vec<PathBuf>,
    /// Do not run the built-in plugins.
    #[arg(long)]
    pub no_builtin: bool,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable, coloured on a terminal (NO_COLOR honoured).
    Table,
    /// JSON compatible with `openclaw security audit --json`, plus plugin status.
    Json,
}

/// The lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
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
    pub fn threshold(self) -> Option<Severity> {
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
pub struct AuditArgs {
    /// The OpenClaw config [default: $OPENCLAW_CONFIG_PATH, else STATE_DIR/openclaw.json]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The OpenClaw state directory [default: $OPENCLAW_STATE_DIR, else ~/.openclaw]
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    #[command(flatten)]
    pub plugins: PluginArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the report to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Critical)]
    pub fail_on: FailOn,
    /// Exit by --fail-on even when a plugin failed (instead of 3).
    #[arg(long)]
    pub allow_incomplete: bool,
}

/// Arguments of `pincer checks`.
#[derive(Debug, Args)]
pub struct ChecksArgs {
    #[command(flatten)]
    pub plugins: PluginArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Parses the command line and runs the command; returns the exit code.
pub fn main() -> Result<u8> {
    let cli = Cli::parse();
    match cli.command {
        Command::Audit(args) => commands::audit::run(args),
        Command::Checks(args) => commands::checks::run(args),
    }
}

//! The unified report: a superset of the reference's JSON (`ts`, `summary`,
//! `findings[{checkId, severity, title, detail, remediation}]`), plus the
//! plugin behind each finding and each plugin's status and timing.

use crate::runtime::Failure;
use pincer_sdk::Severity;
use serde::Serialize;

/// Version of this report's JSON shape.
pub const SCHEMA_VERSION: u32 = 1;

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Critical findings.
    pub critical: usize,
    /// Warnings.
    pub warn: usize,
    /// Informational findings.
    pub info: usize,
}

/// One finding in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportFinding {
    /// Dotted check id.
    pub check_id: String,
    /// Severity.
    pub severity: Severity,
    /// One-line title.
    pub title: String,
    /// What was found.
    pub detail: String,
    /// What to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remediation: Option<String>,
    /// The plugin that reported it.
    pub plugin: String,
    /// Config paths involved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub config_paths: Vec<String>,
    /// Where in the config its first locatable config path was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<FindingLocation>,
    /// Against `--baseline`: new, escalated or known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<super::baseline::BaselineState>,
    /// What suppressed it (suppressed findings only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed_by: Option<crate::policy::suppress::SuppressedBy>,
    /// The pack rule that changed its severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity_override: Option<SeverityOverride>,
}

/// A rule pack's change of a finding's severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeverityOverride {
    /// The severity the plugin reported.
    pub from: Severity,
    /// `pack NAME (FILE:LINE)`.
    pub source: String,
    /// Why the pack changes it.
    pub reason: String,
}

impl SeverityOverride {
    /// `was warn; set by SOURCE: REASON`, plain text for renderers to escape.
    pub fn describe(&self) -> String {
        format!(
            "was {}; set by {}: {}",
            self.from.as_str(),
            self.source,
            self.reason
        )
    }
}

/// A place in the audited config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FindingLocation {
    /// The file that holds the key: the config or an included file.
    pub file: String,
    /// The 1-based line of the key (of its nearest existing parent when
    /// the key itself is missing).
    pub line: usize,
    /// The config path located.
    pub config_path: String,
}

/// Whether a plugin's results can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PluginState {
    /// Ran to completion within its limits.
    Ok,
    /// Failed; its findings are partial or missing.
    Failed,
}

/// One plugin's status in the report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PluginStatus {
    /// The plugin's name (or its source when `info()` failed).
    pub name: String,
    /// Its version, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `builtin:NAME` or the file it was loaded from.
    pub source: String,
    /// Whether it is one of Pincer's built-in plugins (by source, or a
    /// file with a built-in's exact bytes).
    pub builtin: bool,
    /// What the host changed in its declarations (references dropped).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// ok or failed.
    pub status: PluginState,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
    /// Findings it contributed.
    pub findings: usize,
    /// Wall time in milliseconds.
    pub duration_ms: f64,
    /// Fuel consumed.
    pub fuel_used: u64,
    /// SHA-256 of the component that ran.
    pub sha256: String,
    /// `cache` when its compiled code came from the compiled-plugin cache,
    /// `compiled` when it was compiled for this run.
    pub compiled: crate::runtime::CompileSource,
    /// What the plugin printed or logged, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<PluginOutput>,
}

/// What a plugin printed or logged (bounded, control characters replaced).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PluginOutput {
    /// Captured stdout.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub stdout: String,
    /// Captured stderr.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub stderr: String,
    /// Stdout or stderr was cut at its cap.
    pub truncated: bool,
    /// Log lines, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub logs: Vec<crate::runtime::state::LogLine>,
    /// Log lines dropped past the cap.
    pub logs_dropped: usize,
}

/// Resources the host itself used.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostResources {
    /// Peak resident set size of the pincer process, in KiB (Linux).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak_rss_kib: Option<u64>,
}

/// The tool that wrote the report.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    /// Always `pincer`.
    pub name: &'static str,
    /// Its version.
    pub version: &'static str,
}

/// What was audited.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetInfo {
    /// The config file.
    pub config: String,
    /// The state directory.
    pub state_dir: String,
}

impl From<&crate::collect::locate::Target> for TargetInfo {
    fn from(target: &crate::collect::locate::Target) -> Self {
        TargetInfo {
            config: target.config.display().to_string(),
            state_dir: target.state_dir.display().to_string(),
        }
    }
}

/// The whole report of one audit.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Milliseconds since the Unix epoch, as in the reference.
    pub ts: u128,
    /// Counts by severity.
    pub summary: Summary,
    /// Findings, most severe first, then by check id.
    pub findings: Vec<ReportFinding>,
    /// Findings that a suppression of the config matched; not counted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed_findings: Vec<ReportFinding>,
    /// Version of this JSON shape.
    pub schema_version: u32,
    /// The tool.
    pub tool: Tool,
    /// What was audited.
    pub target: TargetInfo,
    /// False when any plugin failed or some installation facts could not be
    /// read (see `notes`): the findings may be missing some.
    pub complete: bool,
    /// What the host noticed while reading the installation: no state
    /// database, an older schema, a locked or corrupt file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<pincer_sdk::StateNote>,
    /// Every plugin's status.
    pub plugins: Vec<PluginStatus>,
    /// Resources the host used.
    pub host: HostResources,
    /// Every check the plugins that ran declared, with its plugin: the
    /// rules of SARIF and the test cases of JUnit. Not in the JSON report
    /// (`pincer checks --format json` lists them).
    #[serde(skip)]
    pub checks: Vec<DeclaredCheck>,
    /// The rule packs applied.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<AppliedPack>,
    /// What `--baseline` made of the findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<super::baseline::BaselineSummary>,
}

impl Report {
    /// The index in `checks` of the check of `plugin` that declared
    /// `check_id`: the exact id, else a declaration whose `*` segment
    /// matches. Only the plugin that reported a finding describes it.
    pub fn check_index(&self, plugin: &str, check_id: &str) -> Option<usize> {
        let own = |check: &&DeclaredCheck| check.plugin == plugin;
        self.checks
            .iter()
            .position(|check| own(&check) && check.info.id == check_id)
            .or_else(|| {
                self.checks.iter().position(|check| {
                    own(&check) && pincer_sdk::id_matches(&check.info.id, check_id)
                })
            })
    }

    /// Whether `plugin` names a built-in plugin of this report (or the host).
    pub fn is_builtin(&self, plugin: &str) -> bool {
        plugin == crate::policy::suppress::rules::HOST_PLUGIN
            || self
                .plugins
                .iter()
                .any(|status| status.name == plugin && status.builtin)
    }
}

/// A rule pack that was applied to the audit.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppliedPack {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Its directory.
    pub dir: String,
    /// The SHA-256 of each of its plugins, as checked.
    pub plugins: Vec<String>,
}

impl From<&crate::policy::pack::Pack> for AppliedPack {
    fn from(pack: &crate::policy::pack::Pack) -> Self {
        AppliedPack {
            name: pack.name.clone(),
            version: pack.version.clone(),
            dir: pack.dir.display().to_string(),
            plugins: pack.plugins.iter().map(|p| p.sha256.clone()).collect(),
        }
    }
}

/// A check a plugin declared, for renderers that list every check.
#[derive(Debug, Clone)]
pub struct DeclaredCheck {
    /// The plugin's name.
    pub plugin: String,
    /// The check's metadata.
    pub info: crate::runtime::info::CheckInfo,
}

//! The unified report: a superset of the reference's JSON (`ts`, `summary`,
//! `findings[{checkId, severity, title, detail, remediation}]`), plus the
//! plugin behind each finding and each plugin's status and timing.

use crate::runtime::Failure;
use pincer_sdk::{Finding, Severity};
use serde::Serialize;

/// The name findings of Pincer itself carry as their plugin.
pub const HOST_PLUGIN: &str = "pincer";

/// Version of this report's JSON shape.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Summary {
    /// Critical findings.
    pub critical: usize,
    /// Warnings.
    pub warn: usize,
    /// Informational findings.
    pub info: usize,
}

/// One finding in the report: what a plugin (or the host) found, who
/// found it, and what the report's passes noted about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFinding {
    /// The finding as its check made it (a pack may change its severity).
    pub finding: Finding,
    /// The plugin that reported it ([`HOST_PLUGIN`] for the host).
    pub plugin: String,
    /// What the report's passes noted.
    pub annotations: Annotations,
}

/// What the report's passes note about a finding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    /// Where in the config its first locatable config path was written.
    pub location: Option<FindingLocation>,
    /// Against `--baseline`: new, escalated or known.
    pub baseline: Option<BaselineState>,
    /// What suppressed it (suppressed findings only).
    pub suppressed_by: Option<SuppressedBy>,
    /// The pack rule that changed its severity.
    pub severity_override: Option<SeverityOverride>,
}

impl ReportFinding {
    /// `finding`, reported by `plugin`, with nothing noted yet.
    pub fn new(finding: Finding, plugin: impl Into<String>) -> Self {
        ReportFinding {
            finding,
            plugin: plugin.into(),
            annotations: Annotations::default(),
        }
    }
}

/// The JSON of a finding, keys in the report's order: the check's
/// fields, with the plugin before the config paths, then the notes.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FindingJson<'a> {
    check_id: &'a str,
    severity: Severity,
    title: &'a str,
    detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    remediation: Option<&'a str>,
    plugin: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    config_paths: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a FindingLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed_by: Option<&'a SuppressedBy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    severity_override: Option<&'a SeverityOverride>,
}

impl Serialize for ReportFinding {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (finding, notes) = (&self.finding, &self.annotations);
        FindingJson {
            check_id: &finding.check_id,
            severity: finding.severity,
            title: &finding.title,
            detail: &finding.detail,
            remediation: finding.remediation.as_deref(),
            plugin: &self.plugin,
            config_paths: &finding.config_paths,
            location: notes.location.as_ref(),
            baseline: notes.baseline,
            suppressed_by: notes.suppressed_by.as_ref(),
            severity_override: notes.severity_override.as_ref(),
        }
        .serialize(serializer)
    }
}

/// What suppressed a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SuppressedBy {
    /// `security.audit.suppressions` or `FILE:LINE` of a `pincer.toml` rule.
    pub source: String,
    /// Why the risk is accepted (mandatory in `pincer.toml`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The last day the suppression holds (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

impl SuppressedBy {
    /// `SOURCE (until DATE): REASON`, as far as known; plain text for the
    /// renderers to escape.
    pub fn describe(&self) -> String {
        let until = self
            .expires
            .as_deref()
            .map_or_else(String::new, |date| format!(" (until {date})"));
        let reason = self
            .reason
            .as_deref()
            .map_or_else(String::new, |reason| format!(": {reason}"));
        format!("{}{until}{reason}", self.source)
    }
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
pub(crate) enum PluginState {
    /// Ran to completion within its limits.
    Ok,
    /// Failed; its findings are partial or missing.
    Failed,
}

/// One plugin's status in the report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PluginStatus {
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
pub(crate) struct PluginOutput {
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
pub(crate) struct HostResources {
    /// Peak resident set size of the pincer process, in KiB (Linux).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak_rss_kib: Option<u64>,
}

/// The tool that wrote the report.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Tool {
    /// Always `pincer`.
    pub name: &'static str,
    /// Its version.
    pub version: &'static str,
}

/// What was audited.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TargetInfo {
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
pub(crate) struct Report {
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
    pub baseline: Option<BaselineSummary>,
}

impl Report {
    /// The index in `checks` of the check of `plugin` that declared
    /// `check_id`: the exact id, else a declaration whose `*` segment
    /// matches. Only the plugin that reported a finding describes it.
    pub(crate) fn check_index(&self, plugin: &str, check_id: &str) -> Option<usize> {
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
    pub(crate) fn is_builtin(&self, plugin: &str) -> bool {
        plugin == HOST_PLUGIN
            || self
                .plugins
                .iter()
                .any(|status| status.name == plugin && status.builtin)
    }
}

/// A rule pack that was applied to the audit.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AppliedPack {
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
pub(crate) struct DeclaredCheck {
    /// The plugin's name.
    pub plugin: String,
    /// The check's metadata.
    pub info: crate::runtime::info::CheckInfo,
}

/// How a finding relates to the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BaselineState {
    /// Not in the baseline.
    New,
    /// In the baseline at a lower severity.
    Escalated,
    /// In the baseline at this or a higher severity.
    Known,
}

impl BaselineState {
    /// The state as the JSON report spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            BaselineState::New => "new",
            BaselineState::Escalated => "escalated",
            BaselineState::Known => "known",
        }
    }
}

/// What the baseline made of a report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BaselineSummary {
    /// The baseline report.
    pub file: String,
    /// Findings not in it.
    pub new: usize,
    /// Findings in it at a lower severity.
    pub escalated: usize,
    /// Findings in it.
    pub known: usize,
    /// Its findings that are gone.
    pub resolved: usize,
}

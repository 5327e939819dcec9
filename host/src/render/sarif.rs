//! The SARIF 2.1.0 renderer, for GitHub code scanning and other SARIF
//! consumers: one run, the declared checks as rules (from the plugins' own
//! metadata), each finding a result with its level, a location in the
//! audited config (the file — an included one where the key lives there —
//! its line, and the config key as a logical location), and a stable
//! fingerprint; suppressed findings stay, marked with their justification. An incomplete audit says so in the run's invocation.

use crate::report::model::{Report, ReportFinding};
use pincer_sdk::Severity;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://docs.openclaw.ai/gateway/security";

/// SARIF's level for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "error",
        Severity::Warn => "warning",
        Severity::Info => "note",
    }
}

/// A file path as a URI: absolute paths become `file://` URIs; characters
/// outside the unreserved set and `/` are percent-encoded.
pub(crate) fn file_uri(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte);
        if keep {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

fn rules(report: &Report) -> Vec<Value> {
    report
        .checks
        .iter()
        .map(|check| {
            let info = &check.info;
            let mut rule = json!({
                "id": info.id,
                "name": info.id,
                "shortDescription": { "text": info.title },
                "fullDescription": { "text": info.description },
                "help": { "text": info.remediation },
                "defaultConfiguration": { "level": level(info.default_severity) },
                "properties": {
                    "category": info.category,
                    "plugin": check.plugin,
                    "tags": ["security", info.category],
                },
            });
            if let Some(first) = info.references.first() {
                rule["helpUri"] = json!(first);
            }
            rule
        })
        .collect()
}

fn result(report: &Report, finding: &ReportFinding, suppressed: bool) -> Value {
    // Digits ignored, as the baseline's identity does: ages and counts in
    // a detail change between runs, the finding does not.
    let fingerprint = format!(
        "{:x}",
        Sha256::digest(crate::report::baseline::identity_of(finding).as_bytes())
    );
    let mut location = match &finding.annotations.location {
        Some(at) => json!({
            "physicalLocation": {
                "artifactLocation": { "uri": file_uri(&at.file) },
                "region": { "startLine": at.line },
            },
        }),
        None => json!({
            "physicalLocation": {
                "artifactLocation": { "uri": file_uri(&report.target.config) },
            },
        }),
    };
    if let Some(path) = finding.finding.config_paths.first() {
        location["logicalLocations"] = json!([{ "fullyQualifiedName": path, "kind": "member" }]);
    }
    let mut result = json!({
        "ruleId": finding.finding.check_id,
        "level": level(finding.finding.severity),
        "message": { "text": format!("{}: {}", finding.finding.title, finding.finding.detail) },
        "locations": [location],
        "partialFingerprints": { "pincerFinding/v1": fingerprint },
        "properties": { "plugin": finding.plugin, "severity": finding.finding.severity.as_str() },
    });
    if let Some(index) = report.check_index(&finding.plugin, &finding.finding.check_id) {
        result["ruleIndex"] = json!(index);
    }
    if let Some(remediation) = &finding.finding.remediation {
        result["properties"]["remediation"] = json!(remediation);
    }
    if let Some(changed) = &finding.annotations.severity_override {
        result["properties"]["severityOverride"] = json!(changed);
    }
    if suppressed {
        let justification = finding.annotations.suppressed_by.as_ref().map_or_else(
            || "suppressed".to_owned(),
            |by| match &by.reason {
                Some(reason) => format!("{reason} ({})", by.source),
                None => format!("suppressed by {}", by.source),
            },
        );
        result["suppressions"] = json!([{
            "kind": "external",
            "justification": justification,
        }]);
    }
    result
}

/// The report as a SARIF log value.
pub(crate) fn to_value(report: &Report) -> Value {
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| result(report, finding, false))
        .chain(
            report
                .suppressed_findings
                .iter()
                .map(|finding| result(report, finding, true)),
        )
        .collect();
    let failed: Vec<Value> = report
        .plugins
        .iter()
        .filter_map(|plugin| {
            let failure = plugin.failure.as_ref()?;
            Some(json!({
                "level": "error",
                "message": { "text": format!("plugin {} failed: {failure}", plugin.name) },
            }))
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": report.tool.name,
                    "version": report.tool.version,
                    "semanticVersion": report.tool.version,
                    "informationUri": INFORMATION_URI,
                    "rules": rules(report),
                },
            },
            "invocations": [{
                "executionSuccessful": report.complete,
                "toolExecutionNotifications": failed,
            }],
            "results": results,
            "properties": { "complete": report.complete },
        }],
    })
}

/// Writes the report as SARIF.
pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(report)).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::file_uri;

    #[test]
    fn paths_become_uris() {
        assert_eq!(
            file_uri("/home/a b/.openclaw/openclaw.json"),
            "file:///home/a%20b/.openclaw/openclaw.json"
        );
        assert_eq!(file_uri("configs/x.json"), "configs/x.json");
    }
}

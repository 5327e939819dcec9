//! Suppressions written in the audited config (`security.audit.suppressions`,
//! as OpenClaw accepts them): each entry names a check id and optionally a
//! text its title or detail must contain. A suppressed finding leaves
//! `findings` and the summary but stays visible in `suppressedFindings`.

use super::SuppressedBy;
use crate::report::model::{Report, ReportFinding};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One accepted-risk entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Suppression {
    /// The check id to suppress (exact).
    pub check_id: String,
    /// When given, the finding's title must contain it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_includes: Option<String>,
    /// When given, the finding's detail must contain it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail_includes: Option<String>,
    /// Why the risk is accepted (free text, as the gateway allows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Suppression {
    fn matches(&self, finding: &ReportFinding) -> bool {
        finding.check_id == self.check_id
            && self
                .title_includes
                .as_ref()
                .is_none_or(|text| finding.title.contains(text.as_str()))
            && self
                .detail_includes
                .as_ref()
                .is_none_or(|text| finding.detail.contains(text.as_str()))
    }
}

/// The suppressions of a config, or what is wrong with the first bad entry
/// (as `(index, message)`; `None` index when the list itself is not a list).
pub fn from_config(config: &Value) -> Result<Vec<Suppression>, (Option<usize>, String)> {
    let Some(list) = config
        .get("security")
        .and_then(|s| s.get("audit"))
        .and_then(|a| a.get("suppressions"))
    else {
        return Ok(Vec::new());
    };
    let Value::Array(entries) = list else {
        return Err((
            None,
            "must be a list of {checkId, titleIncludes?, detailIncludes?, reason?}".to_owned(),
        ));
    };
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let suppression: Suppression = serde_json::from_value(entry.clone())
                .map_err(|error| (Some(index), error.to_string()))?;
            if suppression.check_id.trim().is_empty() {
                return Err((Some(index), "checkId must not be empty".to_owned()));
            }
            Ok(suppression)
        })
        .collect()
}

/// Moves every finding some suppression matches into `suppressed_findings`
/// and recounts the summary.
pub fn apply(report: &mut Report, suppressions: &[Suppression]) {
    if suppressions.is_empty() {
        return;
    }
    let (suppressed, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut report.findings)
        .into_iter()
        .partition(|finding| suppressions.iter().any(|s| s.matches(finding)));
    report.findings = kept;
    report
        .suppressed_findings
        .extend(suppressed.into_iter().map(|mut finding| {
            finding.suppressed_by = Some(SuppressedBy::config());
            finding
        }));
    report.summary = crate::report::aggregate::summarize(&report.findings);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_entries_and_rejects_bad_ones() {
        let config = json!({"security": {"audit": {"suppressions": [
            {"checkId": "a.b"},
            {"checkId": "c.d", "detailIncludes": "lan"}
        ]}}});
        let list = from_config(&config).expect("valid");
        assert_eq!(list.len(), 2);
        assert_eq!(list[1].detail_includes.as_deref(), Some("lan"));
        assert_eq!(from_config(&json!({})), Ok(Vec::new()));
        let missing = json!({"security": {"audit": {"suppressions": [{"title": "x"}]}}});
        assert!(matches!(from_config(&missing), Err((Some(0), _))));
        let blank = json!({"security": {"audit": {"suppressions": [{"checkId": " "}]}}});
        assert!(matches!(from_config(&blank), Err((Some(0), _))));
        let scalar = json!({"security": {"audit": {"suppressions": "all"}}});
        assert!(matches!(from_config(&scalar), Err((None, _))));
    }
}

//! Suppressions written in the audited config (`security.audit.suppressions`,
//! as OpenClaw accepts them): each entry names a check id and optionally a
//! text its title or detail must contain.

use crate::collect::config::SourceNode;
use pincer_sdk::Finding;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::Path;

/// One accepted-risk entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Suppression {
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
    /// Whether it matches: the same check id (trimmed), and each given text
    /// contained in the title or detail, letter case aside (as the gateway
    /// matches them).
    pub(crate) fn matches(&self, finding: &Finding) -> bool {
        let contains = |haystack: &str, needle: &Option<String>| {
            needle
                .as_deref()
                .map(str::trim)
                .is_none_or(|needle| haystack.to_lowercase().contains(&needle.to_lowercase()))
        };
        finding.check_id == self.check_id.trim()
            && contains(&finding.title, &self.title_includes)
            && contains(&finding.detail, &self.detail_includes)
    }
}

/// The audited config's `security.audit.suppressions`, checked: a bad
/// entry is an input error naming the file and line that hold the list
/// (line 1 when an include holds it), never a value.
pub(crate) fn located(
    list: Option<&Value>,
    config: &Path,
    sources: &SourceNode,
) -> crate::error::Result<Vec<Suppression>> {
    of_list(list).map_err(|(index, message)| {
        let at = index.map_or_else(String::new, |i| format!("[{i}]"));
        let key = format!("security.audit.suppressions{at}");
        let location = sources.locate(&key);
        crate::error::Error::Invalid {
            path: location.map_or_else(|| config.to_path_buf(), |l| l.file.to_path_buf()),
            line: location.map_or(1, |l| l.line),
            column: 1,
            message: format!("{key}: {message}"),
        }
    })
}

/// The suppressions of a config, or what is wrong with the first bad entry
/// (as `(index, message)`; `None` index when the list itself is not a list).
#[cfg(test)]
fn from_config(config: &Value) -> Result<Vec<Suppression>, (Option<usize>, String)> {
    of_list(config.pointer("/security/audit/suppressions"))
}

/// The suppressions of the list, or what is wrong with its first bad entry.
fn of_list(list: Option<&Value>) -> Result<Vec<Suppression>, (Option<usize>, String)> {
    let Some(list) = list else {
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
            let suppression: Suppression =
                serde_json::from_value(entry.clone()).map_err(|error| {
                    (
                        Some(index),
                        crate::value_free::without_values(&error.to_string()),
                    )
                })?;
            if suppression.check_id.trim().is_empty() {
                return Err((Some(index), "checkId must not be empty".to_owned()));
            }
            Ok(suppression)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CONFIG_ACTIVE_ID: &str = "security.audit.suppressions.active";

    #[test]
    fn matching_trims_the_id_and_ignores_letter_case() {
        let finding = pincer_sdk::Finding {
            check_id: CONFIG_ACTIVE_ID.to_owned(),
            severity: pincer_sdk::Severity::Info,
            title: "The audited config suppresses findings".to_owned(),
            detail: "security.audit.suppressions holds 1 suppression(s); 0 finding(s) moved."
                .to_owned(),
            remediation: None,
            config_paths: Vec::new(),
        };
        let suppression = |title: Option<&str>, detail: Option<&str>| Suppression {
            check_id: format!(" {CONFIG_ACTIVE_ID} "),
            title_includes: title.map(str::to_owned),
            detail_includes: detail.map(str::to_owned),
            reason: None,
        };
        assert!(suppression(None, None).matches(&finding));
        assert!(suppression(Some("AUDITED Config"), Some("1 SUPPRESSION")).matches(&finding));
        assert!(!suppression(Some("no such title"), None).matches(&finding));
        assert!(!suppression(None, Some("2 suppression")).matches(&finding));
    }

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

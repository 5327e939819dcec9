//! The parity model shared by the case runner (`cases.rs`) and the
//! generated `docs/parity.md` (`parity_doc.rs`): the reference audit's check
//! ids (`tests/parity/reference-checks.json`), which built-in checks are
//! Pincer's own (they match no reference id), and the recorded cases
//! (`tests/parity/<plugin>/<scenario>/case.json`).

use crate::support::{builtin_checks, root};
use pincer_sdk::id_matches;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A (checkId, severity) pair.
pub type Pair = (String, String);

/// One check of the reference audit, as `reference-checks.json` lists it.
pub struct ReferenceCheck {
    /// The Pincer plugin the check belongs to (`host` for the report's own).
    pub plugin: String,
    /// The id as written, `<provider>`-style placeholders included.
    pub id: String,
    /// The severities the reference can give it.
    pub severities: Vec<String>,
    /// What it needs beyond the config.
    pub needs: String,
}

impl ReferenceCheck {
    /// The id as a pattern: each `<...>` segment becomes `*`.
    pub fn pattern(&self) -> String {
        self.id
            .split('.')
            .map(|segment| {
                if segment.starts_with('<') && segment.ends_with('>') {
                    "*"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// `tests/parity/`.
pub fn parity_dir() -> PathBuf {
    root().join("tests").join("parity")
}

/// Reads and parses a JSON file of `tests/parity/`.
pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `plugins` object of `reference-checks.json`, in file order.
pub fn reference_plugins() -> Vec<(String, Vec<&'static ReferenceCheck>)> {
    let mut sections: Vec<(String, Vec<&ReferenceCheck>)> = Vec::new();
    for check in reference_checks() {
        match sections.last_mut() {
            Some((plugin, checks)) if *plugin == check.plugin => checks.push(check),
            _ => sections.push((check.plugin.clone(), vec![check])),
        }
    }
    sections
}

/// Every check of `reference-checks.json`, in file order.
pub fn reference_checks() -> &'static [ReferenceCheck] {
    static CHECKS: OnceLock<Vec<ReferenceCheck>> = OnceLock::new();
    CHECKS.get_or_init(|| {
        let json = read_json(&parity_dir().join("reference-checks.json"));
        let strings = |value: &Value| -> Vec<String> {
            value
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_owned())
                .collect()
        };
        json["plugins"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(plugin, checks)| {
                checks
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|check| ReferenceCheck {
                        plugin: plugin.clone(),
                        id: check["id"].as_str().unwrap().to_owned(),
                        severities: strings(&check["severities"]),
                        needs: check["needs"].as_str().unwrap().to_owned(),
                    })
            })
            .collect()
    })
}

/// Whether two id patterns (`*` segments allowed on both sides) can name
/// the same id.
pub fn patterns_overlap(a: &str, b: &str) -> bool {
    pincer_sdk::ids_overlap(a, b)
}

/// Whether a built-in id (pattern) matches some id of the reference.
pub fn is_reference_id(pattern: &str) -> bool {
    reference_checks()
        .iter()
        .any(|check| patterns_overlap(&check.pattern(), pattern))
}

/// Pincer's own check ids: those the built-in plugins declare that match
/// no id of the reference.
pub fn own_check_ids() -> &'static [String] {
    static IDS: OnceLock<Vec<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        builtin_checks()
            .iter()
            .map(|check| check.id.clone())
            .filter(|id| !is_reference_id(id))
            .collect()
    })
}

/// Whether a finding's id belongs to one of Pincer's own checks.
pub fn is_own(check_id: &str) -> bool {
    own_check_ids()
        .iter()
        .any(|pattern| id_matches(pattern, check_id))
}

/// Every `tests/parity/<plugin>/<scenario>/` folder that holds a case.
pub fn case_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for plugin in std::fs::read_dir(parity_dir()).unwrap() {
        let plugin = plugin.unwrap().path();
        if !plugin.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&plugin).unwrap() {
            let case = case.unwrap().path();
            if case.join("case.json").is_file() {
                dirs.push(case);
            }
        }
    }
    dirs.sort();
    dirs
}

/// A case's `case.json`.
pub fn load_case(dir: &Path) -> Result<Value, String> {
    let path = dir.join("case.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The sorted, deduplicated pairs of a `findings` list of a case (`key`
/// names it in errors, e.g. `reference.findings`).
pub fn pairs(findings: &Value, key: &str) -> Result<Vec<Pair>, String> {
    let list = findings
        .as_array()
        .ok_or_else(|| format!("{key} is not a list"))?;
    let mut pairs = list
        .iter()
        .map(
            |finding| match (finding["checkId"].as_str(), finding["severity"].as_str()) {
                (Some(id), Some(severity)) => Ok((id.to_owned(), severity.to_owned())),
                _ => Err(format!("{key}: {finding} lacks checkId or severity")),
            },
        )
        .collect::<Result<Vec<_>, _>>()?;
    pairs.sort();
    pairs.dedup();
    Ok(pairs)
}

/// The recorded reference pairs of a case.
pub fn reference_pairs(case: &Value) -> Result<Vec<Pair>, String> {
    let findings = case
        .pointer("/reference/findings")
        .ok_or("case.json has no reference.findings")?;
    pairs(findings, "reference.findings")
}

/// The pairs a case expects of Pincer's own checks; `None` when the case
/// has no `pincer` key (own checks are then not compared).
pub fn own_expectation(case: &Value) -> Result<Option<Vec<Pair>>, String> {
    let Some(pincer) = case.get("pincer") else {
        return Ok(None);
    };
    let findings = pincer
        .get("findings")
        .ok_or("case.json's pincer has no findings")?;
    pairs(findings, "pincer.findings").map(Some)
}

//! The parity model shared by the case runner (`cases.rs`) and the
//! generated `docs/parity.md` (`parity_doc.rs`): the reference audit's check
//! ids (`tests/parity/reference-checks.json`), which built-in checks are
//! Pincer's own (they match no reference id), and the recorded cases
//! (`tests/parity/<plugin>/<scenario>/case.json`, read by `pincer::cases`).

use crate::support::{builtin_checks, root};
use pincer::cases::{Case, discover};
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

/// Every parity case, read as `pincer test` reads it (`pincer::cases`).
pub fn cases() -> Vec<Case> {
    discover(&parity_dir()).unwrap()
}

/// The sorted, deduplicated (checkId, severity) pairs of a case's list.
pub fn pairs_of(findings: &[pincer::cases::Pair]) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = findings
        .iter()
        .map(|pair| (pair.check_id.clone(), pair.severity.as_str().to_owned()))
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}

/// The recorded reference pairs of a case.
pub fn reference_pairs(case: &Case) -> Result<Vec<Pair>, String> {
    case.spec
        .reference
        .as_ref()
        .map(|recorded| pairs_of(&recorded.findings))
        .ok_or_else(|| "case.json has no reference.findings".to_owned())
}

/// The pairs a case expects of Pincer's own checks; `None` when the case
/// has no `pincer` key (own checks are then not compared).
pub fn own_expectation(case: &Case) -> Option<Vec<Pair>> {
    case.spec.pincer.as_ref().map(|own| pairs_of(&own.findings))
}

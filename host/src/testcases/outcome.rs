//! What `pincer test` found: each case's outcome and their summary.

use super::cases::Verdict;
use serde::Serialize;

/// One case's outcome.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Outcome {
    /// The case directory, relative to the cases root.
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    /// The case's own description.
    pub description: String,
    /// Whether the plugin reported what the case expects.
    pub passed: bool,
    #[serde(flatten)]
    /// What was missing, unexpected or went wrong.
    pub verdict: Verdict,
}

/// Every outcome, with the plugin under test.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Summary {
    /// The plugin under test.
    pub plugin: String,
    /// Its version.
    pub version: String,
    /// The component file.
    pub file: String,
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
    /// Every case, in order.
    pub cases: Vec<Outcome>,
}

//! `fs.synced_dir`: the state directory or the config sits in a folder a
//! sync client copies to the cloud (iCloud, Dropbox, Google Drive,
//! OneDrive). Like the reference, this is a plain case-insensitive match on
//! the two path strings, as the audit resolves them: no symlink is
//! followed and the paths need not exist.

use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.synced_dir",
    severity: Severity::Warn,
    title: "State directory or config is in a cloud-synced folder",
    description: "The state directory holds credentials, session stores and transcripts, and \
                  the config may hold tokens. A folder that iCloud, Dropbox, Google Drive or \
                  OneDrive synchronises copies them to the provider and to every other device \
                  of the account. Matched on the path names, case-insensitively.",
    remediation: "Move the state directory and the config to a local-only folder and point \
                  OPENCLAW_STATE_DIR (and OPENCLAW_CONFIG_PATH) at the new place.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Path fragments (lower case) that name a synced folder.
const SYNCED_WORDS: &[&str] = &[
    "icloud",
    "dropbox",
    "google drive",
    "googledrive",
    "onedrive",
];

/// The fragment of `path` that names a synced folder, if any.
pub fn synced_word(path: &str) -> Option<&'static str> {
    let lower = path.to_lowercase();
    SYNCED_WORDS
        .iter()
        .copied()
        .find(|word| lower.contains(word))
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let mut hits = Vec::new();
    for (role, what) in [("state-dir", "state directory"), ("config", "config")] {
        let Some(fact) = view.file_facts().iter().find(|fact| fact.role == role) else {
            continue;
        };
        if let Some(word) = synced_word(&fact.path) {
            hits.push(format!(
                "the {what} {} (its path names \"{word}\")",
                fact.path
            ));
        }
    }
    if hits.is_empty() {
        return;
    }
    let detail = format!(
        "{} looks like a cloud-synced folder: its credentials and transcripts would be copied \
         off this machine.",
        hits.join(" and ")
    );
    out.push(META.finding(detail));
}

//! `config.include_escape`: a `$include` that leads out of the config
//! directory, by `..`, an absolute path or a symlink. OpenClaw refuses to
//! load such a config; Pincer does not follow the include and reports it,
//! because pulling files from elsewhere is how foreign settings or another
//! user's secrets get into a gateway's config.

use pincer_sdk::prelude::*;
use pincer_sdk::{IncludeFact, IncludeStatus};

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "config.include_escape",
    severity: Severity::Critical,
    title: "Config include leads outside the config directory",
    description: "Every `$include` must stay inside the config directory (or an \
                  OPENCLAW_INCLUDE_ROOTS directory). One that escapes by `..`, an absolute \
                  path or a symlink pulls in files the gateway's owner may not control; \
                  the gateway refuses to start with it and Pincer does not follow it.",
    remediation: "Move the included file into the config directory (and replace a symlink \
                  with the file itself), or list its directory in OPENCLAW_INCLUDE_ROOTS \
                  if it is deliberate.",
    references: &["https://docs.openclaw.ai/gateway/configuration"],
};

fn describe(fact: &IncludeFact) -> Option<String> {
    let how = match fact.status {
        IncludeStatus::Included => return None,
        IncludeStatus::EscapesConfigDir => "its path leaves the config directory",
        IncludeStatus::EscapesViaSymlink => "a symlink leads out of the config directory",
    };
    Some(format!(
        "`$include: \"{}\"` in {} resolves to {}: {how}. It was not followed, so its settings are missing from this audit.",
        fact.written, fact.from_file, fact.resolved
    ))
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    for detail in view.includes().iter().filter_map(describe) {
        out.push(META.finding(detail).at("$include"));
    }
}

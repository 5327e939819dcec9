//! `plugins.allow_phantom_entries`: `plugins.allow` names plugins that are
//! neither installed nor bundled with the gateway. Harmless today, such an
//! entry pre-authorises whatever later arrives under that name.

use pincer_sdk::prelude::*;
use serde_json::Value;

use crate::bundled::is_bundled_name;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "plugins.allow_phantom_entries",
    severity: Severity::Warn,
    title: "plugins.allow names plugins that do not exist",
    description: "An allowlist entry that matches no installed plugin and no plugin bundled \
                  with the gateway allows nothing today — and allows, unreviewed, any package \
                  that is later installed under that id, for instance by a typo-squatted \
                  package.",
    remediation: "Remove the entries from plugins.allow, or install the plugins they name.",
    references: &["https://docs.openclaw.ai/plugins/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let state = view.gateway_state();
    if state.installed_extensions.is_empty() {
        return;
    }
    let Some(allow) = view
        .array("plugins.allow")
        .filter(|allow| !allow.is_empty())
    else {
        return;
    };
    let known = |entry: &str| {
        let lower = entry.to_ascii_lowercase();
        state
            .installed_extensions
            .iter()
            .chain(&state.installed_plugin_ids)
            .any(|name| name.to_ascii_lowercase() == lower)
            || is_bundled_name(&entry.trim().to_ascii_lowercase())
    };
    let phantom: Vec<&str> = allow
        .iter()
        .filter_map(Value::as_str)
        .filter(|entry| *entry != "group:plugins" && !known(entry))
        .collect();
    if !phantom.is_empty() {
        out.push(
            META.finding(format!(
                "Neither installed nor bundled: {}.",
                phantom.join(", ")
            ))
            .at("plugins.allow"),
        );
    }
}

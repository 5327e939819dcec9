//! `tools.profile_minimal_overridden`: the global tool profile is
//! `minimal`, but agents pick a wider profile of their own.

use pincer_sdk::agents::roster;
use pincer_sdk::prelude::*;
use serde_json::Value;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "tools.profile_minimal_overridden",
    severity: Severity::Warn,
    title: "Agents override the minimal tool profile",
    description: "tools.profile = \"minimal\" reads as a locked-down gateway, but an agent's own \
                  tools.profile replaces it: those agents get coding, messaging or full tool \
                  sets regardless.",
    remediation: "Remove the agents' tools.profile overrides, or make the wider profile the \
                  documented exception it is.",
    references: &["https://docs.openclaw.ai/tools/profiles"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if view.str("tools.profile") != Some("minimal") {
        return;
    }
    let wider: Vec<String> = roster(view)
        .into_iter()
        .filter_map(|agent| {
            let profile = agent.get("tools.profile")?;
            let truthy = match profile {
                Value::String(s) => !s.is_empty(),
                Value::Null | Value::Bool(false) => false,
                _ => true,
            };
            (truthy && profile.as_str() != Some("minimal"))
                .then(|| format!("{} ({})", agent.path(), profile))
        })
        .collect();
    if !wider.is_empty() {
        out.push(
            META.finding(format!("Wider agent profiles: {}.", wider.join(", ")))
                .at("tools.profile"),
        );
    }
}

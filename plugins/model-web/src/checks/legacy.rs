//! `models.legacy`: a configured model belongs to a retired family
//! (GPT-3.5, Claude 2 and Instant, the early GPT-4 snapshots).

use pincer_sdk::prelude::*;

use crate::refs::collect;
use crate::tiers::legacy_family;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "models.legacy",
    severity: Severity::Warn,
    title: "Legacy model configured",
    description: "Retired model families follow instructions embedded in tool output and web \
                  pages far more readily than current ones, and no longer get safety updates. \
                  An agent that reads untrusted content with one is easier to turn against its \
                  operator.",
    remediation: "Replace the model with a current one (GPT-5 or Claude 4.5 families or newer) \
                  in the listed settings.",
    references: &["https://docs.openclaw.ai/concepts/models"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let legacy: Vec<String> = collect(view)
        .into_iter()
        .filter_map(|model| {
            let family = legacy_family(&model.id)?;
            Some(format!("{} at {} ({family})", model.id, model.source))
        })
        .collect();
    if !legacy.is_empty() {
        out.push(META.finding(format!("Legacy models: {}.", legacy.join("; "))));
    }
}

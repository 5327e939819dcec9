//! `models.weak_tier`: a configured model is below the tiers the reference
//! trusts with tools — Haiku, anything older than GPT-5 or Claude 4.5.

use pincer_sdk::prelude::*;

use crate::refs::collect;
use crate::tiers::weak_reasons;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "models.weak_tier",
    severity: Severity::Warn,
    title: "Model below the recommended tier",
    description: "Smaller and older tiers are markedly worse at refusing instructions that \
                  arrive inside tool results, messages and web pages. With tools attached, that \
                  is the difference between reading an injected instruction and carrying it out.",
    remediation: "Use a GPT-5 or Claude 4.5 (or newer) class model for agents with tools, or \
                  take tools away from lanes that must run a weaker model.",
    references: &["https://docs.openclaw.ai/concepts/models"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let mut weak: Vec<String> = Vec::new();
    for model in collect(view) {
        let reasons = weak_reasons(&model.id);
        if reasons.is_empty() {
            continue;
        }
        let line = format!("{} at {} ({})", model.id, model.source, reasons.join(", "));
        if !weak.contains(&line) {
            weak.push(line);
        }
    }
    if !weak.is_empty() {
        out.push(META.finding(format!("Weak-tier models: {}.", weak.join("; "))));
    }
}

//! `models.small_params`: a configured model is small (300B parameters or
//! fewer, by its name). Critical when the lane that runs it can reach web
//! content (web search, web fetch, the browser); info otherwise.

use pincer_sdk::agents::roster;
use pincer_sdk::prelude::*;

use crate::exposure::reachable;
use crate::refs::collect;
use crate::tiers::is_small;
use pincer_sdk::tools::LanePolicy;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "models.small_params",
    severity: Severity::Critical,
    title: "Small model configured",
    description: "Small models are easy to steer with injected instructions. One that can \
                  search, fetch pages or drive a browser reads attacker-written text and then \
                  acts on it with the agent's tools. Critical when a lane running a small model \
                  reaches any web tool; info when every such lane is cut off from the web.",
    remediation: "Deny web_search, web_fetch and browser to lanes that run small models \
                  (tools.deny, the agent's tools.deny, or tools.byProvider.<provider>.deny), \
                  or sandbox them in mode \"all\"; or use a larger model there.",
    references: &["https://docs.openclaw.ai/concepts/models"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let agents = roster(view);
    let mut lines = Vec::new();
    let mut exposed = false;
    for model in collect(view) {
        if model.is_image_model() || !is_small(&model.id) {
            continue;
        }
        let agent = model
            .agent
            .as_deref()
            .and_then(|id| agents.iter().find(|agent| agent.id == id));
        let (provider, name) = model.provider_and_model();
        let web = reachable(
            view,
            &LanePolicy::new(view, agent, Some((provider, name)), true),
        );
        exposed |= !web.is_empty();
        let reach = if web.is_empty() {
            "no web tools".to_owned()
        } else {
            format!("reaches {}", web.join(", "))
        };
        lines.push(format!("{} at {} ({reach})", model.id, model.source));
    }
    if lines.is_empty() {
        return;
    }
    let severity = if exposed {
        Severity::Critical
    } else {
        Severity::Info
    };
    out.push(
        META.finding(format!("Small models: {}.", lines.join("; ")))
            .with_severity(severity),
    );
}

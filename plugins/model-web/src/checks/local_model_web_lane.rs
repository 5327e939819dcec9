//! `models.local_model_web_lane` (Pincer's own, from the security
//! baseline: local worker lanes have web and browser tools disabled). Where
//! `models.small_params` judges each configured model once — a default
//! model only with the global tools — this check walks every lane: each
//! agent with the models it really runs (its own, or the defaults it
//! inherits), sub-agent models included, under that agent's own tool
//! policy and sandbox, and counts local runtimes of unknown size and
//! mixture-of-experts models as small. It reports only what
//! `models.small_params` does not already report as critical.

use pincer_sdk::View;
use pincer_sdk::agents::{Agent, roster};
use pincer_sdk::prelude::*;
use serde_json::Value;

use crate::exposure::reachable;
use crate::local::small_or_local;
use crate::refs::{Aliases, resolve};
use crate::tiers::is_small;
use pincer_sdk::tools::LanePolicy;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "models.local_model_web_lane",
    severity: Severity::Critical,
    title: "Small or local model in a lane with web tools",
    description: "Local and small models are the easiest to steer with instructions hidden in \
                  a web page or search result. The baseline keeps them in worker lanes without \
                  web search, web fetch or the browser. This check follows each agent's own \
                  models, sub-agent models and tool policy, so it also sees an agent that \
                  inherits a small default model and re-enables the web, and a local model \
                  whose size its name does not tell.",
    remediation: "Deny web_search, web_fetch, x_search and browser in that agent's tools.deny \
                  (or tools.byProvider.<provider>.deny), sandbox the lane in mode \"all\", or \
                  run a larger hosted model there.",
    references: &["https://docs.openclaw.ai/concepts/models"],
};

/// The model settings of a lane: `(source, raw reference)`.
fn models_of<'a>(setting: Option<&'a Value>, base: &str, out: &mut Vec<(String, &'a str)>) {
    match setting {
        Some(Value::String(raw)) => out.push((base.to_owned(), raw)),
        Some(Value::Object(setting)) => {
            if let Some(primary) = setting.get("primary").and_then(Value::as_str) {
                out.push((format!("{base}.primary"), primary));
            }
            for fallback in setting
                .get("fallbacks")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                out.push((format!("{base}.fallbacks"), fallback));
            }
        }
        _ => {}
    }
}

/// The lane's models, and for each whether `models.small_params` already
/// judges it in this very lane (the defaults' own models, an agent's own
/// models).
fn lane_models<'a>(view: &'a View, agent: Option<&Agent<'a>>) -> Vec<(String, &'a str, bool)> {
    let mut own = Vec::new();
    let mut inherited = Vec::new();
    match agent {
        None => models_of(
            view.get("agents.defaults.model"),
            "agents.defaults.model",
            &mut own,
        ),
        Some(agent) if agent.get("model").is_some() => {
            models_of(
                agent.get("model"),
                &format!("{}.model", agent.path()),
                &mut own,
            );
        }
        Some(_) => models_of(
            view.get("agents.defaults.model"),
            "agents.defaults.model",
            &mut inherited,
        ),
    }
    let mut sub = Vec::new();
    let sub_setting = agent
        .and_then(|agent| {
            agent
                .get("subagents.model")
                .map(|s| (s, format!("{}.subagents.model", agent.path())))
        })
        .or_else(|| {
            view.get("agents.defaults.subagents.model")
                .map(|s| (s, "agents.defaults.subagents.model".to_owned()))
        });
    if let Some((setting, base)) = sub_setting {
        models_of(Some(setting), &base, &mut sub);
    }
    own.into_iter()
        .map(|(source, raw)| (source, raw, true))
        .chain(
            inherited
                .into_iter()
                .chain(sub)
                .map(|(source, raw)| (source, raw, false)),
        )
        .collect()
}

fn check_lane(view: &View, agent: Option<&Agent<'_>>, aliases: &Aliases, out: &mut Findings) {
    let mut lines = Vec::new();
    for (source, raw, judged_by_reference) in lane_models(view, agent) {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let id = resolve(raw, aliases);
        let Some(why) = small_or_local(view, &id) else {
            continue;
        };
        let (provider, model) = id.split_once('/').unwrap_or(("", id.as_str()));
        let web = reachable(
            view,
            &LanePolicy::new(view, agent, Some((provider, model)), true),
        );
        if web.is_empty() || (judged_by_reference && is_small(&id)) {
            continue;
        }
        lines.push(format!(
            "{id} at {source} ({why}) reaches {}",
            web.join(", ")
        ));
    }
    if lines.is_empty() {
        return;
    }
    let lane = agent.map_or_else(|| "agents.defaults".to_owned(), Agent::path);
    out.push(
        META.finding(format!("Lane {lane}: {}.", lines.join("; ")))
            .at(lane),
    );
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let aliases = Aliases::read(view);
    check_lane(view, None, &aliases, out);
    for agent in roster(view) {
        check_lane(view, Some(&agent), &aliases, out);
    }
}

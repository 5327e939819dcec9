//! `acme.forbidden_model`: an agent configured with a model Acme forbids.

use pincer_sdk::prelude::*;
use serde_json::Value;

/// The check.
pub static FORBIDDEN: CheckMeta = CheckMeta {
    id: "acme.forbidden_model",
    severity: Severity::Critical,
    title: "An agent uses a model Acme forbids",
    description: "Models on the pack's forbiddenModels list must not serve any agent, as the \
                  primary model or a fallback.",
    remediation: "Replace the model with an approved one.",
    references: &[],
};

/// Model ids of a `model` setting: a string, or `{primary, fallbacks}`.
fn models_of(value: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(model) => out.push((model.clone(), path.to_owned())),
        Value::Object(object) => {
            if let Some(Value::String(primary)) = object.get("primary") {
                out.push((primary.clone(), format!("{path}.primary")));
            }
            if let Some(Value::Array(fallbacks)) = object.get("fallbacks") {
                for (index, fallback) in fallbacks.iter().enumerate() {
                    if let Value::String(model) = fallback {
                        out.push((model.clone(), format!("{path}.fallbacks[{index}]")));
                    }
                }
            }
        }
        _ => {}
    }
}

/// Whether `model` is on the list (a trailing `*` matches a prefix).
fn forbidden(model: &str, list: &[String]) -> bool {
    list.iter().any(|entry| match entry.strip_suffix('*') {
        Some(prefix) => model.starts_with(prefix),
        None => model == entry,
    })
}

/// Runs the check.
pub fn check(view: &View, out: &mut Findings) {
    let Some(list) = view.param::<Vec<String>>("forbiddenModels") else {
        return;
    };
    let mut models = Vec::new();
    if let Some(model) = view.get("agents.defaults.model") {
        models_of(model, "agents.defaults.model", &mut models);
    }
    for (index, agent) in view.array("agents.list").into_iter().flatten().enumerate() {
        if let Some(model) = agent.get("model") {
            models_of(model, &format!("agents.list[{index}].model"), &mut models);
        }
    }
    for (model, path) in models {
        if forbidden(&model, &list) {
            out.push(
                FORBIDDEN
                    .finding(format!("{path} is \"{model}\", which Acme forbids."))
                    .at(path),
            );
        }
    }
}

//! The model references of a config that the reference audit judges — the
//! default model and image model (primary and fallbacks) and each agent's
//! model — each resolved to a `provider/model` id the way the gateway
//! resolves it: auth-profile suffix dropped, aliases followed, `openai` as
//! the provider of a bare name, the provider lower-cased.

use pincer_sdk::View;
use pincer_sdk::agents::roster;
use serde_json::Value;

/// The provider of a model named without one.
const DEFAULT_PROVIDER: &str = "openai";

/// One model reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelRef {
    /// Where it is configured (`agents.defaults.model.primary`,
    /// `agents.entries.<id>.model.fallbacks`, ...).
    pub source: String,
    /// The agent whose setting it is; none for the defaults.
    pub agent: Option<String>,
    /// The resolved id, `provider/model`.
    pub id: String,
}

impl ModelRef {
    /// The provider and the model, split at the first `/`.
    pub fn provider_and_model(&self) -> (&str, &str) {
        self.id.split_once('/').unwrap_or(("", self.id.as_str()))
    }

    /// Whether this is an image model (never judged by size).
    pub fn is_image_model(&self) -> bool {
        self.source.contains("imageModel")
    }
}

/// Every judged reference of the config, in the reference's order.
pub fn collect(view: &View) -> Vec<ModelRef> {
    let aliases = Aliases::read(view);
    let mut out = Vec::new();
    let mut push = |source: String, agent: Option<&str>, raw: &Value| {
        if let Some(raw) = raw.as_str().map(str::trim).filter(|s| !s.is_empty()) {
            out.push(ModelRef {
                source,
                agent: agent.map(str::to_owned),
                id: resolve(raw, &aliases),
            });
        }
    };
    for slot in ["model", "imageModel"] {
        let Some(value) = view.get(&format!("agents.defaults.{slot}")) else {
            continue;
        };
        let base = format!("agents.defaults.{slot}");
        match value {
            Value::Object(setting) => {
                if let Some(primary) = setting.get("primary") {
                    push(format!("{base}.primary"), None, primary);
                }
                for fallback in setting
                    .get("fallbacks")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    push(format!("{base}.fallbacks"), None, fallback);
                }
            }
            other => push(format!("{base}.primary"), None, other),
        }
    }
    for agent in roster(view) {
        let Some(model) = agent.get("model") else {
            continue;
        };
        let base = format!("{}.model", agent.path());
        match model {
            Value::Object(setting) => {
                if let Some(primary) = setting.get("primary") {
                    push(format!("{base}.primary"), Some(agent.id), primary);
                }
                for fallback in setting
                    .get("fallbacks")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    push(format!("{base}.fallbacks"), Some(agent.id), fallback);
                }
            }
            other => push(base, Some(agent.id), other),
        }
    }
    out
}

/// Model aliases (`agents.defaults.models.<ref>.alias`).
pub struct Aliases(Vec<(String, String)>);

impl Aliases {
    /// The aliases of the config.
    pub fn read(view: &View) -> Self {
        let aliases = view
            .get("agents.defaults.models")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter_map(|(target, entry)| {
                let alias = entry.get("alias")?.as_str()?.trim();
                (!alias.is_empty()).then(|| (alias.to_ascii_lowercase(), target.clone()))
            })
            .collect();
        Aliases(aliases)
    }

    fn target(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.0
            .iter()
            .find(|(alias, _)| *alias == name)
            .map(|(_, target)| target.as_str())
    }
}

/// A raw reference as a `provider/model` id.
pub fn resolve(raw: &str, aliases: &Aliases) -> String {
    let raw = strip_profile(raw);
    let raw = aliases.target(raw).unwrap_or(raw);
    if raw.eq_ignore_ascii_case("openrouter:auto") {
        return "openrouter/auto".to_owned();
    }
    let (provider, model) = match raw.split_once('/') {
        Some((provider, model)) => (provider.trim().to_ascii_lowercase(), model.trim()),
        None => (DEFAULT_PROVIDER.to_owned(), raw),
    };
    let own_prefix = format!("{provider}/");
    let model = match model.get(..own_prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(&own_prefix) => &model[own_prefix.len()..],
        _ => model,
    };
    format!("{provider}/{model}")
}

/// The reference without an `@auth-profile` suffix on its last segment; a
/// date (`@20250514`) or a quantisation tag (`@q4_k_m`) stays.
fn strip_profile(raw: &str) -> &str {
    let last_segment = raw.rfind('/').map_or(0, |slash| slash + 1);
    let Some(at) = raw[last_segment..].rfind('@').map(|at| last_segment + at) else {
        return raw;
    };
    let suffix = raw[at + 1..].to_ascii_lowercase();
    let is_date = suffix.len() == 8 && suffix.bytes().all(|b| b.is_ascii_digit());
    let is_quantisation = suffix.starts_with('q')
        && suffix[1..].starts_with(|c: char| c.is_ascii_digit())
        || suffix.starts_with("iq") && suffix[2..].starts_with(|c: char| c.is_ascii_digit())
        || suffix.ends_with("bit")
            && suffix[..suffix.len() - 3]
                .bytes()
                .all(|b| b.is_ascii_digit());
    if is_date || is_quantisation {
        raw
    } else {
        &raw[..at]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pincer_sdk::prelude::*;
    use serde_json::json;

    fn no_aliases() -> Aliases {
        Aliases(Vec::new())
    }

    #[test]
    fn bare_names_are_openai_and_providers_lower_case() {
        assert_eq!(
            resolve("gpt-3.5-turbo", &no_aliases()),
            "openai/gpt-3.5-turbo"
        );
        assert_eq!(
            resolve("OpenAI/GPT-4-0613", &no_aliases()),
            "openai/GPT-4-0613"
        );
        assert_eq!(
            resolve("openai/openai/gpt-5", &no_aliases()),
            "openai/gpt-5"
        );
        assert_eq!(
            resolve("ollama/qwen3:8b@work", &no_aliases()),
            "ollama/qwen3:8b"
        );
        assert_eq!(
            resolve("ollama/qwen3:8b@q4_k_m", &no_aliases()),
            "ollama/qwen3:8b@q4_k_m"
        );
    }

    #[test]
    fn collects_defaults_images_and_agents_with_aliases() {
        let view = Scenario::config(json!({"agents": {
            "defaults": {
                "model": {"primary": "fast", "fallbacks": ["anthropic/claude-opus-5", 3]},
                "imageModel": "google/gemini-3-flash",
                "models": {"ollama/qwen2.5:3b": {"alias": "Fast"}}
            },
            "list": [{"id": "w", "model": "gpt-4o"}]
        }}))
        .view();
        let refs: Vec<(String, String)> = collect(&view)
            .into_iter()
            .map(|r| (r.source, r.id))
            .collect();
        assert_eq!(
            refs,
            vec![
                (
                    "agents.defaults.model.primary".into(),
                    "ollama/qwen2.5:3b".into()
                ),
                (
                    "agents.defaults.model.fallbacks".into(),
                    "anthropic/claude-opus-5".into()
                ),
                (
                    "agents.defaults.imageModel.primary".into(),
                    "google/gemini-3-flash".into()
                ),
                ("agents.entries.w.model".into(), "openai/gpt-4o".into()),
            ]
        );
    }
}

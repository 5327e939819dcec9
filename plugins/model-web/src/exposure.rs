//! Whether a lane — a model as one agent (or the defaults) runs it — can
//! reach web content: `web_search`, `web_fetch` or `browser`, each both
//! present in the gateway and admitted by every layer of the lane's tool
//! policy (profile, global and agent allow/deny, per-provider allow/deny,
//! and the sandbox tool policy when the lane is sandboxed in mode `all`).

use pincer_sdk::View;
use pincer_sdk::agents::{Agent, default_sandbox_mode};
use pincer_sdk::tools::ToolLayer;
use serde_json::{Map, Value};

/// The web tools the reference weighs, in report order.
pub const WEB_TOOLS: &[&str] = &["web_search", "web_fetch", "browser"];

/// Environment variables that give the bundled web-search plugins a key.
const SEARCH_KEY_VARS: &[&str] = &[
    "GOOGLE_CLOUD_API_KEY",
    "GEMINI_API_KEY",
    "GOOGLE_API_KEY",
    "MINIMAX_CODE_PLAN_KEY",
    "MINIMAX_CODING_API_KEY",
    "MINIMAX_API_KEY",
    "MINIMAX_OAUTH_TOKEN",
    "OLLAMA_API_KEY",
    "XAI_API_KEY",
];

/// The tool-policy layers of one lane.
pub struct LanePolicy {
    layers: Vec<ToolLayer>,
}

impl LanePolicy {
    /// The policy of `provider/model` run by `agent` (none: the defaults,
    /// judged with the global settings only).
    pub fn new<'a>(view: &'a View, agent: Option<&Agent<'a>>, provider: &str, model: &str) -> Self {
        let global = view.get("tools").and_then(Value::as_object);
        let own = agent
            .and_then(|a| a.get("tools"))
            .and_then(Value::as_object);
        fn field<'v>(tools: Option<&'v Map<String, Value>>, key: &str) -> Option<&'v Value> {
            tools.and_then(|t| t.get(key))
        }
        let mut layers = Vec::new();
        let profile = field(own, "profile")
            .or_else(|| field(global, "profile"))
            .and_then(Value::as_str);
        let also_allow = field(own, "alsoAllow")
            .filter(|v| v.is_array())
            .or_else(|| field(global, "alsoAllow"));
        layers.extend(profile.and_then(|p| ToolLayer::profile(p, also_allow)));
        for tools in [global, own] {
            layers.push(ToolLayer::from_lists(
                field(tools, "allow"),
                field(tools, "alsoAllow"),
                field(tools, "deny"),
            ));
        }
        for tools in [global, own] {
            if let Some(entry) = by_provider(field(tools, "byProvider"), provider, model) {
                layers.push(ToolLayer::from_lists(
                    entry.get("allow"),
                    None,
                    entry.get("deny"),
                ));
            }
        }
        let mode = agent
            .and_then(|a| a.get("sandbox.mode"))
            .and_then(Value::as_str)
            .unwrap_or_else(|| default_sandbox_mode(view));
        if mode == "all" {
            layers.push(ToolLayer::sandbox(view, agent));
        }
        LanePolicy { layers }
    }

    /// Whether every layer admits `tool`.
    pub fn allows(&self, tool: &str) -> bool {
        self.layers.iter().all(|layer| layer.allows(tool))
    }
}

/// The `byProvider` entry for a model: `provider/model` first, then
/// `provider`, keys compared without case.
fn by_provider<'a>(map: Option<&'a Value>, provider: &str, model: &str) -> Option<&'a Value> {
    let map = map?.as_object()?;
    let exact = format!("{provider}/{}", model.to_ascii_lowercase());
    [exact.as_str(), provider].into_iter().find_map(|wanted| {
        map.iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(wanted))
            .map(|(_, entry)| entry)
    })
}

/// The web tools the gateway offers at all.
pub fn available_web_tools(view: &View) -> Vec<&'static str> {
    let mut tools = Vec::new();
    if web_search_available(view) {
        tools.push("web_search");
    }
    if view.bool("tools.web.fetch.enabled") != Some(false) {
        tools.push("web_fetch");
    }
    if browser_available(view) {
        tools.push("browser");
    }
    tools
}

/// `web_search` exists when enabled, or, with `enabled` unset, when a
/// search provider or key is configured or in the environment.
fn web_search_available(view: &View) -> bool {
    match view.bool("tools.web.search.enabled") {
        Some(enabled) => enabled,
        None => {
            let configured = |settings: Option<&Value>| {
                settings.and_then(Value::as_object).is_some_and(|settings| {
                    settings.iter().any(|(key, value)| {
                        key != "enabled"
                            && match value {
                                Value::String(s) => !s.trim().is_empty(),
                                Value::Null => false,
                                _ => true,
                            }
                    })
                })
            };
            configured(view.get("tools.web.search"))
                || view
                    .get("plugins.entries")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .any(|(_, entry)| {
                        configured(entry.get("config").and_then(|c| c.get("webSearch")))
                    })
                || SEARCH_KEY_VARS.iter().any(|name| {
                    view.env_var(name).is_some_and(|marker| {
                        marker.set
                            && marker
                                .classes
                                .iter()
                                .any(|c| *c != pincer_sdk::CharClass::Whitespace)
                    })
                })
        }
    }
}

/// The browser tool exists unless the browser or its plugin is turned off.
fn browser_available(view: &View) -> bool {
    let names_browser =
        |list: &Vec<Value>| list.iter().any(|entry| entry.as_str() == Some("browser"));
    !(view.bool("browser.enabled") == Some(false)
        || view.bool("plugins.enabled") == Some(false)
        || view.array("plugins.deny").is_some_and(names_browser)
        || view.bool("plugins.entries.browser.enabled") == Some(false)
        || view
            .array("plugins.allow")
            .is_some_and(|allow| !allow.is_empty() && !names_browser(allow)))
}

/// The web tools a lane reaches.
pub fn reachable(view: &View, policy: &LanePolicy) -> Vec<&'static str> {
    available_web_tools(view)
        .into_iter()
        .filter(|tool| policy.allows(tool))
        .collect()
}

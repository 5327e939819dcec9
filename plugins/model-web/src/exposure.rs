//! Whether a lane — a model as one agent (or the defaults) runs it — can
//! reach web content: `web_search`, `web_fetch` or `browser`, each both
//! present in the gateway and admitted by every layer of the lane's tool
//! policy (profile, global and agent allow/deny, per-provider allow/deny,
//! and the sandbox tool policy when the lane is sandboxed in mode `all`).

use pincer_sdk::View;
use pincer_sdk::tools::LanePolicy;
use serde_json::Value;

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
    if let Some(enabled) = view.bool("tools.web.search.enabled") {
        enabled
    } else {
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
                .any(|(_, entry)| configured(entry.get("config").and_then(|c| c.get("webSearch"))))
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

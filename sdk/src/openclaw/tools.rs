//! Tool policies as the gateway evaluates them: tool names and their
//! aliases, groups (`group:web`, ...), `*` wildcards, the built-in tool
//! profiles, allow/deny layers, and the tool policy of sandboxed sessions
//! (`tools.sandbox.tools`, and an agent's own `tools.sandbox.tools`): which
//! tools a sandboxed agent may call. Deny wins; a non-empty allow list admits only what it names; an
//! empty or absent list admits everything not denied — except that without
//! a configured `allow` the gateway's default allow list applies, and
//! without a configured `deny` its default deny list. An agent's `allow`,
//! `alsoAllow` or `deny` replaces the global one of the same name.

use crate::View;
use crate::agents::{Agent, default_sandbox_mode, lookup};
use serde_json::Map;
use serde_json::Value;

/// What sandboxed sessions may call when `allow` is not configured.
const DEFAULT_ALLOW: &[&str] = &[
    "exec",
    "process",
    "read",
    "ls",
    "write",
    "edit",
    "apply_patch",
    "view_image",
    "sessions_list",
    "sessions_history",
    "sessions_search",
    "sessions_send",
    "sessions_spawn",
    "sessions_yield",
    "subagents",
    "session_status",
];

/// Tools denied when `deny` is not configured, before the channel tools.
const DEFAULT_DENY_TOOLS: &[&str] = &[
    "browser",
    "canvas",
    "computer",
    "mobile_ui",
    "nodes",
    "automations",
    "gateway",
];

/// The bundled channels, each also a tool that sends on that channel;
/// denied by default.
pub const CHANNEL_TOOLS: &[&str] = &[
    "feishu",
    "googlechat",
    "nostr",
    "buzz",
    "msteams",
    "mattermost",
    "nextcloud-talk",
    "matrix",
    "raft",
    "a2a",
    "line",
    "zalo",
    "clickclack",
    "zalouser",
    "sms",
    "synology-chat",
    "tlon",
    "discord",
    "imessage",
    "irc",
    "reef",
    "signal",
    "slack",
    "telegram",
    "twitch",
    "whatsapp",
];

/// The tool groups a policy may name.
const GROUPS: &[(&str, &[&str])] = &[
    ("group:fs", &["ls", "read", "write", "edit", "apply_patch"]),
    (
        "group:runtime",
        &["exec", "process", "code_execution", "secrets"],
    ),
    ("group:web", &["web_search", "web_fetch", "x_search"]),
    (
        "group:ui",
        &[
            "browser",
            "screen",
            "theme",
            "dashboard",
            "terminal",
            "portal",
            "canvas",
            "show_widget",
        ],
    ),
    ("group:nodes", &["nodes", "computer", "mobile_ui"]),
    (
        "group:automation",
        &[
            "heartbeat_respond",
            "automations",
            "gateway",
            "plugins",
            "openclaw",
        ],
    ),
    ("group:messaging", &["message"]),
    ("group:memory", &["memory_search", "memory_get"]),
    (
        "group:sessions",
        &[
            "sessions",
            "sessions_list",
            "sessions_history",
            "sessions_search",
            "conversations_list",
            "conversations_send",
            "conversations_turn",
            "sessions_send",
            "sessions_spawn",
            "github_identity_status",
            "github_publish",
            "agents_wait",
            "sessions_yield",
            "subagents",
            "session_status",
            "suggest_task",
            "dismiss_task",
        ],
    ),
    (
        "group:agents",
        &[
            "agents_list",
            "get_goal",
            "create_goal",
            "update_goal",
            "progress_card",
            "ask_user",
            "skill_workshop",
        ],
    ),
    (
        "group:media",
        &[
            "view_image",
            "image_generate",
            "music_generate",
            "video_generate",
            "tts",
            "pdf",
        ],
    ),
];

/// `group:openclaw`: everything the gateway itself provides beyond the core
/// file and exec tools.
const OPENCLAW_GROUP_PARTS: &[&str] = &[
    "group:web",
    "group:messaging",
    "group:automation",
    "group:nodes",
    "group:memory",
    "group:sessions",
    "group:agents",
    "group:media",
];

/// The tools of the built-in profiles (`tools.profile`): tool names, and
/// `group:` names for a whole group.
const PROFILES: &[(&str, &[&str])] = &[
    ("minimal", &["session_status", "gateway"]),
    (
        "coding",
        &[
            "ls",
            "read",
            "write",
            "edit",
            "apply_patch",
            "exec",
            "process",
            "code_execution",
            "secrets",
            "web_search",
            "web_fetch",
            "x_search",
            "group:memory",
            "group:sessions",
            "screen",
            "theme",
            "dashboard",
            "terminal",
            "portal",
            "gateway",
            "plugins",
            "automations",
            "get_goal",
            "create_goal",
            "update_goal",
            "progress_card",
            "ask_user",
            "skill_workshop",
            "view_image",
            "image_generate",
            "music_generate",
            "video_generate",
            "bundle-mcp",
        ],
    ),
    (
        "messaging",
        &[
            "secrets",
            "sessions",
            "sessions_list",
            "sessions_history",
            "sessions_search",
            "conversations_list",
            "conversations_send",
            "conversations_turn",
            "sessions_send",
            "sessions_spawn",
            "sessions_yield",
            "subagents",
            "session_status",
            "theme",
            "message",
            "gateway",
            "ask_user",
            "bundle-mcp",
        ],
    ),
    ("full", &["*"]),
];

/// The entries of a built-in profile's tool list (tool names and `group:`
/// names, which [`ToolLayer::profile`] expands); none for an unknown
/// profile.
pub fn profile_tools(profile: &str) -> Option<&'static [&'static str]> {
    PROFILES
        .iter()
        .find(|(name, _)| *name == profile)
        .map(|(_, tools)| *tools)
}

/// One allow/deny layer of a tool policy, lists expanded and lower-cased:
/// deny wins, and a non-empty allow list admits only what it names.
#[derive(Debug, Clone, Default)]
pub struct ToolLayer {
    allow: Vec<String>,
    deny: Vec<String>,
}

impl ToolLayer {
    /// A layer from a `tools`-style object's `allow`, `alsoAllow` and
    /// `deny`: `alsoAllow` extends a non-empty `allow`; without one (absent
    /// or empty) everything is already admitted, so it changes nothing.
    pub fn from_lists(
        allow: Option<&Value>,
        also_allow: Option<&Value>,
        deny: Option<&Value>,
    ) -> Self {
        let mut allow = allow.map(names).unwrap_or_default();
        if !allow.is_empty() {
            allow.extend(also_allow.map(names).unwrap_or_default());
        }
        ToolLayer {
            allow,
            deny: deny.map(names).unwrap_or_default(),
        }
    }

    /// The layer of a built-in profile, with `alsoAllow` added to it; none
    /// for an unknown profile.
    pub fn profile(profile: &str, also_allow: Option<&Value>) -> Option<Self> {
        let mut allow = Vec::new();
        for entry in profile_tools(profile)? {
            expand(entry, &mut allow);
        }
        allow.extend(also_allow.map(names).unwrap_or_default());
        Some(ToolLayer {
            allow,
            deny: Vec::new(),
        })
    }

    /// The sandbox tool policy (`tools.sandbox.tools`), with an agent's own
    /// lists replacing the global ones of the same name.
    pub fn sandbox(view: &View, agent: Option<&Agent<'_>>) -> Self {
        Self::resolve_sandbox(|field| {
            let path = format!("tools.sandbox.tools.{field}");
            agent
                .and_then(|agent| lookup(agent.config, &path))
                .or_else(|| view.get(&path))
        })
    }

    fn resolve_sandbox<'a>(field: impl Fn(&str) -> Option<&'a Value>) -> Self {
        let configured_allow = field("allow").map(names);
        let also_allow = field("alsoAllow").map(names).unwrap_or_default();
        let explicit: Vec<String> = configured_allow
            .iter()
            .flatten()
            .chain(&also_allow)
            .cloned()
            .collect();
        let mut allow = configured_allow
            .unwrap_or_else(|| DEFAULT_ALLOW.iter().map(|t| (*t).to_owned()).collect());
        allow.extend(also_allow);
        let deny = match field("deny") {
            Some(deny) => names(deny),
            None => DEFAULT_DENY_TOOLS
                .iter()
                .chain(CHANNEL_TOOLS)
                .map(|t| (*t).to_owned())
                .filter(|tool| !explicit.iter().any(|pattern| matches(pattern, tool)))
                .collect(),
        };
        ToolLayer { allow, deny }
    }

    /// Whether the layer lets `tool` through. Allowing `write` allows
    /// `apply_patch` too.
    pub fn allows(&self, tool: &str) -> bool {
        let denied = self.deny.iter().any(|pattern| matches(pattern, tool));
        let named = |tool: &str| self.allow.iter().any(|p| matches(p, tool));
        let admitted =
            self.allow.is_empty() || named(tool) || (tool == "apply_patch" && named("write"));
        !denied && admitted
    }

    /// Whether the layer restricts anything at all.
    pub fn is_open(&self) -> bool {
        self.allow.is_empty() && self.deny.is_empty()
    }
}

/// The tool policy of one lane — a model run by one agent (or by the
/// defaults): every layer must admit a tool.
pub struct LanePolicy {
    layers: Vec<ToolLayer>,
}

impl LanePolicy {
    /// The policy of `agent`'s lane (none: the defaults, with the global
    /// settings only): the built-in profile (with `alsoAllow` when
    /// `profile_also_allow`), the global and the agent's allow/deny, the
    /// `byProvider` allow/deny of `provider_model` when given, and the
    /// sandbox tool policy when the lane is sandboxed in mode `all`.
    pub fn new<'a>(
        view: &'a View,
        agent: Option<&Agent<'a>>,
        provider_model: Option<(&str, &str)>,
        profile_also_allow: bool,
    ) -> Self {
        fn field<'v>(tools: Option<&'v Map<String, Value>>, key: &str) -> Option<&'v Value> {
            tools.and_then(|t| t.get(key))
        }
        let global = view.get("tools").and_then(Value::as_object);
        let own = agent
            .and_then(|a| a.get("tools"))
            .and_then(Value::as_object);
        let mut layers = Vec::new();
        let profile = field(own, "profile")
            .or_else(|| field(global, "profile"))
            .and_then(Value::as_str);
        let also_allow = field(own, "alsoAllow")
            .filter(|v| v.is_array())
            .or_else(|| field(global, "alsoAllow"));
        let also_allow = also_allow.filter(|_| profile_also_allow);
        layers.extend(profile.and_then(|p| ToolLayer::profile(p, also_allow)));
        for tools in [global, own] {
            layers.push(ToolLayer::from_lists(
                field(tools, "allow"),
                field(tools, "alsoAllow"),
                field(tools, "deny"),
            ));
        }
        for tools in [global, own] {
            let Some((provider, model)) = provider_model else {
                break;
            };
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

/// The names of a policy list, lower-cased, aliases resolved, groups
/// expanded (non-strings ignored).
pub fn names(list: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for name in list
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        expand(&canonical(name), &mut out);
    }
    out
}

fn expand(name: &str, out: &mut Vec<String>) {
    if name == "group:openclaw" {
        for part in OPENCLAW_GROUP_PARTS {
            expand(part, out);
        }
        out.extend(["code_execution", "secrets"].map(str::to_owned));
        out.extend(
            GROUPS
                .iter()
                .find(|(group, _)| *group == "group:ui")
                .into_iter()
                .flat_map(|(_, tools)| tools.iter())
                .filter(|tool| **tool != "canvas")
                .map(|tool| (*tool).to_owned()),
        );
        return;
    }
    match GROUPS.iter().find(|(group, _)| *group == name) {
        Some((_, tools)) => out.extend(tools.iter().map(|t| (*t).to_owned())),
        None => out.push(name.to_owned()),
    }
}

fn canonical(name: &str) -> String {
    let name = name.trim().to_ascii_lowercase();
    match name.as_str() {
        "bash" => "exec".to_owned(),
        "apply-patch" => "apply_patch".to_owned(),
        "cron" => "automations".to_owned(),
        _ => name,
    }
}

/// Whether a policy entry (with `*` wildcards) names `tool`.
pub fn matches(pattern: &str, tool: &str) -> bool {
    if pattern == tool || (pattern == "image" && tool == "view_image") {
        return true;
    }
    if !pattern.contains('*') {
        return false;
    }
    let mut rest = tool;
    let mut parts = pattern.split('*').peekable();
    let mut first = true;
    while let Some(part) = parts.next() {
        let last = parts.peek().is_none();
        if first {
            let Some(tail) = rest.strip_prefix(part) else {
                return false;
            };
            rest = tail;
            first = false;
        } else if last {
            return rest.ends_with(part);
        } else if let Some(at) = rest.find(part) {
            rest = &rest[at + part.len()..];
        } else {
            return false;
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Scenario;
    use serde_json::json;

    fn global(tools: Value) -> ToolLayer {
        let view = Scenario::config(json!({"tools": {"sandbox": {"tools": tools}}})).view();
        ToolLayer::sandbox(&view, None)
    }

    #[test]
    fn a_profile_admits_the_members_of_the_groups_it_names() {
        let coding = ToolLayer::profile("coding", None).expect("a built-in profile");
        for tool in ["sessions_spawn", "dismiss_task", "memory_get", "exec"] {
            assert!(coding.allows(tool), "coding admits {tool}");
        }
        assert!(!coding.allows("browser"));
        let messaging = ToolLayer::profile("messaging", None).expect("a built-in profile");
        assert!(messaging.allows("sessions_send") && !messaging.allows("github_publish"));
        assert!(ToolLayer::profile("nonsense", None).is_none());
    }

    #[test]
    fn defaults_keep_browser_web_and_control_tools_out() {
        let policy = global(json!({}));
        assert!(policy.allows("exec"));
        for tool in [
            "browser",
            "web_fetch",
            "web_search",
            "gateway",
            "automations",
            "telegram",
        ] {
            assert!(!policy.allows(tool), "{tool}");
        }
    }

    #[test]
    fn a_wildcard_allow_with_a_configured_deny_replaces_the_default_deny() {
        let policy = global(json!({"allow": ["*"], "deny": ["group:web"]}));
        assert!(!policy.allows("web_fetch"));
        assert!(policy.allows("browser"));
        assert!(policy.allows("gateway"));
        assert!(policy.allows("telegram"));
    }

    #[test]
    fn an_empty_allow_admits_everything_not_denied() {
        let policy = global(json!({"allow": []}));
        assert!(policy.allows("web_search"));
        assert!(!policy.allows("browser"));
    }

    #[test]
    fn explicit_allow_lifts_a_default_deny_and_aliases_resolve() {
        let policy = global(json!({"alsoAllow": ["cron", "BROWSER"]}));
        assert!(policy.allows("automations"));
        assert!(policy.allows("browser"));
        assert!(!policy.allows("gateway"));
    }

    #[test]
    fn wildcards_match_inside_names() {
        assert!(matches("web_*", "web_fetch"));
        assert!(matches("*_search", "x_search"));
        assert!(matches("w*b*h", "web_fetch"));
        assert!(!matches("web_*", "browser"));
        assert!(matches("*", "anything"));
    }
}

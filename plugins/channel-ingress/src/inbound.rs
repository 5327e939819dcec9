//! Who may write to the agents: the DM and group policies of every channel
//! and channel account under `channels`, read the way the gateway reads
//! them (an account's own setting over its channel's, `dmPolicy` over the
//! legacy `dm.policy`), and the signals that more than one person can reach
//! the gateway.

use pincer_sdk::View;
use serde_json::{Map, Value};

/// The group policy the gateway gives a channel that sets none.
pub const DEFAULT_GROUP_POLICY: &str = "allowlist";

/// One policy section: a channel, or one account of a channel.
pub struct Section<'a> {
    /// Its config path (`channels.telegram`, `channels.slack.accounts.work`).
    pub path: String,
    /// Its settings as written (an account: without its channel's).
    pub own: &'a Map<String, Value>,
    /// The channel's settings, for an account (what it inherits).
    pub channel: Option<&'a Map<String, Value>>,
}

impl<'a> Section<'a> {
    /// A setting of the section, falling back to its channel's.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.own
            .get(key)
            .or_else(|| self.channel.and_then(|channel| channel.get(key)))
    }

    /// A string setting, with the channel's as fallback.
    pub fn str(&self, key: &str) -> Option<&'a str> {
        self.get(key).and_then(Value::as_str)
    }

    /// The DM policy written on the section itself, `dmPolicy` before the
    /// legacy `dm.policy`, with the key that holds it.
    pub fn own_dm_policy(&self) -> Option<(&'static str, &'a str)> {
        match self.own.get("dmPolicy") {
            Some(Value::Null) | None => self
                .own
                .get("dm")
                .and_then(|dm| dm.get("policy"))
                .and_then(Value::as_str)
                .map(|policy| ("dm.policy", policy)),
            Some(value) => value.as_str().map(|policy| ("dmPolicy", policy)),
        }
    }

    /// Whether a list setting (with the channel's as fallback) holds `*`.
    pub fn list_has_wildcard(&self, key: &str) -> bool {
        self.get(key).is_some_and(has_wildcard)
    }
}

/// Whether a JSON list holds the wildcard entry `*` (trimmed; numbers and
/// other scalars as their text).
pub fn has_wildcard(list: &Value) -> bool {
    list.as_array().is_some_and(|entries| {
        entries.iter().any(|entry| match entry {
            Value::String(text) => text.trim() == "*",
            _ => false,
        })
    })
}

/// Every channel and every account of a channel, in file order.
pub fn sections(view: &View) -> Vec<Section<'_>> {
    let mut out = Vec::new();
    let Some(channels) = view.get("channels").and_then(Value::as_object) else {
        return out;
    };
    for (name, channel) in channels {
        let Some(channel) = channel.as_object() else {
            continue;
        };
        let path = format!("channels.{name}");
        out.push(Section {
            path: path.clone(),
            own: channel,
            channel: None,
        });
        let accounts = channel.get("accounts").and_then(Value::as_object);
        for (id, account) in accounts.into_iter().flatten() {
            if let Some(account) = account.as_object() {
                out.push(Section {
                    path: format!("{path}.accounts.{id}"),
                    own: account,
                    channel: Some(channel),
                });
            }
        }
    }
    out
}

/// The config paths of every DM or group policy set to `open`, each
/// section judged by what it writes itself.
pub fn open_policies(view: &View) -> Vec<String> {
    let mut out = Vec::new();
    for section in sections(view) {
        if section.own.get("groupPolicy").and_then(Value::as_str) == Some("open") {
            out.push(format!("{}.groupPolicy", section.path));
        }
        if let Some((key, "open")) = section.own_dm_policy() {
            out.push(format!("{}.{key}", section.path));
        }
    }
    out
}

/// Whether a section names group targets (groups, guilds, channels or
/// rooms) to allow.
fn has_group_targets(section: &Section<'_>) -> bool {
    ["groups", "guilds", "channels", "rooms"].iter().any(|key| {
        section
            .get(key)
            .and_then(Value::as_object)
            .is_some_and(|targets| !targets.is_empty())
    })
}

/// Signs that several people can reach the gateway: open DM or group
/// policies, group allowlists with targets, wildcard sender lists. An
/// account is judged with its channel's settings merged in.
pub fn multi_user_signals(view: &View) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |signal: String| {
        if !out.contains(&signal) {
            out.push(signal);
        }
    };
    for section in sections(view) {
        let path = &section.path;
        // The gateway fills in `allowlist` for a channel that sets none.
        match section.str("groupPolicy").or(Some(DEFAULT_GROUP_POLICY)) {
            Some("open") => add(format!("{path}.groupPolicy is open")),
            Some("allowlist") if has_group_targets(&section) => {
                add(format!("{path}.groupPolicy is an allowlist of groups"));
            }
            _ => {}
        }
        if section.str("dmPolicy") == Some("open") {
            add(format!("{path}.dmPolicy is open"));
        }
        for key in ["allowFrom", "groupAllowFrom"] {
            if section.list_has_wildcard(key) {
                add(format!("{path}.{key} admits everyone (*)"));
            }
        }
        if let Some(dm) = section.get("dm").and_then(Value::as_object) {
            if dm.get("policy").and_then(Value::as_str) == Some("open") {
                add(format!("{path}.dm.policy is open"));
            }
            if dm.get("allowFrom").is_some_and(has_wildcard) {
                add(format!("{path}.dm.allowFrom admits everyone (*)"));
            }
        }
    }
    out
}

/// How many channels set `groupPolicy` to `open`, to `allowlist`, or to
/// something else (or nothing).
pub fn group_policy_counts(view: &View) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    let channels = view.get("channels").and_then(Value::as_object);
    for channel in channels.into_iter().flatten().map(|(_, c)| c) {
        if !channel.is_object() {
            continue;
        }
        let policy = channel.get("groupPolicy").and_then(Value::as_str);
        match policy.or(Some(DEFAULT_GROUP_POLICY)) {
            Some("open") => counts.0 += 1,
            Some("allowlist") => counts.1 += 1,
            _ => counts.2 += 1,
        }
    }
    counts
}

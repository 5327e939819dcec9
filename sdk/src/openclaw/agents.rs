//! The agent roster and how an agent's settings fall back to the defaults.
//!
//! OpenClaw configures agents in `agents.entries` (an object keyed by agent
//! id) or, in older configs, `agents.list` (an array of objects with an
//! `id`); when both are present, `entries` wins and the list is ignored.
//! Every agent inherits `agents.defaults` for what it does not set itself.
//! Findings name an agent by its canonical path, `agents.entries.<id>`,
//! whichever form the file used — the gateway normalises the list form.
//!
//! This is the one model of agents, owners and workspaces: the plugins read
//! it through a [`View`], the host through the config value, so that every
//! check and every collector sees the same agents and the same workspaces.
//! Where the reference reads agents differently, a function of its own
//! says so ([`reference_store_agent_ids`]).

use crate::View;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// The sandbox mode an agent gets when neither it nor the defaults set one.
pub const DEFAULT_SANDBOX_MODE: &str = "off";

/// One configured agent.
#[derive(Debug, Clone, Copy)]
pub struct Agent<'a> {
    /// Its id (`main`, `support`, ...).
    pub id: &'a str,
    /// Its settings, as written.
    pub config: &'a Map<String, Value>,
}

impl<'a> Agent<'a> {
    /// The canonical config path of the agent (`agents.entries.<id>`).
    pub fn path(&self) -> String {
        format!("agents.entries.{}", self.id)
    }

    /// The value at a dotted path inside the agent's own settings.
    pub fn get(&self, path: &str) -> Option<&'a Value> {
        lookup(self.config, path)
    }

    /// The sandbox mode the agent runs with: its own, else the defaults',
    /// else [`DEFAULT_SANDBOX_MODE`].
    pub fn sandbox_mode(&self, view: &'a View) -> &'a str {
        self.get("sandbox.mode")
            .and_then(Value::as_str)
            .unwrap_or_else(|| default_sandbox_mode(view))
    }
}

/// Every agent of the config, in file order: `agents.entries` when it is
/// present, else the objects of `agents.list` that carry a string `id`.
pub fn roster(view: &View) -> Vec<Agent<'_>> {
    roster_of(view.config())
}

/// [`roster`] over a config value (the host's side).
pub fn roster_of(config: &Value) -> Vec<Agent<'_>> {
    let agents = config.get("agents");
    if let Some(entries) = agents.and_then(|agents| agents.get("entries")) {
        return entries
            .as_object()
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|(id, config)| {
                        Some(Agent {
                            id,
                            config: config.as_object()?,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
    }
    agents
        .and_then(|agents| agents.get("list"))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|item| {
                    let config = item.as_object()?;
                    let id = config.get("id")?.as_str()?;
                    Some(Agent { id, config })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The agent whose workspace is the installation's default one, as the
/// gateway picks it: `agents.defaults.systemAgent.agentId`; else `main`
/// when no agent is configured; else the agent marked `default: true`;
/// else the only agent. None when several agents leave it open.
pub fn owner(config: &Value) -> Option<String> {
    if let Some(id) = config
        .pointer("/agents/defaults/systemAgent/agentId")
        .and_then(Value::as_str)
    {
        return Some(id.to_owned());
    }
    let agents = roster_of(config);
    if agents.is_empty() {
        return Some(MAIN_AGENT.to_owned());
    }
    let marked =
        |agent: &&Agent<'_>| agent.config.get("default").and_then(Value::as_bool) == Some(true);
    agents
        .iter()
        .find(marked)
        .or_else(|| (agents.len() == 1).then(|| &agents[0]))
        .map(|agent| agent.id.to_owned())
}

/// The agent the reference's audit takes the global settings to stand for
/// (its scope list of exec security): `main` when the config has no roster
/// at all; else the one agent marked `default: true` unless
/// `agents.ownership` is `explicit`; else the only agent; else none. It
/// differs from the gateway's workspace [`owner`]: no `systemAgent`, and two
/// marked agents name none.
pub fn reference_default_agent_id<'a>(view: &'a View, agents: &[Agent<'a>]) -> Option<&'a str> {
    if agents.is_empty()
        && view.get("agents.entries").is_none()
        && view.get("agents.list").is_none()
    {
        return Some("main");
    }
    let explicit = view.str("agents.ownership") == Some("explicit");
    let marked: Vec<&Agent<'_>> = agents
        .iter()
        .filter(|agent| agent.get("default").and_then(Value::as_bool) == Some(true))
        .collect();
    if !explicit && marked.len() == 1 {
        return Some(marked[0].id);
    }
    (agents.len() == 1).then(|| agents[0].id)
}

/// The agent id OpenClaw assumes when none is configured.
pub const MAIN_AGENT: &str = "main";

/// Every agent workspace of the installation as the gateway resolves it,
/// owner first, without repeats: an agent's own `workspace`; for the owner,
/// else `agents.defaults.workspace`, else `$OPENCLAW_WORKSPACE_DIR`, else
/// `STATE/workspace`; for any other agent, `agents.defaults.workspace/<id>`,
/// else `STATE/workspace-<id>`, with the id normalised
/// ([`normalize_agent_id`]). `~` expands against `home`.
pub fn workspaces(
    config: &Value,
    state_dir: &Path,
    home: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Vec<PathBuf> {
    let agents = roster_of(config);
    let owner = owner(config);
    let defaults = config
        .pointer("/agents/defaults/workspace")
        .and_then(Value::as_str)
        .map(|w| expand_home(w, home));
    let own_of = |id: &str| {
        agents
            .iter()
            .find(|agent| normalize_agent_id(agent.id) == normalize_agent_id(id))
            .and_then(|agent| agent.config.get("workspace"))
            .and_then(Value::as_str)
    };
    let owner = owner.map(|id| normalize_agent_id(&id));
    let workspace_of = |raw: &str| -> PathBuf {
        if let Some(own) = own_of(raw).map(str::trim).filter(|own| !own.is_empty()) {
            return expand_home(own, home);
        }
        // Derived paths use the id as the gateway normalises it.
        let id = normalize_agent_id(raw);
        if owner.as_deref() == Some(id.as_str()) {
            return defaults
                .clone()
                .or_else(|| env("OPENCLAW_WORKSPACE_DIR").map(|w| expand_home(&w, home)))
                .unwrap_or_else(|| state_dir.join("workspace"));
        }
        defaults.as_ref().map_or_else(
            || state_dir.join(format!("workspace-{id}")),
            |d| d.join(&id),
        )
    };
    let mut all: Vec<PathBuf> = Vec::new();
    let ids = owner
        .iter()
        .map(String::as_str)
        .chain(agents.is_empty().then_some(MAIN_AGENT))
        .chain(agents.iter().map(|agent| agent.id));
    for id in ids {
        let path = workspace_of(id);
        if !all.contains(&path) {
            all.push(path);
        }
    }
    all
}

/// The agents whose directories (`STATE/agents/<id>/`: auth profiles,
/// sessions) the reference's file-permission checks state: `main` always,
/// then every agent of the roster with a non-blank id (trimmed), each
/// normalised ([`normalize_agent_id`]), without repeats. The reference
/// reads these more widely than the workspace model: `main` is stated even
/// when the roster has no such agent.
pub fn reference_store_agent_ids(config: &Value) -> Vec<String> {
    let mut ids = vec![MAIN_AGENT.to_owned()];
    for agent in roster_of(config) {
        let raw = agent.id.trim();
        if raw.is_empty() {
            continue;
        }
        let id = normalize_agent_id(raw);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// OpenClaw's agent-id normalisation: trimmed and lower-cased; anything
/// but `[a-z0-9_-]` becomes `-` (runs collapsed), `-` trimmed from both
/// ends, at most 64 characters; empty means `main`.
pub fn normalize_agent_id(raw: &str) -> String {
    let lowered = raw.trim().to_lowercase();
    let mut id = String::with_capacity(lowered.len());
    for ch in lowered.chars() {
        let keep = ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_' || ch == '-';
        if keep {
            id.push(ch);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id: String = id.trim_matches('-').chars().take(64).collect();
    if id.is_empty() {
        MAIN_AGENT.to_owned()
    } else {
        id
    }
}

/// `~` and `~/…` against `home`.
pub fn expand_home(text: &str, home: Option<&Path>) -> PathBuf {
    match (text.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_path_buf(),
        (Some(rest), Some(home)) if rest.starts_with('/') => home.join(&rest[1..]),
        _ => PathBuf::from(text),
    }
}

/// `agents.defaults.sandbox.mode`, or [`DEFAULT_SANDBOX_MODE`].
pub fn default_sandbox_mode(view: &View) -> &str {
    view.str("agents.defaults.sandbox.mode")
        .unwrap_or(DEFAULT_SANDBOX_MODE)
}

/// The value at a dotted path inside a JSON object.
pub fn lookup<'a>(object: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    let mut segments = path.split('.');
    let mut value = object.get(segments.next()?)?;
    for segment in segments {
        value = value.as_object()?.get(segment)?;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Scenario;
    use serde_json::json;

    fn ids(config: Value) -> Vec<(String, String)> {
        let view = Scenario::config(config).view();
        roster(&view)
            .iter()
            .map(|agent| (agent.path(), agent.sandbox_mode(&view).to_owned()))
            .collect()
    }

    #[test]
    fn entries_win_over_the_list_and_modes_fall_back_to_the_defaults() {
        let config = json!({"agents": {
            "defaults": {"sandbox": {"mode": "all"}},
            "entries": {"main": {}, "ops": {"sandbox": {"mode": "off"}}, "junk": 3},
            "list": [{"id": "ignored"}]
        }});
        assert_eq!(
            ids(config),
            vec![
                ("agents.entries.main".to_owned(), "all".to_owned()),
                ("agents.entries.ops".to_owned(), "off".to_owned()),
            ]
        );
    }

    #[test]
    fn the_list_form_needs_string_ids_and_defaults_to_off() {
        let config = json!({"agents": {"list": [{"id": "a"}, {"name": "no id"}, {"id": 7}, "x"]}});
        assert_eq!(
            ids(config),
            vec![("agents.entries.a".to_owned(), "off".to_owned())]
        );
        assert!(ids(json!({})).is_empty());
    }

    #[test]
    fn every_agent_gets_the_workspace_the_gateway_gives_it() {
        let state = Path::new("/s");
        let home = Some(Path::new("/h"));
        let none = |_: &str| None;
        let config = json!({"agents": {"entries": {
            "main": {"default": true},
            "ops": {},
            "build": {"workspace": "~/build"}
        }}});
        assert_eq!(
            workspaces(&config, state, home, &none),
            vec![
                PathBuf::from("/s/workspace"),
                PathBuf::from("/s/workspace-ops"),
                PathBuf::from("/h/build")
            ]
        );
        let from_env = |name: &str| (name == "OPENCLAW_WORKSPACE_DIR").then(|| "~/w".to_owned());
        assert_eq!(
            workspaces(&json!({}), state, home, &from_env),
            vec![PathBuf::from("/h/w")]
        );
        let listed = json!({"agents": {"defaults": {"workspace": "/d"}, "list": [{"id": "a"}, {"id": "b"}]}});
        assert_eq!(owner(&listed), None, "two agents, none marked");
        assert_eq!(
            workspaces(&listed, state, home, &none),
            vec![PathBuf::from("/d/a"), PathBuf::from("/d/b")]
        );
    }

    #[test]
    fn the_references_stores_are_main_and_every_roster_agent_normalised() {
        let entries = json!({"agents": {"entries": {"Ops": {}, "main": {}, "build bot!": {}}}});
        assert_eq!(
            reference_store_agent_ids(&entries),
            ["main", "ops", "build-bot"]
        );
        let list = json!({"agents": {"list": [{"id": " Ops "}, {"id": "  "}, {"id": "qa"}]}});
        assert_eq!(reference_store_agent_ids(&list), ["main", "ops", "qa"]);
        assert_eq!(normalize_agent_id("  "), "main");
    }
}

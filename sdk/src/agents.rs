//! The agent roster and how an agent's settings fall back to the defaults.
//!
//! OpenClaw configures agents in `agents.entries` (an object keyed by agent
//! id) or, in older configs, `agents.list` (an array of objects with an
//! `id`); when both are present, `entries` wins and the list is ignored.
//! Every agent inherits `agents.defaults` for what it does not set itself.
//! Findings name an agent by its canonical path, `agents.entries.<id>`,
//! whichever form the file used — the gateway normalises the list form.

use crate::View;
use serde_json::{Map, Value};

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
    if let Some(entries) = view.get("agents.entries") {
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
    view.array("agents.list")
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
}

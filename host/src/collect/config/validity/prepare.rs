//! What OpenClaw does to a config between reading and validating it, at
//! every load (not the doctor's migrations, which it leaves to `openclaw
//! doctor --fix` and refuses until then): a well-formed `agents.list`
//! becomes keyed `agents.entries` and its one `default` marker is dropped;
//! a config without agents gets the implicit `main`; context budgets set
//! on a provider or an agent move to the provider's models or go; the
//! retired GitHub Copilot discovery switch goes.

use super::issue::{Step, ValuePath};
use pincer_sdk::agents::normalize_agent_id;
use serde_json::{Map, Value};

/// The config OpenClaw validates, and how its paths map back to the file.
#[derive(Debug)]
pub(crate) struct Prepared {
    /// The config as OpenClaw validates it.
    pub value: Value,
    /// For a roster moved from `agents.list`: each entry's id and its
    /// index in the list, where it was written.
    moved_roster: Vec<(String, usize)>,
    /// One legacy `default: true` marker named the default agent (and was
    /// dropped): OpenClaw then takes the roster's ownership as explicit.
    pub legacy_default: bool,
}

impl Prepared {
    /// Where `path` (of the prepared config) was written in the file's
    /// terms: `agents.entries.ops.x` → `agents.list.0.x` for a moved list.
    pub(crate) fn written_at(&self, path: &ValuePath) -> ValuePath {
        let steps = &path.0;
        let is_entry = steps.len() >= 3
            && steps[0] == Step::Key("agents".to_owned())
            && steps[1] == Step::Key("entries".to_owned());
        if !is_entry {
            return path.clone();
        }
        let Step::Key(id) = &steps[2] else {
            return path.clone();
        };
        match self.moved_roster.iter().find(|(moved, _)| moved == id) {
            Some((_, index)) => {
                let mut written = vec![
                    Step::Key("agents".to_owned()),
                    Step::Key("list".to_owned()),
                    Step::Index(*index),
                ];
                written.extend(steps[3..].iter().cloned());
                ValuePath(written)
            }
            None => path.clone(),
        }
    }
}

/// `config` as OpenClaw validates it.
pub(crate) fn prepare(config: &Value) -> Prepared {
    let mut value = config.clone();
    let mut moved_roster = Vec::new();
    let mut legacy_default = false;
    if let Some(root) = value.as_object_mut() {
        move_context_budgets(root);
        drop_copilot_discovery(root);
        (moved_roster, legacy_default) = roster(root);
    }
    Prepared {
        value,
        moved_roster,
        legacy_default,
    }
}

/// The roster step; returns the ids moved from `agents.list` with their
/// indices, and whether one legacy default marker was dropped.
fn roster(root: &mut Map<String, Value>) -> (Vec<(String, usize)>, bool) {
    let agents = root
        .entry("agents")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(agents) = agents.as_object_mut() else {
        return (Vec::new(), false);
    };
    let mut moved = Vec::new();
    let has = |agents: &Map<String, Value>, key: &str| agents.get(key).is_some();
    if !has(agents, "entries") && has(agents, "list") {
        let Some(entries) = agents.get("list").and_then(well_formed_list) else {
            return (Vec::new(), false);
        };
        moved = entries.iter().map(|(id, _)| id.clone()).zip(0..).collect();
        agents.remove("list");
        agents.insert(
            "entries".to_owned(),
            Value::Object(entries.into_iter().collect()),
        );
    }
    let explicit = agents.get("ownership").and_then(Value::as_str) == Some("explicit");
    let empty = agents
        .get("entries")
        .is_none_or(|entries| entries.as_object().is_some_and(Map::is_empty));
    if empty {
        if !explicit {
            let mut main = Map::new();
            main.insert("main".to_owned(), Value::Object(Map::new()));
            agents.insert("entries".to_owned(), Value::Object(main));
        }
        return (moved, false);
    }
    let dropped = agents
        .get_mut("entries")
        .and_then(Value::as_object_mut)
        .is_some_and(|entries| drop_default_marker(entries, explicit));
    (moved, dropped)
}

/// `agents.list` as keyed entries, when every element is an object with an
/// id that is already canonical and unique; else none (OpenClaw leaves
/// such a list as written, and refuses it).
fn well_formed_list(list: &Value) -> Option<Vec<(String, Value)>> {
    let mut entries: Vec<(String, Value)> = Vec::new();
    for element in list.as_array()? {
        let mut config = element.as_object()?.clone();
        let id = config.remove("id")?;
        let id = id.as_str()?;
        let canonical = !id.is_empty() && id.trim() == id && normalize_agent_id(id) == id;
        if !canonical || entries.iter().any(|(seen, _)| seen == id) {
            return None;
        }
        entries.push((id.to_owned(), Value::Object(config)));
    }
    Some(entries)
}

/// The retired `default: true` marker of a roster, dropped when exactly
/// one entry carries it (and every marker is a boolean); whether it was.
fn drop_default_marker(entries: &mut Map<String, Value>, explicit: bool) -> bool {
    let marks: Vec<&Value> = entries
        .values()
        .filter_map(Value::as_object)
        .filter_map(|entry| entry.get("default"))
        .collect();
    let marked = marks
        .iter()
        .filter(|mark| **mark == &Value::Bool(true))
        .count();
    if explicit || marked != 1 || marks.iter().any(|mark| !mark.is_boolean()) {
        return false;
    }
    for entry in entries.values_mut().filter_map(Value::as_object_mut) {
        entry.remove("default");
    }
    true
}

/// `contextTokens`/`contextWindow` on a provider move into its models that
/// lack them, then leave the provider; an agent's `contextTokens` goes.
fn move_context_budgets(root: &mut Map<String, Value>) {
    let providers = root
        .get_mut("models")
        .and_then(|models| models.get_mut("providers"))
        .and_then(Value::as_object_mut);
    for provider in providers.into_iter().flat_map(|p| p.values_mut()) {
        let Some(provider) = provider.as_object_mut() else {
            continue;
        };
        for key in ["contextTokens", "contextWindow"] {
            let Some(budget) = provider.remove(key) else {
                continue;
            };
            for model in provider
                .get_mut("models")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
                .filter_map(Value::as_object_mut)
            {
                model.entry(key).or_insert_with(|| budget.clone());
            }
        }
    }
    let Some(agents) = root.get_mut("agents").and_then(Value::as_object_mut) else {
        return;
    };
    if let Some(defaults) = agents.get_mut("defaults").and_then(Value::as_object_mut) {
        defaults.remove("contextTokens");
    }
    for key in ["entries", "list"] {
        let roster: Vec<&mut Value> = match agents.get_mut(key) {
            Some(Value::Object(entries)) => entries.values_mut().collect(),
            Some(Value::Array(list)) => list.iter_mut().collect(),
            _ => Vec::new(),
        };
        for entry in roster.into_iter().filter_map(Value::as_object_mut) {
            entry.remove("contextTokens");
        }
    }
}

/// `plugins.entries.github-copilot.config.discovery.enabled` is retired:
/// it goes, and the discovery object with it when nothing else is left.
fn drop_copilot_discovery(root: &mut Map<String, Value>) {
    let Some(config) = root
        .get_mut("plugins")
        .and_then(|plugins| plugins.get_mut("entries"))
        .and_then(|entries| entries.get_mut("github-copilot"))
        .and_then(|entry| entry.get_mut("config"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let Some(discovery) = config.get_mut("discovery").and_then(Value::as_object_mut) else {
        return;
    };
    if !discovery.contains_key("enabled") && !discovery.is_empty() {
        return;
    }
    discovery.remove("enabled");
    if discovery.is_empty() {
        config.remove("discovery");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_canonical_list_becomes_entries_and_maps_back_to_its_lines() {
        let prepared = prepare(&json!({ "agents": { "list": [{ "id": "ops", "x": 1 }] } }));
        assert_eq!(
            prepared.value,
            json!({ "agents": { "entries": { "ops": { "x": 1 } } } })
        );
        let path = ValuePath::default()
            .key("agents")
            .key("entries")
            .key("ops")
            .key("x");
        assert_eq!(prepared.written_at(&path).dotted(), "agents.list.0.x");
    }

    #[test]
    fn a_list_with_a_non_canonical_or_repeated_id_stays_as_written() {
        for list in [
            json!([{ "id": "Ops" }]),
            json!([{ "id": "a" }, { "id": "a" }]),
            json!([{}]),
        ] {
            let config = json!({ "agents": { "list": list } });
            let prepared = prepare(&config);
            assert_eq!(prepared.value, config);
        }
    }

    #[test]
    fn no_roster_is_the_implicit_main_unless_ownership_is_explicit() {
        assert_eq!(
            prepare(&json!({})).value,
            json!({ "agents": { "entries": { "main": {} } } })
        );
        let explicit = json!({ "agents": { "ownership": "explicit" } });
        assert_eq!(prepare(&explicit).value, explicit);
    }

    #[test]
    fn one_default_marker_is_dropped_two_are_kept() {
        let one =
            prepare(&json!({ "agents": { "entries": { "a": { "default": true }, "b": {} } } }));
        assert_eq!(
            one.value,
            json!({ "agents": { "entries": { "a": {}, "b": {} } } })
        );
        let two = json!({ "agents": { "entries": { "a": { "default": true }, "b": { "default": true } } } });
        assert_eq!(prepare(&two).value, two);
    }
}

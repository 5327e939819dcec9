//! The agent roster's rules: at least one agent, ids that stay distinct
//! once normalised, at most one legacy default marker, a multi-agent roster
//! that says who owns what, and bindings to agents that exist.

use super::{Context, entries_of, issue, path};
use crate::collect::config::validity::issue::{Step, ValuePath};
use crate::collect::config::validity::schema::SchemaIssue;
use pincer_sdk::agents::normalize_agent_id;
use serde_json::Value;

/// Adds the roster's issues.
pub(super) fn check(context: &Context<'_>, out: &mut Vec<SchemaIssue>) {
    let agents = path(&["agents"]);
    let Some(Value::Object(fields)) = context.at(&agents) else {
        return;
    };
    if context.skipped(&agents) {
        return;
    }
    let entries = agents.key("entries");
    let roster = entries_of(context.config, &entries);
    if roster.is_empty() {
        out.push(issue(
            entries.clone(),
            "the roster holds no agent: add one under agents.entries",
        ));
    }
    let mut seen: Vec<(String, &str)> = Vec::new();
    for (entry, _) in &roster {
        let Some(Step::Key(key)) = entry.0.last() else {
            continue;
        };
        let id = normalize_agent_id(key);
        match seen.iter().find(|(other, _)| *other == id) {
            Some((_, first)) => out.push(issue(
                entry.clone(),
                format!("names the same agent as \"{first}\" once ids are normalised"),
            )),
            None => seen.push((id, key)),
        }
    }
    let marked = roster
        .iter()
        .filter(|(_, entry)| entry.get("default") == Some(&Value::Bool(true)))
        .count();
    let explicit = fields.get("ownership").and_then(Value::as_str) == Some("explicit");
    if marked > 1 {
        out.push(issue(
            entries.clone(),
            "more than one agent is marked `default: true`",
        ));
    }
    if explicit && marked > 0 {
        out.push(issue(
            agents.key("ownership"),
            "explicit ownership does not take a `default: true` marker on an agent",
        ));
    }
    if roster.len() > 1 && marked == 0 && !explicit && !context.legacy_default {
        out.push(issue(
            agents.key("ownership"),
            "a roster of several agents needs `agents.ownership: \"explicit\"` (or one legacy \
             `default: true` marker)",
        ));
    }
    bindings(context, &roster, out);
}

/// A binding's agent must be on the roster (`main` always is), checked
/// only when nothing in the config has a wrong type or value.
fn bindings(context: &Context<'_>, roster: &[(ValuePath, &Value)], out: &mut Vec<SchemaIssue>) {
    if roster.is_empty() || context.found.iter().any(|found| found.aborts) {
        return;
    }
    let ids: Vec<String> = roster
        .iter()
        .filter_map(|(entry, _)| match entry.0.last() {
            Some(Step::Key(key)) => Some(normalize_agent_id(key)),
            _ => None,
        })
        .collect();
    let Some(Value::Array(bindings)) = context.at(&path(&["bindings"])) else {
        return;
    };
    for (index, binding) in bindings.iter().enumerate() {
        let Some(agent) = binding.get("agentId").and_then(Value::as_str) else {
            continue;
        };
        if agent != "main" && !ids.contains(&normalize_agent_id(agent)) {
            out.push(issue(
                path(&["bindings"]).join(Step::Index(index)).key("agentId"),
                "binds to an agent that is not on the roster (agents.entries)",
            ));
        }
    }
}

/// An ACP binding needs the peer it binds (`match.peer.id`).
pub(super) fn acp_peers(context: &Context<'_>, out: &mut Vec<SchemaIssue>) {
    let bindings = path(&["bindings"]);
    let Some(Value::Array(list)) = context.at(&bindings) else {
        return;
    };
    for (index, binding) in list.iter().enumerate() {
        let at = bindings.join(Step::Index(index));
        if binding.get("type").and_then(Value::as_str) != Some("acp") || context.skipped(&at) {
            continue;
        }
        let peer_id = binding
            .pointer("/match/peer/id")
            .and_then(Value::as_str)
            .map(str::trim);
        if peer_id.is_none_or(str::is_empty) {
            out.push(issue(
                at.key("match").key("peer"),
                "an ACP binding needs the peer it binds (`match.peer.id`)",
            ));
        }
    }
}

/// Two agents of the roster or of the bindings must not share an agent
/// directory (`agentDir`, else `STATE/agents/<id>/agent`).
pub(super) fn shared_agent_dirs(
    context: &Context<'_>,
    place: &super::Place<'_>,
    out: &mut Vec<SchemaIssue>,
) {
    let entries = path(&["agents", "entries"]);
    let roster = entries_of(context.config, &entries);
    let mut ids: Vec<(String, Option<&str>)> = Vec::new();
    for (entry, value) in &roster {
        if let Some(Step::Key(key)) = entry.0.last() {
            ids.push((
                normalize_agent_id(key),
                value.get("agentDir").and_then(Value::as_str),
            ));
        }
    }
    if let Some(Value::Array(bindings)) = context.at(&path(&["bindings"])) {
        for agent in bindings
            .iter()
            .filter_map(|b| b.get("agentId").and_then(Value::as_str))
        {
            ids.push((normalize_agent_id(agent), None));
        }
    }
    let mut seen: Vec<String> = Vec::new();
    ids.retain(|(id, _)| {
        let first = !seen.contains(id);
        seen.push(id.clone());
        first
    });
    if ids.len() < 2 {
        return;
    }
    let dirs: Vec<std::path::PathBuf> = ids
        .iter()
        .map(
            |(id, dir)| match dir.map(str::trim).filter(|dir| !dir.is_empty()) {
                Some(dir) => lexical(&pincer_sdk::agents::expand_home(dir, place.home)),
                None => lexical(&place.state_dir.join("agents").join(id).join("agent")),
            },
        )
        .collect();
    let shared = dirs
        .iter()
        .enumerate()
        .any(|(index, dir)| dirs[..index].contains(dir));
    if shared {
        out.push(issue(
            entries,
            "two agents share one agent directory (agentDir)",
        ));
    }
}

/// `path` with `.` and `..` resolved and no trailing separator, without
/// touching the file system.
fn lexical(path: &std::path::Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

//! The workspace skills of every agent, as the gateway finds them: which
//! workspaces exist (the owner agent's, each agent's own or derived one),
//! a bounded breadth-first walk of each `<workspace>/skills` for `SKILL.md`
//! files (symlinks followed, hidden dirs and `node_modules` skipped, a
//! symlinked `skills` root not followed at all), and which skill files
//! resolve outside their workspace. Only paths leave this module.

use crate::collect::paths::expand_home;
use pincer_sdk::WorkspaceSkills;
use serde_json::Value;
use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};

/// The most `SKILL.md` files collected per workspace.
const MAX_SKILL_FILES: usize = 2000;
/// The most directories visited per workspace.
const MAX_DIRS: usize = MAX_SKILL_FILES * 20;

/// The agent ids of the config (`agents.entries` keys, else `agents.list`
/// ids) with their own `workspace`, if any.
fn roster(config: &Value) -> Vec<(String, Option<String>)> {
    let workspace = |agent: &Value| {
        agent
            .get("workspace")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    if let Some(entries) = config.pointer("/agents/entries").and_then(Value::as_object) {
        return entries
            .iter()
            .filter(|(_, agent)| agent.is_object())
            .map(|(id, agent)| (id.clone(), workspace(agent)))
            .collect();
    }
    config
        .pointer("/agents/list")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|agent| Some((agent.get("id")?.as_str()?.to_owned(), workspace(agent))))
        .collect()
}

/// The agent whose workspace is the installation's default one.
fn owner(config: &Value, agents: &[(String, Option<String>)]) -> Option<String> {
    if let Some(id) = config
        .pointer("/agents/defaults/systemAgent/agentId")
        .and_then(Value::as_str)
    {
        return Some(id.to_owned());
    }
    if agents.is_empty() {
        return Some("main".to_owned());
    }
    let marked = |id: &str| {
        config
            .pointer("/agents/entries")
            .and_then(|e| e.get(id))
            .or_else(|| {
                config
                    .pointer("/agents/list")
                    .and_then(Value::as_array)
                    .and_then(|list| {
                        list.iter()
                            .find(|a| a.get("id").and_then(Value::as_str) == Some(id))
                    })
            })
            .and_then(|agent| agent.get("default"))
            .and_then(Value::as_bool)
            == Some(true)
    };
    agents
        .iter()
        .find(|(id, _)| marked(id))
        .or_else(|| (agents.len() == 1).then(|| &agents[0]))
        .map(|(id, _)| id.clone())
}

/// Every workspace whose skills the gateway loads, without repeats.
pub fn workspaces(
    state_dir: &Path,
    config: &Value,
    home: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Vec<PathBuf> {
    let agents = roster(config);
    let owner = owner(config, &agents);
    let defaults = config
        .pointer("/agents/defaults/workspace")
        .and_then(Value::as_str)
        .map(|w| expand_home(w, home));
    let workspace_of = |id: &str, own: Option<&String>| -> PathBuf {
        if let Some(own) = own {
            return expand_home(own, home);
        }
        if owner.as_deref() == Some(id) {
            return defaults
                .clone()
                .or_else(|| env("OPENCLAW_WORKSPACE_DIR").map(|w| expand_home(&w, home)))
                .unwrap_or_else(|| state_dir.join("workspace"));
        }
        defaults
            .as_ref()
            .map_or_else(|| state_dir.join(format!("workspace-{id}")), |d| d.join(id))
    };
    let mut all: Vec<PathBuf> = Vec::new();
    let mut add = |path: PathBuf| {
        if !all.contains(&path) {
            all.push(path);
        }
    };
    if let Some(owner) = owner.as_deref() {
        let own = agents
            .iter()
            .find(|(id, _)| id == owner)
            .and_then(|(_, w)| w.as_ref());
        add(workspace_of(owner, own));
    }
    if agents.is_empty() {
        add(workspace_of("main", None));
    }
    for (id, own) in &agents {
        add(workspace_of(id, own.as_ref()));
    }
    all
}

/// Walks `<workspace>/skills`; returns the `SKILL.md` files found and
/// whether the walk stopped before the end.
fn walk(workspace: &Path) -> (Vec<PathBuf>, bool) {
    let root = workspace.join("skills");
    let is_real_dir = std::fs::symlink_metadata(&root).is_ok_and(|m| m.is_dir());
    if !is_real_dir {
        return (Vec::new(), false);
    }
    let mut queue = VecDeque::from([root]);
    let mut visited = HashSet::new();
    let mut files = Vec::new();
    let mut visits = 0;
    while files.len() < MAX_SKILL_FILES && visits < MAX_DIRS {
        let Some(dir) = queue.pop_front() else {
            break;
        };
        visits += 1;
        let real = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !visited.insert(real) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name == "node_modules" {
                continue;
            }
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let (is_dir, is_file) = if kind.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(target) => (target.is_dir(), target.is_file()),
                    Err(_) => continue,
                }
            } else {
                (kind.is_dir(), kind.is_file())
            };
            if is_dir {
                queue.push_back(path);
            } else if is_file && name == "SKILL.md" {
                files.push(path);
            }
        }
    }
    (files, !queue.is_empty())
}

/// Every `SKILL.md` of every workspace that resolves inside it, without
/// repeats.
pub fn skill_files(
    state_dir: &Path,
    config: &Value,
    home: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = Vec::new();
    for workspace in workspaces(state_dir, config, home, env) {
        let real_workspace =
            std::fs::canonicalize(&workspace).unwrap_or_else(|_| workspace.clone());
        for file in walk(&workspace).0 {
            // One that resolves outside the workspace is a fact (`scan`
            // reports it), never a file to read.
            let inside =
                std::fs::canonicalize(&file).is_ok_and(|real| real.starts_with(&real_workspace));
            if inside && !all.contains(&file) {
                all.push(file);
            }
        }
    }
    all
}

/// The skills of every workspace: whether its walk was cut short, and the
/// skill files that resolve outside it.
pub fn scan(
    state_dir: &Path,
    config: &Value,
    home: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Vec<WorkspaceSkills> {
    let mut seen = HashSet::new();
    workspaces(state_dir, config, home, env)
        .into_iter()
        .filter_map(|workspace| {
            let (files, truncated) = walk(&workspace);
            let real_workspace =
                std::fs::canonicalize(&workspace).unwrap_or_else(|_| workspace.clone());
            let escaping: Vec<String> = files
                .into_iter()
                .filter(|file| seen.insert(file.clone()))
                .filter(|file| {
                    std::fs::canonicalize(file)
                        .map_or(true, |real| !real.starts_with(&real_workspace))
                })
                .map(|file| file.display().to_string())
                .collect();
            (truncated || !escaping.is_empty()).then(|| WorkspaceSkills {
                workspace: workspace.display().to_string(),
                truncated,
                escaping,
            })
        })
        .collect()
}

//! The workspace skills of every agent, as the gateway finds them: which
//! workspaces exist (the owner agent's, each agent's own or derived one),
//! a bounded breadth-first walk of each `<workspace>/skills` for `SKILL.md`
//! files (symlinks followed, hidden dirs and `node_modules` skipped, a
//! symlinked `skills` root not followed at all), and which skill files
//! resolve outside their workspace. Only paths leave this module.

use pincer_sdk::WorkspaceSkills;
use pincer_sdk::agents::workspaces;
use serde_json::Value;
use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};

/// The most `SKILL.md` files collected per workspace.
const MAX_SKILL_FILES: usize = 2000;
/// The most directories visited per workspace.
const MAX_DIRS: usize = MAX_SKILL_FILES * 20;

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
pub(crate) fn skill_files(
    state_dir: &Path,
    config: &Value,
    home: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = Vec::new();
    for workspace in workspaces(config, state_dir, home, env) {
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
pub(crate) fn scan(
    state_dir: &Path,
    config: &Value,
    home: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Vec<WorkspaceSkills> {
    let mut seen = HashSet::new();
    workspaces(config, state_dir, home, env)
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

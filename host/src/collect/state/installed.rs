//! What is installed in the state dir beside the database: the plugin
//! directories under `extensions/`, and the MCP servers of the skills'
//! `skills/config/mcporter.json` registry. Names only; nothing inside a
//! plugin directory is read, and the registry's server settings (which may
//! hold credentials) never leave this module. Everything is read inside
//! the state directory (a symlink leading out is not followed), bounded.

use super::bounds;
use crate::input_file::{EntryKind, ReadError, Within};
use pincer_sdk::{NoteLevel, StateNote};
use serde_json::Value;
use std::path::Path;

/// The registry is read up to this size, as the gateway does.
const MCPORTER_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Whether a directory under `extensions/` is a plugin the gateway would
/// load: not hidden, not `node_modules`, not a backup or a disabled copy.
fn is_plugin_dir(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !(lower.is_empty()
        || lower == "node_modules"
        || lower.starts_with('.')
        || lower.ends_with(".bak")
        || lower.contains(".backup-")
        || lower.contains(".disabled"))
}

/// The largest plugin manifest read.
const MANIFEST_MAX_BYTES: u64 = 1 << 20;

/// Names of the plugin directories directly under `STATE/extensions` (a
/// symlink is not a directory; hidden ones, backups and copies left out),
/// sorted, at most [`bounds::EXTENSIONS`]; empty when there is no such
/// directory. One that cannot be listed, or holds too many, adds a note.
pub(super) fn extensions(state_dir: &Path, notes: &mut Vec<StateNote>) -> Vec<String> {
    let dir = state_dir.join("extensions");
    let listing =
        match crate::input_file::list(&dir, Within::Root(state_dir), bounds::EXTENSIONS.rows * 4) {
            Ok(listing) => listing,
            Err(ReadError::Missing) => return Vec::new(),
            Err(error) => {
                notes.push(StateNote {
                    level: NoteLevel::Error,
                    message: format!(
                        "{}: cannot be listed ({error}); its plugins are not checked",
                        dir.display()
                    ),
                });
                return Vec::new();
            }
        };
    let mut names: Vec<String> = listing
        .entries
        .into_iter()
        .filter(|entry| entry.kind == EntryKind::Dir)
        .filter_map(|entry| entry.name.into_string().ok())
        .filter(|name| is_plugin_dir(name))
        .collect();
    if listing.truncated || names.len() > bounds::EXTENSIONS.rows {
        names.truncate(bounds::EXTENSIONS.rows);
        notes.push(bounds::cut_note(
            &bounds::EXTENSIONS,
            &dir.display().to_string(),
            names.len(),
        ));
    }
    names
}

/// The `id`s that installed plugins declare in their
/// `openclaw.plugin.json` (which may differ from the directory name), in
/// directory order. A missing manifest, or one without an `id`, is
/// skipped; one that cannot be read (not a regular file, over 1 MiB,
/// outside the state directory, not JSON) leaves an error note: the
/// plugin's id is unknown, so the audit is incomplete.
pub(super) fn manifest_ids(
    state_dir: &Path,
    plugin_dirs: &[String],
    notes: &mut Vec<StateNote>,
) -> Vec<String> {
    let mut ids = Vec::new();
    for dir in plugin_dirs {
        let path = state_dir
            .join("extensions")
            .join(dir)
            .join("openclaw.plugin.json");
        let read = crate::input_file::read_text(&path, Within::Root(state_dir), MANIFEST_MAX_BYTES)
            .map_err(|error| match error {
                ReadError::Missing => None,
                other => Some(other.to_string()),
            })
            .and_then(|text| {
                serde_json::from_str::<Value>(&text)
                    .map_err(|error| Some(format!("not valid JSON ({error})")))
            });
        match read {
            Ok(manifest) => {
                if let Some(id) = manifest.get("id").and_then(Value::as_str) {
                    ids.push(id.trim().to_owned());
                }
            }
            Err(None) => {}
            Err(Some(problem)) => notes.push(StateNote {
                level: NoteLevel::Error,
                message: format!(
                    "{}: cannot be read ({problem}); the plugin's declared id is not checked",
                    path.display()
                ),
            }),
        }
    }
    ids.retain(|id| !id.is_empty());
    ids
}

/// The enabled server names of `STATE/skills/config/mcporter.json`, or a
/// note saying why the registry could not be read.
pub(super) fn mcporter_servers(state_dir: &Path) -> Result<Vec<String>, StateNote> {
    let path = state_dir.join("skills/config/mcporter.json");
    let problem = |what: String| StateNote {
        level: NoteLevel::Error,
        message: format!(
            "{}: {what}; its MCP servers are not checked",
            path.display()
        ),
    };
    let text =
        match crate::input_file::read_text(&path, Within::Root(state_dir), MCPORTER_MAX_BYTES) {
            Ok(text) => text,
            Err(ReadError::Missing) => return Ok(Vec::new()),
            Err(error) => return Err(problem(error.to_string())),
        };
    let document: Value = serde_json::from_str(&text)
        .map_err(|error| problem(format!("not valid JSON ({error})")))?;
    let servers = pincer_sdk::mcp::enabled_servers(document.get("mcpServers"));
    if servers.len() > bounds::EXTENSIONS.rows {
        return Err(problem(format!(
            "more than {} MCP servers",
            bounds::EXTENSIONS.rows
        )));
    }
    Ok(servers)
}

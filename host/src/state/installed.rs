//! What is installed in the state dir beside the database: the plugin
//! directories under `extensions/`, and the MCP servers of the skills'
//! `skills/config/mcporter.json` registry. Names only; nothing inside a
//! plugin directory is read, and the registry's server settings (which may
//! hold credentials) never leave this module.

use pincer_sdk::{NoteLevel, StateNote};
use serde_json::Value;
use std::io::Read;
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

/// Names of the plugin directories directly under `STATE/extensions` (a
/// symlink is not a directory; hidden ones, backups and copies left out), sorted; empty when
/// there is no such directory.
pub fn extensions(state_dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(state_dir.join("extensions")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| is_plugin_dir(name))
        .collect();
    names.sort();
    names
}

/// The `id`s that installed plugins declare in their
/// `openclaw.plugin.json` (which may differ from the directory name), in
/// directory order; a manifest that is missing, over 1 MiB or not JSON is
/// skipped.
pub fn manifest_ids(state_dir: &Path, plugin_dirs: &[String]) -> Vec<String> {
    plugin_dirs
        .iter()
        .filter_map(|dir| {
            let path = state_dir
                .join("extensions")
                .join(dir)
                .join("openclaw.plugin.json");
            let meta = std::fs::symlink_metadata(&path).ok()?;
            if !meta.is_file() || meta.len() > 1 << 20 {
                return None;
            }
            let text = std::fs::read_to_string(&path).ok()?;
            let manifest: Value = serde_json::from_str(&text).ok()?;
            Some(manifest.get("id")?.as_str()?.trim().to_owned())
        })
        .filter(|id| !id.is_empty())
        .collect()
}

/// The enabled server names of `STATE/skills/config/mcporter.json`, or a
/// note saying why the registry could not be read.
pub fn mcporter_servers(state_dir: &Path) -> Result<Vec<String>, StateNote> {
    let path = state_dir.join("skills/config/mcporter.json");
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Ok(Vec::new());
    };
    let problem = |what: String| StateNote {
        level: NoteLevel::Error,
        message: format!(
            "{}: {what}; its MCP servers are not checked",
            path.display()
        ),
    };
    if !meta.is_file() {
        return Err(problem("not a regular file".to_owned()));
    }
    if meta.len() > MCPORTER_MAX_BYTES {
        return Err(problem(format!("larger than {MCPORTER_MAX_BYTES} bytes")));
    }
    let mut text = String::new();
    std::fs::File::open(&path)
        .and_then(|file| file.take(MCPORTER_MAX_BYTES).read_to_string(&mut text))
        .map_err(|error| problem(format!("unreadable ({error})")))?;
    let document: Value = serde_json::from_str(&text)
        .map_err(|error| problem(format!("not valid JSON ({error})")))?;
    Ok(document
        .get("mcpServers")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, server)| server.get("enabled").and_then(Value::as_bool) != Some(false))
        .map(|(name, _)| name.clone())
        .collect())
}

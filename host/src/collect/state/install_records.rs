//! Install records of npm-installed plugins and hooks: the spec they were
//! installed from, whether an integrity hash was kept, the version
//! recorded and the version on disk. Plugin records come from the state
//! database (`config_machine_state` row `plugins.installedIndex`), then the
//! legacy `plugins/installs.json` for ids the database lacks, then the
//! managed npm root (`npm/package.json` and `npm/projects/*/package.json`)
//! for plugins installed there without a record. Hook records come only
//! from the row `hooks.internal.installs`, used as written. Integrity
//! hashes never cross; only whether one is there.

use pincer_sdk::InstallRecord;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// The database row of plugin install records.
pub(super) const PLUGIN_ROW: &str = "plugins.installedIndex";
/// The database row of hook install records.
pub(super) const HOOK_ROW: &str = "hooks.internal.installs";

/// The install sources a plugin record may name.
const SOURCES: &[&str] = &["npm", "archive", "path", "clawhub", "git", "marketplace"];

/// The largest JSON file read.
const MAX_BYTES: u64 = 1 << 20;

/// A regular file of at most [`MAX_BYTES`], never a symlink.
fn read_json(path: &Path) -> Option<Value> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let text =
        crate::input_file::read_text(path, crate::input_file::Within::Anywhere, MAX_BYTES).ok()?;
    serde_json::from_str(&text).ok()
}

/// A trimmed, non-blank string field.
fn field(record: &Map<String, Value>, key: &str) -> Option<String> {
    let value = record.get(key)?.as_str()?.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// The `version` of `DIR/package.json`.
fn installed_version(dir: &Path) -> Option<String> {
    read_json(&dir.join("package.json"))?
        .get("version")?
        .as_str()
        .map(str::to_owned)
}

/// One npm record as the checks see it; `trimmed` for plugin records
/// (their loader trims every field and drops blank ones), raw for hooks.
fn record(
    kind: &str,
    id: &str,
    raw: &Map<String, Value>,
    default_dir: PathBuf,
    trimmed: bool,
) -> Option<InstallRecord> {
    if raw.get("source").and_then(Value::as_str) != Some("npm") {
        return None;
    }
    let text = |key: &str| {
        if trimmed {
            field(raw, key)
        } else {
            raw.get(key).and_then(Value::as_str).map(str::to_owned)
        }
    };
    let install_dir = text("installPath").map_or(default_dir, PathBuf::from);
    Some(InstallRecord {
        kind: kind.to_owned(),
        id: id.to_owned(),
        spec: text("spec"),
        has_integrity: field(raw, "integrity").is_some(),
        recorded_version: text("resolvedVersion").or_else(|| text("version")),
        installed_version: installed_version(&install_dir),
    })
}

/// The plugin records of an installed-index document or a legacy file:
/// `installRecords`, else `records`, else `plugins[].installRecord`. A
/// legacy file with any record of an unknown source is ignored whole.
fn plugin_record_map(document: &Value, strict: bool) -> Vec<(String, Map<String, Value>)> {
    let index = document.get("index").unwrap_or(document);
    let mut records: Vec<(String, Map<String, Value>)> = Vec::new();
    if let Some(map) = index
        .get("installRecords")
        .or_else(|| index.get("records"))
        .and_then(Value::as_object)
    {
        records.extend(
            map.iter()
                .filter_map(|(id, r)| Some((id.clone(), r.as_object()?.clone()))),
        );
    } else if let Some(plugins) = index.get("plugins").and_then(Value::as_array) {
        records.extend(plugins.iter().filter_map(|plugin| {
            let id = plugin.get("pluginId")?.as_str()?.to_owned();
            Some((id, plugin.get("installRecord")?.as_object()?.clone()))
        }));
    }
    let valid = |record: &Map<String, Value>| {
        record
            .get("source")
            .and_then(Value::as_str)
            .is_some_and(|source| SOURCES.contains(&source))
    };
    if strict && !records.iter().all(|(_, record)| valid(record)) {
        return Vec::new();
    }
    records
}

/// Plugins installed under a managed npm root without a record.
fn npm_root_records(root: &Path) -> Vec<(String, Map<String, Value>)> {
    let Some(manifest) = read_json(&root.join("package.json")) else {
        return Vec::new();
    };
    let Some(dependencies) = manifest.get("dependencies").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, range) in dependencies {
        let Some(range) = range.as_str() else {
            continue;
        };
        let dir = root.join("node_modules").join(name);
        let Some(package) = read_json(&dir.join("package.json")) else {
            continue;
        };
        let is_plugin = package
            .get("openclaw")
            .and_then(|o| o.get("extensions"))
            .and_then(Value::as_array)
            .is_some_and(|entries| entries.iter().any(Value::is_string));
        if !is_plugin {
            continue;
        }
        let id = read_json(&dir.join("openclaw.plugin.json"))
            .and_then(|m| m.get("id")?.as_str().map(str::to_owned))
            .unwrap_or_else(|| name.clone());
        let mut record = Map::new();
        record.insert("source".into(), "npm".into());
        record.insert("spec".into(), format!("{name}@{range}").into());
        record.insert("installPath".into(), dir.display().to_string().into());
        if let Some(version) = package.get("version").and_then(Value::as_str) {
            record.insert("version".into(), version.into());
            record.insert("resolvedVersion".into(), version.into());
        }
        out.push((id, record));
    }
    out
}

/// Every npm install record of the installation, plugins first.
pub(super) fn collect(state_dir: &Path, rows: &[(String, String)]) -> Vec<InstallRecord> {
    let row = |key: &str| {
        rows.iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, json)| serde_json::from_str::<Value>(json).ok())
    };
    let mut plugins: Vec<(String, Map<String, Value>)> = row(PLUGIN_ROW)
        .map(|document| plugin_record_map(&document, false))
        .unwrap_or_default();
    let mut add = |more: Vec<(String, Map<String, Value>)>| {
        for (id, record) in more {
            if !plugins.iter().any(|(known, _)| *known == id) {
                plugins.push((id, record));
            }
        }
    };
    if let Some(legacy) = read_json(&state_dir.join("plugins/installs.json")) {
        add(plugin_record_map(&legacy, true));
    }
    let npm = state_dir.join("npm");
    add(npm_root_records(&npm));
    if let Ok(projects) = std::fs::read_dir(npm.join("projects")) {
        let mut roots: Vec<PathBuf> = projects.filter_map(Result::ok).map(|e| e.path()).collect();
        roots.sort();
        for root in roots {
            add(npm_root_records(&root));
        }
    }
    let extensions = state_dir.join("extensions");
    let mut records: Vec<InstallRecord> = plugins
        .iter()
        .filter_map(|(id, raw)| record("plugin", id, raw, extensions.join(id), true))
        .collect();
    let hooks_dir = state_dir.join("hooks");
    if let Some(Value::Object(hooks)) = row(HOOK_ROW) {
        records.extend(hooks.iter().filter_map(|(id, raw)| {
            record("hook", id, raw.as_object()?, hooks_dir.join(id), false)
        }));
    }
    records
}

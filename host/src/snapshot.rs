//! The capability view of one audit: an immutable, redacted snapshot of the
//! config, environment markers and file facts. Built once by the host and
//! shared read-only by every plugin; no secret value is kept in it.

use crate::config_load;
use crate::error::Result;
use crate::locate::Target;
use pincer_sdk::redact::{SecretResolver, redact_config};
use pincer_sdk::{FileFact, FileKind, SecretMarker, SecretSource};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// What every plugin of one audit sees.
#[derive(Debug)]
pub struct Snapshot {
    /// The redacted config.
    pub config: Value,
    /// The redacted config as JSON text, serialised once for all plugins.
    pub config_json: String,
    /// The operating system family.
    pub platform: String,
    /// Markers of the environment variables the gateway would see.
    pub env: BTreeMap<String, SecretMarker>,
    /// Facts about the config file and state directory.
    pub file_facts: Vec<FileFact>,
}

/// Resolves secret references from the real environment and files, read-only.
struct LiveResolver;

impl SecretResolver for LiveResolver {
    fn env(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    fn file(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(path).ok()
    }
}

impl Snapshot {
    /// Reads the target and builds its redacted snapshot.
    pub fn collect(target: &Target) -> Result<Snapshot> {
        let raw = config_load::load(&target.config)?;
        Ok(Self::from_config(
            raw,
            &[
                ("config", target.config.as_path()),
                ("state-dir", target.state_dir.as_path()),
            ],
        ))
    }

    /// Builds a snapshot from an unredacted config and the paths to describe.
    pub fn from_config(mut config: Value, paths: &[(&str, &Path)]) -> Snapshot {
        redact_config(&mut config, &LiveResolver);
        let env = std::env::vars_os()
            .filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok()?)))
            .map(|(name, value)| {
                let marker = SecretMarker::describe(&value, SecretSource::Env, Some(name.clone()));
                (name, marker)
            })
            .collect();
        let config_json = config.to_string();
        Snapshot {
            config,
            config_json,
            platform: std::env::consts::OS.to_owned(),
            env,
            file_facts: paths
                .iter()
                .map(|(role, path)| file_fact(role, path))
                .collect(),
        }
    }

    /// A snapshot with an empty config and no facts, for calls that must
    /// not see the target (`info()` in `pincer checks`).
    pub fn empty() -> Snapshot {
        Snapshot {
            config: Value::Object(serde_json::Map::new()),
            config_json: "{}".to_owned(),
            platform: std::env::consts::OS.to_owned(),
            env: BTreeMap::new(),
            file_facts: Vec::new(),
        }
    }

    /// The value at a dotted path of the redacted config.
    pub fn get(&self, path: &str) -> Option<&Value> {
        path.split('.')
            .try_fold(&self.config, |value, segment| match value {
                Value::Object(object) => object.get(segment),
                Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            })
    }
}

fn file_fact(role: &str, path: &Path) -> FileFact {
    let metadata = std::fs::symlink_metadata(path).ok();
    let kind = match &metadata {
        None => FileKind::Missing,
        Some(m) if m.file_type().is_symlink() => FileKind::Symlink,
        Some(m) if m.is_dir() => FileKind::Directory,
        Some(m) if m.is_file() => FileKind::File,
        Some(_) => FileKind::Other,
    };
    FileFact {
        role: role.to_owned(),
        path: path.display().to_string(),
        kind,
        mode: metadata.as_ref().and_then(unix_mode),
        owned_by_current_user: None,
    }
}

#[cfg(unix)]
fn unix_mode(metadata: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    Some(metadata.mode() & 0o7777)
}

#[cfg(not(unix))]
fn unix_mode(_metadata: &std::fs::Metadata) -> Option<u32> {
    None
}

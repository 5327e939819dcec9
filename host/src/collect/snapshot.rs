//! The capability view of one audit: an immutable, redacted snapshot of the
//! config, environment markers, includes, file facts, synced folders and
//! the installation's state (paired devices, approvals, gateway history).
//! Built once by the host and shared read-only by every plugin; no secret
//! value is kept in it.

use crate::collect::config::{self, IncludeFact};
use crate::collect::live_secrets::LiveSecrets;
use crate::collect::locate::Target;
use crate::error::{Error, Result};
use crate::policy::suppress::{self, Suppression};
use pincer_sdk::redact::{SecretResolver, redact_config};
use pincer_sdk::{FileFact, FileKind, SecretMarker, SecretSource, StateFacts, SyncedPath};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// What every plugin of one audit sees; `pincer view` prints it.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// The redacted config.
    pub config: Value,
    /// The redacted config as JSON text, serialised once for all plugins.
    #[serde(skip)]
    pub config_json: String,
    /// The operating system family.
    pub platform: String,
    /// Markers of the environment variables the gateway would see.
    pub env: BTreeMap<String, SecretMarker>,
    /// Every `$include` of the config.
    pub includes: Vec<IncludeFact>,
    /// Facts about the config, its includes and the state directory.
    pub file_facts: Vec<FileFact>,
    /// The audited paths that sit in a cloud-synced folder.
    pub synced_paths: Vec<SyncedPath>,
    /// When the snapshot was taken (ms since the epoch).
    pub audit_time_ms: u64,
    /// Paired devices, approvals and gateway history from the state dir.
    pub state: StateFacts,
    /// `state` as the JSON texts the `gateway` and `nodes` interfaces
    /// return, serialised once for all plugins.
    #[serde(skip)]
    pub state_json: StateJson,
    /// The config's own `security.audit.suppressions`.
    pub suppressions: Vec<Suppression>,
    /// Where each key of the config was written (file and line), for
    /// pointing findings at it. Never given to plugins.
    #[serde(skip)]
    pub config_sources: crate::collect::config::SourceNode,
    /// The previous run's posture from `--history` as the JSON text of the
    /// `baseline` interface (`{"recordedAtMs", "posture"}`), if any.
    #[serde(skip)]
    pub baseline_json: Option<String>,
    /// What this run's history entry records of the gateway credential
    /// (with its fingerprint). Never given to plugins.
    #[serde(skip)]
    pub credential: Option<pincer_sdk::baseline::CredentialPosture>,
    /// Every path the audit read or would read, which no output may
    /// replace. Never given to plugins.
    #[serde(skip)]
    pub read_paths: crate::output::read_paths::ReadPaths,
}

/// The state facts as the JSON texts of the WIT interfaces.
#[derive(Debug, Clone, Default)]
pub struct StateJson {
    /// `gateway.state()`.
    pub gateway: String,
    /// `nodes.paired()`.
    pub paired: String,
    /// `nodes.pending()`.
    pub pending: String,
}

impl StateJson {
    fn of(state: &StateFacts) -> StateJson {
        StateJson {
            gateway: to_json(&state.gateway),
            paired: to_json(&state.paired),
            pending: to_json(&state.pending),
        }
    }
}

/// JSON text of a state value (plain data, which always serialises).
fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// Facts about the machine rather than one installation (gateway service
/// definitions), gathered once per process, also for a whole fleet.
#[derive(Debug, Clone, Default)]
pub struct MachineFacts {
    /// `(gateway-service, path)` of every gateway service definition.
    pub gateway_services: Vec<(String, std::path::PathBuf)>,
}

impl MachineFacts {
    /// Gathers them for the user in `$HOME`.
    pub fn gather() -> MachineFacts {
        let home = std::env::var_os("HOME")
            .filter(|home| !home.is_empty())
            .map(std::path::PathBuf::from);
        MachineFacts {
            gateway_services: crate::collect::services::gateway_services(home.as_deref()),
        }
    }
}

impl Snapshot {
    /// Reads the target and builds its redacted snapshot; with `deep`, also
    /// probes the live gateway on loopback. `previous` is the last recorded
    /// run (`--history`), for the gateway credential's age.
    pub fn collect(
        target: &Target,
        deep: bool,
        machine: &MachineFacts,
        previous: Option<crate::collect::credential_age::Previous<'_>>,
    ) -> Result<Snapshot> {
        let loaded = config::load(&target.config)?;
        let env = |name: &str| std::env::var(name).ok();
        let paths = crate::collect::paths::audited_paths(
            &target.config,
            &target.state_dir,
            &loaded.value,
            &loaded.includes,
            &env,
        );
        let home = env("HOME").map(std::path::PathBuf::from);
        let credentials_dir = paths
            .iter()
            .find(|(role, _)| role == "credentials-dir")
            .map_or_else(|| target.state_dir.join("credentials"), |(_, p)| p.clone());
        // Facts only: these paths are not among those the reference checks
        // for synced folders.
        let mut stated = paths.clone();
        stated.extend(machine.gateway_services.iter().cloned());
        let mut facts: Vec<FileFact> = stated
            .iter()
            .flat_map(|(role, path)| facts_of(role, path))
            .collect();
        for secret in crate::collect::secret_files::secret_paths(
            &target.state_dir,
            &credentials_dir,
            &loaded.value,
            home.as_deref(),
        ) {
            facts.extend(
                facts_of(secret.role, &secret.path)
                    .into_iter()
                    .map(|mut fact| {
                        if let Some(shown) = &secret.shown_as {
                            fact.path.clone_from(shown);
                        }
                        fact
                    }),
            );
        }
        let synced_paths = paths
            .iter()
            .filter_map(|(role, path)| {
                crate::collect::synced::provider(path).map(|provider| SyncedPath {
                    role: role.clone(),
                    path: path.display().to_string(),
                    provider: provider.to_owned(),
                })
            })
            .collect();
        let suppressions = suppress::from_config(&loaded.value).map_err(|(index, message)| {
            invalid_suppression(&target.config, &loaded.sources, index, &message)
        })?;
        let audit_time_ms = now_ms();
        let collected = crate::collect::state::collect(
            &target.state_dir,
            i64::try_from(audit_time_ms).unwrap_or(i64::MAX),
        );
        let mut state = collected.facts;
        let credential =
            crate::collect::credential_age::assess(&crate::collect::credential_age::Inputs {
                config: &loaded.value,
                env: &env,
                sources: &loaded.sources,
                config_path: &target.config,
                digest: &loaded.digest,
                journal: &collected.config_journal,
                state_dir: &target.state_dir,
                previous,
                now_ms: audit_time_ms,
            });
        state.gateway.credential_age = credential.as_ref().map(|c| c.age.clone());
        state.gateway.env_token_matches_config =
            pincer_sdk::auth_facts::env_token_matches_config(&loaded.value, &env);
        state.gateway.in_gateway_service = pincer_sdk::auth_facts::in_gateway_service(&env);
        state.gateway.hooks_token_matches_gateway_auth =
            crate::collect::probe::hooks_token_matches_gateway_auth(&loaded.value, &env);
        state.gateway.workspace_skills =
            crate::collect::skills::scan(&target.state_dir, &loaded.value, home.as_deref(), &env);
        if deep {
            state.gateway.probe = Some(crate::collect::probe::probe(&loaded.value, &|name| {
                std::env::var(name).ok()
            }));
            let docker = crate::collect::probe::docker::browser_containers(
                crate::collect::probe::docker::COMMAND_TIMEOUT,
            );
            if let Some(error) = docker.error.as_ref().filter(|_| !docker.available) {
                state.gateway.info.notes.push(pincer_sdk::StateNote {
                    level: pincer_sdk::NoteLevel::Info,
                    message: format!(
                        "Docker is not reachable ({error}): the sandbox browser container \
                         checks did not run"
                    ),
                });
            }
            state.gateway.docker = Some(docker);
            let skills = crate::collect::skills::skill_files(
                &target.state_dir,
                &loaded.value,
                home.as_deref(),
                &env,
            );
            state.gateway.code_scan = Some(crate::collect::code_scan::scan(
                &target.state_dir,
                &state.gateway.installed_extensions,
                &skills,
            ));
        }
        crate::collect::state_text::redact(&mut state);
        let mut read_paths = crate::output::read_paths::expected(
            target,
            Some((&loaded.value, &loaded.includes)),
            &env,
        );
        for (role, path) in &machine.gateway_services {
            read_paths.file(role, path.clone());
        }
        let secrets = LiveSecrets::default();
        let mut snapshot = Self::build_with(loaded.value, loaded.includes, facts, &secrets);
        if secrets.exceeded() {
            return Err(Error::Limit {
                path: target.config.clone(),
                message: format!(
                    "`${{VAR}}` substitution adds more than {} to the config (Pincer's limit); \
                     a variable referenced many times multiplies it",
                    bytesize::ByteSize(crate::collect::live_secrets::MAX_EXPANSION_BYTES as u64)
                ),
            });
        }
        state.gateway.info.notes.extend(secrets.take_notes());
        for file in secrets.files() {
            read_paths.file("secret-file", file);
        }
        snapshot.read_paths = read_paths;
        snapshot.suppressions = suppressions;
        snapshot.config_sources = loaded.sources;
        snapshot.synced_paths = synced_paths;
        snapshot.audit_time_ms = audit_time_ms;
        snapshot.state_json = StateJson::of(&state);
        snapshot.state = state;
        snapshot.credential = credential.map(|c| c.posture);
        Ok(snapshot)
    }

    /// Builds a snapshot from an unredacted config.
    pub fn build(config: Value, includes: Vec<IncludeFact>, file_facts: Vec<FileFact>) -> Snapshot {
        Self::build_with(config, includes, file_facts, &LiveSecrets::default())
    }

    /// Builds a snapshot from an unredacted config, resolving its secrets
    /// with `secrets`.
    fn build_with(
        mut config: Value,
        includes: Vec<IncludeFact>,
        file_facts: Vec<FileFact>,
        secrets: &dyn SecretResolver,
    ) -> Snapshot {
        redact_config(&mut config, secrets);
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
            includes,
            file_facts,
            synced_paths: Vec::new(),
            audit_time_ms: now_ms(),
            state_json: StateJson::of(&StateFacts::default()),
            state: StateFacts::default(),
            suppressions: Vec::new(),
            config_sources: crate::collect::config::SourceNode::default(),
            baseline_json: None,
            credential: None,
            read_paths: crate::output::read_paths::ReadPaths::default(),
        }
    }

    /// A snapshot with an empty config and no facts, for calls that must
    /// not see the target (`info()` in `pincer checks`).
    pub fn empty() -> Snapshot {
        let mut snapshot = Self::build(
            Value::Object(serde_json::Map::new()),
            Vec::new(),
            Vec::new(),
        );
        snapshot.env.clear();
        snapshot
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

/// Milliseconds since the Unix epoch.
fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}

/// The error for a bad `security.audit.suppressions` entry, pointing at the
/// line of the config that names the list (line 1 when an include holds it).
fn invalid_suppression(
    config: &Path,
    sources: &crate::collect::config::SourceNode,
    index: Option<usize>,
    message: &str,
) -> Error {
    let at = index.map_or_else(String::new, |i| format!("[{i}]"));
    let key = format!("security.audit.suppressions{at}");
    let location = sources.locate(&key);
    Error::Invalid {
        path: location.map_or_else(|| config.to_path_buf(), |l| l.file.to_path_buf()),
        line: location.map_or(1, |l| l.line),
        column: 1,
        message: format!("{key}: {message}"),
    }
}

/// The facts of one path; a symlink also gets a `<role>-target` fact about
/// what it points to (kind `missing` when it dangles). The target may lie
/// anywhere, so it is stat'ed with `std::fs::metadata`, read-only.
fn facts_of(role: &str, path: &Path) -> Vec<FileFact> {
    let fact = file_fact(role, path);
    if fact.kind != FileKind::Symlink {
        return vec![fact];
    }
    let metadata = std::fs::metadata(path).ok();
    let target = FileFact {
        role: format!("{role}-target"),
        path: path.display().to_string(),
        kind: match &metadata {
            None => FileKind::Missing,
            Some(m) if m.is_dir() => FileKind::Directory,
            Some(m) if m.is_file() => FileKind::File,
            Some(_) => FileKind::Other,
        },
        mode: metadata.as_ref().and_then(unix::std_mode),
        owned_by_current_user: metadata.as_ref().and_then(unix::std_owned_by_current_user),
        modified_ms: metadata.as_ref().and_then(|m| millis(m.modified().ok()?)),
    };
    vec![fact, target]
}

/// Facts about one path, without following a final symlink. The path is
/// looked up through a cap-std handle on its parent directory: a read-only
/// `stat` relative to that handle, nothing opened for writing.
pub fn file_fact(role: &str, path: &Path) -> FileFact {
    let metadata = path.file_name().and_then(|name| {
        let parent = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let dir = cap_std::fs::Dir::open_ambient_dir(parent, cap_std::ambient_authority()).ok()?;
        dir.symlink_metadata(name).ok()
    });
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
        mode: metadata.as_ref().and_then(unix::mode),
        owned_by_current_user: metadata.as_ref().and_then(unix::owned_by_current_user),
        modified_ms: metadata
            .as_ref()
            .and_then(|m| millis(m.modified().ok()?.into_std())),
    }
}

/// A time as milliseconds since the Unix epoch; none before it.
fn millis(time: std::time::SystemTime) -> Option<u64> {
    let since = time.duration_since(std::time::UNIX_EPOCH).ok()?;
    u64::try_from(since.as_millis()).ok()
}

#[cfg(unix)]
mod unix {
    use cap_std::fs::MetadataExt;

    pub fn mode(metadata: &cap_std::fs::Metadata) -> Option<u32> {
        Some(metadata.mode() & 0o7777)
    }

    pub fn owned_by_current_user(metadata: &cap_std::fs::Metadata) -> Option<bool> {
        Some(metadata.uid() == rustix::process::getuid().as_raw())
    }

    pub fn std_mode(metadata: &std::fs::Metadata) -> Option<u32> {
        use std::os::unix::fs::MetadataExt as _;
        Some(metadata.mode() & 0o7777)
    }

    pub fn std_owned_by_current_user(metadata: &std::fs::Metadata) -> Option<bool> {
        use std::os::unix::fs::MetadataExt as _;
        Some(metadata.uid() == rustix::process::getuid().as_raw())
    }
}

#[cfg(not(unix))]
mod unix {
    pub fn mode(_metadata: &cap_std::fs::Metadata) -> Option<u32> {
        None
    }

    pub fn owned_by_current_user(_metadata: &cap_std::fs::Metadata) -> Option<bool> {
        None
    }

    pub fn std_mode(_metadata: &std::fs::Metadata) -> Option<u32> {
        None
    }

    pub fn std_owned_by_current_user(_metadata: &std::fs::Metadata) -> Option<bool> {
        None
    }
}

//! Reading the installation, read-only: where it is, its config, state
//! database, files, services, skills and credentials (with the `--deep`
//! probes beneath), turned into what plugins see ([`PluginView`]) and what
//! only the host keeps ([`HostFacts`]).

pub(crate) mod code_scan;
pub(crate) mod config;
pub(crate) mod credential_age;
pub(crate) mod file_facts;
pub(crate) mod live_secrets;
pub(crate) mod locate;
pub(crate) mod machine;
pub(crate) mod paths;
pub(crate) mod probe;
pub(crate) mod secret_files;
pub(crate) mod services;
pub(crate) mod skills;
pub(crate) mod state;
pub(crate) mod state_text;
pub(crate) mod synced;

use crate::env::Env;
use crate::error::{Error, Result};
use crate::view::{PluginView, RedactedConfig, ViewParts};
use file_facts::facts_of;
use live_secrets::LiveSecrets;
use locate::Target;
use machine::MachineFacts;
use pincer_sdk::{FileFact, SyncedPath};

/// One installation to read, and what the reading takes from outside it.
#[derive(Debug, Clone)]
pub struct Installation<'a> {
    /// Its config file and state directory.
    pub target: &'a Target,
    /// The environment the gateway would see (the auditor's).
    pub env: &'a Env,
    /// Facts of the machine, gathered once for every installation on it.
    pub machine: &'a MachineFacts,
    /// `--deep`: also probe the live gateway, Docker and installed code.
    pub deep: bool,
    /// The last recorded run's record of the gateway credential.
    pub previous_credential: Option<credential_age::Previous<'a>>,
    /// The last whole recorded run, as the `baseline` interface serves it.
    pub baseline_json: Option<String>,
    /// What to do with a config OpenClaw would refuse.
    pub on_invalid: OnInvalid,
}

/// What to do with a config OpenClaw would refuse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OnInvalid {
    /// Stop with [`Error::ConfigRefused`], as the gateway stops
    /// (the default).
    #[default]
    Refuse,
    /// Read it anyway; the issues go into the host facts' `config_issues`
    /// (`--allow-invalid`).
    Read,
}

impl OnInvalid {
    /// [`OnInvalid::Read`] when `allow_invalid` (the flag) is given.
    pub fn when(allow_invalid: bool) -> OnInvalid {
        if allow_invalid {
            OnInvalid::Read
        } else {
            OnInvalid::Refuse
        }
    }
}

/// What only the host keeps of one installation; never given to a plugin.
#[derive(Debug, Default)]
pub struct HostFacts {
    /// The config's own `security.audit.suppressions`, as written (the
    /// policy checks them: `policy::suppress::located`).
    pub config_suppressions: Option<serde_json::Value>,
    /// Where each key of the config was written (file and line).
    pub config_sources: config::SourceNode,
    /// What this run's history entry records of the gateway credential
    /// (with its fingerprint).
    pub credential: Option<pincer_sdk::baseline::CredentialPosture>,
    /// Why OpenClaw would refuse the config (read with
    /// [`OnInvalid::Read`]; empty when it is valid).
    pub config_issues: Vec<config::validity::ConfigIssue>,
}

/// One installation, read.
#[derive(Debug)]
pub struct Collected {
    /// What every plugin sees.
    pub view: PluginView,
    /// What only the host keeps.
    pub host: HostFacts,
}

/// Reads the installation into its view and the host's facts.
pub fn collect(installation: Installation<'_>) -> Result<Collected> {
    let Installation {
        target,
        env,
        machine,
        deep,
        previous_credential,
        baseline_json,
        on_invalid,
    } = installation;
    let loaded = config::load(&target.config, env)?;
    let lookup = |name: &str| env.get(name);
    let home = env.home();
    let place = config::validity::Place {
        state_dir: &target.state_dir,
        home: home.as_deref(),
    };
    let config_issues = config::validity::check(&loaded.value, &loaded.sources, &lookup, &place)
        .map_err(Error::Engine)?;
    if on_invalid == OnInvalid::Refuse && !config_issues.is_empty() {
        return Err(Error::ConfigRefused {
            config: target.config.clone(),
            issues: config_issues,
        });
    }
    let paths = paths::audited_paths(
        &target.config,
        &target.state_dir,
        &loaded.value,
        &loaded.includes,
        &lookup,
    );
    let home = env.home();
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
    for secret in secret_files::secret_paths(
        &target.state_dir,
        &credentials_dir,
        &loaded.value,
        home.as_deref(),
        &lookup,
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
            synced::provider(path).map(|provider| SyncedPath {
                role: role.clone(),
                path: path.display().to_string(),
                provider: provider.to_owned(),
            })
        })
        .collect();
    let config_suppressions = loaded
        .value
        .pointer("/security/audit/suppressions")
        .cloned();
    let audit_time_ms = now_ms();
    let collected = state::collect(
        &target.state_dir,
        i64::try_from(audit_time_ms).unwrap_or(i64::MAX),
    );
    let mut state = collected.facts;
    let credential = credential_age::assess(&credential_age::Inputs {
        config: &loaded.value,
        env: &lookup,
        sources: &loaded.sources,
        config_path: &target.config,
        digest: &loaded.digest,
        journal: &collected.config_journal,
        state_dir: &target.state_dir,
        previous: previous_credential,
        now_ms: audit_time_ms,
    });
    state.gateway.credential_age = credential.as_ref().map(|c| c.age.clone());
    state.gateway.env_token_matches_config =
        pincer_sdk::auth_facts::env_token_matches_config(&loaded.value, &lookup);
    state.gateway.in_gateway_service = pincer_sdk::auth_facts::in_gateway_service(&lookup);
    state.gateway.hooks_token_matches_gateway_auth =
        probe::hooks_token_matches_gateway_auth(&loaded.value, &lookup);
    state.gateway.workspace_skills =
        skills::scan(&target.state_dir, &loaded.value, home.as_deref(), &lookup);
    if deep {
        state.gateway.probe = Some(probe::probe(&loaded.value, &lookup));
        let docker = probe::docker::browser_containers(probe::docker::COMMAND_TIMEOUT);
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
        let skills =
            skills::skill_files(&target.state_dir, &loaded.value, home.as_deref(), &lookup);
        state.gateway.code_scan = Some(code_scan::scan(
            &target.state_dir,
            &state.gateway.installed_extensions,
            &skills,
        ));
    }
    state_text::redact(&mut state);
    let secrets = LiveSecrets::new(env);
    let config = RedactedConfig::new(loaded.value, &secrets);
    if secrets.exceeded() {
        return Err(Error::Limit {
            path: target.config.clone(),
            message: format!(
                "`${{VAR}}` substitution adds more than {} to the config (Pincer's limit); \
                 a variable referenced many times multiplies it",
                bytesize::ByteSize(live_secrets::MAX_EXPANSION_BYTES as u64)
            ),
        });
    }
    state.gateway.info.notes.extend(secrets.take_notes());
    let view = PluginView::new(
        ViewParts {
            config,
            includes: loaded.includes,
            file_facts: facts,
            synced_paths,
            audit_time_ms,
            state,
            baseline_json,
        },
        env,
    );
    Ok(Collected {
        view,
        host: HostFacts {
            config_suppressions,
            config_sources: loaded.sources,
            credential: credential.map(|c| c.posture),
            config_issues,
        },
    })
}

/// Milliseconds since the Unix epoch.
fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_audit_sees_the_environment_it_is_given_and_no_value_of_it() {
        let home = tempfile::tempdir().expect("temp dir");
        let config = home.path().join("openclaw.json");
        std::fs::write(
            &config,
            r#"{ gateway: { auth: { mode: "token", token: "${OPENCLAW_GATEWAY_TOKEN}" } } }"#,
        )
        .expect("config written");
        let secret = "Fz8pQ2vN7xLk3RtY9wHs5bJc";
        let env = Env::of([("OPENCLAW_GATEWAY_TOKEN", secret)]);
        let target = Target::new(config, home.path().to_path_buf());
        let collected = collect(Installation {
            target: &target,
            env: &env,
            machine: &MachineFacts::gather(&env),
            deep: false,
            previous_credential: None,
            baseline_json: None,
            on_invalid: OnInvalid::Refuse,
        })
        .expect("collected");
        let names: Vec<&String> = collected.view.env.keys().collect();
        assert_eq!(
            names,
            ["OPENCLAW_GATEWAY_TOKEN"],
            "only the given variables"
        );
        let token = collected
            .view
            .get("gateway.auth.token")
            .expect("token marker");
        assert_eq!(token["$secret"]["set"], true, "{token}");
        let shown = serde_json::to_string(&collected.view).expect("view serialises");
        assert!(!shown.contains(secret), "the value reaches no plugin");
        assert!(!collected.view.config_json.contains(secret));
        assert!(collected.host.config_suppressions.is_none());
    }
}

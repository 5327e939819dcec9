//! How long the gateway credential (the token or password the gateway
//! accepts) has been in place, and whether an earlier audit found that
//! same credential exposed — what the seed baseline needs to rotate it on
//! time and after every exposure. Two histories say it:
//!
//! - OpenClaw's config journal (`chain.rs`), for a credential written in
//!   the config file itself: the records since the last write of its path;
//! - Pincer's own history (`--history`), for any credential the host can
//!   resolve: the previous entry's fingerprint (`fingerprint.rs`) says
//!   whether it is the same one, and carries forward since when and which
//!   exposures it has seen.
//!
//! Plugins get [`CredentialAge`]: times, check ids and booleans only.

pub mod chain;
pub mod fingerprint;

use crate::config::SourceNode;
use crate::probe::Credential;
use crate::state::journal::JournalRecord;
use pincer_sdk::CredentialAge;
use pincer_sdk::baseline::{CredentialPosture, EXPOSURE_CHECKS, exposes_config_files_only};
use serde_json::Value;
use std::path::Path;

/// The evidence names of [`CredentialAge::evidence`].
pub const JOURNAL: &str = "config-journal";
/// See [`JOURNAL`].
pub const HISTORY: &str = "audit-history";

/// The previous recorded audit, as far as the credential goes.
#[derive(Debug, Clone, Copy)]
pub struct Previous<'a> {
    /// When it ran (ms since the epoch).
    pub recorded_at_ms: u64,
    /// What it recorded of the credential (none when it had none, or was
    /// recorded before Pincer kept it).
    pub credential: Option<&'a CredentialPosture>,
}

/// Everything the host needs to assess the credential of one audit.
pub struct Inputs<'a> {
    /// The unredacted config.
    pub config: &'a Value,
    /// The environment the gateway would see.
    pub env: &'a dyn Fn(&str) -> Option<String>,
    /// Where each key of the config was written.
    pub sources: &'a SourceNode,
    /// The main config file.
    pub config_path: &'a Path,
    /// SHA-256 (hex) of the main config file's text.
    pub digest: &'a str,
    /// The config journal, newest first.
    pub journal: &'a [JournalRecord],
    /// The state directory (for the fingerprint key).
    pub state_dir: &'a Path,
    /// The previous recorded audit, with `--history`.
    pub previous: Option<Previous<'a>>,
    /// The audit's time.
    pub now_ms: u64,
}

/// The assessment: what plugins see, and what this run's history entry
/// records (before this run's own exposures are added, see [`record_exposures`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessed {
    /// For the `gateway` interface.
    pub age: CredentialAge,
    /// For the history entry (with the fingerprint).
    pub posture: CredentialPosture,
}

/// The paths OpenClaw may have recorded the config under: as given made
/// absolute, and with symlinks resolved.
fn recorded_paths(config_path: &Path) -> Vec<String> {
    let mut paths = Vec::new();
    if let Ok(absolute) = std::path::absolute(config_path) {
        paths.push(absolute.display().to_string());
    }
    if let Ok(real) = config_path.canonicalize() {
        paths.push(real.display().to_string());
    }
    paths.dedup();
    paths
}

/// Whether the config value at `path` is the credential written out (not
/// a `${VAR}` or `$NAME` reference, not a secret-reference object).
fn written_literally(config: &Value, kind: &str) -> bool {
    config
        .get("gateway")
        .and_then(|gateway| gateway.get("auth"))
        .and_then(|auth| auth.get(kind))
        .and_then(Value::as_str)
        .is_some_and(|text| !text.trim().is_empty() && !text.contains('$'))
}

/// Assesses the credential the gateway of `inputs.config` accepts; none
/// when it accepts none.
pub fn assess(inputs: &Inputs<'_>) -> Option<Assessed> {
    let (credential, _) = crate::probe::credential(inputs.config, inputs.env);
    let (kind, value) = match &credential {
        Credential::Token(value) => ("token", value.as_str()),
        Credential::Password(value) => ("password", value.as_str()),
        Credential::None => return None,
    };
    let path = format!("gateway.auth.{kind}");
    let written_in_config = written_literally(inputs.config, kind);
    let in_main_file = inputs.sources.locate(&path).is_some_and(|location| {
        location.file.as_ref() == inputs.config_path
            || location.file.canonicalize().ok() == inputs.config_path.canonicalize().ok()
    });
    let journal = (written_in_config && in_main_file)
        .then(|| {
            chain::bound(
                inputs.journal,
                &recorded_paths(inputs.config_path),
                inputs.digest,
                &path,
            )
        })
        .flatten();
    let fingerprint =
        fingerprint::key(inputs.state_dir).map(|key| fingerprint::fingerprint(&key, kind, value));

    let mut age = CredentialAge {
        kind: kind.to_owned(),
        path,
        written_in_config,
        tracked: fingerprint.is_some(),
        ..CredentialAge::default()
    };
    let journal_since = journal.map(|bound| u64::try_from(bound.in_place_since_ms).unwrap_or(0));
    let mut since = journal_since;
    if journal.is_some() {
        age.evidence.push(JOURNAL.to_owned());
        age.changed_at_ms = journal
            .and_then(|bound| bound.changed_at_ms)
            .and_then(|at| u64::try_from(at).ok());
    }
    if let (Some(previous), Some(current)) = (inputs.previous, &fingerprint) {
        let old = previous
            .credential
            .filter(|old| old.fingerprint.is_some() && old.kind == kind);
        if let Some(old) = old {
            if old.fingerprint.as_deref() == Some(current.as_str()) {
                age.rotated_since_baseline = Some(false);
                if let Some(old_since) = old.in_place_since_ms {
                    since = Some(since.map_or(old_since, |s| s.min(old_since)));
                    age.evidence.push(HISTORY.to_owned());
                }
                age.exposed_at_ms = old.exposed_at_ms;
                age.exposed_by.clone_from(&old.exposed_by);
            } else {
                // Changed since the last run: a journal date from before
                // that run is of an older credential.
                age.rotated_since_baseline = Some(true);
                if since.is_some_and(|s| s <= previous.recorded_at_ms) {
                    since = None;
                    age.evidence.clear();
                    age.changed_at_ms = None;
                }
            }
        }
    }
    age.in_place_since_ms = since;
    let posture = CredentialPosture {
        kind: kind.to_owned(),
        in_place_since_ms: match &fingerprint {
            // Known from now on at the latest.
            Some(_) => Some(since.map_or(inputs.now_ms, |s| s.min(inputs.now_ms))),
            None => since,
        },
        fingerprint,
        exposed_at_ms: age.exposed_at_ms,
        exposed_by: age.exposed_by.clone(),
    };
    Some(Assessed { age, posture })
}

/// Adds this run's exposure findings (`check_ids`) to the credential's
/// posture: the first exposure's time stays, the checks accumulate.
pub fn record_exposures(
    posture: &mut CredentialPosture,
    written_in_config: bool,
    check_ids: &[&str],
    now_ms: u64,
) {
    let mut found: Vec<&str> = check_ids
        .iter()
        .copied()
        .filter(|id| EXPOSURE_CHECKS.contains(id))
        .filter(|id| written_in_config || !exposes_config_files_only(id))
        .collect();
    if found.is_empty() {
        return;
    }
    found.sort_unstable();
    found.dedup();
    posture.exposed_at_ms.get_or_insert(now_ms);
    for id in found {
        if !posture.exposed_by.iter().any(|known| known == id) {
            posture.exposed_by.push(id.to_owned());
        }
    }
    posture.exposed_by.sort();
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef0123456789abcdef";

    struct Fixture {
        dir: tempfile::TempDir,
        config: Value,
    }

    impl Fixture {
        fn new(keyed: bool) -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            if keyed {
                std::fs::write(dir.path().join(fingerprint::KEY_FILE), [9u8; 32]).unwrap();
            }
            Fixture {
                dir,
                config: json!({ "gateway": { "auth": { "mode": "token", "token": TOKEN } } }),
            }
        }

        fn assess(&self, previous: Option<Previous<'_>>) -> Option<Assessed> {
            let sources = SourceNode::default();
            let env = |_: &str| None;
            assess(&Inputs {
                config: &self.config,
                env: &env,
                sources: &sources,
                config_path: &self.dir.path().join("openclaw.json"),
                digest: "d",
                journal: &[],
                state_dir: self.dir.path(),
                previous,
                now_ms: 1_000_000,
            })
        }
    }

    #[test]
    fn the_same_credential_carries_its_age_and_exposures_forward() {
        let fixture = Fixture::new(true);
        let first = fixture.assess(None).unwrap();
        assert_eq!(first.age.in_place_since_ms, None, "one run proves nothing");
        assert_eq!(first.posture.in_place_since_ms, Some(1_000_000));
        let fingerprint = first.posture.fingerprint.clone().unwrap();
        assert!(!fingerprint.contains(TOKEN));
        let mut old = first.posture;
        old.in_place_since_ms = Some(10);
        record_exposures(
            &mut old,
            true,
            &["fs.config.perms_world_readable", "gateway.bind_no_auth"],
            10,
        );
        let again = fixture
            .assess(Some(Previous {
                recorded_at_ms: 10,
                credential: Some(&old),
            }))
            .unwrap();
        assert_eq!(again.age.in_place_since_ms, Some(10));
        assert_eq!(again.age.evidence, vec![HISTORY]);
        assert_eq!(again.age.rotated_since_baseline, Some(false));
        assert_eq!(again.age.exposed_at_ms, Some(10));
        assert_eq!(again.age.exposed_by, vec!["fs.config.perms_world_readable"]);
        assert_eq!(again.posture.in_place_since_ms, Some(10));
    }

    #[test]
    fn a_rotated_credential_starts_afresh() {
        let fixture = Fixture::new(true);
        let old = CredentialPosture {
            kind: "token".to_owned(),
            fingerprint: Some("0000000000000000".to_owned()),
            in_place_since_ms: Some(10),
            exposed_at_ms: Some(10),
            exposed_by: vec!["fs.synced_dir".to_owned()],
        };
        let now = fixture
            .assess(Some(Previous {
                recorded_at_ms: 500,
                credential: Some(&old),
            }))
            .unwrap();
        assert_eq!(now.age.rotated_since_baseline, Some(true));
        assert_eq!(now.age.in_place_since_ms, None);
        assert_eq!(now.age.exposed_at_ms, None);
        assert!(now.age.exposed_by.is_empty());
        assert_eq!(now.posture.in_place_since_ms, Some(1_000_000));
    }

    #[test]
    fn without_the_key_the_history_cannot_follow_it() {
        let fixture = Fixture::new(false);
        let old = CredentialPosture {
            kind: "token".to_owned(),
            fingerprint: Some("0000000000000000".to_owned()),
            in_place_since_ms: Some(10),
            ..CredentialPosture::default()
        };
        let now = fixture
            .assess(Some(Previous {
                recorded_at_ms: 500,
                credential: Some(&old),
            }))
            .unwrap();
        assert!(!now.age.tracked);
        assert_eq!(now.age.rotated_since_baseline, None);
        assert_eq!(now.age.in_place_since_ms, None);
        assert_eq!(now.posture.fingerprint, None);
    }

    #[test]
    fn no_credential_no_assessment_and_references_are_not_written_in_config() {
        let mut fixture = Fixture::new(true);
        fixture.config = json!({ "gateway": { "auth": { "mode": "none" } } });
        assert_eq!(fixture.assess(None), None);
        fixture.config =
            json!({ "gateway": { "auth": { "mode": "token", "token": "${GATEWAY_TOKEN}" } } });
        let env = |name: &str| (name == "GATEWAY_TOKEN").then(|| TOKEN.to_owned());
        let sources = SourceNode::default();
        let assessed = assess(&Inputs {
            config: &fixture.config,
            env: &env,
            sources: &sources,
            config_path: Path::new("/nonexistent/openclaw.json"),
            digest: "d",
            journal: &[],
            state_dir: fixture.dir.path(),
            previous: None,
            now_ms: 1,
        })
        .unwrap();
        assert!(!assessed.age.written_in_config);
        assert!(assessed.age.tracked);
    }

    #[test]
    fn config_file_exposures_count_only_for_a_credential_in_the_config() {
        let mut posture = CredentialPosture::default();
        record_exposures(&mut posture, false, &["fs.config.perms_world_readable"], 5);
        assert_eq!(posture.exposed_at_ms, None);
        record_exposures(&mut posture, false, &["fs.log_file.perms_readable"], 5);
        record_exposures(&mut posture, false, &["hooks.token_reuse_gateway_token"], 9);
        assert_eq!(posture.exposed_at_ms, Some(5));
        assert_eq!(
            posture.exposed_by,
            vec![
                "fs.log_file.perms_readable",
                "hooks.token_reuse_gateway_token"
            ]
        );
    }
}

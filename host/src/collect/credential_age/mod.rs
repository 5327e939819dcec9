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

pub(crate) mod chain;
pub(crate) mod fingerprint;

use crate::collect::config::SourceNode;
use crate::collect::probe::Credential;
use crate::collect::state::journal::JournalRecord;
use pincer_sdk::CredentialAge;
use pincer_sdk::baseline::{CredentialPosture, EXPOSURE_CHECKS, exposes_config_files_only};
use serde_json::Value;
use std::path::Path;

/// The evidence names of [`CredentialAge::evidence`].
pub(crate) const JOURNAL: &str = "config-journal";
/// See [`JOURNAL`].
pub(crate) const HISTORY: &str = "audit-history";

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
pub(crate) struct Inputs<'a> {
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
pub(crate) struct Assessed {
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

/// Whether the config's `gateway.auth.<kind>` is the credential written
/// out (not a `${VAR}` or `$NAME` reference, not a secret-reference
/// object).
fn written_literally(config: &Value, kind: &str) -> bool {
    config
        .get("gateway")
        .and_then(|gateway| gateway.get("auth"))
        .and_then(|auth| auth.get(kind))
        .and_then(Value::as_str)
        .is_some_and(|text| !text.trim().is_empty() && !text.contains('$'))
}

/// Whether `path` is written in the main config file itself (not in an
/// include, and not only its parent: the whole path must be located).
fn in_main_file(sources: &SourceNode, path: &str, config_path: &Path) -> bool {
    let Some((location, whole)) = sources.resolve(path) else {
        return false;
    };
    if !whole {
        return false;
    }
    location.file.as_ref() == config_path
        || matches!(
            (location.file.canonicalize(), config_path.canonicalize()),
            (Ok(a), Ok(b)) if a == b
        )
}

/// A time from the journal as ms since the epoch; none before any
/// journal existed (see [`chain::EARLIEST_MS`]).
fn epoch_ms(at: i64) -> Option<u64> {
    (at >= chain::EARLIEST_MS)
        .then(|| u64::try_from(at).ok())
        .flatten()
}

/// Assesses the credential the gateway of `inputs.config` accepts; none
/// when it accepts none.
///
/// Only a credential whose value Pincer can be sure of is followed
/// through the history: one written in the config, or any when the audit
/// runs in the gateway service's own environment. A `${VAR}` or an
/// `OPENCLAW_GATEWAY_TOKEN` resolved from another environment (a cron
/// user's shell) may not be the gateway's. A password that is not written
/// in the config is never fingerprinted: with the key, a fingerprint of a
/// guessable password could be guessed against offline.
pub(crate) fn assess(inputs: &Inputs<'_>) -> Option<Assessed> {
    let (credential, _) = crate::collect::probe::credential(inputs.config, inputs.env);
    let (kind, value) = match &credential {
        Credential::Token(value) => ("token", value.as_str()),
        Credential::Password(value) => ("password", value.as_str()),
        Credential::None => return None,
    };
    let path = format!("gateway.auth.{kind}");
    let written_in_config = written_literally(inputs.config, kind);
    let certain = written_in_config || pincer_sdk::auth_facts::in_gateway_service(inputs.env);
    let key = fingerprint::key(inputs.state_dir);
    let journal = (written_in_config && in_main_file(inputs.sources, &path, inputs.config_path))
        .then(|| {
            chain::bound(
                inputs.journal,
                &chain::Walk {
                    config_paths: &recorded_paths(inputs.config_path),
                    digest: inputs.digest,
                    credential: &path,
                    keyed_since_ms: key.and_then(|key| key.since_ms),
                    now_ms: i64::try_from(inputs.now_ms).unwrap_or(i64::MAX),
                },
            )
        })
        .flatten();
    let fingerprinted = certain && (kind == "token" || written_in_config);
    let fingerprint = key
        .filter(|_| fingerprinted)
        .and_then(|key| fingerprint::fingerprint(&key.bytes, kind, value));

    let mut age = CredentialAge {
        kind: kind.to_owned(),
        path,
        written_in_config,
        tracked: fingerprint.is_some(),
        ..CredentialAge::default()
    };
    let mut since = journal.and_then(|bound| epoch_ms(bound.in_place_since_ms));
    if since.is_some() {
        age.evidence.push(JOURNAL.to_owned());
        age.changed_at_ms = journal
            .and_then(|bound| bound.changed_at_ms)
            .and_then(epoch_ms);
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
    // This run cannot tell which credential it saw: the record carries on
    // as it was, so the next run that can still compares with it.
    if fingerprint.is_none()
        && let Some(old) = inputs
            .previous
            .and_then(|previous| previous.credential)
            .filter(|old| old.fingerprint.is_some() && old.kind == kind)
    {
        return Some(Assessed {
            age,
            posture: old.clone(),
        });
    }
    let posture = CredentialPosture {
        kind: kind.to_owned(),
        written_in_config,
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
pub(crate) fn record_exposures(
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
    use crate::collect::state::journal::JournalRecord;
    use serde_json::json;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef0123456789abcdef";
    /// 2026-11-28; times below are days before it.
    const NOW: u64 = 1_795_887_845_518;
    const DAY: u64 = 86_400_000;

    fn days_ago(days: u64) -> u64 {
        NOW - days * DAY
    }

    /// A state dir (keyed or not) holding `config` as openclaw.json.
    struct Fixture {
        dir: tempfile::TempDir,
        config: Value,
        env: Vec<(&'static str, &'static str)>,
        journal: Vec<JournalRecord>,
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
                env: Vec::new(),
                journal: Vec::new(),
            }
        }

        fn config_path(&self) -> std::path::PathBuf {
            self.dir.path().join("openclaw.json")
        }

        fn assess(&self, previous: Option<Previous<'_>>) -> Option<Assessed> {
            let text = serde_json::to_string_pretty(&self.config).unwrap();
            std::fs::write(self.config_path(), &text).unwrap();
            let sources = crate::collect::config::locations_of(&self.config_path(), &text);
            let env = |name: &str| {
                self.env
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| (*value).to_owned())
            };
            assess(&Inputs {
                config: &self.config,
                env: &env,
                sources: &sources,
                config_path: &self.config_path(),
                digest: "current",
                journal: &self.journal,
                state_dir: self.dir.path(),
                previous,
                now_ms: NOW,
            })
        }

        /// A journal write of the token at `at`, leading to the current file.
        fn token_written_at(&mut self, at: u64) {
            self.journal.push(JournalRecord {
                at_ms: i64::try_from(at).unwrap(),
                event: "config.write".to_owned(),
                config_path: Some(self.config_path().display().to_string()),
                result: Some("rename".to_owned()),
                previous_hash: Some("before".to_owned()),
                next_hash: Some("current".to_owned()),
                changed_paths: Some(vec!["gateway.auth.token".to_owned()]),
                ..JournalRecord::default()
            });
        }
    }

    #[test]
    fn the_same_credential_carries_its_age_and_exposures_forward() {
        let fixture = Fixture::new(true);
        let first = fixture.assess(None).unwrap();
        assert_eq!(first.age.in_place_since_ms, None, "one run proves nothing");
        assert_eq!(first.posture.in_place_since_ms, Some(NOW));
        assert!(first.posture.written_in_config);
        let fingerprint = first.posture.fingerprint.clone().unwrap();
        assert!(!fingerprint.contains(TOKEN));
        let mut old = first.posture;
        old.in_place_since_ms = Some(days_ago(200));
        record_exposures(
            &mut old,
            true,
            &["fs.config.perms_world_readable", "gateway.bind_no_auth"],
            days_ago(100),
        );
        let again = fixture
            .assess(Some(Previous {
                recorded_at_ms: days_ago(1),
                credential: Some(&old),
            }))
            .unwrap();
        assert_eq!(again.age.in_place_since_ms, Some(days_ago(200)));
        assert_eq!(again.age.evidence, vec![HISTORY]);
        assert_eq!(again.age.rotated_since_baseline, Some(false));
        assert_eq!(again.age.exposed_at_ms, Some(days_ago(100)));
        assert_eq!(again.age.exposed_by, vec!["fs.config.perms_world_readable"]);
        assert_eq!(again.posture.in_place_since_ms, Some(days_ago(200)));
    }

    #[test]
    fn a_rotated_credential_starts_afresh_and_drops_an_older_journal_date() {
        let mut fixture = Fixture::new(true);
        fixture.token_written_at(days_ago(40));
        let old = CredentialPosture {
            kind: "token".to_owned(),
            written_in_config: true,
            fingerprint: Some("0000000000000000".to_owned()),
            in_place_since_ms: Some(days_ago(300)),
            exposed_at_ms: Some(days_ago(300)),
            exposed_by: vec!["fs.synced_dir".to_owned()],
        };
        let now = fixture
            .assess(Some(Previous {
                recorded_at_ms: days_ago(30),
                credential: Some(&old),
            }))
            .unwrap();
        assert_eq!(now.age.rotated_since_baseline, Some(true));
        assert_eq!(
            now.age.in_place_since_ms, None,
            "the write 40 days ago is before the last run"
        );
        assert!(now.age.evidence.is_empty() && now.age.changed_at_ms.is_none());
        assert_eq!(now.age.exposed_at_ms, None);
        assert!(now.age.exposed_by.is_empty());
        assert_eq!(now.posture.in_place_since_ms, Some(NOW));
        // A journal date after the last run stands.
        let later = fixture
            .assess(Some(Previous {
                recorded_at_ms: days_ago(50),
                credential: Some(&old),
            }))
            .unwrap();
        assert_eq!(later.age.in_place_since_ms, Some(days_ago(40)));
        assert_eq!(later.age.changed_at_ms, Some(days_ago(40)));
    }

    #[test]
    fn the_journal_dates_a_token_written_in_the_main_file_only() {
        let mut fixture = Fixture::new(false);
        fixture.token_written_at(days_ago(40));
        let dated = fixture.assess(None).unwrap();
        assert_eq!(dated.age.in_place_since_ms, Some(days_ago(40)));
        assert_eq!(dated.age.evidence, vec![JOURNAL]);
        assert!(!dated.age.tracked, "no key, no fingerprint");
        // Written in an include: the main file's journal says nothing of
        // it, whether the main file's map has no place for the token at all
        // or only its parent (an include merged it in: the parent's line is
        // no proof).
        let mut config = json!({ "gateway": { "auth": { "mode": "token" } } });
        config["gateway"]["auth"]["token"] = json!(TOKEN);
        let text = "{\n  \"gateway\": {\n    \"auth\": { \"mode\": \"token\" }\n  }\n}";
        let parent_only = crate::collect::config::locations_of(&fixture.config_path(), text);
        assert!(
            parent_only.locate("gateway.auth.token").is_some(),
            "falls back to the parent"
        );
        let env = |_: &str| None;
        for sources in [SourceNode::default(), parent_only] {
            let assessed = assess(&Inputs {
                config: &config,
                env: &env,
                sources: &sources,
                config_path: &fixture.config_path(),
                digest: "current",
                journal: &fixture.journal,
                state_dir: fixture.dir.path(),
                previous: None,
                now_ms: NOW,
            })
            .unwrap();
            assert_eq!(assessed.age.in_place_since_ms, None);
        }
        // From ${VAR}: the file's history is not the value's.
        fixture.config =
            json!({ "gateway": { "auth": { "mode": "token", "token": "${GATEWAY_TOKEN}" } } });
        fixture.env = vec![("GATEWAY_TOKEN", TOKEN)];
        let from_env = fixture.assess(None).unwrap();
        assert_eq!(from_env.age.in_place_since_ms, None);
        assert!(!from_env.age.written_in_config);
    }

    #[test]
    fn a_credential_from_the_environment_is_followed_only_in_the_gateway_service() {
        let mut fixture = Fixture::new(true);
        fixture.config = json!({ "gateway": { "auth": { "mode": "token" } } });
        fixture.env = vec![("OPENCLAW_GATEWAY_TOKEN", TOKEN)];
        let outside = fixture.assess(None).unwrap();
        assert!(!outside.age.tracked && outside.posture.fingerprint.is_none());
        fixture.env.push(("OPENCLAW_SERVICE_KIND", "gateway"));
        let inside = fixture.assess(None).unwrap();
        assert!(inside.age.tracked && inside.posture.fingerprint.is_some());
        // A password from the environment is never fingerprinted.
        fixture.config = json!({ "gateway": { "auth": { "mode": "password" } } });
        fixture.env = vec![
            ("OPENCLAW_GATEWAY_PASSWORD", "correct horse battery staple"),
            ("OPENCLAW_SERVICE_KIND", "gateway"),
        ];
        let password = fixture.assess(None).unwrap();
        assert_eq!(password.age.kind, "password");
        assert!(password.posture.fingerprint.is_none());
    }

    #[test]
    fn without_the_key_the_history_cannot_follow_it_and_keeps_its_record() {
        let fixture = Fixture::new(false);
        let first = fixture.assess(None).unwrap();
        assert!(!first.age.tracked && first.posture.fingerprint.is_none());
        let old = CredentialPosture {
            kind: "token".to_owned(),
            fingerprint: Some("0000000000000000".to_owned()),
            in_place_since_ms: Some(days_ago(300)),
            exposed_at_ms: Some(days_ago(200)),
            exposed_by: vec!["fs.synced_dir".to_owned()],
            ..CredentialPosture::default()
        };
        let now = fixture
            .assess(Some(Previous {
                recorded_at_ms: days_ago(1),
                credential: Some(&old),
            }))
            .unwrap();
        assert!(!now.age.tracked);
        assert_eq!(now.age.rotated_since_baseline, None);
        assert_eq!(now.age.in_place_since_ms, None);
        assert!(now.age.exposed_by.is_empty(), "unknown: not reported");
        // This run could not tell: the record carries on for the next run
        // that can, exposures included.
        assert_eq!(now.posture, old);
    }

    #[test]
    fn no_credential_no_assessment() {
        let mut fixture = Fixture::new(true);
        fixture.config = json!({ "gateway": { "auth": { "mode": "none" } } });
        assert_eq!(fixture.assess(None), None);
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

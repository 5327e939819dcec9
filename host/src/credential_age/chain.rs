//! The config journal's chain of custody: from the current config file
//! back through the journal's writes and external changes, for as long as
//! each record accounts for the file the next one started from. Every
//! record on the chain that left the credential's path alone vouches that
//! the credential was in place at its time; the first one that changed it
//! (or may have) ends the walk. A record that does not fit the chain (a
//! write that produced another file, a read that saw another file) ends
//! it too: something changed the file without a record, so nothing older
//! is proof.

use crate::state::journal::JournalRecord;

/// What the chain proves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JournalBound {
    /// The earliest time the chain shows the credential in place.
    pub in_place_since_ms: i64,
    /// When a write set the credential, when the chain reached it.
    pub changed_at_ms: Option<i64>,
}

/// Whether a record's changed paths may include `credential` (say
/// `gateway.auth.token`): the path itself, a parent or a child of it, a
/// truncated list, or no list at all.
fn may_touch(record: &JournalRecord, credential: &str) -> bool {
    let Some(paths) = &record.changed_paths else {
        return true;
    };
    let truncated = record
        .changed_path_count
        .is_some_and(|count| count > paths.len() as u64);
    truncated
        || paths.iter().any(|path| {
            path == credential
                || path.starts_with('…')
                || credential
                    .strip_prefix(path.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
                || path
                    .strip_prefix(credential)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
}

/// Walks `journal` (newest first) from the file whose SHA-256 is
/// `digest`, counting only records of one of `config_paths`.
pub fn bound(
    journal: &[JournalRecord],
    config_paths: &[String],
    digest: &str,
    credential: &str,
) -> Option<JournalBound> {
    let mut current = digest.to_owned();
    let mut since: Option<i64> = None;
    let vouch = |since: &mut Option<i64>, at: i64| {
        *since = Some(since.map_or(at, |earlier| earlier.min(at)));
    };
    for record in journal {
        let ours = record
            .config_path
            .as_ref()
            .is_some_and(|path| config_paths.iter().any(|p| p == path));
        if !ours {
            continue;
        }
        match record.event.as_str() {
            "config.observe" => {
                if record.hash.as_deref() != Some(current.as_str()) {
                    break;
                }
                vouch(&mut since, record.at_ms);
            }
            "config.write" => {
                if matches!(record.result.as_deref(), Some("failed" | "rejected")) {
                    continue;
                }
                if record.next_hash.as_deref() != Some(current.as_str()) {
                    break;
                }
                if may_touch(record, credential) {
                    return Some(JournalBound {
                        in_place_since_ms: record.at_ms,
                        changed_at_ms: Some(record.at_ms),
                    });
                }
                vouch(&mut since, record.at_ms);
                match &record.previous_hash {
                    Some(previous) => current.clone_from(previous),
                    None => break,
                }
            }
            "config.external" => {
                if record.next_hash.as_deref() != Some(current.as_str()) {
                    break;
                }
                // Noticed at this time, made at some time before: the
                // credential is at least as old as the notice, no older
                // is proven.
                if record.opaque_change
                    || record.valid == Some(false)
                    || may_touch(record, credential)
                {
                    vouch(&mut since, record.at_ms);
                    break;
                }
                vouch(&mut since, record.at_ms);
                match &record.previous_hash {
                    Some(previous) => current.clone_from(previous),
                    None => break,
                }
            }
            _ => {}
        }
    }
    since.map(|in_place_since_ms| JournalBound {
        in_place_since_ms,
        changed_at_ms: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = "/home/op/.openclaw/openclaw.json";
    const TOKEN: &str = "gateway.auth.token";

    fn write(at: i64, from: &str, to: &str, changed: &[&str]) -> JournalRecord {
        JournalRecord {
            at_ms: at,
            event: "config.write".to_owned(),
            config_path: Some(PATH.to_owned()),
            result: Some("rename".to_owned()),
            previous_hash: Some(from.to_owned()),
            next_hash: Some(to.to_owned()),
            changed_paths: Some(changed.iter().map(|p| (*p).to_owned()).collect()),
            ..JournalRecord::default()
        }
    }

    fn observe(at: i64, hash: &str) -> JournalRecord {
        JournalRecord {
            at_ms: at,
            event: "config.observe".to_owned(),
            config_path: Some(PATH.to_owned()),
            hash: Some(hash.to_owned()),
            ..JournalRecord::default()
        }
    }

    fn walk(journal: &[JournalRecord], digest: &str) -> Option<JournalBound> {
        bound(journal, &[PATH.to_owned()], digest, TOKEN)
    }

    #[test]
    fn a_write_of_the_token_dates_it_exactly_through_later_writes() {
        let journal = [
            observe(500, "c"),
            write(400, "b", "c", &["channels.telegram.dmPolicy"]),
            write(300, "a", "b", &["gateway.auth.token"]),
            write(100, "0", "a", &["gateway.bind"]),
        ];
        assert_eq!(
            walk(&journal, "c"),
            Some(JournalBound {
                in_place_since_ms: 300,
                changed_at_ms: Some(300)
            })
        );
    }

    #[test]
    fn writes_that_leave_it_alone_vouch_back_to_the_oldest() {
        let journal = [
            write(400, "b", "c", &["tools.profile"]),
            observe(350, "b"),
            write(300, "a", "b", &["gateway.bind"]),
            observe(10, "a"),
        ];
        assert_eq!(
            walk(&journal, "c"),
            Some(JournalBound {
                in_place_since_ms: 10,
                changed_at_ms: None
            })
        );
    }

    #[test]
    fn parents_children_truncation_and_missing_lists_count_as_changes() {
        for changed in [
            vec!["gateway"],
            vec!["gateway.auth"],
            vec!["gateway.auth.token.id"],
            vec!["…+70 more"],
        ] {
            let journal = [write(300, "a", "b", &changed), observe(10, "a")];
            assert_eq!(
                walk(&journal, "b").map(|b| b.changed_at_ms),
                Some(Some(300)),
                "{changed:?}"
            );
        }
        let mut truncated = write(300, "a", "b", &["gateway.bind"]);
        truncated.changed_path_count = Some(80);
        let mut unlisted = write(300, "a", "b", &[]);
        unlisted.changed_paths = None;
        for record in [truncated, unlisted] {
            assert_eq!(
                walk(&[record.clone(), observe(10, "a")], "b").map(|b| b.changed_at_ms),
                Some(Some(300)),
                "{record:?}"
            );
        }
        // A sibling whose name starts like the token is not the token.
        let journal = [
            write(300, "a", "b", &["gateway.auth.tokenFile"]),
            observe(10, "a"),
        ];
        assert_eq!(walk(&journal, "b").map(|b| b.in_place_since_ms), Some(10));
    }

    #[test]
    fn an_unrecorded_change_ends_the_chain() {
        // The file now is "x", which no record produced: nothing is proven.
        let journal = [write(300, "a", "b", &["gateway.bind"]), observe(10, "a")];
        assert_eq!(walk(&journal, "x"), None);
        // A read in between saw another file: the chain ends there.
        let journal = [
            observe(500, "c"),
            observe(450, "z"),
            write(400, "b", "c", &["tools.profile"]),
        ];
        assert_eq!(walk(&journal, "c").map(|b| b.in_place_since_ms), Some(500));
    }

    #[test]
    fn external_changes_are_followed_or_end_the_walk() {
        let external = |at, from: &str, to: &str, changed: Option<&[&str]>, opaque| JournalRecord {
            at_ms: at,
            event: "config.external".to_owned(),
            config_path: Some(PATH.to_owned()),
            previous_hash: Some(from.to_owned()),
            next_hash: Some(to.to_owned()),
            changed_paths: changed.map(|c| c.iter().map(|p| (*p).to_owned()).collect()),
            opaque_change: opaque,
            valid: Some(true),
            ..JournalRecord::default()
        };
        let untouched = [
            external(300, "a", "b", Some(&["gateway.bind"]), false),
            observe(10, "a"),
        ];
        assert_eq!(walk(&untouched, "b").map(|b| b.in_place_since_ms), Some(10));
        for record in [
            external(300, "a", "b", Some(&["gateway.auth.token"]), false),
            external(300, "a", "b", None, true),
        ] {
            let journal = [record, observe(10, "a")];
            assert_eq!(
                walk(&journal, "b"),
                Some(JournalBound {
                    in_place_since_ms: 300,
                    changed_at_ms: None
                })
            );
        }
    }

    #[test]
    fn failed_writes_and_other_configs_are_skipped() {
        let mut failed = write(400, "b", "q", &["gateway.auth.token"]);
        failed.result = Some("failed".to_owned());
        let mut other = write(350, "b", "b", &["gateway.auth.token"]);
        other.config_path = Some("/elsewhere/openclaw.json".to_owned());
        let journal = [failed, other, observe(20, "b")];
        assert_eq!(walk(&journal, "b").map(|b| b.in_place_since_ms), Some(20));
    }
}

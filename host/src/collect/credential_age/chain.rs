//! The config journal's chain of custody, content-addressed: a record
//! whose result is a file the chain holds (a write's or external change's
//! `nextHash`, a read's `hash`) vouches that the file — and so the
//! credential written in it — existed at the record's time; a write or
//! external change that left the credential's path alone adds the file it
//! started from to the chain, with the same credential. Every file on the
//! chain holds the current credential, whatever order the records came in
//! (OpenClaw appends an external change after the write that noticed it),
//! so the earliest time vouched is a lower bound of the credential's age:
//! the value has existed at least that long. A write that may have set the
//! credential ends its branch. An external change counts as leaving the
//! credential alone only when OpenClaw could see value changes at all:
//! without its fingerprint key, its changed paths never name a changed
//! value, so one counts only when the key existed when it was recorded.
//! Records dated before 2020 (a gateway whose clock was not set yet writes
//! 1970 and its uptime) or after the audit are not believed, nor writes
//! whose result is not one OpenClaw calls a success.

use crate::collect::state::journal::JournalRecord;
use std::collections::{BTreeSet, HashMap};

/// How far past the audit time a record may be dated (clock skew between
/// the gateway and the auditor).
const SKEW_MS: i64 = 5 * 60 * 1000;

/// The earliest time a record may be dated: 2020-01-01, before any
/// OpenClaw kept a journal.
pub(crate) const EARLIEST_MS: i64 = 1_577_836_800_000;

/// The results OpenClaw gives a write that changed the file.
const WRITTEN: &[&str] = &["rename", "copy-fallback"];

/// What the chain proves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct JournalBound {
    /// The earliest time the chain shows the credential in place.
    pub in_place_since_ms: i64,
    /// The earliest write on the chain that set the credential (or may
    /// have), when the chain reached one.
    pub changed_at_ms: Option<i64>,
}

/// Whether a record's changed paths may include `credential` (say
/// `gateway.auth.token`): the path itself, a parent or a child of it, the
/// whole config (an empty path), a truncated list, or no list at all.
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
                || path.is_empty()
                || path.starts_with('…')
                || credential
                    .strip_prefix(path.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
                || path
                    .strip_prefix(credential)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
}

/// What the walk needs to know beyond the records.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Walk<'a> {
    /// The paths OpenClaw may have recorded the config file under.
    pub config_paths: &'a [String],
    /// SHA-256 (hex) of the config file now.
    pub digest: &'a str,
    /// The credential's config path (`gateway.auth.token`, ...).
    pub credential: &'a str,
    /// Since when OpenClaw's fingerprint key exists (its file's time):
    /// external changes recorded since then name the values that changed.
    pub keyed_since_ms: Option<i64>,
    /// The audit's time (ms since the epoch).
    pub now_ms: i64,
}

/// Walks the chain of `journal` from the file whose SHA-256 is
/// `walk.digest`.
pub(crate) fn bound(journal: &[JournalRecord], walk: &Walk<'_>) -> Option<JournalBound> {
    let records: Vec<&JournalRecord> = journal
        .iter()
        .filter(|record| {
            record
                .config_path
                .as_ref()
                .is_some_and(|path| walk.config_paths.iter().any(|p| p == path))
        })
        .filter(|record| {
            record.at_ms >= EARLIEST_MS && record.at_ms <= walk.now_ms.saturating_add(SKEW_MS)
        })
        .filter(|record| {
            record.event != "config.write"
                || record
                    .result
                    .as_deref()
                    .is_some_and(|result| WRITTEN.contains(&result))
        })
        .collect();
    // Records by the file they leave behind (or saw).
    let mut by_result: HashMap<&str, Vec<&JournalRecord>> = HashMap::new();
    for record in &records {
        let result = match record.event.as_str() {
            "config.observe" => record.hash.as_deref(),
            "config.write" | "config.external" => record.next_hash.as_deref(),
            _ => None,
        };
        if let Some(result) = result {
            by_result.entry(result).or_default().push(record);
        }
    }
    let mut chain: BTreeSet<String> = BTreeSet::from([walk.digest.to_owned()]);
    let mut pending = vec![walk.digest.to_owned()];
    let mut since: Option<i64> = None;
    let mut changed: Option<i64> = None;
    let earliest = |slot: &mut Option<i64>, at: i64| {
        *slot = Some(slot.map_or(at, |earlier| earlier.min(at)));
    };
    while let Some(file) = pending.pop() {
        for record in by_result.get(file.as_str()).into_iter().flatten() {
            earliest(&mut since, record.at_ms);
            let follows = match record.event.as_str() {
                "config.write" => {
                    if may_touch(record, walk.credential) {
                        earliest(&mut changed, record.at_ms);
                        false
                    } else {
                        true
                    }
                }
                "config.external" => {
                    walk.keyed_since_ms
                        .is_some_and(|since| record.at_ms >= since)
                        && !record.opaque_change
                        && record.valid != Some(false)
                        && !may_touch(record, walk.credential)
                }
                _ => false,
            };
            if let Some(previous) = record.previous_hash.as_ref().filter(|_| follows)
                && chain.insert(previous.clone())
            {
                pending.push(previous.clone());
            }
        }
    }
    since.map(|in_place_since_ms| JournalBound {
        in_place_since_ms,
        changed_at_ms: changed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = "/home/op/.openclaw/openclaw.json";
    const TOKEN: &str = "gateway.auth.token";
    /// 2026-11-28, and times as minutes after 2025-01-01.
    const NOW: i64 = 1_795_887_845_518;
    const T0: i64 = 1_735_689_600_000;

    fn at(minutes: i64) -> i64 {
        T0 + minutes * 60_000
    }

    fn write(minutes: i64, from: &str, to: &str, changed: &[&str]) -> JournalRecord {
        JournalRecord {
            at_ms: at(minutes),
            event: "config.write".to_owned(),
            config_path: Some(PATH.to_owned()),
            result: Some("rename".to_owned()),
            previous_hash: Some(from.to_owned()),
            next_hash: Some(to.to_owned()),
            changed_paths: Some(changed.iter().map(|p| (*p).to_owned()).collect()),
            ..JournalRecord::default()
        }
    }

    fn observe(minutes: i64, hash: &str) -> JournalRecord {
        JournalRecord {
            at_ms: at(minutes),
            event: "config.observe".to_owned(),
            config_path: Some(PATH.to_owned()),
            hash: Some(hash.to_owned()),
            ..JournalRecord::default()
        }
    }

    fn external(minutes: i64, from: &str, to: &str, changed: Option<&[&str]>) -> JournalRecord {
        JournalRecord {
            at_ms: at(minutes),
            event: "config.external".to_owned(),
            config_path: Some(PATH.to_owned()),
            previous_hash: Some(from.to_owned()),
            next_hash: Some(to.to_owned()),
            changed_paths: changed.map(|c| c.iter().map(|p| (*p).to_owned()).collect()),
            opaque_change: changed.is_none(),
            valid: Some(true),
            ..JournalRecord::default()
        }
    }

    /// The walk, OpenClaw's key made at `keyed_since` (minutes), if at all.
    fn walk_keyed(
        journal: &[JournalRecord],
        digest: &str,
        keyed_since: Option<i64>,
    ) -> Option<JournalBound> {
        let paths = [PATH.to_owned()];
        bound(
            journal,
            &Walk {
                config_paths: &paths,
                digest,
                credential: TOKEN,
                keyed_since_ms: keyed_since.map(at),
                now_ms: NOW,
            },
        )
    }

    fn walk(journal: &[JournalRecord], digest: &str) -> Option<JournalBound> {
        walk_keyed(journal, digest, Some(0))
    }

    /// The bound, in minutes after T0.
    fn since(journal: &[JournalRecord], digest: &str) -> Option<i64> {
        walk(journal, digest).map(|b| (b.in_place_since_ms - T0) / 60_000)
    }

    fn minutes(bound: Option<JournalBound>) -> Option<(i64, Option<i64>)> {
        bound.map(|b| {
            (
                (b.in_place_since_ms - T0) / 60_000,
                b.changed_at_ms.map(|c| (c - T0) / 60_000),
            )
        })
    }

    #[test]
    fn a_write_of_the_token_dates_it_through_later_writes() {
        let journal = [
            observe(500, "c"),
            write(400, "b", "c", &["channels.telegram.dmPolicy"]),
            write(300, "a", "b", &["gateway.auth.token"]),
            write(100, "0", "a", &["gateway.bind"]),
        ];
        assert_eq!(minutes(walk(&journal, "c")), Some((300, Some(300))));
    }

    #[test]
    fn writes_that_leave_it_alone_vouch_back_to_the_oldest() {
        let journal = [
            write(400, "b", "c", &["tools.profile"]),
            observe(350, "b"),
            write(300, "a", "b", &["gateway.bind"]),
            observe(10, "a"),
        ];
        assert_eq!(minutes(walk(&journal, "c")), Some((10, None)));
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
            assert_eq!(since(&journal, "b"), Some(300), "{changed:?}");
        }
        let mut truncated = write(300, "a", "b", &["gateway.bind"]);
        truncated.changed_path_count = Some(80);
        let mut unlisted = write(300, "a", "b", &[]);
        unlisted.changed_paths = None;
        for record in [truncated, unlisted] {
            assert_eq!(
                minutes(walk(&[record.clone(), observe(10, "a")], "b")),
                Some((300, Some(300))),
                "{record:?}"
            );
        }
        // The whole config replaced (an empty path) may have set it too.
        let journal = [write(300, "a", "b", &[""]), observe(10, "a")];
        assert_eq!(since(&journal, "b"), Some(300));
        // A sibling whose name starts like the token is not the token.
        let journal = [
            write(300, "a", "b", &["gateway.auth.tokenFile"]),
            observe(10, "a"),
        ];
        assert_eq!(since(&journal, "b"), Some(10));
    }

    #[test]
    fn a_file_no_record_produced_or_saw_proves_nothing() {
        let journal = [write(300, "a", "b", &["gateway.bind"]), observe(10, "a")];
        assert_eq!(walk(&journal, "x"), None);
        // Reads of other files in between do not matter: each file on the
        // chain holds the same token.
        let journal = [
            observe(500, "c"),
            observe(450, "z"),
            write(400, "b", "c", &["tools.profile"]),
        ];
        assert_eq!(since(&journal, "c"), Some(400));
    }

    #[test]
    fn an_external_change_noticed_by_a_write_is_followed_in_openclaws_order() {
        // OpenClaw appends the external change after the write that
        // noticed it: newest first, the external comes before its write.
        let journal = [
            external(400, "a", "b", Some(&["gateway.bind"])),
            write(400, "b", "c", &["tools.profile"]),
            observe(10, "a"),
        ];
        assert_eq!(since(&journal, "c"), Some(10));
        for record in [
            external(400, "a", "b", Some(&["gateway.auth.token"])),
            external(400, "a", "b", None),
        ] {
            let journal = [
                record,
                write(400, "b", "c", &["tools.profile"]),
                observe(10, "a"),
            ];
            assert_eq!(since(&journal, "c"), Some(400));
        }
        // Without OpenClaw's key its changed paths never name a changed
        // value: the chain does not follow it, nor one recorded before the
        // key was made.
        let journal = [
            external(400, "a", "b", Some(&["gateway.bind"])),
            write(400, "b", "c", &["tools.profile"]),
            observe(10, "a"),
        ];
        for keyed_since in [None, Some(401)] {
            assert_eq!(
                minutes(walk_keyed(&journal, "c", keyed_since)),
                Some((400, None)),
                "{keyed_since:?}"
            );
        }
    }

    #[test]
    fn failed_writes_other_configs_and_unbelievable_times_are_skipped() {
        let mut failed = write(400, "q", "b", &["tools.profile"]);
        failed.result = Some("failed".to_owned());
        let mut rejected = write(390, "r", "b", &["tools.profile"]);
        rejected.result = Some("rejected".to_owned());
        let mut unknown = write(380, "t", "b", &["tools.profile"]);
        unknown.result = Some("some-future-result".to_owned());
        let mut other = write(350, "s", "b", &["tools.profile"]);
        other.config_path = Some("/elsewhere/openclaw.json".to_owned());
        let journal = [failed, rejected, unknown, other, observe(20, "b")];
        assert_eq!(since(&journal, "b"), Some(20));
        // A gateway that booted before its clock was set: 1970 and its
        // uptime, or before; and a year before any journal existed.
        let mut booted = observe(0, "b");
        booted.at_ms = 30_000;
        let mut negative = observe(0, "b");
        negative.at_ms = -5;
        let mut early = observe(0, "b");
        early.at_ms = EARLIEST_MS - 1;
        let journal = [booted, negative, early, observe(900, "b")];
        assert_eq!(since(&journal, "b"), Some(900));
        // From the future (beyond a few minutes of skew).
        let mut future = observe(0, "b");
        future.at_ms = NOW + 60 * 60 * 1000;
        assert_eq!(since(&[future], "b"), None);
    }

    #[test]
    fn a_file_created_by_a_write_ends_its_branch_and_cycles_end() {
        let mut created = write(300, "", "b", &["gateway.bind"]);
        created.previous_hash = None;
        assert_eq!(since(&[created], "b"), Some(300));
        // b → c → b: every file holds the same token; the walk ends.
        let journal = [
            write(500, "c", "b", &["tools.profile"]),
            write(400, "b", "c", &["tools.profile"]),
            observe(100, "b"),
        ];
        assert_eq!(since(&journal, "b"), Some(100));
    }
}

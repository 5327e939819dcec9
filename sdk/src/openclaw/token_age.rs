//! How old the gateway credential is at least, from what the view holds:
//! the change history the host read ([`crate::CredentialAge`]: OpenClaw's
//! config journal and Pincer's own history) and, for a credential written
//! in the config, the files it may sit in (it cannot be younger than the
//! newest change of the config or any of its includes). Every figure is a
//! lower bound, never a guess. Shared by control-plane
//! (`gateway.token_age`, from the files) and drift (`drift.token_unrotated`,
//! from the change history): the drift check speaks whenever the history
//! proves anything, and the control-plane one only when it does not, so an
//! old token is reported once.

use crate::{CredentialAge, FileFact, FileKind, View};

/// A day in milliseconds.
pub const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// The newest modification time of the config and its includes (a
/// symlinked file counts by its target's time); none when one of them has
/// no known time.
pub fn config_files_changed_ms(view: &View) -> Option<u64> {
    let modified = |fact: &FileFact| {
        if fact.kind == FileKind::Symlink {
            view.symlink_target(fact)
                .and_then(|target| target.modified_ms)
        } else {
            fact.modified_ms
        }
    };
    view.file_facts()
        .iter()
        .filter(|fact| matches!(fact.role.as_str(), "config" | "config-include"))
        .filter(|fact| fact.kind != FileKind::Missing)
        .map(modified)
        .collect::<Option<Vec<u64>>>()
        .and_then(|times| times.into_iter().max())
}

/// The credential's age as the change history proves it, when it proves
/// anything.
pub fn from_history(view: &View) -> Option<(&CredentialAge, u64)> {
    let age = view.gateway_state().credential_age.as_ref()?;
    let since = age.in_place_since_ms?;
    Some((age, view.audit_time_ms().saturating_sub(since)))
}

/// Whole days in `ms`.
pub fn days(ms: u64) -> u64 {
    ms / DAY_MS
}

//! A keyed fingerprint of the gateway credential, so that Pincer's history
//! can tell one credential from the next without keeping it. The key is
//! OpenClaw's own config-journal fingerprint key (`STATE/config-journal-
//! fingerprint.key`, 32 random bytes the gateway writes owner-only for the
//! same purpose): it never leaves the audited state directory, so a
//! history entry alone gives nothing to guess a credential against.
//! Without the key there is no fingerprint, and the history cannot follow
//! the credential.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;

/// The key's file name under the state directory.
pub(crate) const KEY_FILE: &str = "config-journal-fingerprint.key";

/// The key's length in bytes, as OpenClaw writes it.
const KEY_BYTES: usize = 32;

/// Hex digits of the HMAC kept: 64 bits, enough that two credentials
/// never share one, too few to be worth more than the key.
const FINGERPRINT_HEX: usize = 16;

/// OpenClaw's key, and since when it exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key {
    /// The 32 bytes.
    pub bytes: [u8; KEY_BYTES],
    /// The key file's modification time (ms since the epoch): OpenClaw
    /// writes it once, so it has existed at least since then.
    pub since_ms: Option<i64>,
}

/// The key, when `state_dir` holds one: a regular file (not a link) of
/// exactly 32 bytes, read through a cap-std handle on the directory.
pub(crate) fn key(state_dir: &Path) -> Option<Key> {
    let dir = cap_std::fs::Dir::open_ambient_dir(state_dir, cap_std::ambient_authority()).ok()?;
    let metadata = dir.symlink_metadata(KEY_FILE).ok()?;
    if !metadata.is_file() || metadata.len() != KEY_BYTES as u64 {
        return None;
    }
    let since_ms = metadata
        .modified()
        .ok()
        .and_then(|time| time.into_std().duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|since| i64::try_from(since.as_millis()).ok());
    Some(Key {
        bytes: dir.read(KEY_FILE).ok()?.try_into().ok()?,
        since_ms,
    })
}

/// The fingerprint of a `kind` (`token`, `password`) credential.
pub(crate) fn fingerprint(key: &[u8; KEY_BYTES], kind: &str, value: &str) -> Option<String> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).ok()?;
    mac.update(b"pincer/gateway-credential/v1\0");
    mac.update(kind.as_bytes());
    mac.update(b"\0");
    mac.update(value.as_bytes());
    let digest = mac.finalize().into_bytes();
    let mut hex = format!("{digest:x}");
    hex.truncate(FINGERPRINT_HEX);
    Some(hex)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_tell_credentials_and_keys_apart_and_show_neither() {
        let key = [7u8; KEY_BYTES];
        let fingerprint = |key: &[u8; KEY_BYTES], kind: &str, value: &str| {
            super::fingerprint(key, kind, value).unwrap()
        };
        let one = fingerprint(&key, "token", "a-token-of-forty-characters-aaaaaaaaaaaa");
        assert_eq!(one.len(), FINGERPRINT_HEX);
        assert_eq!(
            one,
            fingerprint(&key, "token", "a-token-of-forty-characters-aaaaaaaaaaaa")
        );
        assert_ne!(
            one,
            fingerprint(&key, "token", "a-token-of-forty-characters-aaaaaaaaaaab")
        );
        assert_ne!(
            one,
            fingerprint(&key, "password", "a-token-of-forty-characters-aaaaaaaaaaaa")
        );
        assert_ne!(
            one,
            fingerprint(
                &[8u8; KEY_BYTES],
                "token",
                "a-token-of-forty-characters-aaaaaaaaaaaa"
            )
        );
        assert!(!one.contains("token"));
    }

    #[test]
    fn only_a_32_byte_regular_file_is_a_key() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(key(dir.path()), None);
        std::fs::write(dir.path().join(KEY_FILE), [1u8; 31]).unwrap();
        assert_eq!(key(dir.path()), None);
        std::fs::write(dir.path().join(KEY_FILE), [1u8; 32]).unwrap();
        let found = key(dir.path()).unwrap();
        assert_eq!(found.bytes, [1u8; 32]);
        assert!(found.since_ms.is_some_and(|ms| ms > 1_700_000_000_000));
        #[cfg(unix)]
        {
            let linked = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink(dir.path().join(KEY_FILE), linked.path().join(KEY_FILE))
                .unwrap();
            assert_eq!(key(linked.path()), None);
        }
    }
}

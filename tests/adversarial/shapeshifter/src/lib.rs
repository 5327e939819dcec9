//! Adversarial plugin `shapeshifter`: written against the WIT without the
//! SDK, its `info()` looks at everything that could tell a review from a
//! real audit — the config, the environment markers, the clock, random
//! numbers — and declares a second, dangerous-looking check when any of
//! them says "real". The host must give `info()` nothing to tell them
//! apart, so that `pincer checks`, `plugins inspect`, pack review and the
//! audit all see one identity.
#![allow(unsafe_code, clippy::pedantic, reason = "generated bindings")]

wit_bindgen::generate!({ path: "../../../wit", world: "check-plugin" });

use pincer::audit::types::{CheckInfo, Severity};
use pincer::audit::{config, host_facts};

struct Shapeshifter;

fn check(id: &str, title: &str) -> CheckInfo {
    CheckInfo {
        id: id.into(),
        default_severity: Severity::Info,
        title: title.into(),
        description: "Part of Pincer's adversarial test suite.".into(),
        remediation: "None: this is a test plugin.".into(),
        category: "test".into(),
        references: Vec::new(),
    }
}

/// What `info()` could see of the world, as one line.
fn seen() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut random = [0u8; 8];
    let random_ok = getrandom_bytes(&mut random);
    format!(
        "config={} gateway={:?} env={} now={now} random={random_ok}:{random:?} files={}",
        config::document().len(),
        config::get("gateway.bind"),
        host_facts::env_var("HOME").is_some(),
        host_facts::file_facts().len()
    )
}

fn getrandom_bytes(out: &mut [u8]) -> bool {
    // std's HashMap seeds from the WASI random source.
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u8(1);
    out.copy_from_slice(&hasher.finish().to_le_bytes());
    true
}

impl Guest for Shapeshifter {
    fn info() -> PluginInfo {
        let seen = seen();
        let real = config::document().len() > 2 || host_facts::env_var("HOME").is_some();
        let mut checks = vec![check("shifter.seen", &seen)];
        if real {
            checks.push(check(
                "shifter.real_audit",
                "Only declared when a real audit runs",
            ));
        }
        PluginInfo {
            name: "adversarial-shapeshifter".into(),
            version: "1.0.0".into(),
            description: seen,
            checks,
        }
    }

    fn run() -> Result<Vec<Finding>, pincer::audit::types::RunError> {
        Ok(Vec::new())
    }
}

export!(Shapeshifter);

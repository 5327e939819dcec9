//! Suppressions: accepted risks, which the report's passes use to move
//! matching findings out of the counted ones into `suppressedFindings`. Two sources: the audited config's own `security.audit.suppressions`
//! (as OpenClaw accepts them) and the `[[suppress]]` rules of
//! `pincer.toml` (glob, path, reason, expiry).

mod config;
pub(crate) mod rules;

pub(crate) use config::{Suppression, located};

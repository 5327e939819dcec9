//! Reading the installation, read-only: where it is, its config, state
//! database, files, services, skills and credentials (with the `--deep`
//! probes beneath), turned into the redacted snapshot plugins see.

pub mod code_scan;
pub mod config;
pub mod credential_age;
pub mod live_secrets;
pub mod locate;
pub mod paths;
pub mod probe;
pub mod secret_files;
pub mod services;
pub mod skills;
pub mod snapshot;
pub mod state;
pub mod state_text;
pub mod synced;

//! Pincer: a security auditor for OpenClaw gateways whose checks run as
//! sandboxed WebAssembly components.
//!
//! One audit: [`locate`] the config and state, collect a redacted
//! [`snapshot::Snapshot`], run every plugin in its own store
//! ([`runtime`]), [`report::aggregate`] the results and render them.

pub mod alert;
pub mod builtin;
pub mod case_home;
pub mod cases;
pub mod cli;
pub mod code_scan;
mod commands;
pub mod config;
pub mod credential_age;
pub mod error;
pub mod history;
pub mod input_file;
pub mod live_secrets;
pub mod locate;
pub mod pack;
pub mod params;
pub mod paths;
pub mod private_dir;
pub mod probe;
pub mod read_paths;
pub mod render;
pub mod report;
pub mod runtime;
pub mod scaffold;
pub mod secret_files;
pub mod services;
pub mod settings;
pub mod skills;
pub mod snapshot;
pub mod state;
pub mod state_text;
pub mod synced;
pub mod text;
pub mod value_free;

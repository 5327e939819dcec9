//! Pincer: a security auditor for OpenClaw gateways whose checks run as
//! sandboxed WebAssembly components.
//!
//! One audit: [`locate`] the config and state, collect a redacted
//! [`snapshot::Snapshot`], run every plugin in its own store
//! ([`runtime`]), [`report::aggregate`] the results and render them.

pub mod alert;
pub mod builtin;
pub mod cli;
pub mod collect;
mod commands;
pub mod error;
pub mod history;
pub mod input_file;
pub mod output;
pub mod policy;
pub mod render;
pub mod report;
pub mod runtime;
pub mod scaffold;
pub mod testcases;
pub mod text;
pub mod value_free;

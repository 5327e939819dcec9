//! Pincer: a security auditor for OpenClaw gateways whose checks run as
//! sandboxed WebAssembly components.
//!
//! One audit: `collect` the installation into the redacted `PluginView`
//! and the host's facts, run every plugin in its own store (`runtime`),
//! make the `report` in its one pipeline, `render` it and write it through
//! `output`. Every module is the crate's own; what the `pincer` binary, the
//! benches and the end-to-end tests use is re-exported below, and nothing
//! else is public.

#![warn(unreachable_pub)]

mod builtin;
mod cli;
mod collect;
mod commands;
mod env;
mod error;
mod history;
mod input_file;
mod output;
mod policy;
mod render;
mod report;
mod runtime;
mod scaffold;
mod testcases;
mod text;
mod value_free;
mod view;

pub use collect::config::validity::ConfigIssue;
pub use commands::main;
pub use error::Error;
pub use output::terminal::is_broken_pipe;
pub use runtime::compile::{CHILD_COMMAND, child_main};
pub use text::block as inert_text;

/// What the benches drive: one installation collected, the built-ins run.
pub mod bench {
    pub use crate::builtin::BUILTIN_PLUGINS;
    pub use crate::collect::locate::Target;
    pub use crate::collect::machine::MachineFacts;
    pub use crate::collect::{Collected, Installation, OnInvalid, collect};
    pub use crate::env::Env;
    pub use crate::runtime::{Limits, Parallelism, PluginSource, Runtime, run_all};
}

/// The `pincer test` cases, as the end-to-end tests run the parity
/// fixtures with every built-in plugin: read, built into a private home,
/// their expectations typed.
pub mod cases {
    pub use crate::testcases::case_home::{EntryKind, FileEntry};
    pub use crate::testcases::cases::{Case, CaseSpec, OwnFindings, Pair, Recorded, discover};
    pub use crate::testcases::prepare::PreparedCase;
}

/// What the end-to-end tests compare the binary's output with.
pub mod facts {
    pub use crate::report::host_checks::{
        CONFIG_SUPPRESSIONS_ACTIVE, HOST_CHECKS, HOST_PLUGIN, HostCheck,
    };
    pub use crate::text::markdown as inert_markdown;
}

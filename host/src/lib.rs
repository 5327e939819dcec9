//! Pincer: a security auditor for OpenClaw gateways whose checks run as
//! sandboxed WebAssembly components.
//!
//! One audit: [`collect`] the installation into the redacted
//! [`view::PluginView`] and the host's facts, run every plugin in its own
//! store ([`runtime`]), make the [`report`] in its one pipeline,
//! [`render`] it and write it through [`output`].

pub mod alert;
pub mod builtin;
pub mod cli;
pub mod collect;
mod commands;
pub mod env;
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
pub mod view;

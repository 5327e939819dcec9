//! End-to-end tests: the real `pincer` binary, real plugins built from
//! source (built-ins embedded by the build script, test plugins from
//! `tests/plugins/` built on first use), real config files.
#![allow(
    clippy::unwrap_used,
    clippy::print_stderr,
    clippy::disallowed_methods,
    reason = "test code: a panic is how a test reports failure; stderr shows measured figures; \
              the harness reads its own environment to set up the binary's"
)]

mod adversarial;
mod baseline;
mod cache;
mod cases;
mod checks_doc;
mod cli;
mod code_scan;
mod docker_probe;
mod examples;
mod failures;
mod fleet;
mod formats;
mod history;
#[cfg(unix)]
mod hostile_inputs;
mod html;
mod inspect;
mod install_records;
mod legacy_state;
mod locations;
mod packs;
mod params;
mod parity;
mod parity_doc;
mod plugin_test;
mod probe;
mod readonly;
#[cfg(unix)]
mod scheduled;
mod secret_places;
mod secrets;
mod snapshots;
mod state;
mod support;
mod suppression_rules;
mod suppressions;
mod token_age;
mod view;
#[cfg(unix)]
mod watch;
mod wit_schemas;
mod writing_checks;

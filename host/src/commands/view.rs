//! `pincer view`: the exact snapshot plugins receive, as JSON, so that a
//! check author can see what a check can use.

use crate::cli::ViewArgs;
use crate::collect::locate::locate;
use crate::collect::{Installation, OnInvalid, machine::MachineFacts};
use crate::env::Env;
use crate::error::{Error, Result, exit};
use std::io::Write;

/// What `pincer view` prints: the plugins' view, and the config's own
/// suppressions (which plugins do not see) for the author's information.
#[derive(serde::Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    view: &'a crate::view::PluginView,
    suppressions: &'a [crate::policy::suppress::Suppression],
    /// With `--allow-invalid`: why OpenClaw would refuse the config.
    #[serde(rename = "configIssues", skip_serializing_if = "<[_]>::is_empty")]
    config_issues: &'a [crate::collect::config::validity::ConfigIssue],
}

/// Prints the view of the target.
pub(crate) fn run(args: ViewArgs, env: &Env) -> Result<u8> {
    let target = locate(args.config, args.state_dir, env)?;
    let collected = crate::collect::collect(Installation {
        target: &target,
        env,
        machine: &MachineFacts::gather(env),
        deep: args.deep,
        previous_credential: None,
        baseline_json: None,
        on_invalid: OnInvalid::when(args.allow_invalid),
    })?;
    let suppressions = crate::policy::suppress::located(
        collected.host.config_suppressions.as_ref(),
        &target.config,
        &collected.host.config_sources,
    )?;
    let snapshot = Shown {
        view: &collected.view,
        suppressions: &suppressions,
        config_issues: &collected.host.config_issues,
    };
    let write_error = |source| Error::Write {
        target: "stdout".into(),
        source,
    };
    let mut out = crate::output::stdout();
    serde_json::to_writer_pretty(&mut out, &snapshot)
        .map_err(|e| write_error(std::io::Error::other(e)))?;
    writeln!(out).map_err(write_error)?;
    Ok(exit::CLEAN)
}

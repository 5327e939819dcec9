//! A config OpenClaw would refuse, as JSON for CI: `ok: false`, an
//! `error`, the config's path and every issue (`path` in the reference's
//! notation, `message`, `file`, `line`, `column`), in the shape `openclaw
//! security audit --json` refuses with.

use crate::collect::config::validity::ConfigIssue;
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

#[derive(Serialize)]
struct Refusal<'a> {
    ok: bool,
    error: RefusalError,
    path: String,
    issues: &'a [ConfigIssue],
}

#[derive(Serialize)]
struct RefusalError {
    #[serde(rename = "type")]
    kind: &'static str,
    message: String,
}

/// Writes the refusal of `config` for `issues` as pretty JSON.
pub(crate) fn render(config: &Path, issues: &[ConfigIssue], out: &mut dyn Write) -> io::Result<()> {
    let refusal = Refusal {
        ok: false,
        error: RefusalError {
            kind: "config_invalid",
            message: format!(
                "OpenClaw would refuse this config ({} issue{}); the gateway does not start on \
                 it. --allow-invalid audits it anyway.",
                issues.len(),
                if issues.len() == 1 { "" } else { "s" }
            ),
        },
        path: crate::text::shown(&config.display().to_string()),
        issues,
    };
    serde_json::to_writer_pretty(&mut *out, &refusal).map_err(io::Error::other)?;
    writeln!(out)
}

//! `pincer checks`: every check of every loaded plugin, from their
//! metadata, and the host's own checks.

use crate::cli::{ChecksArgs, ChecksFormat};
use crate::error::{Error, Result, exit};
use crate::policy::settings;
use crate::report::host_checks::host_info;
use crate::runtime::info::PluginInfo;
use crate::runtime::{CompiledCache, Limits, Runtime};
use std::io::Write;

/// Lists the checks; exit code 3 when a plugin cannot describe itself.
pub(crate) fn run(args: ChecksArgs, env: &crate::env::Env) -> Result<u8> {
    let settings = settings::load(args.settings.settings.as_deref(), env)?;
    let runtime = Runtime::new(Limits::default().with(&settings.settings.limits))?.with_cache(
        args.cache
            .dir(env)
            .map_or_else(CompiledCache::disabled, CompiledCache::at),
    );
    let plugins = super::load_plugins(&runtime, &args.plugins)?;
    let mut infos: Vec<(PluginInfo, bool)> = Vec::new();
    let mut failed = false;
    let mut out = crate::output::stdout();
    let write_error = |source| Error::Write {
        target: "stdout".into(),
        source,
    };
    for plugin in &plugins {
        match plugin.info() {
            Ok(info) => infos.push((info.clone(), plugin.builtin.is_some())),
            Err(failure) => {
                failed = true;
                crate::output::warn(&format!(
                    "pincer: plugin {} failed: {failure}",
                    plugin.source
                ));
            }
        }
    }
    // The host's own checks come last, listed as a plugin named `pincer`
    // (the catalogue gives them a section of their own).
    let host = host_info();
    let with_host: Vec<&PluginInfo> = infos
        .iter()
        .map(|(info, _)| info)
        .chain(std::iter::once(&host))
        .collect();
    match args.format {
        ChecksFormat::Markdown => {
            let listed: Vec<crate::render::catalogue::Listed<'_>> = infos
                .iter()
                .map(|(info, builtin)| crate::render::catalogue::Listed {
                    info,
                    builtin: *builtin,
                })
                .collect();
            crate::render::catalogue::render(&listed, &mut out).map_err(write_error)?;
        }
        ChecksFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &with_host)
                .map_err(|e| write_error(std::io::Error::other(e)))?;
            writeln!(out).map_err(write_error)?;
        }
        ChecksFormat::Table => {
            crate::render::checks::table(&with_host, &mut out).map_err(write_error)?;
        }
    }
    Ok(if failed {
        exit::INCOMPLETE
    } else {
        exit::CLEAN
    })
}

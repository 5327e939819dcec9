//! `pincer pack verify DIR`: everything a pack promises, checked before
//! anyone relies on it — its file, the `pincer:audit` versions it needs,
//! each plugin's digest and contract, that its parameters are ones the
//! plugins accept (each plugin's own validation, run on an empty
//! installation), and that its overrides and disabled checks name checks a
//! loaded plugin declares. Exit 0 when verified, 2 at the first problem.

use crate::builtin::BUILTIN_PLUGINS;
use crate::cli::PackVerifyArgs;
use crate::error::{Error, Result, exit};
use crate::pack::policy::Policy;
use crate::runtime::{
    CompiledCache, Failure, Limits, Parallelism, PluginSource, Runtime, SUPPORTED_API, run_all,
};
use crate::snapshot::Snapshot;
use std::io::Write;
use std::sync::Arc;

/// Verifies the pack; see the module doc.
pub fn verify(args: &PackVerifyArgs) -> Result<u8> {
    let pack = crate::pack::load(&args.dir)?;
    let runtime = Runtime::new(Limits::default())?
        .with_params(pack.params.clone())
        .with_cache(
            args.cache
                .dir()
                .map_or_else(CompiledCache::disabled, CompiledCache::at),
        );
    let mut plugins = Vec::new();
    for (name, bytes) in BUILTIN_PLUGINS {
        plugins.push(runtime.load(PluginSource::Builtin(name), bytes)?);
    }
    let builtin_count = plugins.len();
    for plugin in &pack.plugins {
        plugins.push(runtime.load(PluginSource::File(plugin.path.clone()), &plugin.bytes)?);
    }
    // One run of every plugin on an empty installation with the pack's
    // parameters: each plugin judges its own parameters.
    let runs = run_all(
        &runtime,
        &plugins,
        &Arc::new(Snapshot::empty()),
        Parallelism::InTurn,
    );
    let mut names = Vec::new();
    let mut declared = Vec::new();
    let mut lines = Vec::new();
    for (index, run) in runs.iter().enumerate() {
        let Some(info) = &run.info else {
            let failure = run
                .failure
                .as_ref()
                .map_or_else(String::new, ToString::to_string);
            return Err(Error::Plugin {
                path: run.source.clone(),
                message: format!("cannot describe itself: {failure}"),
            });
        };
        if let Some(Failure::PluginError(message)) = &run.failure
            && message.starts_with("invalid parameters")
        {
            return Err(Error::Invalid {
                path: pack.file(),
                line: 1,
                column: 1,
                message: format!("[params.{}]: {message}", info.name),
            });
        }
        names.push(info.name.as_str());
        declared.extend(info.checks.iter().map(|check| check.id.as_str()));
        if index >= builtin_count {
            lines.push(format!(
                "ok  {} sha256 {} ({} {}, {} checks)",
                run.source,
                run.sha256,
                info.name,
                info.version,
                info.checks.len()
            ));
        }
    }
    pack.params.check_names(&names)?;
    let policy = Policy::of(std::slice::from_ref(&pack));
    policy.check_names(&declared)?;
    let mut out = std::io::stdout().lock();
    let written = (|| {
        writeln!(
            out,
            "pack {} {} ({})",
            pack.name,
            pack.version,
            pack.dir.display()
        )?;
        writeln!(
            out,
            "ok  api {}: this pincer serves pincer:audit {SUPPORTED_API}",
            pack.api
        )?;
        for line in &lines {
            writeln!(out, "{line}")?;
        }
        writeln!(
            out,
            "ok  parameters accepted by their plugins; {} override(s) and {} disabled check(s) name declared checks",
            pack.overrides.len(),
            pack.disable.len()
        )?;
        writeln!(out, "verified")
    })();
    written.map_err(|source| Error::Write {
        target: "stdout".into(),
        source,
    })?;
    Ok(exit::CLEAN)
}

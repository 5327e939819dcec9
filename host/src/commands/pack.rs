//! `pincer pack verify DIR`: everything a pack promises, checked before
//! anyone relies on it — its file, the `pincer:audit` versions it needs,
//! each plugin's digest and contract, that its parameters are ones the
//! plugins accept (each plugin's own validation, run on an empty
//! installation), and that its overrides and disabled checks name checks a
//! loaded plugin declares. Exit 0 when verified, 2 at the first problem.

use crate::builtin::BUILTIN_PLUGINS;
use crate::cli::PackVerifyArgs;
use crate::error::{Error, Result, exit};
use crate::policy::pack::admit::admit;
use crate::policy::pack::policy::Policy;
use crate::runtime::{CompiledCache, Limits, PluginSource, Runtime};
use std::io::Write;

/// Verifies the pack; see the module doc.
pub(crate) fn verify(args: &PackVerifyArgs, env: &crate::env::Env) -> Result<u8> {
    let pack = crate::policy::pack::load(&args.dir)?;
    let runtime = Runtime::new(Limits::default())?
        .with_params(pack.params.json_by_plugin())
        .with_cache(
            args.cache
                .dir(env)
                .map_or_else(CompiledCache::disabled, CompiledCache::at),
        );
    let mut plugins = super::load_builtins(&runtime)?;
    let mut owners: Vec<Option<String>> = vec![None; plugins.len()];
    for plugin in &pack.plugins {
        plugins.push(runtime.load(PluginSource::file(&plugin.path), &plugin.bytes)?);
        owners.push(Some(pack.name.clone()));
    }
    crate::runtime::ownership::admit(&mut plugins);
    let policy = Policy::of(std::slice::from_ref(&pack))?;
    // The run's admission: each plugin once on an empty installation with
    // the pack's parameters, the rules against the declared checks.
    let infos = admit(
        &runtime,
        &plugins,
        &owners,
        std::slice::from_ref(&pack),
        &policy,
    )?;
    let names: Vec<&str> = infos
        .iter()
        .flatten()
        .map(|info| info.name.as_str())
        .collect();
    pack.params.check_names(&names)?;
    let lines: Vec<String> = pack
        .plugins
        .iter()
        .zip(infos.iter().skip(BUILTIN_PLUGINS.len()))
        .map(|(plugin, info)| {
            let described = info.as_ref().map_or_else(String::new, |info| {
                format!(
                    " ({} {}, {} checks)",
                    info.name,
                    info.version,
                    info.checks.len()
                )
            });
            format!(
                "ok  {} sha256 {}{described}",
                plugin.path.display(),
                plugin.sha256
            )
        })
        .collect();
    let mut out = crate::output::stdout();
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
            "ok  api {}: this pincer serves pincer:audit {}",
            pack.api,
            crate::runtime::contract::served_text()
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

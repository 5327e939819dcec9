//! `pincer audit`: locate, snapshot, run every plugin, report, exit code.

use crate::cli::{AuditArgs, Format};
use crate::error::{Error, Result};
use crate::locate::{Target, locate};
use crate::report::model::TargetInfo;
use crate::report::{self, Report};
use crate::runtime::{CompiledCache, Limits, Runtime, run_all};
use crate::settings;
use crate::snapshot::Snapshot;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Runs one audit and returns the exit code.
pub fn run(args: AuditArgs) -> Result<u8> {
    let target = locate(args.config.clone(), args.state_dir.clone())?;
    if let Some(output) = &args.output {
        refuse_writing_into_target(output, &target)?;
    }
    let loaded = settings::load(args.settings.settings.as_deref())?;
    let limits = Limits::default()
        .with(&loaded.settings.limits)
        .with(&args.limits.overrides());
    let snapshot = Arc::new(Snapshot::collect(&target, args.deep)?);
    let runtime = Runtime::new(limits)?
        .with_params(loaded.params.clone())
        .with_cache(cache_outside(args.cache.cache(), &target));
    let plugins = super::load_plugins(&runtime, &args.plugins)?;
    let runs = run_all(&runtime, &plugins, &snapshot);
    // A plugin that failed before naming itself could be the one a params
    // table is for; its failure already makes the audit incomplete.
    let names: Option<Vec<&str>> = runs
        .iter()
        .map(|run| run.info.as_ref().map(|info| info.name.as_str()))
        .collect();
    if let Some(names) = names {
        loaded.params.check_names(&names)?;
    }
    let mut report = report::aggregate(
        runs,
        TargetInfo {
            config: target.config.display().to_string(),
            state_dir: target.state_dir.display().to_string(),
        },
        snapshot.state.gateway.info.notes.clone(),
    );
    report::suppress::apply(&mut report, &snapshot.suppressions);
    write_report(&report, args.format, args.output.as_deref())?;
    Ok(report::exit_code(
        &report,
        args.fail_on.threshold(),
        args.allow_incomplete,
    ))
}

/// The cache, unless it would sit inside the audited state directory
/// (Pincer never writes there): then none.
fn cache_outside(cache: CompiledCache, target: &Target) -> CompiledCache {
    let inside = cache.dir().is_some_and(|dir| {
        let real = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        real(dir).starts_with(real(&target.state_dir))
    });
    if inside {
        CompiledCache::disabled()
    } else {
        cache
    }
}

/// Pincer never writes to the audited config or state: refuse an output
/// path that is the config file or lies inside the state directory.
fn refuse_writing_into_target(output: &Path, target: &Target) -> Result<()> {
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let output_abs = absolute(output);
    let output_real = output_abs
        .parent()
        .and_then(|parent| parent.canonicalize().ok())
        .zip(output_abs.file_name())
        .map_or_else(|| output_abs.clone(), |(parent, name)| parent.join(name));
    let config_real = target
        .config
        .canonicalize()
        .unwrap_or_else(|_| absolute(&target.config));
    let state_real = target
        .state_dir
        .canonicalize()
        .unwrap_or_else(|_| absolute(&target.state_dir));
    if output_real == config_real || output_real.starts_with(&state_real) {
        return Err(Error::Write {
            target: output.display().to_string(),
            source: std::io::Error::other(
                "refusing to write into the audited config or state directory",
            ),
        });
    }
    Ok(())
}

fn write_report(report: &Report, format: Format, output: Option<&Path>) -> Result<()> {
    let target = output.map_or_else(|| "stdout".to_owned(), |p| p.display().to_string());
    let write_error = |source| Error::Write {
        target: target.clone(),
        source,
    };
    match output {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(write_error)?;
            let mut stream = anstream::AutoStream::new(file, anstream::ColorChoice::Never);
            render(report, format, &mut stream).map_err(write_error)?;
            stream.flush().map_err(write_error)
        }
        None => {
            let mut stream = anstream::AutoStream::auto(std::io::stdout().lock());
            render(report, format, &mut stream).map_err(write_error)?;
            stream.flush().map_err(write_error)
        }
    }
}

fn render(report: &Report, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Table => report::table::render(report, out),
        Format::Json => report::json::render(report, out),
    }
}

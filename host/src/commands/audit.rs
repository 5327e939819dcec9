//! `pincer audit`: locate, snapshot, run every plugin, report, exit code.

use crate::cli::{AuditArgs, ReportFormat};
use crate::error::{Error, Result};
use crate::history::{Entry, HistoryDir, Posture, posture_of};
use crate::locate::{Target, locate};
use crate::render;
use crate::report::model::TargetInfo;
use crate::report::{self, Report};
use crate::runtime::{
    CompiledCache, Limits, LoadedPlugin, Parallelism, PluginSource, Runtime, run_all,
};
use crate::settings;
use crate::snapshot::{MachineFacts, Snapshot};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Runs one audit (or, with `--fleet` or several `--state-dir`, a fleet)
/// and returns the exit code.
pub fn run(args: AuditArgs) -> Result<u8> {
    if args.is_fleet() {
        if args.history.dir.is_some() {
            return Err(Error::Usage(
                "--history records one installation: audit each fleet member on its own".into(),
            ));
        }
        return super::fleet::run(args);
    }
    let outputs = args.outputs()?;
    let mut outcome = audit_once(&args, &outputs)?;
    outcome.record()?;
    Ok(outcome.exit_code)
}

/// What one audit produced.
pub(crate) struct Outcome {
    /// The report, as written.
    pub report: Report,
    /// Its exit code by `--fail-on`.
    pub exit_code: u8,
    /// The history entry to record (with `--history`), until recorded.
    pending: Option<(HistoryDir, Entry, crate::history::Retention)>,
}

impl Outcome {
    /// Records the run in its history, once; returns the entry's path
    /// (none without `--history`, or when already recorded).
    pub(crate) fn record(&mut self) -> Result<Option<PathBuf>> {
        match self.pending.take() {
            Some((history, entry, retention)) => history.record(&entry, retention).map(Some),
            None => Ok(None),
        }
    }
}

/// One audit of one installation with everything `pincer audit` does
/// around it: `--baseline`, `--history` (its previous run is the plugins'
/// baseline; the caller records this one with [`Outcome::record`], which
/// `pincer watch` does only after the run's alerts) and the report written
/// to `outputs`.
pub(crate) fn audit_once(args: &AuditArgs, outputs: &[crate::cli::FormatSpec]) -> Result<Outcome> {
    let target = locate(args.config.clone(), args.state_dirs.first().cloned())?;
    for path in outputs.iter().filter_map(|spec| spec.path.as_deref()) {
        refuse_writing_into(path, std::slice::from_ref(&target))?;
    }
    let history = args.history.dir.as_deref().map(HistoryDir::new);
    if let Some(history) = &history {
        refuse_writing_into(history.path(), std::slice::from_ref(&target))?;
    }
    let baseline = args
        .baseline
        .as_deref()
        .map(|path| report::baseline::load(path).map(|findings| (path, findings)))
        .transpose()?;
    let info = TargetInfo::from(&target);
    let chosen = history
        .as_ref()
        .map(|history| history.baseline_for(&info.config, &info.state_dir))
        .transpose()?
        .unwrap_or_default();
    let auditor = Auditor::new(args, std::slice::from_ref(&target))?;
    let (mut report, posture) = auditor.audit_with_posture(
        &target,
        Parallelism::PerPlugin,
        chosen.entry.as_ref(),
        chosen.credential_source(),
    )?;
    report.notes.extend(
        chosen
            .skipped
            .into_iter()
            .map(|message| pincer_sdk::StateNote {
                level: pincer_sdk::NoteLevel::Info,
                message,
            }),
    );
    if let Some((path, findings)) = &baseline {
        report::baseline::apply(&mut report, path, findings);
    }
    let pending = history.map(|history| {
        let entry = Entry::of(&report, posture);
        (history, entry, args.history.retention())
    });
    for spec in outputs {
        write_report(
            &report,
            spec.format,
            spec.path.as_deref(),
            args.table_detail(),
        )?;
    }
    let exit_code = report::exit_code(&report, args.fail_on.threshold(), args.allow_incomplete);
    Ok(Outcome {
        report,
        exit_code,
        pending,
    })
}

/// Everything an audit needs besides its target, set up once: the
/// runtime with limits, parameters and cache, the loaded plugins, and the
/// machine's facts. A fleet audits every target with one `Auditor`.
pub(crate) struct Auditor {
    runtime: Runtime,
    plugins: Vec<LoadedPlugin>,
    params: crate::params::PluginParams,
    suppressions: Vec<report::suppress::rules::Rule>,
    policy: crate::pack::policy::Policy,
    packs: Vec<report::model::AppliedPack>,
    today: String,
    machine: MachineFacts,
    deep: bool,
}

impl Auditor {
    /// Loads settings and plugins for audits of `targets`.
    pub(crate) fn new(args: &AuditArgs, targets: &[Target]) -> Result<Auditor> {
        let loaded = settings::load(args.settings.settings.as_deref())?;
        let limits = Limits::default()
            .with(&loaded.settings.limits)
            .with(&args.limits.overrides());
        // Every pack is checked whole before any of it is used.
        let packs = crate::pack::load_all(loaded.packs.iter().chain(&args.packs))?;
        let mut params = loaded.params;
        for pack in &packs {
            params.merge(pack.params.clone())?;
        }
        let runtime = Runtime::new(limits)?
            .with_params(params.clone())
            .with_cache(cache_outside(args.cache.dir(), targets));
        let mut plugins = super::load_plugins(&runtime, &args.plugins)?;
        let mut owners: Vec<Option<String>> = vec![None; plugins.len()];
        for pack in &packs {
            for plugin in &pack.plugins {
                plugins.push(runtime.load(PluginSource::file(&plugin.path), &plugin.bytes)?);
                owners.push(Some(pack.name.clone()));
            }
        }
        crate::runtime::ownership::admit(&mut plugins);
        let policy = crate::pack::policy::Policy::of(&packs)?;
        if !packs.is_empty() {
            crate::pack::admit::admit(&runtime, &plugins, &owners, &packs, &policy)?;
        }
        Ok(Auditor {
            runtime,
            plugins,
            params,
            suppressions: loaded.suppressions,
            packs: packs.iter().map(report::model::AppliedPack::from).collect(),
            policy,
            today: report::suppress::rules::today(),
            machine: MachineFacts::gather(),
            deep: args.deep,
        })
    }

    /// The runtime (for a fleet's shared epoch ticker).
    pub(crate) fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// Audits one target into its report.
    pub(crate) fn audit(&self, target: &Target, parallelism: Parallelism) -> Result<Report> {
        self.audit_with_posture(target, parallelism, None, None)
            .map(|(report, _)| report)
    }

    /// Audits one target into its report and the posture snapshot a
    /// history entry records; `previous`, the last whole recorded run, is
    /// the plugins' baseline, and the host reports the critical findings
    /// new since then; `credential_from`, the last recorded run, carries
    /// the gateway credential's record.
    pub(crate) fn audit_with_posture(
        &self,
        target: &Target,
        parallelism: Parallelism,
        previous: Option<&Entry>,
        credential_from: Option<&Entry>,
    ) -> Result<(Report, Posture)> {
        let mut snapshot = Snapshot::collect(
            target,
            self.deep,
            &self.machine,
            credential_from.map(|entry| crate::credential_age::Previous {
                recorded_at_ms: entry.recorded_at_ms,
                credential: entry.posture.credential.as_ref(),
            }),
        )?;
        snapshot.baseline_json = previous.map(Entry::baseline_json);
        let snapshot = Arc::new(snapshot);
        let runs = run_all(&self.runtime, &self.plugins, &snapshot, parallelism);
        // A plugin that failed before naming itself could be the one a
        // params table is for; its failure already makes the audit
        // incomplete.
        let names: Option<Vec<&str>> = runs
            .iter()
            .map(|run| run.info.as_ref().map(|info| info.name.as_str()))
            .collect();
        if let Some(names) = names {
            self.params.check_names(&names)?;
        }
        let mut report = report::aggregate(
            runs,
            TargetInfo::from(target),
            snapshot.state.gateway.info.notes.clone(),
        );
        report.packs.clone_from(&self.packs);
        self.policy.apply(&mut report);
        report::suppress::apply(&mut report, &snapshot.suppressions);
        report::locate::apply(&mut report, &snapshot.config_sources);
        if let Some(previous) = previous {
            crate::history::new_critical::apply(&mut report, previous, &|finding| {
                report::suppress::rules::suppresses(&self.suppressions, finding, &self.today)
            });
        }
        report::suppress::rules::apply(&mut report, &self.suppressions, &self.today);
        let posture = posture_of(&snapshot, &report);
        Ok((report, posture))
    }
}

/// The cache in `dir`, unless `dir` is or lies inside anything an audit
/// reads (Pincer never writes there): then none, and nothing is
/// created. Decided before the directory is made.
fn cache_outside(dir: Option<PathBuf>, targets: &[Target]) -> CompiledCache {
    let Some(dir) = dir else {
        return CompiledCache::disabled();
    };
    let inside = targets
        .iter()
        .any(|target| audited_paths(target).holds(&dir).is_some());
    if inside {
        CompiledCache::disabled()
    } else {
        CompiledCache::at(dir)
    }
}

/// Pincer never writes to what it audits: refuse an output path that is,
/// or lies inside, anything an audit of one of `targets` reads or would
/// read ([`crate::read_paths`]).
pub(crate) fn refuse_writing_into(output: &Path, targets: &[Target]) -> Result<()> {
    for target in targets {
        audited_paths(target).refuse(output)?;
    }
    Ok(())
}

/// For a command that writes without auditing (`pincer history`, `pincer
/// new`): refuse a path inside what an audit of this machine's
/// installation (`OPENCLAW_STATE_DIR`, `OPENCLAW_CONFIG_PATH` or
/// `~/.openclaw`) reads. Without a home there is no such installation.
pub(crate) fn refuse_writing_into_installation(output: &Path) -> Result<()> {
    match locate(None, None) {
        Ok(target) => refuse_writing_into(output, std::slice::from_ref(&target)),
        Err(_) => Ok(()),
    }
}

/// Everything an audit of `target` reads or would read, as far as its
/// config (loaded for its includes, secret files, workspaces and log file;
/// when it cannot be loaded, the audit stops before writing anyway) and
/// the environment tell, with the machine's gateway service definitions.
pub(crate) fn audited_paths(target: &Target) -> crate::read_paths::ReadPaths {
    let env = |name: &str| std::env::var(name).ok();
    let loaded = crate::config::load(&target.config).ok();
    let mut read = crate::read_paths::expected(
        target,
        loaded
            .as_ref()
            .map(|loaded| (&loaded.value, loaded.includes.as_slice())),
        &env,
    );
    let home = std::env::var_os("HOME")
        .filter(|home| !home.is_empty())
        .map(PathBuf::from);
    for (role, path) in crate::services::gateway_services(home.as_deref()) {
        read.file(&role, path);
    }
    read
}

/// Writes through `render` to `--output` (colourless) or stdout (a
/// `styled` format coloured on a TTY unless `NO_COLOR`). An existing file
/// is replaced whole or not at all: a temporary file beside it, with its
/// mode, renamed into place (a link is followed; a device or FIFO is
/// written as it is).
pub(crate) fn write_with(
    output: Option<&Path>,
    styled: bool,
    render: &dyn Fn(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let target = output.map_or_else(|| "stdout".to_owned(), |p| p.display().to_string());
    let write_error = |source| Error::Write {
        target: target.clone(),
        source,
    };
    let Some(path) = output else {
        // Buffered: a large report is a few writes, not one per line.
        let stdout = std::io::stdout().lock();
        return if styled {
            let mut stream = std::io::BufWriter::new(anstream::AutoStream::auto(stdout));
            render(&mut stream).and_then(|()| stream.flush())
        } else {
            let mut stream = std::io::BufWriter::new(stdout);
            render(&mut stream).and_then(|()| stream.flush())
        }
        .map_err(write_error);
    };
    let into = |file: &std::fs::File| -> std::io::Result<()> {
        // Formats without styles go straight out, not through a stripper.
        if styled {
            let mut stream = std::io::BufWriter::new(anstream::AutoStream::new(
                file.try_clone()?,
                anstream::ColorChoice::Never,
            ));
            render(&mut stream).and_then(|()| stream.flush())
        } else {
            let mut stream = std::io::BufWriter::new(file);
            render(&mut stream).and_then(|()| stream.flush())
        }
    };
    // Through a link to where it points, as writing to it always did.
    let path = &std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let existing = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file);
    match existing {
        // A new file is created as before (the umask decides its mode); a
        // device or FIFO is written as it is.
        None => {
            let file = std::fs::File::create(path).map_err(write_error)?;
            into(&file).map_err(write_error)
        }
        // An existing file is replaced whole, keeping its mode: a reader
        // (a web server, the next run) never sees half a report.
        Some(metadata) => {
            let dir = match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            let temp = tempfile::Builder::new()
                .prefix(".pincer-output-")
                .tempfile_in(dir)
                .map_err(write_error)?;
            temp.as_file()
                .set_permissions(metadata.permissions())
                .map_err(write_error)?;
            into(temp.as_file()).map_err(write_error)?;
            temp.persist(path).map_err(|e| write_error(e.error))?;
            Ok(())
        }
    }
}

fn write_report(
    report: &Report,
    format: ReportFormat,
    output: Option<&Path>,
    detail: render::table::Detail,
) -> Result<()> {
    write_with(output, format == ReportFormat::Table, &|out| match format {
        ReportFormat::Table => render::table::render_with(report, detail, out),
        ReportFormat::Html => render::html::render(report, out),
        ReportFormat::Json => render::json::render(report, out),
        ReportFormat::Sarif => render::sarif::render(report, out),
        ReportFormat::Junit => render::junit::render(report, out),
        ReportFormat::Markdown => render::markdown::render(report, out),
    })
}

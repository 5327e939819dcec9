//! `pincer audit`: locate, collect, run every plugin, report, exit code.

use crate::cli::{AuditArgs, ReportFormat};
use crate::collect::locate::{Target, locate};
use crate::collect::{Installation, OnInvalid, machine::MachineFacts};
use crate::env::Env;
use crate::error::{Error, Result};
use crate::history::Retention;
use crate::history::{Entry, HistoryDir, Posture, posture_of};
use crate::output::{cache_outside, refuse_writing_into, write_with};
use crate::policy::settings;
use crate::render;
use crate::render::table::Detail;
use crate::report::model::TargetInfo;
use crate::report::{self, Report};
use crate::runtime::{
    CompiledCache, Limits, LoadedPlugin, Parallelism, PluginSource, Runtime, run_all,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Runs one audit and returns the exit code (a fleet, `--fleet` or several
/// `--state-dir`, is `fleet::run`'s).
pub(crate) fn run(args: &AuditArgs, env: &Env) -> Result<u8> {
    let outputs = args.outputs()?;
    let mut outcome = audit_once(args, &outputs, env).map_err(|error| refused(error, &outputs))?;
    outcome.record()?;
    Ok(outcome.exit_code)
}

/// A config OpenClaw would refuse is refused here too (exit 2, every issue
/// on stderr); each JSON output gets the refusal as JSON, for CI to read.
fn refused(error: Error, outputs: &[crate::cli::FormatSpec]) -> Error {
    let Error::ConfigRefused { config, issues } = &error else {
        return error;
    };
    for spec in outputs
        .iter()
        .filter(|spec| spec.format == ReportFormat::Json)
    {
        let written = write_with(spec.path.as_deref(), false, &|out| {
            render::refusal::render(config, issues, out)
        });
        if let Err(write) = written {
            return write;
        }
    }
    error
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
pub(crate) fn audit_once(
    args: &AuditArgs,
    outputs: &[crate::cli::FormatSpec],
    env: &Env,
) -> Result<Outcome> {
    let target = locate(args.config.clone(), args.state_dirs.first().cloned(), env)?;
    for path in outputs.iter().filter_map(|spec| spec.path.as_deref()) {
        refuse_writing_into(path, std::slice::from_ref(&target), env)?;
    }
    let history = args.history.dir.as_deref().map(HistoryDir::new);
    if let Some(history) = &history {
        refuse_writing_into(history.path(), std::slice::from_ref(&target), env)?;
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
    let auditor = Auditor::new(args, std::slice::from_ref(&target), env)?;
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
        report::pipeline::against_baseline(&mut report, path, findings);
    }
    let pending = history.map(|history| {
        let entry = Entry::of(&report, posture);
        (
            history,
            entry,
            Retention::kept(args.history.keep, args.history.max_age),
        )
    });
    for spec in outputs {
        write_report(
            &report,
            spec.format,
            spec.path.as_deref(),
            Detail::verbose_if(args.verbose),
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
    params: crate::policy::params::PluginParams,
    suppressions: Vec<crate::policy::suppress::rules::Rule>,
    policy: crate::policy::pack::policy::Policy,
    packs: Vec<report::model::AppliedPack>,
    today: String,
    env: Env,
    machine: MachineFacts,
    deep: bool,
    on_invalid: OnInvalid,
}

impl Auditor {
    /// Loads settings and plugins for audits of `targets`.
    pub(crate) fn new(args: &AuditArgs, targets: &[Target], env: &Env) -> Result<Auditor> {
        let loaded = settings::load(args.settings.settings.as_deref(), env)?;
        let limits = Limits::default()
            .with(&loaded.settings.limits)
            .with(&args.limits.overrides());
        // Every pack is checked whole before any of it is used.
        let packs = crate::policy::pack::load_all(loaded.packs.iter().chain(&args.packs))?;
        let mut params = loaded.params;
        for pack in &packs {
            params.merge(pack.params.clone())?;
        }
        let runtime = Runtime::new(limits)?
            .with_params(params.json_by_plugin())
            .with_cache(
                cache_outside(args.cache.dir(env), targets, env)
                    .map_or_else(CompiledCache::disabled, CompiledCache::at),
            );
        let mut plugins = super::load_plugins(&runtime, &args.plugins)?;
        let mut owners: Vec<Option<String>> = vec![None; plugins.len()];
        for pack in &packs {
            for plugin in &pack.plugins {
                plugins.push(runtime.load(PluginSource::file(&plugin.path), &plugin.bytes)?);
                owners.push(Some(pack.name.clone()));
            }
        }
        crate::runtime::ownership::admit(&mut plugins);
        let policy = crate::policy::pack::policy::Policy::of(&packs)?;
        if !packs.is_empty() {
            crate::policy::pack::admit::admit(&runtime, &plugins, &owners, &packs, &policy)?;
        }
        Ok(Auditor {
            runtime,
            plugins,
            params,
            suppressions: loaded.suppressions,
            packs: packs.iter().map(report::model::AppliedPack::from).collect(),
            policy,
            today: crate::policy::suppress::rules::today(),
            env: env.clone(),
            machine: MachineFacts::gather(env),
            deep: args.deep,
            on_invalid: OnInvalid::when(args.allow_invalid),
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
        let collected = crate::collect::collect(Installation {
            target,
            env: &self.env,
            machine: &self.machine,
            deep: self.deep,
            previous_credential: credential_from.map(|entry| {
                crate::collect::credential_age::Previous {
                    recorded_at_ms: entry.recorded_at_ms,
                    credential: entry.posture.credential.as_ref(),
                }
            }),
            baseline_json: previous.map(Entry::baseline_json),
            on_invalid: self.on_invalid,
        })?;
        let host = collected.host;
        let config_suppressions = crate::policy::suppress::located(
            host.config_suppressions.as_ref(),
            &target.config,
            &host.config_sources,
        )?;
        let view = Arc::new(collected.view);
        let runs = run_all(&self.runtime, &self.plugins, &view, parallelism);
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
        let previous = previous.map(Entry::previous_run);
        let report = report::pipeline::report(
            runs,
            TargetInfo::from(target),
            view.state.gateway.info.notes.clone(),
            &report::pipeline::PassInputs {
                packs: &self.packs,
                policy: &self.policy,
                config_suppressions: &config_suppressions,
                config_issues: &host.config_issues,
                sources: &host.config_sources,
                previous: previous.as_ref(),
                rules: &self.suppressions,
                today: &self.today,
            },
        );
        let posture = posture_of(&view, &host, &report);
        Ok((report, posture))
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

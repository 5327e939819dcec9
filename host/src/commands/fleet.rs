//! `pincer audit --fleet FILE` (or several `--state-dir`): audits many
//! installations in one process. Settings, plugins (compiled once, or taken
//! from the cache), the machine's facts and the epoch ticker are shared;
//! `--jobs` workers take targets in turn; a progress bar shows on a TTY.
//! One combined report holds a section per target in the order given, and
//! each target's own exit code; a target that cannot be read is an error in
//! its section, never a gap. Variables that describe one installation
//! (`OPENCLAW_STATE_DIR`, `OPENCLAW_GATEWAY_TOKEN`, ...) are refused: they
//! would apply to every target. `~` in a target's config means the
//! auditing user's home, as it does for a single audit.

use super::audit::Auditor;
use crate::cli::{AuditArgs, ReportFormat};
use crate::collect::locate::Target;
use crate::env::Env;
use crate::error::{Error, Result, exit};
use crate::output::{refuse_writing_into, write_with};
use crate::render::fleet::{FleetEntry, FleetReport};
use crate::report::{self, model::TargetInfo};
use crate::runtime::Parallelism;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs the fleet audit and returns the overall exit code.
pub(crate) fn run(args: AuditArgs, env: &Env) -> Result<u8> {
    if args.history.dir.is_some() {
        return Err(Error::Usage(
            "--history records one installation: audit each fleet member on its own".into(),
        ));
    }
    if args.config.is_some() {
        return Err(Error::Usage(
            "--config names one installation; for a fleet, list state directories or config \
             files in --fleet FILE, or repeat --state-dir"
                .to_owned(),
        ));
    }
    refuse_installation_env(env)?;
    let mut targets: Vec<Target> = args.state_dirs.iter().map(|dir| at(dir)).collect();
    if let Some(fleet) = &args.fleet {
        targets.extend(read_fleet(fleet)?);
    }
    let outputs = args.outputs()?;
    for spec in &outputs {
        if let Some(path) = &spec.path {
            refuse_writing_into(path, &targets, env)?;
        }
        if !matches!(spec.format, ReportFormat::Json | ReportFormat::Table) {
            return Err(Error::Usage(
                "a fleet report is written as json or table; audit an installation alone for \
                 sarif, junit, markdown or html"
                    .to_owned(),
            ));
        }
    }
    let auditor = Auditor::new(&args, &targets, env)?;
    let entries = audit_all(&auditor, &targets, &args);
    let fleet = FleetReport::new(entries);
    let code = fleet.exit_code();
    for spec in &outputs {
        let styled = spec.format == ReportFormat::Table;
        write_with(spec.path.as_deref(), styled, &|out| match spec.format {
            ReportFormat::Json => crate::render::fleet::render_json(&fleet, out),
            _ => crate::render::fleet::render_table(
                &fleet,
                crate::render::table::Detail::verbose_if(args.verbose),
                out,
            ),
        })?;
    }
    Ok(code)
}

/// Environment variables that describe one installation (where its state,
/// config, credentials and includes are, which token and port it uses):
/// applied to every target of a fleet they would make every report wrong.
const INSTALLATION_ENV: &[&str] = &[
    "OPENCLAW_STATE_DIR",
    "OPENCLAW_CONFIG_PATH",
    "OPENCLAW_OAUTH_DIR",
    "OPENCLAW_INCLUDE_ROOTS",
    "OPENCLAW_PROFILE",
    "OPENCLAW_GATEWAY_TOKEN",
    "OPENCLAW_GATEWAY_PASSWORD",
    "OPENCLAW_GATEWAY_PORT",
];

/// Refuses a fleet audit while an installation's variables are set.
fn refuse_installation_env(env: &Env) -> Result<()> {
    let set: Vec<&str> = INSTALLATION_ENV
        .iter()
        .copied()
        .filter(|name| env.get_os(name).is_some())
        .collect();
    if set.is_empty() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{} describe{} one installation and would apply to every target of the fleet: unset \
         {} for a fleet audit, or audit that installation alone",
        set.join(", "),
        if set.len() == 1 { "s" } else { "" },
        if set.len() == 1 { "it" } else { "them" },
    )))
}

/// The target a fleet line or `--state-dir` names: a directory is a state
/// directory holding `openclaw.json`; anything else is a config file in its
/// state directory.
fn at(path: &Path) -> Target {
    if path.is_dir() {
        Target::new(path.join("openclaw.json"), path.to_path_buf())
    } else {
        let state_dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Target::new(path.to_path_buf(), state_dir)
    }
}

/// The targets of a fleet file; relative lines are relative to the file.
fn read_fleet(path: &Path) -> Result<Vec<Target>> {
    // A regular file only (a FIFO cannot hang the run), size-capped.
    let text = crate::input_file::read_text(path, crate::input_file::Within::Anywhere, 4 << 20)
        .map_err(|error| Error::input(path, error))?;
    let base = path.parent().unwrap_or_else(|| Path::new("."));
    let targets: Vec<Target> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| at(&base.join(line)))
        .collect();
    if targets.is_empty() {
        return Err(Error::Invalid {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "the fleet file names no installation".to_owned(),
        });
    }
    Ok(targets)
}

/// Audits every target with `--jobs` workers; entries keep the targets'
/// order whatever order they finish in.
fn audit_all(auditor: &Auditor, targets: &[Target], args: &AuditArgs) -> Vec<FleetEntry> {
    let jobs = args
        .jobs
        .map(usize::from)
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .clamp(1, targets.len().max(1));
    let _ticker = auditor.runtime().ticking();
    let progress = super::progress::Progress::new(targets.len());
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<FleetEntry>>> = Mutex::new(vec![None; targets.len()]);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(target) = targets.get(index) else {
                        break;
                    };
                    let entry = audit_one(auditor, target, args);
                    progress.advance(&entry);
                    slots
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)[index] = Some(entry);
                }
            });
        }
    });
    progress.finish();
    slots
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .zip(targets)
        .map(|(entry, target)| {
            entry.unwrap_or_else(|| {
                FleetEntry::failed(TargetInfo::from(target), "not audited", exit::INPUT)
            })
        })
        .collect()
}

fn audit_one(auditor: &Auditor, target: &Target, args: &AuditArgs) -> FleetEntry {
    // A bug that panics on one installation must not take the fleet's
    // report down with it: that target is reported as not audited.
    // The workers keep the CPUs busy: a target's plugins run in turn.
    let audited = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        auditor.audit(target, Parallelism::InTurn)
    }));
    let Ok(audited) = audited else {
        return FleetEntry::failed(
            TargetInfo::from(target),
            "pincer failed on this installation (an internal error); audit it alone to see why",
            exit::INPUT,
        );
    };
    match audited {
        Ok(report) => {
            let code = report::exit_code(&report, args.fail_on.threshold(), args.allow_incomplete);
            FleetEntry::audited(report, code)
        }
        Err(error) => FleetEntry::failed(
            TargetInfo::from(target),
            &error.to_string(),
            error.exit_code(),
        ),
    }
}

//! `pincer watch`: audits on an interval (with jitter) and on SIGHUP on a
//! single-threaded tokio scheduler, one run at a time (a SIGHUP during a
//! run queues one more); alerts through the hook and webhook when a run
//! reaches --fail-on, detects drift, is incomplete or fails; a failed run
//! is reported and the next one still happens. A run's history entry is
//! recorded after its alerts. SIGINT and SIGTERM (Ctrl-C off Unix, where
//! there is no SIGHUP) stop it: a run in progress finishes its audit but
//! records nothing and sends no further alert (a hook already running is
//! stopped), so the history never holds a partial or cancelled entry; a
//! second signal stops the watcher at once (an entry is written whole or
//! not at all, whenever the process ends).

use super::alert::{Alert, check_webhook_url};
use crate::cli::{FormatSpec, WatchArgs};
use crate::env::Env;
use crate::error::{Error, Result, exit};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::time::{Instant, sleep_until};

/// Runs the scheduler until stopped (exit 0) or, with --max-runs, until
/// the last run (its exit code).
pub(crate) fn run(args: WatchArgs, env: &Env) -> Result<u8> {
    if args.audit.is_fleet() {
        return Err(Error::Usage(
            "pincer watch audits one installation: start one watch per installation".into(),
        ));
    }
    if let Some(url) = &args.webhook {
        check_webhook_url(url).map_err(Error::Usage)?;
    }
    // Only the outputs asked for are written on every run; the log line
    // says what each run found.
    let outputs = if args.audit.formats.is_empty() && args.audit.output.is_none() {
        Vec::new()
    } else {
        args.audit.outputs()?
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Engine(format!("cannot start the scheduler: {e}")))?;
    let outcome = runtime.block_on(schedule(
        Arc::new(args),
        Arc::new(outputs),
        Arc::new(env.clone()),
    ));
    // A run still under way after a second signal is abandoned, not awaited.
    runtime.shutdown_background();
    outcome
}

/// What a signal asks of the scheduler.
enum Event {
    /// Audit now (SIGHUP).
    Hangup,
    /// Stop (SIGTERM, SIGINT, Ctrl-C), named for the log.
    Stop(&'static str),
}

/// The signals the scheduler listens to: SIGHUP, SIGTERM and SIGINT on
/// Unix; Ctrl-C elsewhere.
#[cfg(unix)]
struct Signals {
    hangup: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
    interrupt: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    fn new() -> Result<Signals> {
        use tokio::signal::unix::{SignalKind, signal};
        let listen = |kind| {
            signal(kind).map_err(|e| Error::Engine(format!("cannot listen for signals: {e}")))
        };
        Ok(Signals {
            hangup: listen(SignalKind::hangup())?,
            terminate: listen(SignalKind::terminate())?,
            interrupt: listen(SignalKind::interrupt())?,
        })
    }

    /// The next signal (cancel-safe).
    async fn next(&mut self) -> Event {
        tokio::select! {
            _ = self.hangup.recv() => Event::Hangup,
            _ = self.terminate.recv() => Event::Stop("SIGTERM"),
            _ = self.interrupt.recv() => Event::Stop("SIGINT"),
        }
    }
}

#[cfg(not(unix))]
struct Signals;

#[cfg(not(unix))]
impl Signals {
    fn new() -> Result<Signals> {
        Ok(Signals)
    }

    /// The next signal (cancel-safe).
    async fn next(&mut self) -> Event {
        let _ = tokio::signal::ctrl_c().await;
        Event::Stop("Ctrl-C")
    }
}

/// A random delay up to `jitter`.
fn jitter(jitter: Option<Duration>) -> Duration {
    jitter.map_or(Duration::ZERO, |max| {
        let millis = u64::try_from(max.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(fastrand::u64(0..=millis))
    })
}

async fn schedule(
    args: Arc<WatchArgs>,
    outputs: Arc<Vec<FormatSpec>>,
    env: Arc<Env>,
) -> Result<u8> {
    let mut signals = Signals::new()?;
    let cancel = Arc::new(AtomicBool::new(false));
    let mut runs: u32 = 0;
    let mut next = Instant::now();
    loop {
        tokio::select! {
            () = sleep_until(next) => {}
            event = signals.next() => match event {
                Event::Hangup => log("SIGHUP: auditing now"),
                Event::Stop(signal) => return Ok(stopped(signal)),
            },
        }
        runs += 1;
        let run_args = Arc::clone(&args);
        let run_outputs = Arc::clone(&outputs);
        let run_cancel = Arc::clone(&cancel);
        let run_env = Arc::clone(&env);
        let number = runs;
        let mut handle = tokio::task::spawn_blocking(move || {
            one_run(&run_args, &run_outputs, &run_env, &run_cancel, number)
        });
        let mut again = false;
        let mut stopping = None;
        let code = loop {
            tokio::select! {
                joined = &mut handle => break joined.unwrap_or(exit::INCOMPLETE),
                event = signals.next() => match event {
                    Event::Hangup => again = true,
                    Event::Stop(signal) if stopping.is_some() => {
                        log(&format!("{signal} again: not waiting for run {runs}"));
                        return Ok(stopped(signal));
                    }
                    Event::Stop(signal) => {
                        log(&format!("{signal}: stopping after run {runs}, which records nothing"));
                        cancel.store(true, Ordering::SeqCst);
                        stopping = Some(signal);
                    }
                },
            }
        };
        if let Some(signal) = stopping {
            return Ok(stopped(signal));
        }
        if args.max_runs.is_some_and(|max| runs >= max) {
            return Ok(code);
        }
        next = if again {
            log("SIGHUP during a run: auditing again now");
            Instant::now()
        } else {
            // Both are at most a year (the flags' parsers say so).
            Instant::now() + args.every + jitter(args.jitter)
        };
    }
}

fn stopped(signal: &str) -> u8 {
    log(&format!("{signal}: stopped"));
    exit::CLEAN
}

fn log(message: &str) {
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now());
    crate::output::warn(&format!("{now} pincer watch: {message}"));
}

/// One audit, its alerts, then its history entry; returns its exit code.
/// The entry is recorded only after the alerts went out, so that a run
/// whose alerts a stop cut short, or that no alert reached, leaves no
/// baseline behind: the next run finds the same drift again and alerts
/// for it. A run whose entry cannot be recorded alerts for that.
fn one_run(
    args: &WatchArgs,
    outputs: &[FormatSpec],
    env: &Env,
    cancel: &AtomicBool,
    number: u32,
) -> u8 {
    let cancelled = || cancel.load(Ordering::SeqCst);
    let mut outcome = match super::audit::audit_once(&args.audit, outputs, env) {
        Ok(outcome) => outcome,
        Err(error) => {
            let message = error.to_string();
            log(&format!("run {number} failed: {message}"));
            let alert = Alert {
                report: None,
                exit_code: error.exit_code(),
                error: Some(message),
            };
            if !cancelled() {
                send(args, &alert, number, &cancelled);
            }
            return alert.exit_code;
        }
    };
    let report = &outcome.report;
    let drift = report
        .findings
        .iter()
        .filter(|f| f.finding.check_id.starts_with("drift."))
        .count();
    log(&format!(
        "run {number}: {} critical, {} warn, {} info, {drift} drift{}; exit {}",
        report.summary.critical,
        report.summary.warn,
        report.summary.info,
        if report.complete { "" } else { ", INCOMPLETE" },
        outcome.exit_code
    ));
    if cancelled() {
        return outcome.exit_code;
    }
    if outcome.exit_code != exit::CLEAN || drift > 0 {
        let alert = Alert {
            report: Some(report),
            exit_code: outcome.exit_code,
            error: None,
        };
        if !send(args, &alert, number, &cancelled) {
            log(&format!(
                "run {number}: not recorded: no alert was delivered, so the next run \
                 compares with the same baseline and alerts again"
            ));
            return outcome.exit_code;
        }
    }
    if cancelled() {
        return outcome.exit_code;
    }
    match outcome.record() {
        Ok(Some(path)) => log(&format!("run {number}: recorded {}", path.display())),
        Ok(None) => {}
        Err(error) => {
            let message = format!("the history entry was not recorded: {error}");
            log(&format!("run {number}: {message}"));
            let alert = Alert {
                report: None,
                exit_code: error.exit_code(),
                error: Some(message),
            };
            send(args, &alert, number, &cancelled);
            return alert.exit_code;
        }
    }
    outcome.exit_code
}

/// Runs the hook, then (unless the watcher is stopping by then) posts to
/// the webhook, logging what became of each; whether the alert reached
/// somewhere (or there is nowhere to send it).
fn send(args: &WatchArgs, alert: &Alert<'_>, number: u32, cancelled: &dyn Fn() -> bool) -> bool {
    let mut tried = false;
    let mut delivered = false;
    let mut note = |outcome: Result<String, String>| {
        tried = true;
        delivered |= outcome.is_ok();
        match outcome {
            Ok(done) | Err(done) => log(&format!("run {number}: {done}")),
        }
    };
    if let Some(command) = &args.on_finding {
        note(alert.run_hook(command, cancelled));
    }
    if !cancelled()
        && let Some(url) = &args.webhook
    {
        note(alert.post(url));
    }
    delivered || !tried
}

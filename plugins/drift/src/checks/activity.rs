//! `drift.restart_loop`, `drift.blocked_activity`,
//! `drift.channel_ingress_failures`: incident triggers read from the
//! state database, with or without a history — the gateway starting again
//! and again within minutes, many actions blocked by policy (tool calls
//! and runs the senders asked for, messages blocked), and one channel's
//! ingress failing repeatedly (two gateways polling one bot, revoked
//! tokens). Messages the gateway skipped (duplicates, a reply already
//! under way; the host counts them as `message_skipped`) are not blocks.
//! With a baseline, a burst is reported only while it still grows: when
//! none of its events is newer than the last recorded audit, that audit
//! already reported it.

use pincer_sdk::prelude::*;

/// How far back restart loops are looked for without a baseline (7 days).
const LOOKBACK_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// Declaration.
pub static RESTART_LOOP: CheckMeta = CheckMeta {
    id: "drift.restart_loop",
    severity: Severity::Critical,
    title: "The gateway is restarting in a loop",
    description: "The boot lifecycle table holds restartLoopBoots gateway starts (default 3) \
                  within restartLoopMinutes (default 10), since the last recorded audit or in \
                  the last 7 days. A restart loop is an incident trigger: a crash, a second \
                  instance fighting for the port, or someone tampering with the service.",
    remediation: "Read the gateway log around those starts (openclaw logs), make sure only one \
                  gateway service runs, and check the service definition for changes.",
    references: &["https://docs.openclaw.ai/gateway/troubleshooting"],
};

/// Declaration.
pub static BLOCKED_ACTIVITY: CheckMeta = CheckMeta {
    id: "drift.blocked_activity",
    severity: Severity::Warn,
    title: "Many actions were blocked in the last day",
    description: "The audit ledger holds at least blockedEventsPerDay (default 20) tool calls, \
                  agent runs or messages blocked by policy in the 24 hours before the audit \
                  (some after the last recorded audit, when there is one; messages the \
                  gateway skipped as duplicates do not count): someone keeps trying what \
                  policy forbids, such as denied tools on behalf of unauthorised senders.",
    remediation: "Look at the blocked events (openclaw audit list --status blocked) and block \
                  or report the senders behind them.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Declaration.
pub static INGRESS_FAILURES: CheckMeta = CheckMeta {
    id: "drift.channel_ingress_failures",
    severity: Severity::Warn,
    title: "Channel messages keep failing",
    description: "The channel ingress queue holds at least ingressFailuresPerDay (default 20) \
                  failed events of one channel in the 24 hours before the audit (some after \
                  the last recorded audit, when there is one): often two gateways answering \
                  for one bot (a channel conflict) or a revoked channel token.",
    remediation: "Make sure only one gateway serves each channel account, and check the \
                  channel tokens.",
    references: &["https://docs.openclaw.ai/channels"],
};

/// Evaluates `drift.restart_loop`: a window of `restartLoopMinutes`
/// holding `restartLoopBoots` starts, at least one of them after the
/// previous recorded run (a loop seen then is not reported again), or in
/// the last 7 days without a baseline.
pub fn run_restart_loop(view: &View, out: &mut Findings) {
    let declared = |param: &ParamMeta| param.integer(view).unwrap_or(u64::MAX);
    let boots_needed = usize::try_from(declared(&crate::RESTART_LOOP_BOOTS)).unwrap_or(usize::MAX);
    let minutes = i64::try_from(declared(&crate::RESTART_LOOP_MINUTES)).unwrap_or(i64::MAX);
    let window_ms = minutes.saturating_mul(60_000);
    let now = i64::try_from(view.audit_time_ms()).unwrap_or(i64::MAX);
    let previous = view
        .baseline()
        .map(|baseline| i64::try_from(baseline.recorded_at_ms).unwrap_or(i64::MAX));
    let new_after = previous.unwrap_or_else(|| now.saturating_sub(LOOKBACK_MS));
    let mut starts: Vec<i64> = view
        .gateway_state()
        .boots
        .iter()
        .map(|boot| boot.started_at_ms)
        .filter(|at| *at >= new_after.saturating_sub(window_ms))
        .collect();
    starts.sort_unstable();
    let mut worst = 0;
    for (index, first) in starts.iter().enumerate() {
        let window: Vec<i64> = starts[index..]
            .iter()
            .copied()
            .take_while(|at| at - first <= window_ms)
            .collect();
        let fresh = window.iter().any(|at| *at > new_after);
        if window.len() >= boots_needed && fresh {
            worst = worst.max(window.len());
        }
    }
    if worst > 0 {
        out.push(
            RESTART_LOOP
                .finding(format!(
                    "{worst} gateway starts within {minutes} minutes (threshold \
                     {boots_needed})."
                ))
                .at("gateway"),
        );
    }
}

/// Whether events whose newest is `latest` are news: newer than the last
/// recorded audit, or anything without one.
fn fresh(view: &View, latest: Option<i64>) -> bool {
    match view.baseline() {
        None => true,
        Some(baseline) => {
            let previous = i64::try_from(baseline.recorded_at_ms).unwrap_or(i64::MAX);
            latest.is_none_or(|at| at > previous)
        }
    }
}

/// The last-day count of one ledger's events with `status` whose kind
/// passes `kind`, and the newest one's time.
fn last_day<'a>(
    view: &'a View,
    ledger: &str,
    status: &str,
    kind: impl Fn(Option<&str>) -> bool,
) -> impl Iterator<Item = &'a pincer_sdk::EventCount> {
    let (ledger, status) = (ledger.to_owned(), status.to_owned());
    view.gateway_state()
        .events
        .iter()
        .filter(move |event| event.ledger == ledger && event.status == status)
        .filter(move |event| kind(event.kind.as_deref()))
        .filter(|event| event.last_day > 0)
}

/// Evaluates `drift.blocked_activity`.
pub fn run_blocked_activity(view: &View, out: &mut Findings) {
    let threshold = crate::BLOCKED_EVENTS_PER_DAY
        .integer(view)
        .unwrap_or(u64::MAX);
    let counts: Vec<_> = last_day(view, "audit", "blocked", |kind| {
        kind != Some("message_skipped")
    })
    .collect();
    let blocked: u64 = counts.iter().map(|event| event.last_day).sum();
    let latest = counts.iter().filter_map(|event| event.latest_at_ms).max();
    if blocked >= threshold && fresh(view, latest) {
        let mut kinds: Vec<&str> = counts
            .iter()
            .map(|event| event.kind.as_deref().unwrap_or("unknown"))
            .collect();
        kinds.dedup();
        out.push(BLOCKED_ACTIVITY.finding(format!(
            "{blocked} actions blocked by policy in the last 24 hours ({}; threshold \
             {threshold}).",
            kinds.join(", ")
        )));
    }
}

/// Evaluates `drift.channel_ingress_failures`, one finding per channel.
pub fn run_ingress_failures(view: &View, out: &mut Findings) {
    let threshold = crate::INGRESS_FAILURES_PER_DAY
        .integer(view)
        .unwrap_or(u64::MAX);
    for event in last_day(view, "ingress", "failed", |_| true) {
        if event.last_day >= threshold && fresh(view, event.latest_at_ms) {
            let channel = event.kind.as_deref();
            let finding = INGRESS_FAILURES.finding(format!(
                "{} failed ingress events of {} in the last 24 hours (threshold {threshold}).",
                event.last_day,
                channel.unwrap_or("the channels")
            ));
            out.push(match channel {
                Some(channel) => finding.at(format!("channels.{channel}")),
                None => finding,
            });
        }
    }
}

//! `drift.restart_loop`, `drift.blocked_activity`,
//! `drift.channel_ingress_failures`: incident triggers read from the
//! state database, with or without a history — the gateway starting again
//! and again within minutes, many blocked actions (unauthorised senders
//! or tools) and channel ingress failing repeatedly (two gateways polling
//! one bot, revoked tokens).

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
    description: "The audit ledger holds at least blockedEventsPerDay (default 20) blocked \
                  events in the 24 hours before the audit: someone keeps trying what policy \
                  forbids, such as unauthorised senders or denied tools.",
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
                  failed events in the 24 hours before the audit: often two gateways \
                  answering for one bot (a channel conflict) or a revoked channel token.",
    remediation: "Make sure only one gateway serves each channel account, and check the \
                  channel tokens.",
    references: &["https://docs.openclaw.ai/channels"],
};

/// Evaluates `drift.restart_loop`: a window of `restartLoopMinutes`
/// holding `restartLoopBoots` starts, at least one of them after the
/// previous recorded run (a loop seen then is not reported again), or in
/// the last 7 days without a baseline.
pub fn run_restart_loop(view: &View, out: &mut Findings) {
    let boots_needed: usize = view.param("restartLoopBoots").unwrap_or(3);
    let minutes: i64 = view.param("restartLoopMinutes").unwrap_or(10);
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

/// The last-day count of one ledger's events with `status`.
fn last_day(view: &View, ledger: &str, status: &str) -> u64 {
    view.gateway_state()
        .events
        .iter()
        .filter(|event| event.ledger == ledger && event.status == status)
        .map(|event| event.last_day)
        .sum()
}

/// Evaluates `drift.blocked_activity`.
pub fn run_blocked_activity(view: &View, out: &mut Findings) {
    let threshold: u64 = view.param("blockedEventsPerDay").unwrap_or(20);
    let blocked = last_day(view, "audit", "blocked");
    if blocked >= threshold {
        out.push(BLOCKED_ACTIVITY.finding(format!(
            "{blocked} blocked audit events in the last 24 hours (threshold {threshold})."
        )));
    }
}

/// Evaluates `drift.channel_ingress_failures`.
pub fn run_ingress_failures(view: &View, out: &mut Findings) {
    let threshold: u64 = view.param("ingressFailuresPerDay").unwrap_or(20);
    let failed = last_day(view, "ingress", "failed");
    if failed >= threshold {
        out.push(INGRESS_FAILURES.finding(format!(
            "{failed} failed channel ingress events in the last 24 hours (threshold \
             {threshold})."
        )));
    }
}

//! The wall clock a plugin runs against, whatever it is doing. Wasm code is
//! stopped by the engine's epoch deadline (it traps); a call that blocks in
//! the host (a WASI sleep, `poll` or a pollable's `block`) yields, and
//! every call into a plugin is driven as a future under the same deadline,
//! so it is dropped — and its store with it — when the time is up.

use std::future::Future;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// When one plugin's time is up.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    at: Instant,
}

impl Deadline {
    /// `budget` from now.
    pub(crate) fn after(budget: Duration) -> Deadline {
        let now = Instant::now();
        Deadline {
            at: now
                .checked_add(budget)
                .unwrap_or(now + Duration::from_hours(8760)),
        }
    }

    /// The time left (zero once it passed).
    pub(crate) fn remaining(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }

    /// Whether the time is up.
    pub(crate) fn passed(&self) -> bool {
        Instant::now() >= self.at
    }
}

/// The timers that end blocked calls: one small runtime for the process,
/// whose single worker thread drives them while calls run on the caller's
/// thread.
fn timers() -> Result<&'static tokio::runtime::Runtime, String> {
    static TIMERS: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    TIMERS
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("pincer-deadline")
                .enable_time()
                .build()
                .map_err(|e| format!("cannot start the plugin timer: {e}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Why a driven call did not finish.
#[derive(Debug)]
pub(super) enum Stopped {
    /// The deadline passed while the call was blocked in the host.
    Deadline,
    /// The timer could not be started.
    NoTimer(String),
}

/// Runs `call` on this thread until it finishes or `deadline` passes.
pub(super) fn drive<F: Future>(deadline: &Deadline, call: F) -> Result<F::Output, Stopped> {
    let runtime = timers().map_err(Stopped::NoTimer)?;
    let remaining = deadline.remaining();
    runtime
        .handle()
        .block_on(async { tokio::time::timeout(remaining, call).await })
        .map_err(|_| Stopped::Deadline)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blocked_call_is_dropped_at_the_deadline() {
        let deadline = Deadline::after(Duration::from_millis(20));
        let outcome = drive(&deadline, async {
            tokio::time::sleep(Duration::from_hours(1)).await;
        });
        assert!(matches!(outcome, Err(Stopped::Deadline)));
        assert!(deadline.passed());
    }

    #[test]
    fn a_call_that_finishes_returns_its_value() {
        let deadline = Deadline::after(Duration::from_hours(1));
        assert_eq!(drive(&deadline, async { 7 }).ok(), Some(7));
    }
}

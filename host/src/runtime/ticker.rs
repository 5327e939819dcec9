//! The epoch ticker: a thread that advances the engine's epoch every tick
//! while plugins run, so a store's epoch deadline becomes a wall-clock
//! timeout even for a plugin stuck in a loop that never calls the host.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;
use wasmtime::Engine;

/// How often the epoch advances.
pub(crate) const TICK: Duration = Duration::from_millis(10);

/// The number of ticks that make up `timeout` (at least one).
pub(crate) fn ticks(timeout: Duration) -> u64 {
    let ticks = timeout.as_nanos().div_ceil(TICK.as_nanos());
    u64::try_from(ticks).unwrap_or(u64::MAX).max(1)
}

/// Advances the epoch until dropped.
pub struct Ticker {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Ticker {
    /// Starts ticking `engine`'s epoch.
    pub fn start(engine: &Engine) -> Ticker {
        let stop = Arc::new(AtomicBool::new(false));
        let engine = engine.clone();
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut next = std::time::Instant::now() + TICK;
            while !flag.load(Ordering::Acquire) {
                // Parked, not asleep: dropping the ticker unparks it, so
                // an audit never waits out a tick to finish. A spurious
                // wake-up before the tick is due does not advance the epoch.
                std::thread::park_timeout(
                    next.saturating_duration_since(std::time::Instant::now()),
                );
                if std::time::Instant::now() >= next {
                    engine.increment_epoch();
                    next += TICK;
                }
            }
        });
        Ticker {
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

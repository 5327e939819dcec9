//! A fleet's progress bar (indicatif), on stderr and only when stderr is a
//! terminal: scripts and CI logs get no control sequences.

use crate::render::fleet::FleetEntry;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Progress over a fleet's targets.
pub(super) struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for `total` targets, hidden unless stderr is a terminal.
    pub(super) fn new(total: usize) -> Progress {
        if !crate::output::stderr_is_terminal() {
            return Progress { bar: None };
        }
        let bar = ProgressBar::with_draw_target(
            Some(u64::try_from(total).unwrap_or(u64::MAX)),
            ProgressDrawTarget::stderr(),
        );
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} auditing {pos}/{len} installations [{bar:30}] {per_sec} {msg}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress { bar: Some(bar) }
    }

    /// One more target done.
    pub(super) fn advance(&self, entry: &FleetEntry) {
        if let Some(bar) = &self.bar {
            if entry.exit_code != 0 {
                bar.set_message(format!("last flagged: {}", entry.target.state_dir));
            }
            bar.inc(1);
        }
    }

    /// Clears the bar.
    pub(super) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

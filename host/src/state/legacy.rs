//! Installations from before the state database (early 2026) keep the same
//! facts in JSON files under the state dir. Filled in once their formats
//! are pinned down.

use pincer_sdk::StateFacts;
use std::path::Path;

/// Reads the legacy JSON state, if any of its files exists.
pub fn read(_state_dir: &Path) -> Option<StateFacts> {
    None
}

/// Fills sections an older database lacks from legacy files, if present.
pub fn fill_gaps(_state_dir: &Path, _facts: &mut StateFacts) {}

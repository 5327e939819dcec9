//! How much of the state reaches a plugin: each section is cut at a number
//! of rows (the newest kept), any one database value at
//! [`MAX_VALUE_BYTES`] and the database's text at [`MAX_DATABASE_BYTES`]
//! in all, so that a state directory of any size gives the plugins a
//! gateway state they can read. A cut is a note: `info` for histories the
//! checks read from the newest end (boots, restarts), `error` — the audit
//! is incomplete — for sets the checks judge whole (paired devices, allow
//! entries, ...).

use pincer_sdk::{NoteLevel, StateNote};

/// The bound of one section.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cap {
    /// The section, as a note names it.
    pub what: &'static str,
    /// The most rows kept.
    pub rows: usize,
    /// Whether checks judge the section whole (a cut one makes the audit
    /// incomplete).
    pub whole: bool,
}

/// Paired devices.
pub(super) const PAIRED: Cap = Cap {
    what: "paired devices",
    rows: 2_000,
    whole: true,
};
/// Pending pairing requests.
pub(super) const PENDING: Cap = Cap {
    what: "pending pairings",
    rows: 2_000,
    whole: true,
};
/// Gateway starts.
pub(super) const BOOTS: Cap = Cap {
    what: "boot history",
    rows: 1_000,
    whole: false,
};
/// Restart records.
pub(super) const RESTARTS: Cap = Cap {
    what: "restart records",
    rows: 1_000,
    whole: false,
};
/// Channel allow entries.
pub(super) const CHANNEL_ALLOW: Cap = Cap {
    what: "channel allow entries",
    rows: 10_000,
    whole: true,
};
/// Event counts (groups of status and kind or channel).
pub(super) const EVENTS: Cap = Cap {
    what: "event counts",
    rows: 1_000,
    whole: true,
};
/// Plugin directories under `extensions/`.
pub(super) const EXTENSIONS: Cap = Cap {
    what: "installed plugin directories",
    rows: 2_000,
    whole: true,
};
/// Install records.
pub(super) const INSTALL_RECORDS: Cap = Cap {
    what: "install records",
    rows: 2_000,
    whole: true,
};

/// The largest single value (text or blob) read from the database
/// (`SQLITE_LIMIT_LENGTH`): a larger one fails its section.
pub(super) const MAX_VALUE_BYTES: i32 = 1 << 20;

/// The most text and blob bytes read from the database in all; past it,
/// sections are cut.
pub(super) const MAX_DATABASE_BYTES: usize = 8 << 20;

/// What is left of [`MAX_DATABASE_BYTES`].
#[derive(Debug)]
pub(super) struct Budget {
    /// Bytes left.
    pub bytes_left: usize,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            bytes_left: MAX_DATABASE_BYTES,
        }
    }
}

/// The note for a section of `source` cut to `kept` rows.
pub(super) fn cut_note(cap: &Cap, source: &str, kept: usize) -> StateNote {
    if cap.whole {
        StateNote {
            level: NoteLevel::Error,
            message: format!(
                "{source}: {} cut to {kept} (Pincer reads at most {} rows and {} of text): \
                 checks that judge them whole cannot, so the audit is incomplete",
                cap.what,
                cap.rows,
                bytesize::ByteSize(MAX_DATABASE_BYTES as u64)
            ),
        }
    } else {
        StateNote {
            level: NoteLevel::Info,
            message: format!(
                "{source}: {} cut to the newest {kept} (Pincer reads at most {} rows and {} of \
                 text)",
                cap.what,
                cap.rows,
                bytesize::ByteSize(MAX_DATABASE_BYTES as u64)
            ),
        }
    }
}

/// Keeps the newest [`Cap::rows`] of `rows` (ordered oldest first), with a
/// note when any are dropped.
pub(super) fn keep_newest<T>(
    rows: &mut Vec<T>,
    cap: &Cap,
    source: &str,
    notes: &mut Vec<StateNote>,
) {
    if rows.len() > cap.rows {
        rows.drain(..rows.len() - cap.rows);
        notes.push(cut_note(cap, source, rows.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_rows_are_kept_with_a_note() {
        let mut rows: Vec<usize> = (0..1_005).collect();
        let mut notes = Vec::new();
        keep_newest(&mut rows, &BOOTS, "db", &mut notes);
        assert_eq!((rows.len(), rows[0]), (1_000, 5));
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].level, NoteLevel::Info);
        keep_newest(&mut rows, &BOOTS, "db", &mut notes);
        assert_eq!(notes.len(), 1);
    }
}

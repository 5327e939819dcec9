//! The values behind the config's secret references and `${VAR}`s, for
//! redaction to describe: the real environment and files, read-only and
//! bounded. A file is read only when it is a regular file of at most
//! [`MAX_SECRET_FILE_BYTES`] (opened without blocking: a FIFO or
//! `/dev/zero` cannot hang or flood the audit); what could not be read is
//! a note. Every `${VAR}` substitution draws on one budget of
//! [`MAX_EXPANSION_BYTES`] for the whole config, spent as it happens: past
//! it, nothing more is substituted and the audit stops with an error
//! (exit 2), so references repeated by the thousand cannot multiply the
//! config without bound.

use crate::input_file::{ReadError, Within};
use pincer_sdk::redact::SecretResolver;
use pincer_sdk::{NoteLevel, StateNote};
use std::cell::{Cell, RefCell};
use std::path::PathBuf;

/// The largest secret file read, as OpenClaw's file secret provider reads
/// at most (its default `maxBytes`).
pub(crate) const MAX_SECRET_FILE_BYTES: u64 = 1 << 20;

/// The most bytes environment variables may add to the config through
/// `${VAR}` and env references, in all.
pub(crate) const MAX_EXPANSION_BYTES: usize = 8 << 20;

/// Resolves from the audit's environment and the real files, keeping count.
#[derive(Debug)]
pub(crate) struct LiveSecrets<'env> {
    env: &'env crate::env::Env,
    spent: Cell<usize>,
    exceeded: Cell<bool>,
    notes: RefCell<Vec<StateNote>>,
}

impl<'env> LiveSecrets<'env> {
    /// A resolver over `env`, nothing spent yet.
    pub(crate) fn new(env: &'env crate::env::Env) -> Self {
        LiveSecrets {
            env,
            spent: Cell::new(0),
            exceeded: Cell::new(false),
            notes: RefCell::new(Vec::new()),
        }
    }

    /// Whether the expansion budget ran out (the config must be refused).
    pub(crate) fn exceeded(&self) -> bool {
        self.exceeded.get()
    }

    /// The notes about secret files that could not be read.
    pub(crate) fn take_notes(&self) -> Vec<StateNote> {
        self.notes.take()
    }
}

impl SecretResolver for LiveSecrets<'_> {
    fn env(&self, name: &str) -> Option<String> {
        if self.exceeded.get() {
            return None;
        }
        let value = self.env.get(name)?;
        let spent = self.spent.get().saturating_add(value.len());
        if spent > MAX_EXPANSION_BYTES {
            self.exceeded.set(true);
            return None;
        }
        self.spent.set(spent);
        Some(value)
    }

    fn file(&self, path: &str) -> Option<String> {
        let file = PathBuf::from(path);
        match crate::input_file::read_text(&file, Within::Anywhere, MAX_SECRET_FILE_BYTES) {
            Ok(text) => Some(text),
            Err(ReadError::Missing) => None,
            Err(error) => {
                self.notes.borrow_mut().push(StateNote {
                    level: NoteLevel::Error,
                    message: format!(
                        "{path}: a file secret reference's file, not read ({error}); its marker \
                         says the secret is not available"
                    ),
                });
                None
            }
        }
    }
}

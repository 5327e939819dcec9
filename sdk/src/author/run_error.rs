//! Why a plugin's run failed, as the host is told (`run-error` in the WIT,
//! since `pincer:audit@0.2.0`): parameters it refused, or anything else.

use std::fmt;

/// Why a run failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// The parameters set for the plugin are not the ones it declared (a
    /// name it does not know, a value of the wrong type); the message names
    /// the parameter and what was expected.
    InvalidParams(String),
    /// Anything else that kept the checks from running
    /// ([`Plugin::run`](crate::Plugin::run) returned an error).
    Failed(String),
}

impl RunError {
    /// The message, without what kind of failure it is.
    #[must_use]
    pub fn message(&self) -> &str {
        match self {
            RunError::InvalidParams(message) | RunError::Failed(message) => message,
        }
    }
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::InvalidParams(message) => write!(f, "invalid parameters: {message}"),
            RunError::Failed(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for RunError {}

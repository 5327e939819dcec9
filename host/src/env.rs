//! The process environment, read once (`Env::of_process`, called by the
//! command line's entry point) and handed down to everything that needs a
//! variable, so an audit depends on the environment it is given, and a
//! test or a bench can fix it.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// A set of environment variables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    vars: BTreeMap<OsString, OsString>,
}

impl Env {
    /// The environment of this process, as it is now.
    #[allow(
        clippy::disallowed_methods,
        reason = "the one place the process environment is read"
    )]
    pub fn of_process() -> Env {
        Env {
            vars: std::env::vars_os().collect(),
        }
    }

    /// An environment of exactly these variables.
    pub fn of<K: Into<OsString>, V: Into<OsString>>(vars: impl IntoIterator<Item = (K, V)>) -> Env {
        Env {
            vars: vars
                .into_iter()
                .map(|(name, value)| (name.into(), value.into()))
                .collect(),
        }
    }

    /// The value of `name`, when set and valid UTF-8 (as `std::env::var`).
    pub fn get(&self, name: &str) -> Option<String> {
        self.vars.get(OsStr::new(name))?.to_str().map(str::to_owned)
    }

    /// The value of `name`, when set and not empty, in any encoding.
    pub fn get_os(&self, name: &str) -> Option<&OsStr> {
        self.vars
            .get(OsStr::new(name))
            .map(OsString::as_os_str)
            .filter(|value| !value.is_empty())
    }

    /// The path in `name`, when set and not empty.
    pub fn path(&self, name: &str) -> Option<PathBuf> {
        self.get_os(name).map(PathBuf::from)
    }

    /// `$HOME`, when set and not empty.
    pub fn home(&self) -> Option<PathBuf> {
        self.path("HOME")
    }

    /// Every variable whose name and value are valid UTF-8.
    pub fn utf8(&self) -> impl Iterator<Item = (&str, &str)> {
        self.vars
            .iter()
            .filter_map(|(name, value)| Some((name.to_str()?, value.to_str()?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_are_no_paths_but_still_values() {
        let env = Env::of([("HOME", ""), ("A", "x")]);
        assert_eq!(env.home(), None);
        assert_eq!(env.get("HOME").as_deref(), Some(""));
        assert_eq!(env.get("A").as_deref(), Some("x"));
        assert_eq!(env.get("B"), None);
        assert_eq!(env.utf8().count(), 2);
    }
}

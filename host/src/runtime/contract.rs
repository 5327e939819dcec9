//! The `pincer:audit` versions this host serves — the current contract and
//! the last minor of each older line it still links — and which of them
//! serves a plugin, by semver: a plugin built against `X` is served by the
//! newest version `^X` accepts.

use super::bindings::current::pincer::audit::types::RunError;
use semver::{Version, VersionReq};

/// One line of the contract the host links and calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Contract {
    /// `pincer:audit@0.2.x`: `run` fails with a typed `run-error`.
    Current,
    /// `pincer:audit@0.1.x`: `run` fails with a string.
    V0_1,
}

/// The contract new plugins are built against (the SDK's, the scaffold's).
pub(crate) const CURRENT_API: &str = "0.2.0";

/// Every version served, newest first, with the line that serves it.
pub(crate) const SERVED: &[(&str, Contract)] =
    &[(CURRENT_API, Contract::Current), ("0.1.3", Contract::V0_1)];

/// The versions served, newest first.
pub(crate) fn served() -> impl Iterator<Item = (Version, Contract)> {
    SERVED.iter().filter_map(|(version, contract)| {
        Version::parse(version)
            .ok()
            .map(|version| (version, *contract))
    })
}

/// The line that serves a plugin built against `built_for`, if any.
pub(crate) fn serving(built_for: &Version) -> Option<Contract> {
    let requirement = VersionReq::parse(&format!("^{built_for}")).ok()?;
    served()
        .find(|(version, _)| requirement.matches(version))
        .map(|(_, contract)| contract)
}

/// Whether any served version meets `requirement` (a pack's `api`).
pub(crate) fn meets(requirement: &VersionReq) -> bool {
    served().any(|(version, _)| requirement.matches(&version))
}

/// The served versions for a message: `0.2.0 and 0.1.3`.
pub(crate) fn served_text() -> String {
    let versions: Vec<&str> = SERVED.iter().map(|(version, _)| *version).collect();
    versions.join(" and ")
}

/// What a 0.1 plugin's `err(message)` means in the current contract: the
/// 0.1 SDK began the message with this prefix when it refused its
/// parameters, and said nothing else typed.
const PARAMS_PREFIX_OF_0_1: &str = "invalid parameters: ";

/// A 0.1 plugin's `err(message)` as a `run-error`.
pub(crate) fn run_error_of_0_1(message: String) -> RunError {
    match message.strip_prefix(PARAMS_PREFIX_OF_0_1) {
        Some(detail) => RunError::InvalidParams(detail.to_owned()),
        None => RunError::Failed(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serves(version: &str) -> Option<Contract> {
        serving(&Version::parse(version).expect("semver"))
    }

    #[test]
    fn every_older_minor_is_served_by_its_line_and_newer_ones_by_none() {
        assert_eq!(serves("0.2.0"), Some(Contract::Current));
        assert_eq!(serves("0.1.0"), Some(Contract::V0_1));
        assert_eq!(serves("0.1.3"), Some(Contract::V0_1));
        assert_eq!(serves("0.1.4"), None);
        assert_eq!(serves("0.2.1"), None);
        assert_eq!(serves("0.3.0"), None);
        assert_eq!(serves("1.0.0"), None);
        assert!(meets(&VersionReq::parse("^0.1.2").expect("req")));
        assert!(meets(&VersionReq::parse("^0.2").expect("req")));
        assert!(!meets(&VersionReq::parse("^0.3").expect("req")));
        assert_eq!(served_text(), "0.2.0 and 0.1.3");
    }

    #[test]
    fn a_0_1_params_refusal_becomes_typed_and_other_errors_stay_failures() {
        assert!(matches!(
            run_error_of_0_1("invalid parameters: `x` is unknown".into()),
            RunError::InvalidParams(detail) if detail == "`x` is unknown"
        ));
        assert!(matches!(
            run_error_of_0_1("state unreadable".into()),
            RunError::Failed(message) if message == "state unreadable"
        ));
    }
}

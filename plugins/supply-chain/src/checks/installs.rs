//! `plugins.installs_*` and `hooks.installs_*`: npm-installed plugins and
//! hooks whose install record cannot vouch for what is on disk — a spec
//! that is not an exact version, no integrity hash, or a recorded version
//! that differs from the installed one.

use pincer_sdk::InstallRecord;
use pincer_sdk::prelude::*;

/// Declares one check of one kind.
macro_rules! install_check {
    ($name:ident, $id:literal, $title:literal, $description:literal, $remediation:literal) => {
        /// Declaration.
        pub static $name: CheckMeta = CheckMeta {
            id: $id,
            severity: Severity::Warn,
            title: $title,
            description: $description,
            remediation: $remediation,
            references: &["https://docs.openclaw.ai/plugins/install"],
        };
    };
}

install_check!(
    PLUGINS_UNPINNED,
    "plugins.installs_unpinned_npm_specs",
    "Plugins installed from npm without an exact version",
    "A spec such as pkg, pkg@latest or pkg@^1.0.0 lets the next install or update fetch \
     whatever the registry serves then, including a hijacked release.",
    "Reinstall the plugins with an exact version (openclaw plugins install pkg@1.2.3)."
);
install_check!(
    PLUGINS_NO_INTEGRITY,
    "plugins.installs_missing_integrity",
    "Plugins installed without an integrity hash",
    "Without the integrity hash of the installed tarball nothing can tell whether the package \
     on disk is the one that was reviewed and installed.",
    "Reinstall the plugins so that their install records keep the integrity hash."
);
install_check!(
    PLUGINS_DRIFT,
    "plugins.installs_version_drift",
    "Installed plugin version differs from its install record",
    "The package.json on disk names another version than the one recorded at install: the \
     code was changed outside the gateway's installer.",
    "Find out what changed the plugin, then reinstall the recorded version."
);
install_check!(
    HOOKS_UNPINNED,
    "hooks.installs_unpinned_npm_specs",
    "Hooks installed from npm without an exact version",
    "A spec such as pkg, pkg@latest or pkg@^1.0.0 lets the next install or update fetch \
     whatever the registry serves then, including a hijacked release.",
    "Reinstall the hooks with an exact version."
);
install_check!(
    HOOKS_NO_INTEGRITY,
    "hooks.installs_missing_integrity",
    "Hooks installed without an integrity hash",
    "Without the integrity hash of the installed tarball nothing can tell whether the package \
     on disk is the one that was reviewed and installed.",
    "Reinstall the hooks so that their install records keep the integrity hash."
);
install_check!(
    HOOKS_DRIFT,
    "hooks.installs_version_drift",
    "Installed hook version differs from its install record",
    "The package.json on disk names another version than the one recorded at install: the \
     code was changed outside the gateway's installer.",
    "Find out what changed the hook, then reinstall the recorded version."
);

/// Whether an npm spec names an exact version: `name@1.2.3`, with an
/// optional `v`, pre-release and build suffix.
pub fn is_pinned(spec: &str) -> bool {
    let spec = spec.trim();
    let Some(at) = spec.rfind('@').filter(|at| *at > 0) else {
        return false;
    };
    let version = &spec[at + 1..];
    let version = version.strip_prefix('v').unwrap_or(version);
    let identifier = |text: &str| {
        !text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    };
    let (rest, build) = match version.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (version, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && pre.is_none_or(identifier)
        && build.is_none_or(identifier)
}

fn report(
    view: &View,
    out: &mut Findings,
    kind: &str,
    meta: &'static CheckMeta,
    hit: fn(&InstallRecord) -> Option<String>,
) {
    let hits: Vec<String> = view
        .gateway_state()
        .install_records
        .iter()
        .filter(|record| record.kind == kind)
        .filter_map(|record| hit(record).map(|why| format!("{} ({why})", record.id)))
        .collect();
    if !hits.is_empty() {
        out.push(meta.finding(format!("{}.", hits.join(", "))));
    }
}

fn unpinned(record: &InstallRecord) -> Option<String> {
    let spec = record.spec.as_deref()?;
    (!is_pinned(spec)).then(|| format!("spec `{}`", spec.trim()))
}

fn no_integrity(record: &InstallRecord) -> Option<String> {
    (!record.has_integrity).then(|| "no integrity hash".to_owned())
}

fn drifted(record: &InstallRecord) -> Option<String> {
    let recorded = record.recorded_version.as_deref()?;
    let installed = record.installed_version.as_deref()?;
    (recorded != installed).then(|| format!("recorded {recorded}, installed {installed}"))
}

/// Evaluates `plugins.installs_unpinned_npm_specs`.
pub fn run_plugins_unpinned(view: &View, out: &mut Findings) {
    report(view, out, "plugin", &PLUGINS_UNPINNED, unpinned);
}

/// Evaluates `plugins.installs_missing_integrity`.
pub fn run_plugins_no_integrity(view: &View, out: &mut Findings) {
    report(view, out, "plugin", &PLUGINS_NO_INTEGRITY, no_integrity);
}

/// Evaluates `plugins.installs_version_drift`.
pub fn run_plugins_drift(view: &View, out: &mut Findings) {
    report(view, out, "plugin", &PLUGINS_DRIFT, drifted);
}

/// Evaluates `hooks.installs_unpinned_npm_specs`.
pub fn run_hooks_unpinned(view: &View, out: &mut Findings) {
    report(view, out, "hook", &HOOKS_UNPINNED, unpinned);
}

/// Evaluates `hooks.installs_missing_integrity`.
pub fn run_hooks_no_integrity(view: &View, out: &mut Findings) {
    report(view, out, "hook", &HOOKS_NO_INTEGRITY, no_integrity);
}

/// Evaluates `hooks.installs_version_drift`.
pub fn run_hooks_drift(view: &View, out: &mut Findings) {
    report(view, out, "hook", &HOOKS_DRIFT, drifted);
}

#[cfg(test)]
mod tests {
    use super::is_pinned;

    #[test]
    fn pinned_specs() {
        for yes in [
            "pkg@1.2.3",
            "pkg@v1.2.3",
            "@scope/pkg@1.2.3-beta.1",
            "pkg@1.2.3+build.5",
        ] {
            assert!(is_pinned(yes), "{yes}");
        }
        for no in [
            "pkg",
            "@scope/pkg",
            "pkg@latest",
            "pkg@^1.0.0",
            "pkg@1.2",
            "pkg@",
            "   ",
        ] {
            assert!(!is_pinned(no), "{no}");
        }
    }
}

//! Glue between the SDK's types and the generated WIT bindings, used by
//! [`export_plugin!`](crate::export_plugin) inside a component.

use crate::bindings::pincer::audit::{host_facts as wit_facts, types as wit};
use crate::finding::{Finding, Findings};
use crate::meta::{Plugin, PluginMeta};
use crate::secret::{CharClass, SecretMarker, SecretSource};
use crate::severity::Severity;
use crate::view::{FileFact, FileKind, IncludeFact, IncludeStatus, View};

fn severity_to_wit(severity: Severity) -> wit::Severity {
    match severity {
        Severity::Info => wit::Severity::Info,
        Severity::Warn => wit::Severity::Warn,
        Severity::Critical => wit::Severity::Critical,
    }
}

/// The WIT `plugin-info` of a plugin's metadata.
pub fn plugin_info(meta: &PluginMeta) -> wit::PluginInfo {
    wit::PluginInfo {
        name: meta.name.to_owned(),
        version: meta.version.to_owned(),
        description: meta.description.to_owned(),
        checks: meta
            .checks
            .iter()
            .map(|check| wit::CheckInfo {
                id: check.meta.id.to_owned(),
                default_severity: severity_to_wit(check.meta.severity),
                title: check.meta.title.to_owned(),
                description: check.meta.description.to_owned(),
                remediation: check.meta.remediation.to_owned(),
                category: meta.category.to_owned(),
                references: check
                    .meta
                    .references
                    .iter()
                    .map(|r| (*r).to_owned())
                    .collect(),
            })
            .collect(),
    }
}

fn finding_to_wit(finding: Finding) -> wit::Finding {
    wit::Finding {
        check_id: finding.check_id,
        severity: severity_to_wit(finding.severity),
        title: finding.title,
        detail: finding.detail,
        remediation: finding.remediation,
        config_paths: finding.config_paths,
    }
}

/// Runs a plugin on the host's view and converts its findings for the host.
pub fn run<P: Plugin>() -> Result<Vec<wit::Finding>, wit::RunError> {
    let view = View::from_host().map_err(wit::RunError::Failed)?;
    crate::params::validate(P::META.params, view.params()).map_err(wit::RunError::InvalidParams)?;
    let mut findings = Findings::new();
    P::run(&view, &mut findings).map_err(wit::RunError::Failed)?;
    Ok(findings
        .into_vec()
        .into_iter()
        .map(finding_to_wit)
        .collect())
}

pub(crate) fn marker_from_wit(marker: wit::SecretMarker) -> SecretMarker {
    let source = match marker.source {
        wit::SecretSource::Absent => SecretSource::Absent,
        wit::SecretSource::Inline => SecretSource::Inline,
        wit::SecretSource::Env => SecretSource::Env,
        wit::SecretSource::File => SecretSource::File,
        wit::SecretSource::Exec => SecretSource::Exec,
    };
    let flags = [
        (wit::CharClasses::LOWER, CharClass::Lower),
        (wit::CharClasses::UPPER, CharClass::Upper),
        (wit::CharClasses::DIGIT, CharClass::Digit),
        (wit::CharClasses::SYMBOL, CharClass::Symbol),
        (wit::CharClasses::WHITESPACE, CharClass::Whitespace),
        (wit::CharClasses::NON_ASCII, CharClass::NonAscii),
    ];
    SecretMarker {
        source,
        set: marker.set,
        length: marker.length,
        placeholder: marker.placeholder,
        classes: flags
            .into_iter()
            .filter(|(flag, _)| marker.classes.contains(*flag))
            .map(|(_, class)| class)
            .collect(),
        reference: marker.reference,
        secret_ref: marker.secret_ref,
    }
}

pub(crate) fn include_from_wit(fact: wit_facts::IncludeFact) -> IncludeFact {
    IncludeFact {
        written: fact.written,
        from_file: fact.from_file,
        resolved: fact.resolved,
        status: match fact.status {
            wit_facts::IncludeStatus::Included => IncludeStatus::Included,
            wit_facts::IncludeStatus::EscapesConfigDir => IncludeStatus::EscapesConfigDir,
            wit_facts::IncludeStatus::EscapesViaSymlink => IncludeStatus::EscapesViaSymlink,
        },
    }
}

pub(crate) fn file_fact_from_wit(
    fact: wit_facts::FileFact,
    times: &[wit_facts::FileTime],
) -> FileFact {
    let modified_ms = times
        .iter()
        .find(|time| time.role == fact.role && time.path == fact.path)
        .map(|time| time.modified_ms);
    FileFact {
        modified_ms,
        role: fact.role,
        path: fact.path,
        kind: match fact.kind {
            wit_facts::FileKind::Missing => FileKind::Missing,
            wit_facts::FileKind::File => FileKind::File,
            wit_facts::FileKind::Directory => FileKind::Directory,
            wit_facts::FileKind::Symlink => FileKind::Symlink,
            wit_facts::FileKind::Other => FileKind::Other,
        },
        mode: fact.mode,
        owned_by_current_user: fact.owned_by_current_user,
    }
}

/// Exports a [`Plugin`](crate::Plugin) as the `check-plugin` component world.
///
/// ```ignore
/// pincer_sdk::export_plugin!(MyPlugin);
/// ```
#[macro_export]
macro_rules! export_plugin {
    ($plugin:ty) => {
        #[doc(hidden)]
        #[allow(unsafe_code)]
        const _: () = {
            struct Guest;

            impl $crate::bindings::Guest for Guest {
                fn info() -> $crate::bindings::pincer::audit::types::PluginInfo {
                    $crate::guest::plugin_info(&<$plugin as $crate::Plugin>::META)
                }

                fn run() -> ::core::result::Result<
                    ::std::vec::Vec<$crate::bindings::pincer::audit::types::Finding>,
                    $crate::bindings::pincer::audit::types::RunError,
                > {
                    $crate::guest::run::<$plugin>()
                }
            }

    $crate::bindings::__export_check_plugin!(Guest with_types_in $crate::bindings);
        };
    };
}

//! Check and plugin metadata, declared once per check and used for the
//! plugin's `info()`, `pincer checks`, generated docs and SARIF rules.

use crate::finding::{Finding, Findings};
use crate::params::ParamMeta;
use crate::severity::Severity;
use crate::view::View;

/// The declaration of one check.
#[derive(Debug, Clone, Copy)]
pub struct CheckMeta {
    /// Dotted id, e.g. `gateway.token_too_short`. A segment may be `*` when it
    /// is known only at run time (`channels.*.dm.open`).
    pub id: &'static str,
    /// The severity the check reports unless it escalates.
    pub severity: Severity,
    /// One line that names the problem.
    pub title: &'static str,
    /// What the check looks at and why it matters.
    pub description: &'static str,
    /// What to do when it fires.
    pub remediation: &'static str,
    /// Links or document references for further reading.
    pub references: &'static [&'static str],
}

impl CheckMeta {
    /// A finding of this check with its default severity, title and
    /// remediation, and the given detail.
    pub fn finding(&self, detail: impl Into<String>) -> Finding {
        Finding {
            check_id: self.id.to_owned(),
            severity: self.severity,
            title: self.title.to_owned(),
            detail: detail.into(),
            remediation: Some(self.remediation.to_owned()),
            config_paths: Vec::new(),
        }
    }

    /// Whether `id` is covered by this declaration (exactly, or through `*` segments).
    pub fn covers(&self, id: &str) -> bool {
        id_matches(self.id, id)
    }
}

/// Whether a concrete check id matches a declared id pattern, where a `*`
/// segment of the pattern matches exactly one non-empty segment.
pub fn id_matches(pattern: &str, id: &str) -> bool {
    let mut pattern_segments = pattern.split('.');
    let mut id_segments = id.split('.');
    loop {
        match (pattern_segments.next(), id_segments.next()) {
            (None, None) => return true,
            (Some("*"), Some(segment)) if !segment.is_empty() => {}
            (Some(expected), Some(segment)) if expected == segment => {}
            _ => return false,
        }
    }
}

/// Whether two id patterns (`*` segments on either side) can name one id.
pub fn ids_overlap(a: &str, b: &str) -> bool {
    a.split('.').count() == b.split('.').count()
        && a.split('.')
            .zip(b.split('.'))
            .all(|(x, y)| id_matches(x, y) || id_matches(y, x))
}

/// One check: its declaration and the function that evaluates it.
#[derive(Clone, Copy)]
pub struct Check {
    /// The check's declaration.
    pub meta: &'static CheckMeta,
    /// Evaluates the check on a view and pushes any findings.
    pub run: fn(&View, &mut Findings),
}

/// A plugin's checks, in report order, as a `&'static [Check]`: each
/// module that declares one check as `META` and evaluates it with `run` is
/// named once; a module that holds several checks sharing a table names
/// each as `module::META_NAME => module::run_fn`.
///
/// ```
/// # use pincer_sdk::prelude::*;
/// mod bind_no_auth {
///     # use pincer_sdk::prelude::*;
///     pub static META: CheckMeta = CheckMeta {
///         id: "acme.bind_no_auth",
///         severity: Severity::Critical,
///         title: "Gateway reachable without auth",
///         description: "…",
///         remediation: "…",
///         references: &[],
///     };
///     pub fn run(_view: &View, _out: &mut Findings) {}
/// }
/// mod tokens {
///     # use pincer_sdk::prelude::*;
///     pub static SHORT: CheckMeta = CheckMeta {
///         id: "acme.token_short",
///         severity: Severity::Warn,
///         title: "Short token",
///         description: "…",
///         remediation: "…",
///         references: &[],
///     };
///     pub fn run_short(_view: &View, _out: &mut Findings) {}
/// }
/// const ALL: &[Check] = pincer_sdk::checks![bind_no_auth, tokens::SHORT => tokens::run_short];
/// assert_eq!(ALL[1].meta.id, "acme.token_short");
/// ```
#[macro_export]
macro_rules! checks {
    (@acc [$($done:expr,)*]) => { &[$($done,)*] };
    (@acc [$($done:expr,)*] $module:ident $(, $($rest:tt)*)?) => {
        $crate::checks!(@acc [$($done,)* $crate::Check { meta: &$module::META, run: $module::run },] $($($rest)*)?)
    };
    (@acc [$($done:expr,)*] $meta:path => $run:path $(, $($rest:tt)*)?) => {
        $crate::checks!(@acc [$($done,)* $crate::Check { meta: &$meta, run: $run },] $($($rest)*)?)
    };
    ($($items:tt)*) => { $crate::checks!(@acc [] $($items)*) };
}

/// What a plugin is and which checks it runs.
#[derive(Clone, Copy)]
pub struct PluginMeta {
    /// Unique, kebab-case name, e.g. `control-plane`.
    pub name: &'static str,
    /// The plugin's version (semver); usually `env!("CARGO_PKG_VERSION")`.
    pub version: &'static str,
    /// One sentence on what the plugin covers.
    pub description: &'static str,
    /// The threat category every check of this plugin belongs to.
    pub category: &'static str,
    /// Every check of the plugin, in the order they run.
    pub checks: &'static [Check],
    /// The parameters it takes (`[params.<name>]` in `pincer.toml`); any
    /// other parameter fails its run.
    pub params: &'static [ParamMeta],
}

/// A check plugin. Implement it on a unit struct and export the struct with
/// [`export_plugin!`](crate::export_plugin).
pub trait Plugin {
    /// The plugin's metadata and checks.
    const META: PluginMeta;

    /// Runs every check on the view. Override to share work between checks
    /// or to fail the whole plugin with an error message.
    fn run(view: &View, out: &mut Findings) -> Result<(), String> {
        for check in Self::META.checks {
            (check.run)(view, out);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::id_matches;

    #[test]
    fn wildcard_segments_match_one_segment() {
        assert!(id_matches("gateway.bind_no_auth", "gateway.bind_no_auth"));
        assert!(id_matches(
            "channels.*.dm.open",
            "channels.telegram.dm.open"
        ));
        assert!(!id_matches("channels.*.dm.open", "channels.dm.open"));
        assert!(!id_matches("channels.*.dm.open", "channels.a.b.dm.open"));
        assert!(!id_matches("gateway.*", "gateway."));
        assert!(!id_matches("gateway.bind", "gateway.bind_no_auth"));
    }
}

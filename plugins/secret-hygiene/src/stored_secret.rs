//! Whether a secret is written into the config, as OpenClaw 2026.9's audit
//! decides it: the value at the path, after `${VAR}` substitution, is a
//! string that is not blank, and no `${VAR}` in it was left unresolved.
//! A secret reference object (`{source, provider, id}`) is not a string and
//! never counts.
//!
//! On the redacted view that reads:
//! - an `inline` marker that is set: a literal, including `$${VAR}` (the
//!   escape for the literal text `${VAR}`, which the marker flags as an
//!   `unresolved` placeholder although nothing was left to resolve);
//! - an `env` marker that is set: a `${VAR}` substituted from a set
//!   variable, which the config then holds as a plain string;
//! - an `env` marker left `unresolved` whose variable *is* set: the
//!   whole-string `$NAME` shorthand, which the loader never substitutes, so
//!   the config keeps the text `$NAME` (a `${NAME}` only stays unresolved
//!   when its variable is unset or empty).

use pincer_sdk::{SecretMarker, SecretSource, View};

/// The marker at `path` when the config stores the secret there.
pub fn stored_in_config(view: &View, path: &str) -> Option<SecretMarker> {
    let marker = view.secret(path)?;
    if marker.secret_ref {
        return None;
    }
    let stored = match marker.source {
        SecretSource::Inline => marker.set,
        SecretSource::Env if marker.set => true,
        SecretSource::Env => is_pending_shorthand(view, &marker),
        SecretSource::Absent | SecretSource::File | SecretSource::Exec => false,
    };
    stored.then_some(marker)
}

/// An unresolved `env` marker whose variable is set can only be the
/// `$NAME` shorthand: a `${NAME}` with the variable set would have been
/// substituted.
fn is_pending_shorthand(view: &View, marker: &SecretMarker) -> bool {
    marker.placeholder.as_deref() == Some("unresolved")
        && marker
            .reference
            .as_deref()
            .and_then(|name| view.env_var(name))
            .is_some_and(|variable| variable.set)
}

/// How the value got into the config, for a finding's detail.
pub fn how(marker: &SecretMarker) -> String {
    match (marker.source, marker.reference.as_deref()) {
        (SecretSource::Env, Some(name)) if marker.set => format!(
            "it is written as a `${{{name}}}` template, which the loader replaces with the \
             variable's value, so the resolved config holds the secret itself"
        ),
        (SecretSource::Env, _) => "it is written as a whole-value `$NAME` shorthand, which \
                                   OpenClaw does not substitute: the config holds that text \
                                   as the secret"
            .to_owned(),
        _ => format!(
            "it is written in the config as a literal of {} characters",
            marker.length
        ),
    }
}

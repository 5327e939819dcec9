//! The sandbox's rules, on `agents.defaults.sandbox` and every agent's:
//! bind mounts from absolute host paths, no host network, no joining
//! another container's namespaces without the opt-in flag, no
//! `unconfined` seccomp or AppArmor profile.

use super::{Context, entries_of, issue, path};
use crate::collect::config::validity::issue::{Step, ValuePath};
use crate::collect::config::validity::schema::SchemaIssue;
use serde_json::Value;

/// Adds the issues of every sandbox.
pub(super) fn check(context: &Context<'_>, out: &mut Vec<SchemaIssue>) {
    let mut sandboxes = vec![path(&["agents", "defaults", "sandbox"])];
    sandboxes.extend(
        entries_of(context.config, &path(&["agents", "entries"]))
            .into_iter()
            .map(|(entry, _)| entry.key("sandbox")),
    );
    for sandbox in sandboxes {
        if context.at(&sandbox).is_some_and(Value::is_object) {
            one(context, &sandbox, out);
        }
    }
}

fn one(context: &Context<'_>, sandbox: &ValuePath, out: &mut Vec<SchemaIssue>) {
    let docker = sandbox.key("docker");
    let browser = sandbox.key("browser");
    let join_allowed = |object: &ValuePath| {
        context
            .at(&object.key("dangerouslyAllowContainerNamespaceJoin"))
            .and_then(Value::as_bool)
            == Some(true)
    };
    if let Some(Value::Object(_)) = context.at(&docker)
        && !context.skipped(&docker)
    {
        binds(context, &docker, out);
        network(context, &docker, join_allowed(&docker), out);
        for profile in ["seccompProfile", "apparmorProfile"] {
            let at = docker.key(profile);
            if normalized(context.at(&at)).as_deref() == Some("unconfined") {
                out.push(issue(
                    at,
                    "an `unconfined` profile switches the sandbox's confinement off",
                ));
            }
        }
    }
    if let Some(Value::Object(_)) = context.at(&browser)
        && !context.skipped(&browser)
    {
        binds(context, &browser, out);
        if !context.skipped(sandbox) {
            network(context, &browser, join_allowed(&docker), out);
        }
    }
}

/// Each bind mount's source must be an absolute host path.
fn binds(context: &Context<'_>, object: &ValuePath, out: &mut Vec<SchemaIssue>) {
    let at = object.key("binds");
    let Some(Value::Array(binds)) = context.at(&at) else {
        return;
    };
    for (index, bind) in binds.iter().enumerate() {
        let Some(bind) = bind.as_str() else { continue };
        let place = at.join(Step::Index(index));
        if bind.trim().is_empty() {
            out.push(issue(place, "an empty bind mount"));
        } else if !is_absolute(bind_source(bind)) {
            out.push(issue(
                place,
                "the bind mount's source is not an absolute host path (a relative path or a \
                 named volume)",
            ));
        }
    }
}

/// `host` or `container:*` (without the opt-in flag) as the network.
fn network(
    context: &Context<'_>,
    object: &ValuePath,
    join_allowed: bool,
    out: &mut Vec<SchemaIssue>,
) {
    let at = object.key("network");
    match normalized(context.at(&at)) {
        Some(network) if network == "host" => {
            out.push(issue(
                at,
                "the host network gives the sandbox the host's network stack",
            ));
        }
        Some(network) if network.starts_with("container:") && !join_allowed => out.push(issue(
            at,
            "joining another container's namespaces needs \
             docker.dangerouslyAllowContainerNamespaceJoin: true",
        )),
        _ => {}
    }
}

/// A string value trimmed and lower-cased.
fn normalized(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .map(|text| text.trim().to_lowercase())
}

/// The host side of `SOURCE:TARGET[:OPTIONS]`; a Windows drive letter stays
/// with its path; an entry without `:` is its own source.
fn bind_source(bind: &str) -> &str {
    let prefix = if bind.starts_with(r"\\?\") || bind.starts_with("//?/") {
        4
    } else {
        0
    };
    let rest = &bind.as_bytes()[prefix..];
    let drive = rest.len() >= 3
        && rest[0].is_ascii_alphabetic()
        && rest[1] == b':'
        && (rest[2] == b'\\' || rest[2] == b'/');
    let skip = prefix + if drive { 2 } else { 0 };
    match bind[skip..].find(':') {
        Some(end) => &bind[..skip + end],
        None => bind,
    }
}

/// A POSIX absolute path, or a Windows drive path (after `\\?\` or `//?/`).
fn is_absolute(source: &str) -> bool {
    let source = source
        .strip_prefix(r"\\?\")
        .or_else(|| source.strip_prefix("//?/"))
        .unwrap_or(source);
    let bytes = source.as_bytes();
    source.starts_with('/')
        || (bytes.len() >= 3
            && bytes[0].is_ascii_alphabetic()
            && bytes[1] == b':'
            && (bytes[2] == b'\\' || bytes[2] == b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_sources_are_judged_as_openclaw_judges_them() {
        for (bind, absolute) in [
            ("/srv/data:/data:ro", true),
            ("C:\\win\\ok:/y", true),
            ("//?/C:/x:/y", true),
            ("data:/data", false),
            ("./x:/y", false),
            ("~/x:/y", false),
            ("/only", true),
        ] {
            assert_eq!(is_absolute(bind_source(bind)), absolute, "{bind}");
        }
    }
}

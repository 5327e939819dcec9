//! Nobody may speak for a built-in or for the host. Before any plugin runs,
//! each third-party plugin's name and declared id patterns are admitted or
//! refused: a name that is, or prints like, a built-in's or the host's; an
//! id in a namespace the built-ins or OpenClaw's config own (compared under
//! the look-alike skeleton, so case and `0`/`o` tricks do not pass); or a
//! pattern that can name an id another loaded plugin may report (decided
//! over patterns in both directions). A refused plugin never runs, and the
//! report names it by its file, never by the name it claimed.

use super::failure::Failure;
use super::ids::{namespace, patterns_overlap, skeleton};
use super::load::LoadedPlugin;
use crate::builtin::BUILTIN_PLUGINS;

/// Names the host speaks under; a third-party name may not be one of them
/// nor, for the first two, start like one.
pub(crate) const HOST_NAMES: &[&str] = &["pincer", "openclaw", "host", "builtin"];
const HOST_PREFIXES: usize = 2;

/// Namespaces (first id segments) reserved for the built-in plugins and the
/// host: every built-in's namespace and every top-level key of OpenClaw's
/// config, under which the reference's checks live.
pub(crate) const RESERVED_NAMESPACES: &[&str] = &[
    // The built-in plugins' and the host's own.
    "channels",
    "config",
    "discovery",
    "drift",
    "fs",
    "gateway",
    "hooks",
    "models",
    "nodes",
    "pincer",
    "plugins",
    "sandbox",
    "security",
    "skills",
    "summary",
    "tools",
    "openclaw",
    // The top-level keys of OpenClaw's config (2026.9).
    "accessGroups",
    "acp",
    "agents",
    "approvals",
    "attachments",
    "auth",
    "bindings",
    "broadcast",
    "browser",
    "cloudWorkers",
    "commands",
    "cron",
    "desktop",
    "diagnostics",
    "env",
    "logging",
    "mcp",
    "memory",
    "messages",
    "meta",
    "nodeHost",
    "proxy",
    "secrets",
    "session",
    "surfaces",
    "talk",
    "telemetry",
    "transcripts",
    "tts",
    "ui",
    "update",
    "wizard",
    "worktreeAcceleration",
    "worktreeRoot",
];

/// Who owns what among the plugins admitted so far.
struct Owners {
    names: Vec<(String, String)>,
    patterns: Vec<(String, String)>,
}

impl Owners {
    fn owner_of_name(&self, name: &str) -> Option<&str> {
        let wanted = skeleton(name);
        self.names
            .iter()
            .find(|(taken, _)| skeleton(taken) == wanted)
            .map(|(_, owner)| owner.as_str())
    }

    fn owner_of_pattern(&self, pattern: &str) -> Option<(&str, &str)> {
        self.patterns
            .iter()
            .find(|(taken, _)| patterns_overlap(taken, pattern))
            .map(|(taken, owner)| (taken.as_str(), owner.as_str()))
    }
}

/// The reason a third-party plugin's name is reserved, if it is.
fn reserved_name(name: &str) -> Option<String> {
    let wanted = skeleton(name);
    let reads_like = |(index, host): &(usize, &&str)| {
        let host = skeleton(host);
        wanted == host || (*index < HOST_PREFIXES && wanted.starts_with(&host))
    };
    if let Some((_, host)) = HOST_NAMES.iter().enumerate().find(reads_like) {
        return Some(format!(
            "plugin name `{name}` is reserved: it reads like `{host}`, the host's"
        ));
    }
    BUILTIN_PLUGINS
        .iter()
        .find(|(builtin, _, _)| skeleton(builtin) == wanted)
        .map(|(builtin, _, _)| {
            format!(
                "plugin name `{name}` is reserved: it reads like `{builtin}`, a built-in plugin's"
            )
        })
}

/// The reason a third-party id pattern is in a reserved namespace, if it is.
fn reserved_namespace(pattern: &str, owners: &Owners) -> Option<String> {
    let wanted = skeleton(namespace(pattern));
    let reserved = RESERVED_NAMESPACES
        .iter()
        .find(|reserved| skeleton(reserved) == wanted)?;
    let builtin = owners
        .patterns
        .iter()
        .find(|(taken, _)| skeleton(namespace(taken)) == wanted)
        .map_or_else(
            || "the built-in plugins and OpenClaw".to_owned(),
            |(_, owner)| owner.clone(),
        );
    Some(format!(
        "declares check id `{pattern}` in namespace `{reserved}`, which {builtin} owns"
    ))
}

/// Admits or refuses every plugin, in order: built-ins first, then each
/// third-party plugin against everything admitted before it.
pub(crate) fn admit(plugins: &mut [LoadedPlugin]) {
    let mut owners = Owners {
        names: Vec::new(),
        patterns: Vec::new(),
    };
    let mut order: Vec<usize> = (0..plugins.len()).collect();
    order.sort_by_key(|&i| plugins[i].builtin.is_none());
    for index in order {
        let plugin = &mut plugins[index];
        let Ok(info) = &plugin.info else { continue };
        let owner = format!("plugin `{}`", info.name);
        if plugin.builtin.is_none()
            && let Some(refusal) = refusal(info, &owners)
        {
            plugin.info = Err(Failure::Refused(refusal));
            continue;
        }
        owners.names.push((info.name.clone(), owner.clone()));
        owners.patterns.extend(
            info.checks
                .iter()
                .map(|check| (check.id.clone(), owner.clone())),
        );
    }
}

fn refusal(info: &super::info::PluginInfo, owners: &Owners) -> Option<String> {
    if let Some(reason) = reserved_name(&info.name) {
        return Some(reason);
    }
    if let Some(owner) = owners.owner_of_name(&info.name) {
        return Some(format!(
            "plugin name `{}` reads like the name of {owner}",
            info.name
        ));
    }
    info.checks.iter().find_map(|check| {
        reserved_namespace(&check.id, owners).or_else(|| {
            owners.owner_of_pattern(&check.id).map(|(taken, owner)| {
                format!(
                    "declares check id `{}`, which can name the same ids as `{taken}` of {owner}",
                    check.id
                )
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_and_builtin_names_are_reserved_with_their_look_alikes() {
        for name in [
            "pincer",
            "pincer-official",
            "p1ncer",
            "control-plane",
            "contro1-plane",
            "drift",
        ] {
            assert!(reserved_name(name).is_some(), "{name}");
        }
        for name in ["acme-policy", "org-rules"] {
            assert_eq!(reserved_name(name), None, "{name}");
        }
    }

    #[test]
    fn reserved_namespaces_are_refused_under_their_skeleton() {
        let owners = Owners {
            names: Vec::new(),
            patterns: vec![(
                "gateway.bind_no_auth".into(),
                "plugin `control-plane`".into(),
            )],
        };
        for id in [
            "gateway.x",
            "Gateway.bind_no_auth",
            "gatevvay.x",
            "g-ateway.x",
            "tools.*",
            "mcp.apps",
        ] {
            assert!(reserved_namespace(id, &owners).is_some(), "{id}");
        }
        let refusal = reserved_namespace("gateway.bind_no_auth", &owners).unwrap_or_default();
        assert!(refusal.contains("control-plane"), "{refusal}");
        assert_eq!(reserved_namespace("acme.gateway_port", &owners), None);
    }
}

//! Pincer's own channel checks (`channels.*`, two segments): the seed
//! baseline allows no open DMs. The reference's per-provider checks
//! (`channels.<provider>.dm.open`, ...) live in its channel plugins'
//! security adapters and never fire in its `security audit` (docs/parity.md
//! says why); these cover the same ground from the config alone, for every
//! provider and account, skipping channels and accounts that are off.

use pincer_sdk::prelude::*;
use serde_json::Value;

use crate::inbound::{Section, has_wildcard, sections};

const REFERENCES: &[&str] = &["https://docs.openclaw.ai/gateway/security"];

/// Declaration.
pub static DM_POLICY_OPEN: CheckMeta = CheckMeta {
    id: "channels.dm_policy_open",
    severity: Severity::Critical,
    title: "A channel takes DMs from anyone",
    description: "dmPolicy (or the legacy dm.policy) \"open\" lets every account on that \
                  network message the agent directly, and each message is a prompt. The \
                  baseline allows no open DMs.",
    remediation: "Set dmPolicy to \"pairing\" (unknown senders get a code to approve) or \
                  \"allowlist\" with stable sender ids in allowFrom.",
    references: REFERENCES,
};

/// Declaration.
pub static GROUP_POLICY_OPEN: CheckMeta = CheckMeta {
    id: "channels.group_policy_open",
    severity: Severity::Warn,
    title: "A channel answers in any group",
    description: "groupPolicy \"open\" makes the agent answer in every group or server it is \
                  added to, so anyone who can add it to a room can prompt it.",
    remediation: "Set groupPolicy to \"allowlist\" and name the groups (or guilds, channels, \
                  rooms) the agent serves.",
    references: REFERENCES,
};

/// Declaration.
pub static ALLOW_FROM_WILDCARD: CheckMeta = CheckMeta {
    id: "channels.allow_from_wildcard",
    severity: Severity::Critical,
    title: "A DM allowlist admits everyone",
    description: "allowFrom (or dm.allowFrom) holds \"*\" while the DM policy is not \"open\": \
                  the wildcard admits every sender, so the DMs are open in all but name.",
    remediation: "Replace \"*\" with the stable ids of the people who may write to the agent.",
    references: REFERENCES,
};

/// Declaration.
pub static NAME_MATCHING: CheckMeta = CheckMeta {
    id: "channels.name_matching_enabled",
    severity: Severity::Warn,
    title: "Senders are matched by changeable names",
    description: "dangerouslyAllowNameMatching lets allowlists match display names, tags or \
                  aliases. Anyone can take or imitate such a name and be let in.",
    remediation: "List stable sender ids in the allowlists, then remove \
                  dangerouslyAllowNameMatching.",
    references: REFERENCES,
};

/// Whether the section (and, for an account, its channel) is turned on.
fn active(section: &Section<'_>) -> bool {
    let off = |config: &serde_json::Map<String, Value>| {
        config.get("enabled").and_then(Value::as_bool) == Some(false)
    };
    !off(section.own) && !section.channel.is_some_and(off)
}

/// The active sections.
fn active_sections(view: &View) -> impl Iterator<Item = Section<'_>> {
    sections(view).into_iter().filter(active)
}

/// Reports `meta` once per active section `hit` returns a config path for.
fn each_hit(
    view: &View,
    out: &mut Findings,
    meta: &'static CheckMeta,
    hit: impl Fn(&Section<'_>) -> Option<String>,
) {
    for section in active_sections(view) {
        if let Some(path) = hit(&section) {
            let value = view
                .get(&path)
                .map_or_else(|| "set".to_owned(), Value::to_string);
            out.push(meta.finding(format!("{path} is {value}.")).at(path));
        }
    }
}

/// Evaluates `channels.dm_policy_open`.
pub fn run_dm_policy_open(view: &View, out: &mut Findings) {
    each_hit(view, out, &DM_POLICY_OPEN, |section| {
        match section.own_dm_policy() {
            Some((key, "open")) => Some(format!("{}.{key}", section.path)),
            _ => None,
        }
    });
}

/// Evaluates `channels.group_policy_open`.
pub fn run_group_policy_open(view: &View, out: &mut Findings) {
    each_hit(view, out, &GROUP_POLICY_OPEN, |section| {
        (section.own.get("groupPolicy").and_then(Value::as_str) == Some("open"))
            .then(|| format!("{}.groupPolicy", section.path))
    });
}

/// Evaluates `channels.name_matching_enabled`.
pub fn run_name_matching(view: &View, out: &mut Findings) {
    each_hit(view, out, &NAME_MATCHING, |section| {
        let flag = section.own.get("dangerouslyAllowNameMatching");
        (flag.and_then(Value::as_bool) == Some(true))
            .then(|| format!("{}.dangerouslyAllowNameMatching", section.path))
    });
}

/// Evaluates `channels.allow_from_wildcard`.
pub fn run_allow_from_wildcard(view: &View, out: &mut Findings) {
    for section in active_sections(view) {
        let policy = section
            .str("dmPolicy")
            .or_else(|| {
                section
                    .get("dm")
                    .and_then(|dm| dm.get("policy"))
                    .and_then(Value::as_str)
            })
            .unwrap_or("pairing");
        if matches!(policy, "open" | "disabled") {
            continue;
        }
        let lists = [
            ("allowFrom", section.own.get("allowFrom")),
            (
                "dm.allowFrom",
                section.own.get("dm").and_then(|dm| dm.get("allowFrom")),
            ),
        ];
        for (key, list) in lists {
            if list.is_some_and(has_wildcard) {
                let path = format!("{}.{key}", section.path);
                out.push(
                    ALLOW_FROM_WILDCARD
                        .finding(format!("{path} holds \"*\" under DM policy \"{policy}\"."))
                        .at(path),
                );
            }
        }
    }
}

//! `gateway.nodes.deny_commands_ineffective`: entries of
//! `gateway.nodes.commands.deny` that can never match a command, because
//! the gateway compares whole command names exactly.

use crate::policy::{DENY_PATH, Lists, is_pattern_like, known_commands};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.nodes.deny_commands_ineffective",
    severity: Severity::Warn,
    title: "Node command deny entries that withhold nothing",
    description: "gateway.nodes.commands.deny withholds a node command only when an entry is \
                  exactly its name, case included. Wildcards, regular expressions, groups and \
                  shell text never match, nor do names the gateway does not know (a typo, a \
                  wrong case); the command the operator meant to block stays available.",
    remediation: "Write each entry as one exact command name, such as system.run or \
                  camera.snap. To narrow what nodes can run beyond that, remove commands from \
                  gateway.nodes.commands.allow and tighten the exec approvals of the node.",
    references: &["https://docs.openclaw.ai/nodes/command-policy"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let lists = Lists::read(view);
    if lists.deny.is_empty() {
        return;
    }
    let patterns: Vec<&str> = lists
        .deny
        .iter()
        .copied()
        .filter(|entry| is_pattern_like(entry))
        .collect();
    let known = known_commands(view, &lists);
    let unknown: Vec<&str> = lists
        .deny
        .iter()
        .copied()
        .filter(|entry| !is_pattern_like(entry) && !known.contains(entry))
        .collect();
    if patterns.is_empty() && unknown.is_empty() {
        return;
    }
    let mut parts = Vec::new();
    if !patterns.is_empty() {
        parts.push(format!(
            "written as patterns, which are not expanded: {}",
            quoted(&patterns)
        ));
    }
    if !unknown.is_empty() {
        parts.push(format!(
            "not a command name the gateway knows (names are case-sensitive): {}",
            quoted(&unknown)
        ));
    }
    let detail = format!(
        "gateway.nodes.commands.deny has entries {}.",
        parts.join("; entries ")
    );
    out.push(META.finding(detail).at(DENY_PATH));
}

fn quoted(entries: &[&str]) -> String {
    entries
        .iter()
        .map(|entry| format!("{entry:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

//! `tools.elevated.allowFrom.<provider>.wildcard` and `.large`: who may ask
//! for elevated (host, unsandboxed) tools on a channel — everyone (`*`), or
//! a list too long to review.

use pincer_sdk::prelude::*;
use serde_json::Value;

/// Declaration of the wildcard check.
pub static WILDCARD: CheckMeta = CheckMeta {
    id: "tools.elevated.allowFrom.*.wildcard",
    severity: Severity::Critical,
    title: "Anyone on a channel may use elevated tools",
    description: "tools.elevated.allowFrom.<provider> lists the senders whose messages may run \
                  elevated tools — commands on the host, outside the sandbox. A `*` entry \
                  admits every sender that can reach the agent on that channel.",
    remediation: "Replace `*` with the ids of the operators who need elevated tools, or set \
                  tools.elevated.enabled to false.",
    references: &["https://docs.openclaw.ai/tools/elevated"],
};

/// Declaration of the large-list check.
pub static LARGE: CheckMeta = CheckMeta {
    id: "tools.elevated.allowFrom.*.large",
    severity: Severity::Warn,
    title: "Long list of senders allowed elevated tools",
    description: "More than 25 senders may use elevated (host) tools on this channel. A list \
                  that long is rarely reviewed, and each entry is a person whose account, once \
                  taken over, runs commands on the host.",
    remediation: "Cut tools.elevated.allowFrom.<provider> down to the operators who need it.",
    references: &["https://docs.openclaw.ai/tools/elevated"],
};

/// The most senders a list may hold before it counts as large.
const LARGE_AFTER: usize = 25;

/// The entries of one provider's list, as strings, trimmed, blanks dropped.
fn entries(list: &Value) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|entry| match entry {
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        })
        .filter(|entry| !entry.is_empty())
        .collect()
}

/// One finding per provider whose list admits everyone (`wildcard`), or
/// else holds too many senders (not `wildcard`).
fn evaluate(view: &View, out: &mut Findings, wildcard: bool) {
    if view.bool("tools.elevated.enabled") == Some(false) {
        return;
    }
    let Some(lists) = view
        .get("tools.elevated.allowFrom")
        .and_then(Value::as_object)
    else {
        return;
    };
    for (provider, list) in lists {
        let entries = entries(list);
        let at = format!("tools.elevated.allowFrom.{provider}");
        let has_wildcard = entries.iter().any(|e| e == "*");
        let (meta, kind, detail) = match (wildcard, has_wildcard) {
            (true, true) => (&WILDCARD, "wildcard", format!("{at} contains `*`.")),
            (false, false) if entries.len() > LARGE_AFTER => (
                &LARGE,
                "large",
                format!("{at} lists {} senders.", entries.len()),
            ),
            _ => continue,
        };
        let mut finding = meta.finding(detail).at(at);
        finding.check_id = format!("tools.elevated.allowFrom.{provider}.{kind}");
        out.push(finding);
    }
}

/// Evaluates the wildcard check.
pub fn run_wildcard(view: &View, out: &mut Findings) {
    evaluate(view, out, true);
}

/// Evaluates the large-list check.
pub fn run_large(view: &View, out: &mut Findings) {
    evaluate(view, out, false);
}

//! The tool policies' rules: a policy takes `allow` or `alsoAllow`, not
//! both; an exec policy takes `mode` or the legacy `security`/`ask`, not
//! both.

use super::{Context, entries_of, issue, path};
use crate::collect::config::validity::issue::ValuePath;
use crate::collect::config::validity::schema::SchemaIssue;
use serde_json::Value;

/// Adds the issues of every tool policy, global and per agent.
pub(super) fn check(context: &Context<'_>, out: &mut Vec<SchemaIssue>) {
    let mut tools = vec![path(&["tools"])];
    tools.extend(
        entries_of(context.config, &path(&["agents", "entries"]))
            .into_iter()
            .map(|(entry, _)| entry.key("tools")),
    );
    for (index, tools) in tools.iter().enumerate() {
        if !context.at(tools).is_some_and(Value::is_object) {
            continue;
        }
        let mut policies = vec![tools.clone(), tools.key("sandbox").key("tools")];
        if index == 0 {
            policies.push(tools.key("subagents").key("tools"));
        }
        for scoped in ["toolsBySender", "byProvider"] {
            policies.extend(
                entries_of(context.config, &tools.key(scoped))
                    .into_iter()
                    .map(|(policy, _)| policy),
            );
        }
        for policy in policies {
            both_allow_lists(context, &policy, out);
        }
        exec_mode(context, &tools.key("exec"), out);
    }
}

/// `allow` and `alsoAllow` both non-empty on one policy.
fn both_allow_lists(context: &Context<'_>, policy: &ValuePath, out: &mut Vec<SchemaIssue>) {
    let non_empty = |key: &str| {
        context
            .at(&policy.key(key))
            .and_then(Value::as_array)
            .is_some_and(|list| !list.is_empty())
    };
    if non_empty("allow") && non_empty("alsoAllow") && !context.skipped(policy) {
        out.push(issue(
            policy.clone(),
            "sets both `allow` and `alsoAllow`: `allow` replaces the profile's tools, so keep one",
        ));
    }
}

/// `mode` beside the legacy `security` or `ask`.
fn exec_mode(context: &Context<'_>, exec: &ValuePath, out: &mut Vec<SchemaIssue>) {
    let has = |key: &str| {
        context
            .at(&exec.key(key))
            .is_some_and(|value| !value.is_null())
    };
    if has("mode") && (has("security") || has("ask")) && !context.skipped(exec) {
        out.push(issue(
            exec.key("mode"),
            "`mode` replaces the legacy `security` and `ask`: remove them",
        ));
    }
}

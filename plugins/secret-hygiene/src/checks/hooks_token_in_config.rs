//! `config.secrets.hooks_token_in_config`: hooks are enabled and
//! `hooks.token` is stored in the config (a literal, or a `${VAR}` the
//! loader substituted). Informational, as in the reference: the token is
//! expected to live somewhere, but the file then needs guarding like one.

use crate::stored_secret::{how, stored_in_config};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "config.secrets.hooks_token_in_config",
    severity: Severity::Info,
    title: "Hooks token is stored in the config",
    description: "With hooks enabled, hooks.token authenticates every inbound hook call. Kept \
                  in openclaw.json it is as safe as the file: its permissions and every copy \
                  of it. Only reported while hooks.enabled is true.",
    remediation: "Keep the config private (`chmod 600`), or move hooks.token into a secret \
                  reference (`{\"source\": \"env\", \"provider\": \"default\", \"id\": \
                  \"HOOKS_TOKEN\"}`).",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if view.bool("hooks.enabled") != Some(true) {
        return;
    }
    let Some(marker) = stored_in_config(view, "hooks.token") else {
        return;
    };
    let detail = format!(
        "Hooks are enabled and hooks.token is set in the config: {}.",
        how(&marker)
    );
    out.push(META.finding(detail).at("hooks.token"));
}

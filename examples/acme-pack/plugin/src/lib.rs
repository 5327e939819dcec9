//! `acme-policy`: Acme's own rules for its OpenClaw gateways, shipped in
//! the acme rule pack — paired devices only from the approved inventory, a
//! gateway token longer than Pincer's default asks, no model from the
//! forbidden list, and a `tools.deny` that holds every tool Acme bans.
//! Each rule is off until the pack sets its parameter.

mod models;
mod nodes;
mod token;
mod tools;

use pincer_sdk::prelude::*;

/// `approvedNodes`.
pub const APPROVED_NODES: ParamMeta = ParamMeta::string_list(
    "approvedNodes",
    "no inventory: acme.node_not_approved stays silent",
    "Device ids (or id prefixes of 12+ characters) allowed to pair.",
);

/// `minTokenLength`.
pub const MIN_TOKEN_LENGTH: ParamMeta = ParamMeta::optional_integer_in(
    "minTokenLength",
    1..=4096,
    "no minimum: acme.token_length stays silent",
    "The shortest gateway token Acme accepts, in characters.",
);

/// `forbiddenModels`.
pub const FORBIDDEN_MODELS: ParamMeta = ParamMeta::string_list(
    "forbiddenModels",
    "none",
    "Model ids no agent may use; a trailing `*` matches a prefix.",
);

/// `requiredToolDeny`.
pub const REQUIRED_TOOL_DENY: ParamMeta = ParamMeta::string_list(
    "requiredToolDeny",
    "none",
    "Tools that tools.deny must list.",
);

/// The parameters the pack sets.
pub const PARAMS: &[ParamMeta] = &[
    APPROVED_NODES,
    MIN_TOKEN_LENGTH,
    FORBIDDEN_MODELS,
    REQUIRED_TOOL_DENY,
];

/// The plugin.
pub struct AcmePolicy;

impl Plugin for AcmePolicy {
    const META: PluginMeta = PluginMeta {
        name: "acme-policy",
        version: env!("CARGO_PKG_VERSION"),
        description: "Acme's gateway policy: approved devices, token length, forbidden models, \
                      required tool denials.",
        category: "acme",
        checks: pincer_sdk::checks![nodes::NOT_APPROVED => nodes::check, token::TOO_SHORT => token::check, models::FORBIDDEN => models::check, tools::DENY_MISSING => tools::check],
        params: PARAMS,
    };
}

pincer_sdk::export_plugin!(AcmePolicy);

#[cfg(test)]
mod tests;

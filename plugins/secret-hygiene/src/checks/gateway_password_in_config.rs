//! `config.secrets.gateway_password_in_config`: `gateway.auth.password` is
//! stored in the config (a literal, or a `${VAR}` the loader substituted)
//! rather than named through a secret reference. The auth mode plays no
//! part, and `OPENCLAW_GATEWAY_PASSWORD` in the environment is not a
//! finding.

use crate::stored_secret::{how, stored_in_config};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "config.secrets.gateway_password_in_config",
    severity: Severity::Warn,
    title: "Gateway password is stored in the config",
    description: "A password kept in openclaw.json travels with every copy of the file: \
                  backups, synced folders, support bundles, dotfile repositories. A secret \
                  reference or the OPENCLAW_GATEWAY_PASSWORD variable keeps it out of the file.",
    remediation: "Remove gateway.auth.password from the config and provide the password through \
                  OPENCLAW_GATEWAY_PASSWORD or a secret reference (`{\"source\": \"env\", \
                  \"provider\": \"default\", \"id\": \"GATEWAY_PASSWORD\"}`).",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let Some(marker) = stored_in_config(view, "gateway.auth.password") else {
        return;
    };
    let detail = format!(
        "gateway.auth.password is set in the config: {}.",
        how(&marker)
    );
    out.push(META.finding(detail).at("gateway.auth.password"));
}

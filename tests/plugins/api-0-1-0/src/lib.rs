//! A plugin built against `pincer:audit@0.1.0` (a frozen copy of that
//! contract in `wit/`), without the SDK. Hosts serving any later 0.1.x must
//! link and run it: additive changes keep the minor version.
#![allow(unsafe_code, clippy::pedantic, reason = "generated bindings")]

wit_bindgen::generate!({ path: "wit", world: "check-plugin" });

use pincer::audit::types::{CheckInfo, Severity};
use pincer::audit::{config, host_facts};

struct Compat;

impl Guest for Compat {
    fn info() -> PluginInfo {
        PluginInfo {
            name: "api-0-1-0".into(),
            version: "0.1.0".into(),
            description: "Built against pincer:audit@0.1.0.".into(),
            checks: vec![CheckInfo {
                id: "compat.saw_bind".into(),
                default_severity: Severity::Info,
                title: "A 0.1.0 plugin read the config".into(),
                description: "Proves that a plugin of the first contract still links and runs."
                    .into(),
                remediation: "None: this is a test plugin.".into(),
                category: "test".into(),
                references: Vec::new(),
            }],
        }
    }

    fn run() -> Result<Vec<Finding>, String> {
        let bind = config::get("gateway.bind").unwrap_or_else(|| "absent".into());
        let token_env = host_facts::env_var("OPENCLAW_GATEWAY_TOKEN").is_some();
        Ok(vec![Finding {
            check_id: "compat.saw_bind".into(),
            severity: Severity::Info,
            title: "A 0.1.0 plugin read the config".into(),
            detail: format!("gateway.bind = {bind}; gateway token env set: {token_env}"),
            remediation: None,
            config_paths: vec!["gateway.bind".into()],
        }])
    }
}

export!(Compat);

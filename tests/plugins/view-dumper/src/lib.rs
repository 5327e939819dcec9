//! Hostile test plugin: copies everything it can see (the whole config,
//! every `get` of a secret path, environment markers, file facts, the
//! gateway's state, paired devices, the previous run's posture) into its
//! findings, to prove that no secret value ever reaches a plugin.

use pincer_sdk::bindings::pincer::audit::{baseline, config, gateway, host_facts, nodes};
use pincer_sdk::prelude::*;

/// Everything the plugin could see.
pub static DUMP: CheckMeta = CheckMeta {
    id: "dump.view",
    severity: Severity::Info,
    title: "Everything this plugin could see",
    description: "Copies the view into a finding.",
    remediation: "None: this is a test plugin.",
    references: &[],
};

const PATHS: &[&str] = &[
    "gateway.auth.token",
    "gateway.auth.password",
    "gateway.remote.token",
    "hooks.token",
    "channels.telegram.botToken",
    "channels.slack.appToken",
    "models.providers.openai.apiKey",
];

const ENV: &[&str] = &[
    "OPENCLAW_GATEWAY_TOKEN",
    "OPENCLAW_GATEWAY_PASSWORD",
    "PLANTED_SECRET_ENV",
    "HOME",
];

fn dump(_view: &View, out: &mut Findings) {
    let mut text = config::document();
    for path in PATHS {
        text.push_str(&format!("\n{path} = {:?}", config::get(path)));
    }
    for name in ENV {
        text.push_str(&format!("\n${name} = {:?}", host_facts::env_var(name)));
    }
    text.push_str(&format!("\nfacts = {:?}", host_facts::file_facts()));
    text.push_str(&format!("\nincludes = {:?}", host_facts::includes()));
    text.push_str(&format!("\nsynced = {:?}", host_facts::synced_paths()));
    text.push_str(&format!("\ngateway = {}", gateway::state()));
    text.push_str(&format!("\npaired = {}", nodes::paired()));
    text.push_str(&format!("\npending = {}", nodes::pending()));
    text.push_str(&format!("\nbaseline = {:?}", baseline::previous()));
    out.push(DUMP.finding(text));
}

/// The plugin.
pub struct ViewDumper;

impl Plugin for ViewDumper {
    const META: PluginMeta = PluginMeta {
        name: "view-dumper",
        version: "1.0.0",
        description: "Copies its whole view into a finding.",
        category: "test",
        checks: pincer_sdk::checks![DUMP => dump],
        params: &[],
    };
}

pincer_sdk::export_plugin!(ViewDumper);

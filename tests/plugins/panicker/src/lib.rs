//! Failing test plugin: reports one finding's worth of work, then panics, so
//! the audit must be marked incomplete while other plugins' findings stand.

use pincer_sdk::prelude::*;

/// Never reported: the plugin panics first.
pub static NEVER: CheckMeta = CheckMeta {
    id: "panicker.never",
    severity: Severity::Critical,
    title: "Never reported",
    description: "The plugin panics before reporting.",
    remediation: "None: this is a test plugin.",
    references: &[],
};

fn explode(view: &View, _out: &mut Findings) {
    let bind = view.str("gateway.bind").unwrap_or("unset");
    panic!("deliberate failure while looking at gateway.bind={bind}");
}

/// The plugin.
pub struct Panicker;

impl Plugin for Panicker {
    const META: PluginMeta = PluginMeta {
        name: "panicker",
        version: "1.0.0",
        description: "Panics during run.",
        category: "test",
        checks: pincer_sdk::checks![NEVER => explode],
        params: &[],
    };
}

pincer_sdk::export_plugin!(Panicker);

//! Shared by every adversarial plugin (included with `#[path]`): declares
//! the plugin's one check and exports the plugin, so that each crate holds
//! only its attack.

/// `attack_plugin!("name", "check.id", attack_fn);`
macro_rules! attack_plugin {
    ($name:literal, $id:literal, $attack:ident) => {
        /// The plugin's one declared check.
        pub static META: pincer_sdk::CheckMeta = pincer_sdk::CheckMeta {
            id: $id,
            severity: pincer_sdk::Severity::Info,
            title: "Adversarial test check",
            description: "Part of Pincer's adversarial test suite.",
            remediation: "None: this is a test plugin.",
            references: &[],
        };

        /// The plugin.
        pub struct Attack;

        impl pincer_sdk::Plugin for Attack {
            const META: pincer_sdk::PluginMeta = pincer_sdk::PluginMeta {
                name: concat!("adversarial-", $name),
                version: "1.0.0",
                description: "An attack on the host.",
                category: "test",
                checks: &[pincer_sdk::Check {
                    meta: &META,
                    run: $attack,
                }],
                params: &[],
            };
        }

        pincer_sdk::export_plugin!(Attack);
    };
}

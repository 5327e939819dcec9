//! Built-in plugin `secret-hygiene`: where secrets live and who can read
//! them — config integrity (includes), file permissions, credentials.

pub mod checks;

use pincer_sdk::prelude::*;

/// The plugin.
pub struct SecretHygiene;

impl Plugin for SecretHygiene {
    const META: PluginMeta = PluginMeta {
        name: "secret-hygiene",
        version: env!("CARGO_PKG_VERSION"),
        description: "Secrets, credentials, file permissions and config integrity.",
        category: "secret-hygiene",
        checks: checks::ALL,
    };
}

pincer_sdk::export_plugin!(SecretHygiene);

#[cfg(test)]
mod tests {
    use super::SecretHygiene;
    use pincer_sdk::prelude::*;
    use pincer_sdk::testing::assert_metadata;
    use pincer_sdk::{IncludeFact, IncludeStatus};
    use serde_json::json;

    fn include(status: IncludeStatus) -> IncludeFact {
        IncludeFact {
            written: "../elsewhere.json5".into(),
            from_file: "/home/u/.openclaw/openclaw.json".into(),
            resolved: "/home/u/elsewhere.json5".into(),
            status,
        }
    }

    #[test]
    fn metadata_is_complete() {
        assert_metadata::<SecretHygiene>(&["config.", "fs."]);
    }

    #[test]
    fn escaping_includes_are_critical_and_followed_ones_quiet() {
        for status in [
            IncludeStatus::EscapesConfigDir,
            IncludeStatus::EscapesViaSymlink,
        ] {
            let scenario = Scenario::config(json!({})).include(include(status));
            assert_eq!(
                scenario.pairs::<SecretHygiene>(),
                vec![("config.include_escape".to_owned(), Severity::Critical)]
            );
        }
        let quiet = Scenario::config(json!({})).include(include(IncludeStatus::Included));
        assert!(quiet.pairs::<SecretHygiene>().is_empty());
    }
}

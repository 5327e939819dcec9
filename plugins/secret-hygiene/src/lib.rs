//! Built-in plugin `secret-hygiene`: where secrets live and who can read
//! them. File permissions of the state directory, the config and its
//! includes, the credentials directory, each agent's auth-profile and
//! session stores and the log file; symlinked state and config; state or
//! config in a cloud-synced folder; gateway password and hooks token stored
//! in the config; includes that escape the config directory. Check ids and
//! severity rules match `openclaw security audit`. Pincer's own checks from
//! the security baseline add credentials written literally in the config,
//! credential files inside agent workspaces, and secret-bearing files that
//! are not owner-only.

pub mod checks;
pub mod perms;
pub mod stored_secret;

use pincer_sdk::prelude::*;

/// The plugin.
pub struct SecretHygiene;

impl Plugin for SecretHygiene {
    const META: PluginMeta = PluginMeta {
        name: "secret-hygiene",
        version: env!("CARGO_PKG_VERSION"),
        description: "Where secrets live and who can read them: permissions of the state \
                      directory, config and includes, credentials directory, agent auth-profile \
                      and session stores and log file; symlinked state and config; cloud-synced \
                      folders; gateway password and hooks token stored in the config; includes \
                      that escape the config directory; credentials written literally in the \
                      config, credential files in agent workspaces, secret-bearing files that \
                      are not owner-only.",
        category: "secret-hygiene",
        checks: checks::ALL,
        params: &[],
    };
}

pincer_sdk::export_plugin!(SecretHygiene);

#[cfg(test)]
mod tests;

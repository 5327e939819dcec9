//! Built-in plugin `sandbox`: whether agent lanes are really contained.
//! The Docker sandbox settings (bind mounts of protected host paths or
//! relative sources, shared network namespaces, seccomp and AppArmor turned
//! off, settings left idle by a sandbox that is off) and the config's
//! insecure or dangerous switches, at parity with `openclaw security
//! audit`; and Pincer's own baseline checks: every lane sandboxed in mode
//! `all`, file tools and apply_patch confined to the workspace, and a
//! sandbox tool policy that keeps browser, web, control and channel tools
//! out.

pub mod checks;
pub mod docker;
pub mod flags;

use pincer_sdk::prelude::*;

/// The plugin.
pub struct Sandbox;

impl Plugin for Sandbox {
    const META: PluginMeta = PluginMeta {
        name: "sandbox",
        version: env!("CARGO_PKG_VERSION"),
        description: "Whether agent lanes are contained: dangerous Docker bind mounts, network \
                      namespaces, seccomp and AppArmor, idle Docker settings, insecure or \
                      dangerous switches; every lane sandboxed in mode all, file tools and \
                      apply_patch confined to the workspace, a sandbox tool policy without \
                      browser, web, control or channel tools.",
        category: "sandbox",
        checks: checks::ALL,
        params: &[],
    };
}

pincer_sdk::export_plugin!(Sandbox);

#[cfg(test)]
mod tests;

//! `sandbox.dangerous_bind_mount`: a sandbox bind mount that hands the
//! sandbox system configuration, kernel interfaces, the Docker socket or a
//! user's credential folders — a way out of the sandbox or to the secrets.

use pincer_sdk::prelude::*;

use crate::docker::{Exposure, bind_source, blocked_paths, blocks, exposure, normalize_source};

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "sandbox.dangerous_bind_mount",
    severity: Severity::Critical,
    title: "Sandbox bind mount exposes a protected host path",
    description: "A bind mount whose host side is, lies inside, or contains a protected path \
                  (/etc, /proc, /sys, /dev, /root, /boot, /run and the Docker socket, or a \
                  home directory's .ssh, .aws, .config, .docker, .gnupg, .npm, .cargo or \
                  .netrc) gives sandboxed code the host's configuration, its credentials or \
                  control of the Docker daemon, which is control of the host. Read-only does not \
                  help: reading keys is the attack. Paths are compared after resolving . and ..",
    remediation: "Remove the bind, or mount a narrow directory made for the sandbox that holds \
                  no credentials and no socket.",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let blocked = blocked_paths(view);
    for block in blocks(view) {
        for spec in block.binds() {
            let Some(source) = normalize_source(bind_source(spec)) else {
                continue;
            };
            let Some(exposure) = exposure(&source, &blocked) else {
                continue;
            };
            let reach = match exposure {
                Exposure::Root => "mounts the whole host filesystem".to_owned(),
                Exposure::Inside(path) => format!("mounts {path} or a path inside it"),
                Exposure::Contains(path) => format!("mounts a folder that contains {path}"),
            };
            out.push(
                META.finding(format!("{}.binds has `{spec}`: it {reach}.", block.path))
                    .at(format!("{}.binds", block.path)),
            );
        }
    }
}

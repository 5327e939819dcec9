//! `sandbox.bind_mount_non_absolute`: a bind mount whose host side is not
//! an absolute path — a relative path, `~`, or a named volume — mounts
//! something other than what its author can see in the config.

use pincer_sdk::prelude::*;

use crate::docker::{bind_source, blocks, normalize_source};

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "sandbox.bind_mount_non_absolute",
    severity: Severity::Warn,
    title: "Sandbox bind mount with a host path that is not absolute",
    description: "Docker resolves a relative bind source against the daemon's working \
                  directory, does not expand ~, and reads a bare name as a named volume. What \
                  reaches the sandbox then depends on where and how the gateway runs, not on \
                  the config, and the dangerous-mount check cannot judge it.",
    remediation: "Write every sandbox bind as /absolute/host/path:/container/path[:ro].",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    for block in blocks(view) {
        for spec in block.binds() {
            if normalize_source(bind_source(spec)).is_none() {
                out.push(
                    META.finding(format!(
                        "{}.binds has `{spec}`, whose host side is not an absolute path.",
                        block.path
                    ))
                    .at(format!("{}.binds", block.path)),
                );
            }
        }
    }
}

//! `sandbox.dangerous_seccomp_profile`: the sandbox runs without a seccomp
//! filter, so every system call of the host kernel is open to it.

use pincer_sdk::prelude::*;

use crate::checks::unconfined;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "sandbox.dangerous_seccomp_profile",
    severity: Severity::Critical,
    title: "Sandbox runs without a seccomp filter",
    description: "seccompProfile \"unconfined\" removes Docker's system-call filter: sandboxed \
                  code can call into kernel interfaces (keyrings, BPF, mount, namespaces) that \
                  container escapes are built on.",
    remediation: "Remove seccompProfile to get Docker's default filter, or name a stricter \
                  profile file.",
    references: &["https://docs.openclaw.ai/gateway/sandboxing"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    unconfined(view, out, &META, "seccompProfile");
}

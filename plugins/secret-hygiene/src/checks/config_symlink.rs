//! `fs.config.symlink`: the config file is a symlink. A symlinked config
//! is only judged for write access through the link (see
//! `fs.config.perms_writable`); the readable checks stay quiet for it, as
//! in the reference.

use crate::perms::{inspect, shell_quote};
use pincer_sdk::prelude::*;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "fs.config.symlink",
    severity: Severity::Warn,
    title: "Config file is a symlink",
    description: "Whoever can change the link, or a directory on its way, can hand the gateway \
                  another config. A symlinked config is also only checked for write access: \
                  its target's read permissions are not judged.",
    remediation: "Replace the link with the file itself, or point OPENCLAW_CONFIG_PATH at the \
                  real file.",
    references: &["https://docs.openclaw.ai/gateway/configuration"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    for config in inspect(view, "config").into_iter().filter(|c| c.is_symlink) {
        let target = if config.dangling {
            "a target that does not exist".to_owned()
        } else {
            format!("a target of mode {}", config.mode())
        };
        let detail = format!("The config {} is a symlink to {target}.", config.path);
        let path = shell_quote(&config.path);
        let fix = format!(
            "Replace the link with the file it points to (`cp --remove-destination \"$(readlink \
             -f {path})\" {path}`, then `chmod 600 {path}`), or set OPENCLAW_CONFIG_PATH to the \
             real file."
        );
        out.push(META.finding(detail).with_remediation(fix));
    }
}

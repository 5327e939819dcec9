//! The checks of Pincer itself, declared as the plugins declare theirs:
//! findings only the host can make, because only it sees the whole report,
//! the policy and the history. `pincer checks` (every format), the
//! catalogue and SARIF's rules read [`HOST_CHECKS`].

use super::model::{DeclaredCheck, Report, ReportFinding};
use crate::runtime::info::{CheckInfo, PluginInfo};
use pincer_sdk::{CheckMeta, Severity};

pub use super::model::HOST_PLUGIN;

/// A check of the host: the SDK's declaration and its category.
#[derive(Debug)]
pub struct HostCheck {
    /// What a plugin's check declares.
    pub meta: CheckMeta,
    /// Its threat category.
    pub category: &'static str,
}

impl HostCheck {
    /// Its id.
    pub const fn id(&self) -> &'static str {
        self.meta.id
    }

    /// Its metadata as the runtime holds a plugin check's.
    pub fn info(&self) -> CheckInfo {
        CheckInfo {
            id: self.meta.id.to_owned(),
            default_severity: self.meta.severity,
            title: self.meta.title.to_owned(),
            description: self.meta.description.to_owned(),
            remediation: self.meta.remediation.to_owned(),
            category: self.category.to_owned(),
            references: self
                .meta
                .references
                .iter()
                .map(|r| (*r).to_owned())
                .collect(),
        }
    }

    /// Adds `finding` (one of this check's) to `report`, and this check
    /// to the declared ones when it is not there yet.
    pub(crate) fn report_into(&self, report: &mut Report, finding: ReportFinding) {
        if !report
            .checks
            .iter()
            .any(|declared| declared.info.id == self.id())
        {
            report.checks.push(DeclaredCheck {
                plugin: HOST_PLUGIN.to_owned(),
                info: self.info(),
            });
        }
        report.findings.push(finding);
    }

    /// A finding of this check, reported by the host.
    pub fn finding(&self, detail: impl Into<String>) -> ReportFinding {
        ReportFinding::new(self.meta.finding(detail), HOST_PLUGIN)
    }
}

/// `security.audit.suppressions.active`: the audited config suppresses
/// findings. The reference reports it too, under the same id.
pub const CONFIG_SUPPRESSIONS_ACTIVE: HostCheck = HostCheck {
    meta: CheckMeta {
        id: "security.audit.suppressions.active",
        severity: Severity::Info,
        title: "The audited config suppresses findings",
        description: "security.audit.suppressions in the audited config hides matching findings from the counted ones; they stay listed in suppressedFindings. Reported whenever the list has entries, so accepted risks stay in view.",
        remediation: "Review suppressedFindings, and remove each suppression once its accepted risk no longer holds.",
        references: &[],
    },
    category: "suppressions",
};

/// `config.invalid`: a reason OpenClaw would refuse the audited config,
/// reported instead of refusing with `--allow-invalid`.
pub(crate) const CONFIG_INVALID: HostCheck = HostCheck {
    meta: CheckMeta {
        id: "config.invalid",
        severity: Severity::Critical,
        title: "OpenClaw would refuse this config",
        description: "The config breaks OpenClaw's own schema or one of its rules (an unknown or \
                      misspelt key, a value of the wrong kind, a forbidden combination): the \
                      gateway does not start or reload on it, and `openclaw security audit` \
                      refuses it. The rest of this report reads the config as written, which \
                      is not what any gateway runs.",
        remediation: "Correct the key or value at the path and line shown (`openclaw config \
                      validate` confirms), then audit again without --allow-invalid.",
        references: &[],
    },
    category: "config",
};

/// `drift.new_critical_findings`: critical findings the last recorded
/// run did not have.
pub(crate) const NEW_CRITICAL_FINDINGS: HostCheck = HostCheck {
    meta: CheckMeta {
        id: "drift.new_critical_findings",
        severity: Severity::Warn,
        title: "Critical findings that the last audit did not have",
        description: "With --history, the critical findings of this audit that the last \
                      recorded audit did not have (the same check on another device, lane or \
                      path counts as new): something became critical since, and it is the \
                      first thing to look at.",
        remediation: "Fix the new critical findings, or find out what changed the installation \
                      since the last audit (pincer history shows when).",
        references: &[],
    },
    category: "drift",
};

/// `pincer.suppression.expired`: a `[[suppress]]` rule past its expiry.
pub(crate) const SUPPRESSION_EXPIRED: HostCheck = HostCheck {
    meta: CheckMeta {
        id: "pincer.suppression.expired",
        severity: Severity::Warn,
        title: "A suppression in pincer.toml has expired",
        description: "A [[suppress]] rule whose expiry date has passed no longer hides the findings it matched.",
        remediation: "Fix what the suppression hid, or review the accepted risk and set a new expiry date.",
        references: &[],
    },
    category: "suppressions",
};

/// `pincer.suppression.unused`: a `[[suppress]]` rule that matched nothing.
pub(crate) const SUPPRESSION_UNUSED: HostCheck = HostCheck {
    meta: CheckMeta {
        id: "pincer.suppression.unused",
        severity: Severity::Info,
        title: "A suppression in pincer.toml matched nothing",
        description: "A [[suppress]] rule that hid no finding in this audit is dead weight, or its glob no longer matches the check it was written for.",
        remediation: "Remove the rule, or correct its check or path glob.",
        references: &[],
    },
    category: "suppressions",
};

/// Every check of the host, in the catalogue's order.
pub const HOST_CHECKS: &[&HostCheck] = &[
    &CONFIG_INVALID,
    &CONFIG_SUPPRESSIONS_ACTIVE,
    &NEW_CRITICAL_FINDINGS,
    &SUPPRESSION_EXPIRED,
    &SUPPRESSION_UNUSED,
];

/// The host as `pincer checks` lists a plugin: its name, version and checks.
pub(crate) fn host_info() -> PluginInfo {
    PluginInfo::of_host(
        HOST_PLUGIN,
        env!("CARGO_PKG_VERSION"),
        "Pincer itself: findings only the host can make, from the whole report, the policy \
         and the history.",
        HOST_CHECKS.iter().map(|check| check.info()).collect(),
    )
}

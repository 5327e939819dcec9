//! `drift.token_unrotated`, `drift.token_exposed_not_rotated`: the gateway
//! credential (its token, or its password) from its change history — kept
//! longer than the policy allows (the `tokenMaxAgeDays` parameter, 90 days
//! by default), or still the same one an earlier audit found exposed. The
//! host dates the credential from OpenClaw's config journal and Pincer's
//! own history and tells whether it changed since the last recorded audit
//! (by a keyed fingerprint that stays in the host); this plugin sees times
//! and check ids only.

use pincer_sdk::prelude::*;
use pincer_sdk::token_age;

/// Declaration.
pub static TOKEN_UNROTATED: CheckMeta = CheckMeta {
    id: "drift.token_unrotated",
    severity: Severity::Warn,
    title: "Gateway credential unchanged for longer than the policy allows",
    description: "The change history proves the gateway's token (or password) has been in \
                  place for longer than the policy's maximum age (the `tokenMaxAgeDays` \
                  parameter, 90 days by default): OpenClaw's config journal shows no write of \
                  it since, or Pincer's recorded audits saw the same credential throughout. \
                  For a credential written in the config, the config files' own times count \
                  too. A long-lived credential has had more chances to leak; the baseline \
                  rotates it regularly. (Without a change history, gateway.token_age judges a \
                  token by the config files alone.)",
    remediation: "Rotate it: openclaw config set gateway.auth.token \"$(openssl rand -hex 32)\" \
                  (or the password, or the variable or secret it comes from), restart the \
                  gateway service and update its clients.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Declaration.
pub static TOKEN_EXPOSED: CheckMeta = CheckMeta {
    id: "drift.token_exposed_not_rotated",
    severity: Severity::Critical,
    title: "Gateway credential not rotated after an exposure",
    description: "An earlier recorded audit found the gateway credential exposed (a config \
                  file others could read or write, a cloud-synced config, readable logs, the \
                  hooks token reusing it, ...), and the gateway still accepts that same \
                  credential. The seed baseline rotates it after every exposure: whoever read \
                  it then can use it now.",
    remediation: "Fix the exposure if it remains, then rotate the credential (openclaw config \
                  set gateway.auth.token \"$(openssl rand -hex 32)\"), restart the gateway and \
                  update its clients.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates `drift.token_unrotated`.
pub fn run_unrotated(view: &View, out: &mut Findings) {
    let Some((age, history_ms)) = token_age::from_history(view) else {
        return;
    };
    let files_ms = if age.written_in_config {
        token_age::config_files_changed_ms(view)
            .map(|changed| view.audit_time_ms().saturating_sub(changed))
    } else {
        None
    };
    let age_ms = files_ms.map_or(history_ms, |files| files.max(history_ms));
    let Some(max_days) = crate::TOKEN_MAX_AGE_DAYS.integer(view) else {
        return;
    };
    let days = token_age::days(age_ms);
    if days <= max_days {
        return;
    }
    let mut sources: Vec<&str> = age
        .evidence
        .iter()
        .map(|evidence| match evidence.as_str() {
            "config-journal" => "OpenClaw's config journal",
            "audit-history" => "Pincer's recorded audits",
            other => other,
        })
        .collect();
    if files_ms.is_some_and(|files| files > history_ms) {
        sources.push("the config files' modification times");
    }
    let detail = format!(
        "The gateway {} ({}) has been in place for at least {days} days, by {} (policy: \
         {max_days} days).",
        age.kind,
        age.path,
        sources.join(" and ")
    );
    out.push(TOKEN_UNROTATED.finding(detail).at(age.path.clone()));
}

/// Evaluates `drift.token_exposed_not_rotated`.
pub fn run_exposed(view: &View, out: &mut Findings) {
    let Some(age) = view.gateway_state().credential_age.as_ref() else {
        return;
    };
    let (Some(at), false) = (age.exposed_at_ms, age.exposed_by.is_empty()) else {
        return;
    };
    // A date, not "N days ago": the same finding keeps one identity from
    // run to run (drift.new_critical_findings, --baseline).
    out.push(
        TOKEN_EXPOSED
            .finding(format!(
                "A recorded audit on {} found the gateway {} exposed ({}), and the gateway \
                 still accepts the same {}.",
                pincer_sdk::time::utc_date(at),
                age.kind,
                age.exposed_by.join(", "),
                age.kind
            ))
            .at(age.path.clone()),
    );
}

//! `gateway.token_age` (Pincer's own, from the security baseline): the
//! gateway token written in the config is older than the policy allows
//! (the `tokenMaxAgeDays` parameter, default 90 days).
//!
//! The age is a lower bound read from the files, never a guess: a token
//! written in the config cannot be younger than the last change of the
//! newest file it may sit in (the config or one of its includes). A token
//! from the environment or a secret reference has no such record and is not
//! judged here. A symlinked file counts by its target's time. When the
//! change history proves the token's age (OpenClaw's config journal or
//! Pincer's own history), `drift.token_unrotated` judges it instead, with
//! the better of both bounds: see [`pincer_sdk::token_age`].

use crate::gateway_auth::GatewayAuth;
use pincer_sdk::SecretSource;
use pincer_sdk::prelude::*;
use pincer_sdk::token_age;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.token_age",
    severity: Severity::Warn,
    title: "Gateway token not rotated within the policy age",
    description: "gateway.auth.token is written in the config, and neither the config nor any \
                  of its includes has changed for longer than the policy's maximum token age \
                  (the `tokenMaxAgeDays` parameter, 90 days by default), so the token is at \
                  least that old. A long-lived token has had more chances to leak through logs, \
                  shell history, backups and copies of the config; the baseline rotates it \
                  regularly and after any exposure. When a change history (OpenClaw's config \
                  journal, Pincer's --history) dates the token, drift.token_unrotated reports \
                  it instead.",
    remediation: "Rotate the token: openclaw config set gateway.auth.token \"$(openssl rand \
                  -hex 32)\", then reinstall and restart the gateway service and update its \
                  clients.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let auth = GatewayAuth::resolve(view);
    if auth.mode != "token" {
        return;
    }
    let written = auth.local_token.value().is_some_and(|marker| {
        marker.source == SecretSource::Inline && marker.placeholder.is_none()
    });
    let dated = token_age::from_history(view).is_some_and(|(age, _)| age.kind == "token");
    if !written || dated {
        return;
    }
    let Some(newest) = token_age::config_files_changed_ms(view) else {
        return;
    };
    let Some(max_days) = crate::TOKEN_MAX_AGE_DAYS.integer(view) else {
        return;
    };
    let age_days = token_age::days(view.audit_time_ms().saturating_sub(newest));
    if age_days > max_days {
        let detail = format!(
            "gateway.auth.token is written in the config, whose files last changed {age_days} \
             days ago: the token is at least that old (policy: {max_days} days)."
        );
        out.push(META.finding(detail).at("gateway.auth.token"));
    }
}

//! `plugins.extensions_no_allowlist`: plugins are installed in the state
//! dir's `extensions/` but `plugins.allow` does not name the ones that may
//! load, so every directory there — including one a compromised package
//! or a careless copy put there — is loaded. Critical when Telegram is
//! configured with native skill commands on (the default), since plugin
//! skills then become bot commands anyone in a chat can call.

use pincer_sdk::prelude::*;
use serde_json::Value;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "plugins.extensions_no_allowlist",
    severity: Severity::Warn,
    title: "Installed plugins load without an allowlist",
    description: "Without a non-empty plugins.allow, the gateway loads every plugin directory \
                  under extensions/ — whatever put it there. Disabling entries one by one does \
                  not close that door. Critical when Telegram is configured with native skill \
                  commands on (its default), because plugins' skills then appear as bot \
                  commands.",
    remediation: "Set plugins.allow to the ids of the plugins you installed on purpose, and \
                  remove the other directories from extensions/.",
    references: &["https://docs.openclaw.ai/plugins/security"],
};

/// Whether a Telegram setting names a bot token (inline, file or env).
fn has_token(settings: &Value) -> bool {
    let set = |key: &str| {
        settings.get(key).is_some_and(|value| match value {
            Value::String(s) => !s.trim().is_empty(),
            Value::Object(marker) => marker
                .get("$secret")
                .and_then(|m| m.get("set"))
                .and_then(Value::as_bool)
                .unwrap_or(true),
            _ => false,
        })
    };
    set("botToken") || set("tokenFile")
}

/// Whether Telegram is configured with native skill commands on.
fn telegram_publishes_skills(view: &View) -> bool {
    let Some(telegram) = view.get("channels.telegram") else {
        return false;
    };
    if telegram.get("enabled").and_then(Value::as_bool) == Some(false) {
        return false;
    }
    let default_account =
        has_token(telegram) || view.env_var("TELEGRAM_BOT_TOKEN").is_some_and(|m| m.set);
    let other_account = telegram
        .get("accounts")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .any(|(_, account)| {
            account.get("enabled").and_then(Value::as_bool) != Some(false) && has_token(account)
        });
    let native_skills = telegram
        .get("commands")
        .and_then(|c| c.get("nativeSkills"))
        .and_then(Value::as_bool)
        .or_else(|| view.bool("commands.nativeSkills"))
        .unwrap_or(true);
    (default_account || other_account) && native_skills
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let installed = &view.gateway_state().installed_extensions;
    if installed.is_empty()
        || view
            .array("plugins.allow")
            .is_some_and(|allow| !allow.is_empty())
    {
        return;
    }
    let mut finding = META.finding(format!(
        "extensions/ holds {} and plugins.allow does not limit them.",
        installed.join(", ")
    ));
    if telegram_publishes_skills(view) {
        finding = finding.with_severity(Severity::Critical);
    }
    out.push(finding.at("plugins"));
}

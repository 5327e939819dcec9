//! `acme.token_length`: a gateway token shorter than `minTokenLength`.

use pincer_sdk::prelude::*;

/// The check.
pub static TOO_SHORT: CheckMeta = CheckMeta {
    id: "acme.token_length",
    severity: Severity::Warn,
    title: "Gateway token is shorter than Acme requires",
    description: "Acme requires gateway tokens of at least the pack's minTokenLength characters, \
                  more than Pincer's default asks.",
    remediation: "Generate a longer token (openssl rand -hex 32 gives 64 characters) and rotate it.",
    references: &[],
};

/// Runs the check on the token in effect: the environment's, else the
/// config's. Only its length crosses into the plugin, never its value.
pub fn check(view: &View, out: &mut Findings) {
    let Some(minimum) = view.param::<u32>("minTokenLength") else {
        return;
    };
    let token = view
        .env_var("OPENCLAW_GATEWAY_TOKEN")
        .filter(|marker| marker.set)
        .map(|marker| (marker, "OPENCLAW_GATEWAY_TOKEN"))
        .or_else(|| {
            view.secret("gateway.auth.token")
                .filter(|marker| marker.set)
                .map(|marker| (marker, "gateway.auth.token"))
        });
    let Some((marker, from)) = token else {
        return;
    };
    if marker.length < minimum {
        out.push(
            TOO_SHORT
                .finding(format!(
                    "The gateway token ({from}) has {} characters; Acme requires {minimum}.",
                    marker.length
                ))
                .at("gateway.auth.token"),
        );
    }
}

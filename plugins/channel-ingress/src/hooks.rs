//! The webhook settings as the hook checks read them: only when
//! `hooks.enabled` is true, the token as a secret marker (a plaintext
//! value, not a secret reference), and whether the gateway is reachable
//! beyond this host (bind other than loopback, or Tailscale Serve/Funnel),
//! which makes loose routing critical.

use pincer_sdk::{SecretMarker, View};
use serde_json::Value;

/// Whether hooks are switched on.
pub fn enabled(view: &View) -> bool {
    view.bool("hooks.enabled") == Some(true)
}

/// The length of the hooks token the gateway would use, when it is written
/// as a value (not a secret reference). A `${VAR}` whose variable is unset
/// stays in the config as the literal text `${VAR}`, so that is its length.
pub fn token_length(view: &View) -> Option<u32> {
    let marker: SecretMarker = view.secret("hooks.token")?;
    if marker.secret_ref {
        return None;
    }
    if marker.set {
        return Some(marker.length);
    }
    let unresolved = marker.placeholder.as_deref() == Some("unresolved");
    let name = marker.reference.as_deref().filter(|_| unresolved)?;
    u32::try_from(name.len() + 3).ok()
}

/// Whether the gateway is reachable beyond loopback.
pub fn remotely_exposed(view: &View) -> bool {
    let bind = view.str("gateway.bind").unwrap_or("loopback");
    let tailscale = view.str("gateway.tailscale.mode").unwrap_or("off");
    bind != "loopback" || matches!(tailscale, "serve" | "funnel")
}

/// A trimmed, non-empty string setting.
pub fn text<'a>(view: &'a View, path: &str) -> Option<&'a str> {
    view.str(path).map(str::trim).filter(|s| !s.is_empty())
}

/// Whether `hooks.allowedAgentIds` restricts anything: an array without a
/// `*` (even an empty one, which allows no agent).
pub fn agents_restricted(view: &View) -> bool {
    view.array("hooks.allowedAgentIds").is_some_and(|ids| {
        !ids.iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .any(|id| id == "*")
    })
}

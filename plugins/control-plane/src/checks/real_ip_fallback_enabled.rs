//! `gateway.real_ip_fallback_enabled`: the gateway takes the client address
//! from `X-Real-IP` when a trusted proxy sends no `X-Forwarded-For`.

use crate::gateway_auth::GatewayAuth;
use pincer_sdk::prelude::*;
use pincer_sdk::secret::js_trim;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.real_ip_fallback_enabled",
    severity: Severity::Warn,
    title: "Client address may come from X-Real-IP",
    description: "gateway.allowRealIpFallback makes the gateway believe X-Real-IP whenever a \
                  trusted proxy omits X-Forwarded-For. A proxy that passes a client's own \
                  X-Real-IP through lets that client pose as a local or allowlisted address. \
                  Critical when the gateway binds beyond loopback, or when trusted-proxy auth \
                  trusts a proxy that is not this host.",
    remediation: "Leave gateway.allowRealIpFallback false (the default) unless every trusted \
                  proxy overwrites X-Real-IP and cannot send X-Forwarded-For.",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Whether a `gateway.trustedProxies` entry names only this host's
/// loopback address: `127.0.0.1`, `::1`, `127.0.0.1/32` or `::1/128`.
/// Wider loopback ranges (`127.0.0.0/8`), spelled-out IPv6 forms and names
/// like `localhost` do not count.
pub fn is_strict_loopback_proxy(entry: &str) -> bool {
    let candidate = js_trim(entry);
    if candidate.is_empty() {
        return false;
    }
    let mut parts = candidate.split('/');
    let (Some(address), prefix) = (parts.next(), parts.next()) else {
        return false;
    };
    let Some(prefix) = prefix else {
        return candidate == "127.0.0.1" || candidate.to_lowercase() == "::1";
    };
    // Anything after a second slash is ignored, as the gateway ignores it.
    let address = js_trim(address);
    if address.is_empty() || prefix.is_empty() {
        return false;
    }
    match parse_prefix(prefix) {
        Some(32) => address == "127.0.0.1",
        Some(128) => address.to_lowercase() == "::1",
        _ => false,
    }
}

/// A prefix length written as a plain (optionally signed) decimal integer.
fn parse_prefix(text: &str) -> Option<u64> {
    let text = js_trim(text);
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits.trim_start_matches('0');
    if value.len() > 15 {
        return None;
    }
    if value.is_empty() {
        return Some(0);
    }
    value.parse().ok()
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    if view.bool("gateway.allowRealIpFallback") != Some(true) {
        return;
    }
    let auth = GatewayAuth::resolve(view);
    let remote_proxy = view.array("gateway.trustedProxies").is_some_and(|proxies| {
        proxies
            .iter()
            .any(|proxy| !proxy.as_str().is_some_and(is_strict_loopback_proxy))
    });
    let exposed = !auth.is_loopback() || (auth.mode == "trusted-proxy" && remote_proxy);
    let severity = if exposed {
        Severity::Critical
    } else {
        Severity::Warn
    };
    let detail = format!(
        "gateway.allowRealIpFallback is true (bind \"{}\", auth mode \"{}\", {} trusted proxies beyond this host).",
        auth.bind,
        auth.mode,
        if remote_proxy { "with" } else { "no" },
    );
    out.push(
        META.finding(detail)
            .with_severity(severity)
            .at("gateway.allowRealIpFallback"),
    );
}

#[cfg(test)]
mod tests {
    use super::is_strict_loopback_proxy;

    #[test]
    fn only_the_exact_loopback_host_counts() {
        for entry in [
            "127.0.0.1",
            " 127.0.0.1 ",
            "::1",
            "127.0.0.1/32",
            "::1/128",
            "127.0.0.1/ 32",
            "127.0.0.1/+32",
            "127.0.0.1/032",
            "127.0.0.1/32/9",
        ] {
            assert!(is_strict_loopback_proxy(entry), "{entry:?}");
        }
        for entry in [
            "",
            "  ",
            "localhost",
            "127.0.0.2",
            "127.0.0.0/8",
            "127.0.0.1/31",
            "0:0:0:0:0:0:0:1",
            "::1/127",
            "/32",
            "127.0.0.1/",
            "127.0.0.1/3 2",
            "10.0.0.5",
        ] {
            assert!(!is_strict_loopback_proxy(entry), "{entry:?}");
        }
    }
}

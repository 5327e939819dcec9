//! `gateway.trusted_proxies_broad` (Pincer's own, from the security
//! baseline): `gateway.trustedProxies` names whole networks instead of the
//! reverse proxy's addresses. Every address in a trusted range may set the
//! forwarded-for and identity headers the gateway believes.

use crate::gateway_auth::GatewayAuth;
use pincer_sdk::prelude::*;
use std::net::IpAddr;

/// The shortest IPv4 prefix that still names one site's network (a
/// container bridge is a /16).
const MIN_V4_PREFIX: u8 = 16;
/// The same for IPv6 (a site's allocation is a /48).
const MIN_V6_PREFIX: u8 = 48;

/// Declaration.
pub static META: CheckMeta = CheckMeta {
    id: "gateway.trusted_proxies_broad",
    severity: Severity::Warn,
    title: "Trusted proxies cover whole networks",
    description: "An entry of gateway.trustedProxies is a wildcard or a range wider than a \
                  site network (IPv4 shorter than /16, IPv6 shorter than /48). The gateway \
                  believes the X-Forwarded-For and identity headers of every address in it, so \
                  any host there can pose as a local client or, with trusted-proxy auth, as \
                  any user. Critical when the gateway authenticates by trusted-proxy headers \
                  or falls back to X-Real-IP.",
    remediation: "List only your reverse proxy's own addresses in gateway.trustedProxies (for \
                  example [\"127.0.0.1\"] for a proxy on this host).",
    references: &["https://docs.openclaw.ai/gateway/security"],
};

/// Why an entry is too broad, if it is.
fn too_broad(entry: &str) -> Option<String> {
    let entry = entry.trim();
    if entry == "*" {
        return Some(format!("`{entry}` matches every address"));
    }
    let (address, prefix) = entry.split_once('/')?;
    let address: IpAddr = address.parse().ok()?;
    let prefix: u8 = prefix.parse().ok()?;
    // An IPv4-mapped IPv6 range (`::ffff:0:0/96`) is an IPv4 range.
    let (address, prefix) = match address {
        IpAddr::V6(v6) if prefix >= 96 => match v6.to_ipv4_mapped() {
            Some(v4) => (IpAddr::V4(v4), prefix - 96),
            None => (address, prefix),
        },
        _ => (address, prefix),
    };
    let minimum = if address.is_ipv4() {
        MIN_V4_PREFIX
    } else {
        MIN_V6_PREFIX
    };
    (prefix < minimum).then(|| {
        let addresses = if address.is_ipv4() {
            format!("{} addresses", 1u64 << (32 - u32::from(prefix.min(32))))
        } else {
            "a whole IPv6 allocation".to_owned()
        };
        format!("`{entry}` covers {addresses}")
    })
}

/// Evaluates the check.
pub fn run(view: &View, out: &mut Findings) {
    let Some(entries) = view.array("gateway.trustedProxies") else {
        return;
    };
    let broad: Vec<String> = entries
        .iter()
        .filter_map(serde_json::Value::as_str)
        .filter_map(too_broad)
        .collect();
    if broad.is_empty() {
        return;
    }
    let auth = GatewayAuth::resolve(view);
    let header_trust =
        auth.mode == "trusted-proxy" || view.bool("gateway.allowRealIpFallback") == Some(true);
    let severity = if header_trust {
        Severity::Critical
    } else {
        Severity::Warn
    };
    let detail = format!(
        "gateway.trustedProxies is too broad: {}.{}",
        broad.join("; "),
        if header_trust {
            " The gateway trusts forwarded identity or address headers from all of them."
        } else {
            ""
        }
    );
    out.push(
        META.finding(detail)
            .with_severity(severity)
            .at("gateway.trustedProxies"),
    );
}

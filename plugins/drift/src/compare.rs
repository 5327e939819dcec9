//! The current posture, computed from the view exactly as the host records
//! it, next to the baseline's; and the orderings drift is judged by (how
//! sandboxed, how exposed, how much exec may do).

use pincer_sdk::View;
use pincer_sdk::baseline::{LaneExec, LanePosture, Posture, lanes, settings};
use pincer_sdk::exec::{Ask, Security};
use serde_json::Value;
use std::collections::BTreeMap;

/// The parts of the current posture drift compares.
pub struct Current {
    /// The defaults and every agent.
    pub lanes: Vec<LanePosture>,
    /// The security-relevant settings.
    pub settings: BTreeMap<String, Value>,
}

impl Current {
    /// Of the view.
    pub fn of(view: &View) -> Current {
        Current {
            lanes: lanes(view),
            settings: settings(view),
        }
    }
}

/// The lane of `previous` to compare `lane` with: the same lane, or, for
/// a lane that is new (an agent added since), the previous defaults.
pub fn previous_lane<'a>(previous: &'a Posture, lane: &LanePosture) -> Option<&'a LanePosture> {
    previous
        .lanes
        .iter()
        .find(|old| old.lane == lane.lane)
        .or_else(|| {
            previous
                .lanes
                .iter()
                .find(|old| old.lane == "agents.defaults")
        })
}

/// How sandboxed a mode is: `all` 2, `non-main` 1, anything else 0.
pub fn sandbox_rank(mode: &str) -> u8 {
    match mode {
        "all" => 2,
        "non-main" => 1,
        _ => 0,
    }
}

/// Whether a host name or address is a loopback one.
fn is_loopback_host(host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// How far the gateway listens: loopback (or unset, or a custom loopback
/// address) 0, tailnet 1, anything wider 2.
pub fn bind_rank(bind: Option<&str>, custom_host: Option<&str>) -> u8 {
    match bind {
        None | Some("loopback") => 0,
        Some("tailnet") => 1,
        Some("custom") if custom_host.is_some_and(is_loopback_host) => 0,
        Some(_) => 2,
    }
}

/// How far Tailscale publishes the gateway: off (or unset) 0, serve (the
/// tailnet) 1, funnel (the internet) 2.
pub fn tailscale_rank(mode: Option<&str>) -> u8 {
    match mode {
        Some("serve") => 1,
        Some("funnel") => 2,
        _ => 0,
    }
}

/// What loosened in a lane's exec policy from `before` to `now`, one
/// phrase each; nothing while exec is denied now.
pub fn exec_loosened(before: &LaneExec, now: &LaneExec) -> Vec<String> {
    let security = |exec: &LaneExec| Security::parse(&exec.security).unwrap_or(Security::Full);
    let ask = |exec: &LaneExec| Ask::parse(&exec.ask).unwrap_or(Ask::Off);
    let mut changes = Vec::new();
    if security(now) == Security::Deny {
        return changes;
    }
    if security(before) == Security::Deny {
        changes.push(format!("exec allowed again (security {})", now.security));
        if !now.in_sandbox {
            changes.push("on the host".to_owned());
        }
        return changes;
    }
    if before.in_sandbox && !now.in_sandbox {
        changes.push("commands run on the host instead of the sandbox".to_owned());
    }
    if security(now) > security(before) {
        changes.push(format!("security {} → {}", before.security, now.security));
    }
    if ask(now) < ask(before) {
        changes.push(format!("ask {} → {}", before.ask, now.ask));
    }
    changes
}

/// Whether a lane's exec runs any host command without asking: what
/// `tools.exec.full_without_approval` reports.
pub fn exec_unguarded(exec: &LaneExec) -> bool {
    !exec.in_sandbox && exec.security == "full" && exec.ask == "off"
}

/// An address or network (`10.0.0.1`, `10.0.0.0/8`, `fd00::/8`) as its
/// bits and prefix length, IPv4 mapped into IPv6.
fn network(text: &str) -> Option<(u128, u32)> {
    let (address, prefix) = match text.trim().split_once('/') {
        Some((address, prefix)) => (address, Some(prefix.parse::<u32>().ok()?)),
        None => (text.trim(), None),
    };
    let (bits, prefix) = match address.parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(v4) => (
            u128::from(v4.to_ipv6_mapped()),
            96 + prefix.unwrap_or(32).min(32),
        ),
        std::net::IpAddr::V6(v6) => (u128::from(v6), prefix.unwrap_or(128).min(128)),
    };
    Some((bits, prefix))
}

/// Whether every address `proxy` names was already trusted through
/// `known` (the same entry, or a network containing it).
pub fn covered_by(proxy: &str, known: &str) -> bool {
    if proxy.trim() == known.trim() {
        return true;
    }
    let (Some((inner, inner_prefix)), Some((outer, outer_prefix))) =
        (network(proxy), network(known))
    else {
        return false;
    };
    let mask = |prefix: u32| u128::MAX.checked_shl(128 - prefix).unwrap_or(0);
    inner_prefix >= outer_prefix && inner & mask(outer_prefix) == outer & mask(outer_prefix)
}

#[cfg(test)]
mod tests {
    use super::covered_by;

    #[test]
    fn a_narrower_or_equal_proxy_entry_is_covered() {
        assert!(covered_by("10.0.0.1", "0.0.0.0/0"));
        assert!(covered_by("10.1.2.0/24", "10.0.0.0/8"));
        assert!(covered_by("10.0.0.1", "10.0.0.1"));
        assert!(covered_by("fd00::1", "fd00::/8"));
        assert!(!covered_by("10.0.0.0/8", "10.1.2.0/24"));
        assert!(!covered_by("192.168.1.1", "10.0.0.0/8"));
        assert!(!covered_by("fd00::1", "10.0.0.0/8"));
        assert!(!covered_by("proxy.internal", "10.0.0.0/8"));
    }
}

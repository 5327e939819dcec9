//! Adversarial plugin `findings-flood`: returns as many findings as the config asks.

use pincer_sdk::prelude::*;

#[macro_use]
#[path = "../../common.rs"]
mod common;

attack_plugin!("findings-flood", "adversarial.flood", attack);

fn attack(view: &View, out: &mut Findings) {
    let count = view
        .get("plugins.entries.adversarial.config.findings")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(1_000_000);
    for n in 0..count {
        out.push(META.finding(format!("finding {n}")));
    }
}

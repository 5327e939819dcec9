//! Adversarial plugin `huge-finding`: returns one finding of several megabytes.

use pincer_sdk::prelude::*;

#[macro_use]
#[path = "../../common.rs"]
mod common;

attack_plugin!("huge-finding", "adversarial.huge", attack);

fn attack(view: &View, out: &mut Findings) {
    let megabytes = view
        .get("plugins.entries.adversarial.config.megabytes")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(8);
    let size = usize::try_from(megabytes).unwrap_or(8) << 20;
    out.push(META.finding("x".repeat(size)));
}

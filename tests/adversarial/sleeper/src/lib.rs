//! Adversarial plugin `sleeper`: on an empty installation (admission, `pincer
//! checks`) it returns at once; on a real config it blocks in one WASI host
//! call for an hour, the way `adversarial.sleep` says: `std` (the standard
//! library's sleep), `poll` (`wasi:io/poll.poll` on a clock pollable) or
//! `block` (the pollable's own `block`). Fuel does not tick and no wasm
//! runs while it waits: only a deadline around the host call can stop it.

use pincer_sdk::prelude::*;
use serde_json::Value;

#[macro_use]
#[path = "../../common.rs"]
mod common;

attack_plugin!("sleeper", "adversarial.sleep", attack);

const HOUR_NS: u64 = 3_600 * 1_000_000_000;

fn attack(view: &View, out: &mut Findings) {
    let Some(how) = view
        .get("plugins.entries.adversarial.config.sleep")
        .and_then(Value::as_str)
    else {
        return;
    };
    match how {
        "poll" => {
            let clock = wasip2::clocks::monotonic_clock::subscribe_duration(HOUR_NS);
            let _ = wasip2::io::poll::poll(&[&clock]);
        }
        "block" => wasip2::clocks::monotonic_clock::subscribe_duration(HOUR_NS).block(),
        _ => std::thread::sleep(std::time::Duration::from_hours(1)),
    }
    out.push(META.finding("woke up after an hour"));
}

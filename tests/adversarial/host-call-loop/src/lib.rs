//! Adversarial plugin `host-call-loop`: calls host functions in a busy loop.

use pincer_sdk::prelude::*;

#[macro_use]
#[path = "../../common.rs"]
mod common;

attack_plugin!("host-call-loop", "adversarial.host_calls", attack);

fn attack(view: &View, out: &mut Findings) {
    let _ = view;
    let mut calls: u64 = 0;
    loop {
        let answer = pincer_sdk::bindings::pincer::audit::config::get("gateway.bind");
        calls = calls.wrapping_add(1 + u64::from(answer.is_some()));
        if calls == u64::MAX {
            out.push(META.finding("unreachable"));
        }
    }
}

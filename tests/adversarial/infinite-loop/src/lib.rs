//! Adversarial plugin `infinite-loop`: spins forever without calling the host.

use pincer_sdk::prelude::*;

#[macro_use]
#[path = "../../common.rs"]
mod common;

attack_plugin!("infinite-loop", "adversarial.loop", attack);

fn attack(view: &View, out: &mut Findings) {
    let _ = view;
    let mut counter: u64 = 0;
    loop {
        counter = std::hint::black_box(counter.wrapping_add(1));
        if counter == u64::MAX {
            out.push(META.finding("unreachable"));
        }
    }
}

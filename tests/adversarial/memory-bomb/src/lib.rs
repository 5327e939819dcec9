//! Adversarial plugin `memory-bomb`: allocates until memory runs out.

use pincer_sdk::prelude::*;

#[macro_use]
#[path = "../../common.rs"]
mod common;

attack_plugin!("memory-bomb", "adversarial.memory", attack);

fn attack(view: &View, out: &mut Findings) {
    let _ = view;
    let mut hoard: Vec<Vec<u8>> = Vec::new();
    loop {
        hoard.push(vec![0xA5; 1 << 20]);
        if hoard.len() == usize::MAX {
            out.push(META.finding("unreachable"));
        }
    }
}

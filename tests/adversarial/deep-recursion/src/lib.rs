//! Adversarial plugin `deep-recursion`: recurses until the stack overflows.

use pincer_sdk::prelude::*;

#[macro_use]
#[path = "../../common.rs"]
mod common;

attack_plugin!("deep-recursion", "adversarial.recursion", attack);

fn attack(view: &View, out: &mut Findings) {
    let depth = if view.str("plugins.entries.adversarial.config.frames") == Some("large") {
        recurse_large(std::hint::black_box(1))
    } else {
        recurse_small(1)
    };
    out.push(META.finding(format!("returned from depth {depth}")));
}

/// Frames that live on the wasm call stack: exhausts the engine's stack.
fn recurse_small(depth: u64) -> u64 {
    if depth == u64::MAX {
        return 0;
    }
    recurse_small(depth + 1)
        .wrapping_mul(31)
        .wrapping_add(depth)
}

/// Frames with an array on Rust's shadow stack in linear memory: runs off the
/// bottom of memory, which traps as an out-of-bounds access.
fn recurse_large(depth: u64) -> u64 {
    let frame = std::hint::black_box([depth; 64]);
    if depth == u64::MAX {
        frame[0]
    } else {
        recurse_large(depth + 1).wrapping_add(frame[1])
    }
}

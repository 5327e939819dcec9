//! Adversarial plugin `id-thief`: claims a built-in plugin's check id.

use pincer_sdk::prelude::*;

#[macro_use]
#[path = "../../common.rs"]
mod common;

attack_plugin!("id-thief", "gateway.bind_no_auth", attack);

fn attack(view: &View, out: &mut Findings) {
    let _ = view;
    out.push(META.finding("all is well, nothing to see"));
}

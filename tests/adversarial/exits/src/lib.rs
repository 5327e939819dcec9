//! Adversarial plugin `exits`: calls exit instead of returning.

use pincer_sdk::prelude::*;

#[macro_use]
#[path = "../../common.rs"]
mod common;

attack_plugin!("exits", "adversarial.exit", attack);

fn attack(view: &View, out: &mut Findings) {
    let _ = view;
    if std::hint::black_box(true) {
        std::process::exit(3);
    }
    out.push(META.finding("unreachable"));
}

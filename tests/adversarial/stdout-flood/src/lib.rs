//! Adversarial plugin `stdout-flood`: prints megabytes to stdout.

#![allow(clippy::print_stdout, reason = "flooding stdout is the attack")]

use pincer_sdk::prelude::*;

#[macro_use]
#[path = "../../common.rs"]
mod common;

attack_plugin!("stdout-flood", "adversarial.stdout", attack);

fn attack(view: &View, out: &mut Findings) {
    let _ = view;
    let line = "flood ".repeat(1_000);
    for _ in 0..10_000 {
        println!("{line}");
    }
    out.push(META.finding("printed 60 MB"));
}

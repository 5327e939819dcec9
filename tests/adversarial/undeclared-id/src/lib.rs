//! Adversarial plugin `undeclared-id`: reports a check id it never declared.

use pincer_sdk::prelude::*;

#[macro_use]
#[path = "../../common.rs"]
mod common;

attack_plugin!("undeclared-id", "adversarial.declared", attack);

fn attack(view: &View, out: &mut Findings) {
    let _ = view;
    out.push(META.finding("a declared finding, which stands"));
    let mut forged = META.finding("a finding under an id nobody declared");
    "gateway.totally_fine".clone_into(&mut forged.check_id);
    out.push(forged);
}

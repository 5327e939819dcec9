//! The passes of the report pipeline, each moving or annotating findings
//! and none sorting or counting (`pipeline::finish` does, once).

pub mod baseline;
pub mod config_suppressions;
pub mod locate;
pub mod new_critical;
pub mod pack;
pub mod rules;

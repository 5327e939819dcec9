//! The passes of the report pipeline, each moving or annotating findings
//! and none sorting or counting (`pipeline::finish` does, once).

pub(crate) mod baseline;
pub(crate) mod config_invalid;
pub(crate) mod config_suppressions;
pub(crate) mod locate;
pub(crate) mod new_critical;
pub(crate) mod pack;
pub(crate) mod rules;

//! The report of an audit: its model, the host's own checks, and the one
//! pipeline that makes it — runs merged, passes applied, finished
//! (sorted and counted once); baselines compare reports. Its renderers are
//! in `render/`, its policy inputs in `policy/`.

pub(crate) mod aggregate;
pub(crate) mod baseline;
pub(crate) mod host_checks;
pub(crate) mod model;
pub(crate) mod passes;
pub(crate) mod pipeline;

pub(crate) use aggregate::exit_code;
pub(crate) use model::Report;

//! The report of an audit: its model, the host's own checks, and the one
//! pipeline that makes it — runs merged, passes applied, finished
//! (sorted and counted once); baselines compare reports. Its renderers are
//! in `render/`, its policy inputs in `policy/`.

mod aggregate;
pub mod baseline;
pub mod host_checks;
pub mod model;
pub mod passes;
pub mod pipeline;

pub use aggregate::{aggregate, exit_code};
pub use model::Report;

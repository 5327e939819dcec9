//! The report of an audit: its model, aggregation, locations, baselines
//! and suppressions (its renderers are in `render/`).

mod aggregate;
pub mod baseline;
pub mod locate;
pub mod model;

pub use aggregate::{aggregate, exit_code};
pub(crate) use aggregate::{sort_findings, summarize};
pub use model::Report;

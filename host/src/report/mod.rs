//! The report of an audit: its model, aggregation and renderers.

mod aggregate;
pub mod baseline;
pub mod fleet;
pub mod html;
pub mod json;
pub mod junit;
pub mod locate;
pub mod markdown;
pub mod model;
pub mod sarif;
pub mod suppress;
pub mod table;

pub use aggregate::{aggregate, exit_code};
pub(crate) use aggregate::{sort_findings, summarize};
pub use model::Report;

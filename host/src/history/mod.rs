//! Audit history (`pincer audit --history DIR`, `pincer history`): each
//! audit can record its report and a posture snapshot (`posture.rs`) as
//! one entry file (`entry.rs`) in a directory of its own (`store.rs`,
//! with retention by count and age); each entry is the previous run the
//! report's new-critical pass compares with; `render/history.rs` shows the runs over
//! time as a table, JSON or a page with a trend chart.

pub(crate) mod entry;
pub(crate) mod posture;
pub(crate) mod store;

pub(crate) use entry::Entry;
pub(crate) use posture::{Posture, posture_of};
pub(crate) use store::{HistoryDir, Retention};

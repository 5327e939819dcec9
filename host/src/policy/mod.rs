//! What the operator decides about an audit: `pincer.toml` settings,
//! plugins' parameters, rule packs and suppressions. The report's passes
//! take these as inputs; nothing here reads the installation.

pub mod pack;
pub mod params;
pub mod settings;
pub mod suppress;

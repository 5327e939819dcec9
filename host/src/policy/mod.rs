//! What the operator decides about an audit: `pincer.toml` settings,
//! plugins' parameters, rule packs and suppressions. The report's passes
//! take these as inputs; nothing here reads the installation.

pub(crate) mod pack;
pub(crate) mod params;
pub(crate) mod settings;
pub(crate) mod suppress;

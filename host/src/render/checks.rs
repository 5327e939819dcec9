//! `pincer checks` as a table: one line a check (id, severity, category,
//! title), ids aligned.

use crate::runtime::info::PluginInfo;
use std::io::{self, Write};

/// Writes every check of `plugins`, in their order.
pub(crate) fn table(plugins: &[&PluginInfo], out: &mut dyn Write) -> io::Result<()> {
    let width = plugins
        .iter()
        .flat_map(|info| &info.checks)
        .map(|check| check.id.len())
        .max()
        .unwrap_or(0);
    for check in plugins.iter().flat_map(|info| &info.checks) {
        writeln!(
            out,
            "{:<width$}  {:<8}  {:<16}  {}",
            check.id,
            check.default_severity.as_str(),
            check.category,
            check.title
        )?;
    }
    Ok(())
}

//! Every renderer of Pincer's output, each `(&model, &mut dyn Write) ->
//! io::Result<()>`: the audit report as a table, JSON, SARIF, JUnit,
//! Markdown or an HTML page; a fleet; the checks and their catalogue;
//! the difference of two reports; the history.
//! Renderers format; they neither collect, decide nor choose where to
//! write. Plugin text arrives sanitized (`text.rs`); each format escapes
//! for itself on top.

pub mod cases;
pub mod catalogue;
pub mod checks;
pub mod diff;
pub mod fleet;
pub mod history;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod table;

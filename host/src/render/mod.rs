//! Every renderer of Pincer's output, each `(&model, &mut dyn Write) ->
//! io::Result<()>`: the audit report as a table, JSON, SARIF, JUnit,
//! Markdown or an HTML page; a fleet; the checks and their catalogue;
//! the difference of two reports; the history.
//! Renderers format; they neither collect, decide nor choose where to
//! write. Plugin text arrives sanitized (`text.rs`); each format escapes
//! for itself on top.

pub(crate) mod cases;
pub(crate) mod catalogue;
pub(crate) mod checks;
pub(crate) mod diff;
pub(crate) mod fleet;
pub(crate) mod history;
pub(crate) mod history_rows;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod junit;
pub(crate) mod markdown;
pub(crate) mod refusal;
pub(crate) mod sarif;
pub(crate) mod table;

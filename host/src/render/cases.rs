//! `pincer test` as a table: one line per case, what a failed case
//! missed or did not expect, and the totals.

use crate::testcases::outcome::Summary;
use anstyle::{AnsiColor, Style};
use std::io::Write;

/// Writes the summary of `pincer test`.
pub(crate) fn render(summary: &Summary, out: &mut dyn Write) -> std::io::Result<()> {
    const BOLD: Style = Style::new().bold();
    const DIM: Style = Style::new().dimmed();
    let ok = AnsiColor::Green.on_default().bold();
    let fail = AnsiColor::Red.on_default().bold();
    writeln!(
        out,
        "{BOLD}pincer test{BOLD:#} {} {} {DIM}({}){DIM:#}: {} case(s)",
        summary.plugin,
        summary.version,
        summary.file,
        summary.cases.len()
    )?;
    for outcome in &summary.cases {
        if outcome.passed {
            writeln!(out, "  {ok}ok{ok:#}    {}", outcome.name)?;
            continue;
        }
        writeln!(out, "  {fail}FAIL{fail:#}  {}", outcome.name)?;
        if !outcome.description.is_empty() {
            writeln!(out, "        {DIM}{}{DIM:#}", outcome.description)?;
        }
        for pair in &outcome.verdict.missing {
            writeln!(out, "        - missing     {pair}")?;
        }
        for pair in &outcome.verdict.unexpected {
            writeln!(out, "        + unexpected  {pair}")?;
        }
        for path in &outcome.verdict.missing_issues {
            writeln!(
                out,
                "        - missing     config issue at {}",
                crate::text::shown(path)
            )?;
        }
        for path in &outcome.verdict.unexpected_issues {
            writeln!(
                out,
                "        + unexpected  config issue at {}",
                crate::text::shown(path)
            )?;
        }
        if let Some(error) = &outcome.verdict.error {
            writeln!(out, "        ! {error}")?;
        }
    }
    let style = if summary.failed == 0 { ok } else { fail };
    writeln!(
        out,
        "{style}{} passed, {} failed{style:#}",
        summary.passed, summary.failed
    )
}

//! The JUnit XML renderer, for CI systems that show test results: a test
//! suite per plugin, a test case per declared check; a check with findings
//! fails (every finding in the failure's text), one whose findings are all
//! suppressed is skipped, and a plugin that failed is an error case of its
//! own, so an incomplete audit never reads as all green.

use crate::report::model::{Report, ReportFinding};
use pincer_sdk::id_matches;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Whether XML 1.0 allows `c` in a document at all (its `Char`
/// production): tab, line feed, carriage return, and the planes without
/// the surrogates, U+FFFE and U+FFFF.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text made safe for XML content and attribute values: markup escaped,
/// and every character XML 1.0 forbids (or that could act on a reader:
/// other controls, format characters) replaced, so the document stays
/// well-formed whatever a plugin returned.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\n' | '\t' => escaped.push(ch),
            c if !xml_char(c) || crate::text::is_hazard(c) => escaped.push('\u{FFFD}'),
            c => escaped.push(c),
        }
    }
    escaped
}

fn of_check<'a>(findings: &'a [ReportFinding], id: &str) -> Vec<&'a ReportFinding> {
    findings
        .iter()
        .filter(|finding| id_matches(id, &finding.finding.check_id))
        .collect()
}

fn failure_text(findings: &[&ReportFinding]) -> String {
    let mut text = String::new();
    for finding in findings {
        let _ = writeln!(
            text,
            "[{}] {}: {}",
            finding.finding.severity.as_str(),
            finding.finding.check_id,
            finding.finding.detail
        );
        if let Some(remediation) = &finding.finding.remediation {
            let _ = writeln!(text, "  fix: {remediation}");
        }
    }
    text
}

/// Writes the report as JUnit XML.
pub(crate) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut suites = String::new();
    let (mut total_tests, mut total_failures, mut total_errors) = (0, 0, 0);
    for plugin in &report.plugins {
        let checks: Vec<_> = report
            .checks
            .iter()
            .filter(|check| check.plugin == plugin.name)
            .collect();
        let mut cases = String::new();
        let (mut tests, mut failures, mut errors, mut skipped) = (0, 0, 0, 0);
        if let Some(failure) = &plugin.failure {
            tests += 1;
            errors += 1;
            let _ = writeln!(
                cases,
                "    <testcase classname=\"pincer.{name}\" name=\"plugin {name} ran\">\n      \
                 <error message=\"{message}\" type=\"plugin-failure\"/>\n    </testcase>",
                name = escape(&plugin.name),
                message = escape(&failure.to_string()),
            );
        }
        for check in checks {
            tests += 1;
            let found = of_check(&report.findings, &check.info.id);
            let suppressed = of_check(&report.suppressed_findings, &check.info.id);
            let _ = write!(
                cases,
                "    <testcase classname=\"pincer.{}\" name=\"{}\">",
                escape(&plugin.name),
                escape(&check.info.id)
            );
            if let Some(worst) = found.iter().map(|f| f.finding.severity).max() {
                failures += 1;
                let _ = write!(
                    cases,
                    "\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    ",
                    escape(&check.info.title),
                    worst.as_str(),
                    escape(&failure_text(&found))
                );
            } else if !suppressed.is_empty() {
                skipped += 1;
                let _ = write!(
                    cases,
                    "\n      <skipped message=\"suppressed: {}\"/>\n    ",
                    escape(&failure_text(&suppressed).replace('\n', " "))
                );
            }
            cases.push_str("</testcase>\n");
        }
        total_tests += tests;
        total_failures += failures;
        total_errors += errors;
        let _ = write!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" \
             skipped=\"{skipped}\">\n{cases}  </testsuite>\n",
            escape(&plugin.name)
        );
    }
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pincer audit {}\" \
         tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"{total_errors}\">\n\
         {suites}</testsuites>\n",
        escape(&report.target.config)
    )
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn xml_special_and_control_characters_are_escaped() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(escape("x\u{1b}[31m"), "x\u{FFFD}[31m");
    }
}

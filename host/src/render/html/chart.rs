//! Inline SVG charts for the HTML report: findings by severity, and by
//! threat category split by severity. Sizes are attributes, not styles, so
//! the page's Content-Security-Policy needs no inline-style exception.

use super::escape;
use crate::report::model::{Report, ReportFinding, Summary};
use pincer_sdk::Severity;
use std::collections::BTreeMap;
use std::io::{self, Write};

const BAR_WIDTH: usize = 260;
const ROW_HEIGHT: usize = 24;
const LABEL_WIDTH: usize = 150;

fn colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "#c62828",
        Severity::Warn => "#e08600",
        Severity::Info => "#1e6fd9",
    }
}

/// Findings of one category, by severity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct CategoryCounts {
    /// The category.
    pub name: String,
    /// Counts: critical, warn, info.
    pub counts: [usize; 3],
}

impl CategoryCounts {
    fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

const ORDER: [Severity; 3] = [Severity::Critical, Severity::Warn, Severity::Info];

fn slot(severity: Severity) -> usize {
    match severity {
        Severity::Critical => 0,
        Severity::Warn => 1,
        Severity::Info => 2,
    }
}

/// The report's findings counted per category, largest first.
pub(super) fn by_category(
    report: &Report,
    category_of: impl Fn(&ReportFinding) -> String,
) -> Vec<CategoryCounts> {
    let mut map: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for finding in &report.findings {
        map.entry(category_of(finding)).or_default()[slot(finding.finding.severity)] += 1;
    }
    let mut rows: Vec<CategoryCounts> = map
        .into_iter()
        .map(|(name, counts)| CategoryCounts { name, counts })
        .collect();
    rows.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.name.cmp(&b.name)));
    rows
}

/// Width in pixels of `count` on a bar whose largest value is `max`.
fn scaled(count: usize, max: usize) -> usize {
    if max == 0 {
        0
    } else {
        (count * BAR_WIDTH).div_ceil(max)
    }
}

/// Opens a chart's figure and SVG canvas.
fn open(out: &mut dyn Write, id: &str, caption: &str, height: usize) -> io::Result<()> {
    let width = LABEL_WIDTH + BAR_WIDTH + 50;
    writeln!(
        out,
        "<figure class=\"chart\" id=\"chart-{id}\"><figcaption>{caption}</figcaption>\
         <svg role=\"img\" aria-label=\"findings {}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">",
        caption.to_lowercase()
    )
}

/// One bar per severity.
pub(super) fn severity(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    let counts = [summary.critical, summary.warn, summary.info];
    let max = counts.iter().copied().max().unwrap_or(0);
    open(
        out,
        "severity",
        "By severity",
        ROW_HEIGHT * counts.len() + 8,
    )?;
    for (row, (severity, count)) in ORDER.iter().zip(counts).enumerate() {
        let y = row * ROW_HEIGHT + 4;
        let bar = scaled(count, max);
        writeln!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{bar}\" height=\"{}\" fill=\"{}\"><title>{count} {}</title></rect><text x=\"{}\" y=\"{}\">{count}</text>",
            y + 15,
            severity.as_str(),
            ROW_HEIGHT - 6,
            colour(*severity),
            severity.as_str(),
            LABEL_WIDTH + bar + 6,
            y + 15
        )?;
    }
    writeln!(out, "</svg></figure>")
}

/// One stacked bar per category.
pub(super) fn categories(rows: &[CategoryCounts], out: &mut dyn Write) -> io::Result<()> {
    let max = rows.iter().map(CategoryCounts::total).max().unwrap_or(0);
    open(
        out,
        "category",
        "By category",
        ROW_HEIGHT * rows.len().max(1) + 8,
    )?;
    if rows.is_empty() {
        writeln!(out, "<text x=\"0\" y=\"19\">no findings</text>")?;
    }
    for (index, row) in rows.iter().enumerate() {
        let y = index * ROW_HEIGHT + 4;
        writeln!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text>",
            y + 15,
            escape(&row.name)
        )?;
        let mut x = LABEL_WIDTH;
        for (severity, count) in ORDER.iter().zip(row.counts) {
            if count == 0 {
                continue;
            }
            let bar = scaled(count, max);
            writeln!(
                out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{}\" fill=\"{}\"><title>{}: {count} {}</title></rect>",
                ROW_HEIGHT - 6,
                colour(*severity),
                escape(&row.name),
                severity.as_str()
            )?;
            x += bar;
        }
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            x + 6,
            y + 15,
            row.total()
        )?;
    }
    writeln!(out, "</svg></figure>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest() {
        assert_eq!(scaled(0, 0), 0);
        assert_eq!(scaled(5, 10), BAR_WIDTH / 2);
        assert_eq!(scaled(10, 10), BAR_WIDTH);
        assert!(scaled(1, 1000) >= 1, "a non-zero count stays visible");
    }
}

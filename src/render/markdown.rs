//! Markdown: a pipe table for pasting into documents, in the view's
//! language.

use crate::render::View;
use crate::render::fixed::Align;
use crate::render::table::{Column, caption, report_cells, report_header};
use crate::report::Report;

/// The table's columns but the bar, which a proportional font would not
/// line up.
pub fn report(report: &Report, view: &View) -> String {
    let columns = Column::of(report, false);
    let header = report_header(report, &columns, view.lang);
    let mut out = format!("**{}**\n\n", caption(report, view.lang));
    out += &line(&header);
    let align: Vec<String> = columns
        .iter()
        .map(|c| match c.align() {
            Align::Left => "---",
            Align::Right => "---:",
        })
        .map(String::from)
        .collect();
    out += &line(&align);
    for row in &report.rows {
        out += &line(&report_cells(row, &columns, report.tree_order, view.lang));
    }
    out
}

pub fn line(cells: &[String]) -> String {
    let escaped: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
    format!("| {} |\n", escaped.join(" | "))
}

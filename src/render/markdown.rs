//! Markdown: a pipe table for pasting into documents, in the view's
//! language.

use crate::render::View;
use crate::render::table::{Extra, caption, report_cells, report_header};
use crate::report::Report;

pub fn report(report: &Report, view: &View) -> String {
    let header = report_header(view.lang, Extra::of(report));
    let mut out = format!("**{}**\n\n", caption(report, view.lang));
    out += &line(&header);
    let align: Vec<String> = (0..header.len())
        .map(|i| if i == 0 || i == 7 { "---" } else { "---:" }.to_string())
        .collect();
    out += &line(&align);
    for row in &report.rows {
        out += &line(&report_cells(row, report.tree_order, view.lang));
    }
    out
}

pub fn line(cells: &[String]) -> String {
    let escaped: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
    format!("| {} |\n", escaped.join(" | "))
}

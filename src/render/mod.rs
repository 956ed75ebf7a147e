//! Results to text: one file per output format. Renderers return strings;
//! only `main` prints.

use crate::lang::Lang;

pub mod breakdown;
pub mod csv;
pub mod fixed;
pub mod html;
pub mod json;
pub mod lists;
pub mod markdown;
pub mod table;
pub mod xlsx;

/// Output formats of `report`; lists know all but Markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    Html,
}

/// How text for people is laid out.
#[derive(Clone, Copy, Debug)]
pub struct View {
    pub lang: Lang,
    /// Colour status cells.
    pub color: bool,
    /// The width tables are fitted to.
    pub width: u16,
}

/// Shown where a value is absent (no quota, no percent).
pub const NONE: &str = "—";

/// The width of the terminal on stdout, if it is one.
pub fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width()
}

/// The report in the requested format.
pub fn report(
    report: &crate::report::Report,
    format: Format,
    view: &View,
) -> anyhow::Result<String> {
    match format {
        Format::Table => Ok(table::report(report, view)),
        Format::Markdown => Ok(markdown::report(report, view)),
        Format::Html => Ok(html::report(report, view)),
        Format::Json => json::report(report),
        Format::Csv => csv::report(report),
    }
}

//! Results to text: one file per output format. Renderers return strings;
//! only `main` prints.

use crate::lang::Lang;

pub mod breakdown;
pub mod check;
pub mod csv;
pub mod fixed;
pub mod html;
pub mod json;
pub mod lists;
pub mod markdown;
pub mod pipeline;
pub mod table;
#[cfg(feature = "xlsx")]
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

/// A result that can be written in every output format: text for people
/// or scripts, CSV for a spreadsheet, a workbook.
pub trait Document {
    fn text(&self, format: Format, view: &View) -> anyhow::Result<String>;
    /// CSV for Excel: a BOM, and cells Excel would run as formulas made
    /// harmless; in Vietnamese, what Excel on a Vietnamese Windows opens
    /// into columns (headers in Vietnamese, `;`, a decimal comma).
    fn csv_for_excel(&self, lang: Lang) -> anyhow::Result<String>;
    fn workbook(&self, view: &View) -> anyhow::Result<Vec<u8>>;
}

impl Document for crate::report::Report {
    fn text(&self, format: Format, view: &View) -> anyhow::Result<String> {
        report(self, format, view)
    }
    fn csv_for_excel(&self, lang: Lang) -> anyhow::Result<String> {
        csv::report_for_excel(self, lang)
    }
    #[cfg(feature = "xlsx")]
    fn workbook(&self, view: &View) -> anyhow::Result<Vec<u8>> {
        xlsx::report(self, view)
    }
    #[cfg(not(feature = "xlsx"))]
    fn workbook(&self, _: &View) -> anyhow::Result<Vec<u8>> {
        no_workbooks()
    }
}

impl Document for crate::report::breakdown::Breakdown {
    fn text(&self, format: Format, view: &View) -> anyhow::Result<String> {
        breakdown::render(self, format, view)
    }
    fn csv_for_excel(&self, lang: Lang) -> anyhow::Result<String> {
        breakdown::csv_for_excel(self, lang)
    }
    #[cfg(feature = "xlsx")]
    fn workbook(&self, view: &View) -> anyhow::Result<Vec<u8>> {
        breakdown::xlsx(self, view)
    }
    #[cfg(not(feature = "xlsx"))]
    fn workbook(&self, _: &View) -> anyhow::Result<Vec<u8>> {
        no_workbooks()
    }
}

/// The refusal of a build without the `xlsx` feature.
#[cfg(not(feature = "xlsx"))]
fn no_workbooks() -> anyhow::Result<Vec<u8>> {
    bail_t!(
        "this quota was built without Excel workbooks (the cargo feature xlsx); write --format csv, which Excel opens, or install quota with its default features.",
        "bản quota này được dựng không có sổ tính Excel (tính năng xlsx của cargo); hãy ghi --format csv, Excel mở được, hoặc cài quota với các tính năng mặc định."
    )
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

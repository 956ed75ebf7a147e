//! The report as an Excel workbook: a sheet with numbers as numbers,
//! percentages as percent cells, the header frozen, the tree indented, and
//! a bar chart of percent by organisation; a second sheet with the year's
//! burn-up (cumulative admissions by month against the pace) and its chart.

use anyhow::Result;
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, ChartType, Format,
    FormatAlign, Workbook,
};

use crate::model::Metric;
use crate::render::View;
use crate::render::table::{burn_up_words, caption, counted_word, span_label, status_word};
use crate::report::{BurnUp, Report};

/// The row of the column headers; the caption is above it.
const HEADER: u32 = 1;

/// The most bars a chart gets: beyond that it is unreadable.
const CHART_ROWS: usize = 60;

/// Column headers, in the view's language.
pub fn header(report: &Report, view: &View) -> Vec<&'static str> {
    let l = view.lang;
    vec![
        l.pick("Organisation", "Tổ chức"),
        l.pick("ID", "Mã"),
        l.pick("Quota", "Chỉ tiêu"),
        counted_word(report.metric, l),
        l.pick("Percent", "Tỷ lệ"),
        l.pick("Remaining", "Còn lại"),
        l.pick("Allocated", "Đã giao"),
        l.pick("Expected", "Cần đạt"),
        l.pick("Status", "Tình trạng"),
    ]
}

/// The workbook's bytes.
pub fn report(report: &Report, view: &View) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let period = report.period.to_string();
    sheet.set_name(format!("{} {period}", view.lang.pick("Report", "Báo cáo")))?;

    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let digits = "0".repeat(usize::from(report.precision));
    let percent = Format::new().set_num_format(if digits.is_empty() {
        "0%".to_string()
    } else {
        format!("0.{digits}%")
    });
    let integer = Format::new().set_num_format("#,##0");

    // The caption above the header: what the numbers are, and as of when.
    let title = Format::new().set_bold().set_font_size(13);
    sheet.write_string_with_format(0, 0, caption(report, view.lang), &title)?;
    for (col, h) in header(report, view).iter().enumerate() {
        sheet.write_string_with_format(HEADER, u16::try_from(col)?, *h, &bold)?;
    }
    sheet.set_freeze_panes(HEADER + 1, 0)?;

    let mut widest = 12usize;
    for (i, r) in report.rows.iter().enumerate() {
        let row = HEADER + 1 + u32::try_from(i)?;
        let depth = if report.tree_order { r.depth } else { 0 };
        let indent = Format::new().set_indent(u8::try_from(depth.min(15))?);
        sheet.write_string_with_format(row, 0, &r.name, &indent)?;
        widest = widest.max(r.name.chars().count() + 2 * depth);
        sheet.write_string(row, 1, &r.id)?;
        let numbers = [
            (2, r.quota),
            (3, Some(r.admitted)),
            (5, r.remaining),
            (6, r.allocated),
            (7, r.expected),
        ];
        for (col, n) in numbers {
            if let Some(n) = n {
                sheet.write_number_with_format(row, col, n as f64, &integer)?;
            }
        }
        if let Some(p) = r.percent {
            sheet.write_number_with_format(row, 4, p.fraction(), &percent)?;
        }
        sheet.write_string(row, 8, status_word(r.status, view.lang))?;
    }
    sheet.set_column_width(0, widest.min(60) as f64)?;
    sheet.set_column_width(1, 14)?;
    for col in 2..=7 {
        sheet.set_column_width(col, 11)?;
    }
    sheet.set_column_width(8, 13)?;

    let n = report.rows.len().min(CHART_ROWS);
    if n > 0 {
        let name = sheet.name();
        let (first, last) = (HEADER + 1, HEADER + u32::try_from(n)?);
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_categories((name.as_str(), first, 0, last, 0))
            .set_values((name.as_str(), first, 4, last, 4))
            .set_name(view.lang.pick("Percent of quota", "Tỷ lệ so với chỉ tiêu"));
        chart.title().set_name(&caption(report, view.lang));
        chart.legend().set_hidden();
        // Bars in the order of the rows, top to bottom.
        chart.y_axis().set_reverse();
        chart.x_axis().set_num_format("0%");
        chart
            .set_width(640)
            .set_height(u32::try_from(120 + 22 * n)?);
        sheet.insert_chart(HEADER, 10, &chart)?;
    }
    if let Some(burn) = &report.burn_up {
        burn_up_sheet(&mut book, burn, report.metric, view)?;
    }
    Ok(book.save_to_buffer()?)
}

/// The second sheet: the tops' cumulative admissions month by month
/// against the pace and the quota, as numbers and as a line chart.
fn burn_up_sheet(book: &mut Workbook, burn: &BurnUp, metric: Metric, view: &View) -> Result<()> {
    let l = view.lang;
    let sheet = book.add_worksheet();
    sheet.set_name(l.pick("Burn-up", "Tiến độ"))?;
    let name = sheet.name();
    let bold = Format::new().set_bold().set_text_wrap();
    let integer = Format::new().set_num_format("#,##0");
    let (title, counted) = burn_up_words(metric, l);
    sheet.write_string_with_format(0, 0, title, &Format::new().set_bold().set_font_size(13))?;
    let words = [
        l.pick("Month", "Tháng"),
        counted,
        l.pick("Pace", "Tiến độ cần đạt"),
        l.pick("Quota", "Chỉ tiêu"),
    ];
    for (col, w) in words.iter().enumerate() {
        sheet.write_string_with_format(HEADER, u16::try_from(col)?, *w, &bold)?;
    }
    let one_year =
        burn.points.first().map(|p| p.month.year) == burn.points.last().map(|p| p.month.year);
    for (i, p) in burn.points.iter().enumerate() {
        let row = HEADER + 1 + u32::try_from(i)?;
        sheet.write_string(row, 0, span_label(p.month, one_year, l))?;
        let cells = [(1, p.admitted), (2, p.expected), (3, burn.quota)];
        for (col, n) in cells {
            if let Some(n) = n {
                sheet.write_number_with_format(row, col, n as f64, &integer)?;
            }
        }
    }
    sheet.set_column_width(0, 12)?;
    for col in 1..=3 {
        sheet.set_column_width(col, 16)?;
    }
    let n = u32::try_from(burn.points.len())?;
    if n == 0 {
        return Ok(());
    }
    let (first, last) = (HEADER + 1, HEADER + n);
    let mut chart = Chart::new(ChartType::Line);
    for col in 1..=3u16 {
        if col > 1 && burn.quota.is_none() {
            break;
        }
        let series = chart
            .add_series()
            .set_categories((name.as_str(), first, 0, last, 0))
            .set_values((name.as_str(), first, col, last, col))
            .set_name((name.as_str(), HEADER, col));
        if col == 2 {
            series.set_format(
                ChartFormat::new()
                    .set_line(ChartLine::new().set_dash_type(ChartLineDashType::Dash)),
            );
        }
    }
    chart.title().set_name(title);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(720).set_height(360);
    sheet.insert_chart(HEADER, 5, &chart)?;
    Ok(())
}

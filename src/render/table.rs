//! Tables for the terminal (comfy-table): the tree by indentation, numbers
//! right-aligned and written the way the language writes them.

use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table, TableStyle};

use crate::date::Period;
use crate::lang::Lang;
use crate::render::{NONE, View};
use crate::report::{Report, Row, Status};

/// Header and column lines only: keeps the width for the names.
const STYLE: TableStyle =
    TableStyle::new().header_separator(comfy_table::LineStyle::none().fill('─').junction('─'));

/// A table with the project's look, fitted to the view.
pub fn new_table(view: &View, header: Vec<String>, right_aligned_from: usize) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(view.width);
    if view.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    let n = header.len();
    t.set_header(header);
    for i in 0..n {
        if let Some(c) = t.column_mut(i) {
            c.set_padding((0, 2));
            if i >= right_aligned_from {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    if let Some(c) = t.column_mut(n - 1) {
        c.set_padding((0, 0));
    }
    t
}

/// The report table, with a caption line above it.
pub fn report(report: &Report, view: &View) -> String {
    let mut t = new_table(view, report_header(view.lang), 1);
    if let Some(c) = t.column_mut(7) {
        c.set_cell_alignment(CellAlignment::Left);
    }
    for row in &report.rows {
        let mut cells: Vec<Cell> = report_cells(row, view.lang)
            .into_iter()
            .map(Cell::new)
            .collect();
        if view.color
            && let Some(color) = status_color(row.status)
        {
            let last = cells.pop().expect("a status cell");
            cells.push(last.fg(color));
        }
        t.add_row(cells);
    }
    format!(
        "{}\n{}\n",
        caption(report, view.lang),
        trim_lines(&t.to_string())
    )
}

fn status_color(s: Status) -> Option<Color> {
    match s {
        Status::Met => Some(Color::Green),
        Status::OnTrack => Some(Color::Yellow),
        Status::Behind => Some(Color::Red),
        Status::NoQuota => None,
    }
}

/// Drops the spaces comfy-table pads the last column with.
pub fn trim_lines(s: &str) -> String {
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

/// "Admissions 2023, as of 2023-10-10", in the view's language.
pub fn caption(report: &Report, lang: Lang) -> String {
    let period = match report.period {
        Period::Year(y) => lang.pick("year", "năm").to_string() + &format!(" {y}"),
        term => lang.pick("term", "nhiệm kỳ").to_string() + &format!(" {term}"),
    };
    let as_of = lang.date(report.as_of);
    match lang {
        Lang::En => format!("Admissions, {period}, as of {as_of}"),
        Lang::Vi => format!("Kết nạp đảng viên, {period}, tính đến ngày {as_of}"),
    }
}

pub fn report_header(lang: Lang) -> Vec<String> {
    let words: [(&str, &str); 8] = [
        ("Organisation", "Tổ chức"),
        ("Quota", "Chỉ tiêu"),
        ("Admitted", "Đã kết nạp"),
        ("%", "Tỷ lệ"),
        ("Remaining", "Còn lại"),
        ("Allocated", "Đã giao"),
        ("Expected", "Cần đạt"),
        ("Status", "Tình trạng"),
    ];
    words
        .iter()
        .map(|(en, vi)| lang.pick(en, vi).to_string())
        .collect()
}

/// A row's cells as people read them; the name indented by depth.
pub fn report_cells(row: &Row, lang: Lang) -> Vec<String> {
    let num = |n: Option<u64>| n.map_or_else(|| NONE.to_string(), |n| lang.int(n));
    vec![
        format!("{}{}", "  ".repeat(row.depth), row.name),
        num(row.quota),
        lang.int(row.admitted),
        row.percent.map_or_else(
            || NONE.to_string(),
            |p| lang.decimal_str(p.scaled, p.precision) + "%",
        ),
        num(row.remaining),
        num(row.allocated),
        num(row.expected),
        status_word(row.status, lang).to_string(),
    ]
}

pub fn status_word(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Met => lang.pick("met", "đạt"),
        Status::OnTrack => lang.pick("on track", "kịp tiến độ"),
        Status::Behind => lang.pick("behind", "chậm"),
        Status::NoQuota => lang.pick("no quota", "chưa giao"),
    }
}

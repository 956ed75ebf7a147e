//! Tables for the terminal (comfy-table): the tree by indentation, numbers
//! right-aligned and written the way the language writes them.

use comfy_table::{
    Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, TableStyle, Width,
};

use unicode_width::UnicodeWidthStr;

use crate::date::Period;
use crate::lang::Lang;
use crate::render::fixed::{Align, Writer};
use crate::render::{NONE, View};
use crate::report::{Report, Row, Status};

/// Header and column lines only: keeps the width for the names.
const STYLE: TableStyle =
    TableStyle::new().header_separator(comfy_table::LineStyle::none().fill('─').junction('─'));

/// A table with the project's look: columns of the given widths (from
/// [`fit`]), two spaces apart, right-aligned from `right_aligned_from` on.
pub fn new_table(
    view: &View,
    header: Vec<String>,
    widths: &[usize],
    right_aligned_from: usize,
) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::MAX);
    if view.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    let n = header.len();
    t.set_header(header);
    for (i, &w) in widths.iter().enumerate() {
        if let Some(c) = t.column_mut(i) {
            // The style draws a one-character (blank) line between columns.
            let gap = if i + 1 == n { 0 } else { GAP - 1 };
            c.set_padding((0, gap));
            if i >= right_aligned_from {
                c.set_cell_alignment(CellAlignment::Right);
            }
            let w = u16::try_from(w).unwrap_or(u16::MAX).saturating_add(gap);
            c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
        }
    }
    t
}

/// Spaces between columns.
pub(super) const GAP: u16 = 2;

/// Column widths for a table of `width` columns: every column but
/// `flexible` as wide as its content (a header may wrap between words);
/// the flexible one gets what is left, and its cells are word-wrapped here,
/// keeping the tree's indentation on every line.
pub fn fit(header: &[String], rows: &mut [Vec<String>], flexible: usize, width: u16) -> Vec<usize> {
    let word = |h: &String| h.split(' ').map(text_width).max().unwrap_or(0);
    let content: Vec<usize> = (0..header.len())
        .map(|i| rows.iter().map(|r| text_width(&r[i])).max().unwrap_or(0))
        .collect();
    let gaps = header.len().saturating_sub(1) * usize::from(GAP);
    // Headers on one line when everything fits; else wrapped between words.
    let whole: Vec<usize> = header
        .iter()
        .zip(&content)
        .map(|(h, &c)| text_width(h).max(c))
        .collect();
    if whole.iter().sum::<usize>() + gaps <= usize::from(width) {
        return whole;
    }
    let mut widths: Vec<usize> = header
        .iter()
        .zip(&content)
        .map(|(h, &c)| word(h).max(c))
        .collect();
    if let Some(w) = widths.get(flexible).copied() {
        let others: usize = widths
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != flexible)
            .map(|(_, w)| w)
            .sum();
        let room = usize::from(width).saturating_sub(others + gaps);
        let w = w.min(room.max(word(&header[flexible])).max(MIN_FLEXIBLE));
        for row in rows.iter_mut() {
            row[flexible] = wrap(&row[flexible], w);
        }
        widths[flexible] = w;
    }
    widths
}

/// The narrowest a wrapped column gets, however narrow the terminal.
const MIN_FLEXIBLE: usize = 12;

/// Terminal columns taken by `s` (Vietnamese in NFC: one per character),
/// measured as comfy-table measures them, so that it pads a cell fitted
/// here to the same width and never wraps it again.
pub(super) fn text_width(s: &str) -> usize {
    // Printable ASCII (every number cell) is one column a byte.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        s.len()
    } else {
        UnicodeWidthStr::width(s)
    }
}

/// Greedy word wrap to `width`; continuation lines keep the indentation
/// of the first line.
pub fn wrap(text: &str, width: usize) -> String {
    let body = text.trim_start_matches('\u{a0}');
    let indent = &text[..text.len() - body.len()];
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::from(indent);
    for word in body.split(' ') {
        if line.len() == indent.len() {
            line.push_str(word);
        } else if text_width(&line) + 1 + text_width(word) <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(std::mem::replace(&mut line, format!("{indent}{word}")));
        }
    }
    lines.push(line);
    lines.join("\n")
}

/// Drops the spaces comfy-table pads the last column with.
pub fn trim_lines(s: &str) -> String {
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

/// Reports of more rows than this are written by [`fixed`], which gives
/// the same bytes as comfy-table with a fraction of its time and memory;
/// comfy-table lays out the smaller ones, the tables people read.
const FIXED_ABOVE: usize = 500;

/// How a table's lines are laid out: same bytes, different cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Engine {
    Comfy,
    Fixed,
}

/// The report table, with a caption line above it.
pub fn report(report: &Report, view: &View) -> String {
    let engine = if report.rows.len() > FIXED_ABOVE {
        Engine::Fixed
    } else {
        Engine::Comfy
    };
    report_by(report, view, engine)
}

pub(crate) fn report_by(report: &Report, view: &View, engine: Engine) -> String {
    let header = report_header(view.lang, Extra::of(report));
    let mut rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| report_cells(r, report.tree_order, view.lang))
        .collect();
    let widths = fit(&header, &mut rows, 0, view.width);
    let color = |row: &Row| status_color(row.status).filter(|_| view.color);
    let caption = caption(report, view.lang);
    match engine {
        Engine::Comfy => {
            let mut t = new_table(view, header, &widths, 1);
            if let Some(c) = t.column_mut(7) {
                c.set_cell_alignment(CellAlignment::Left);
            }
            for (cells, row) in rows.into_iter().zip(&report.rows) {
                let mut cells: Vec<Cell> = cells.into_iter().map(Cell::new).collect();
                if let Some(color) = color(row) {
                    let last = cells.pop().expect("a status cell");
                    cells.push(last.fg(color));
                }
                t.add_row(cells);
            }
            format!("{caption}\n{}\n", trim_lines(&t.to_string()))
        }
        Engine::Fixed => {
            let align: Vec<Align> = (0..header.len())
                .map(|i| match i {
                    1..=6 | 8.. => Align::Right,
                    _ => Align::Left,
                })
                .collect();
            // About as many bytes as there are cells' bytes and blanks.
            let size = rows.len() * (widths.iter().sum::<usize>() + 2 * widths.len());
            let mut out = String::with_capacity(caption.len() + 1 + size);
            out.push_str(&caption);
            out.push('\n');
            let mut w = Writer::new(out, &widths, &align);
            w.header(&header);
            for (cells, row) in rows.iter().zip(&report.rows) {
                w.row(cells, color(row));
            }
            w.finish()
        }
    }
}

fn status_color(s: Status) -> Option<Color> {
    match s {
        Status::Met => Some(Color::Green),
        Status::OnTrack => Some(Color::Yellow),
        Status::Behind => Some(Color::Red),
        Status::NoQuota => None,
    }
}

/// "Admissions 2023, as of 2023-10-10", in the view's language.
pub fn caption(report: &Report, lang: Lang) -> String {
    let period = period_words(report.period, lang);
    let as_of = lang.date(report.as_of);
    match lang {
        Lang::En => format!("Admissions, {period}, as of {as_of}"),
        Lang::Vi => format!("Kết nạp đảng viên, {period}, tính đến ngày {as_of}"),
    }
}

/// "year 2023", "term 2020-2025", in the language.
pub fn period_words(period: Period, lang: Lang) -> String {
    match period {
        Period::Year(y) => lang.pick("year", "năm").to_string() + &format!(" {y}"),
        term => lang.pick("term", "nhiệm kỳ").to_string() + &format!(" {term}"),
    }
}

/// Which columns beyond the usual a report has: last year beside this
/// one (`--compare`), the outlook (`--forecast`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Extra {
    pub compared: bool,
    pub outlook: bool,
}

impl Extra {
    pub fn of(report: &Report) -> Extra {
        Extra {
            compared: report.rows.iter().any(|r| r.previous.is_some()),
            outlook: report.rows.iter().any(|r| r.outlook.is_some()),
        }
    }
}

pub fn report_header(lang: Lang, extra: Extra) -> Vec<String> {
    let words: [(&str, &str); 8] = [
        ("Organisation", "Tổ chức"),
        ("Quota", "Chỉ tiêu"),
        ("Admitted", "Đã kết nạp"),
        ("%", "Tỷ lệ"),
        ("Left", "Còn lại"),
        ("Alloc.", "Đã giao"),
        ("Expected", "Cần đạt"),
        ("Status", "Tình trạng"),
    ];
    let previous: [(&str, &str); 3] = [
        ("Last year", "CT năm trước"),
        ("Adm. then", "KN cùng kỳ"),
        ("Change", "Tăng/giảm"),
    ];
    let outlook: [(&str, &str); 2] = [("Forecast", "Dự báo"), ("Per month", "Cần/tháng")];
    let previous = if extra.compared { &previous[..] } else { &[] };
    let outlook = if extra.outlook { &outlook[..] } else { &[] };
    words
        .iter()
        .chain(previous)
        .chain(outlook)
        .map(|(en, vi)| lang.pick(en, vi).to_string())
        .collect()
}

/// Indentation for one level of the tree: no-break spaces, which survive
/// both the wrapping of table cells and Markdown.
pub const INDENT: &str = "\u{a0}\u{a0}";

/// A row's cells as people read them; the name indented by depth.
/// Ranked rows are not indented: the tree is not what they show.
pub fn report_cells(row: &Row, tree_order: bool, lang: Lang) -> Vec<String> {
    let num = |n: Option<u64>| n.map_or_else(|| NONE.to_string(), |n| lang.int(n));
    let depth = if tree_order { row.depth } else { 0 };
    let mut cells = vec![
        format!("{}{}", INDENT.repeat(depth), row.name),
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
    ];
    if let Some(p) = row.previous {
        cells.push(num(p.prev_quota));
        cells.push(lang.int(p.prev_admitted));
        cells.push(
            p.quota_change
                .map_or_else(|| NONE.to_string(), |c| signed(c, lang)),
        );
    }
    if let Some(o) = row.outlook {
        cells.push(lang.int(o.forecast));
        cells.push(num(o.needed_per_month));
    }
    cells
}

/// A change as the press writes it: "+867", "-30", "0".
pub fn signed(n: i64, lang: Lang) -> String {
    let size = lang.int(n.unsigned_abs());
    match n {
        1.. => format!("+{size}"),
        0 => size,
        _ => format!("-{size}"),
    }
}

pub fn status_word(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Met => lang.pick("met", "đạt"),
        Status::OnTrack => lang.pick("on track", "kịp tiến độ"),
        Status::Behind => lang.pick("behind", "chậm"),
        Status::NoQuota => lang.pick("no quota", "chưa giao"),
    }
}

//! Tables for the terminal (comfy-table): the tree by indentation, numbers
//! right-aligned and written the way the language writes them.

use comfy_table::{
    Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, TableStyle, Width,
};

use unicode_width::UnicodeWidthStr;

use crate::date::Period;
use crate::lang::Lang;
use crate::model::Metric;
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
    let content = content_widths(header.len(), rows);
    fit_measured(header, rows, &content, flexible, width)
}

/// [`fit`] for rows whose widest cells are already measured: `content`.
fn fit_measured(
    header: &[String],
    rows: &mut [Vec<String>],
    content: &[usize],
    flexible: usize,
    width: u16,
) -> Vec<usize> {
    let (widths, wrapped) = plan(header, content, flexible, width);
    if wrapped {
        for row in rows.iter_mut() {
            row[flexible] = wrap(&row[flexible], widths[flexible]);
        }
    }
    widths
}

/// The widest cell of each column.
fn content_widths(columns: usize, rows: &[Vec<String>]) -> Vec<usize> {
    (0..columns)
        .map(|i| rows.iter().map(|r| text_width(&r[i])).max().unwrap_or(0))
        .collect()
}

/// The widths [`fit`] gives columns whose widest cells are `content`, and
/// whether the flexible column's cells must be wrapped to its width.
fn plan(header: &[String], content: &[usize], flexible: usize, width: u16) -> (Vec<usize>, bool) {
    let word = |h: &String| h.split(' ').map(text_width).max().unwrap_or(0);
    let gaps = header.len().saturating_sub(1) * usize::from(GAP);
    // Headers on one line when everything fits; else wrapped between words.
    let whole: Vec<usize> = header
        .iter()
        .zip(content)
        .map(|(h, &c)| text_width(h).max(c))
        .collect();
    if whole.iter().sum::<usize>() + gaps <= usize::from(width) {
        return (whole, false);
    }
    let mut widths: Vec<usize> = header
        .iter()
        .zip(content)
        .map(|(h, &c)| word(h).max(c))
        .collect();
    let Some(w) = widths.get(flexible).copied() else {
        return (widths, false);
    };
    let others: usize = widths
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != flexible)
        .map(|(_, w)| w)
        .sum();
    let room = usize::from(width).saturating_sub(others + gaps);
    widths[flexible] = w.min(room.max(word(&header[flexible])).max(MIN_FLEXIBLE));
    (widths, true)
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
    let columns = Column::of(report, false);
    let header = report_header(report, &columns, view.lang);
    let mut rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| report_cells(r, &columns, report.tree_order, view.lang))
        .collect();
    // A bar needs a quota to measure against.
    let percent = columns
        .iter()
        .position(|&c| c == Column::Percent)
        .filter(|_| report.rows.iter().any(|r| r.quota.is_some_and(|q| q > 0)));
    let mut content = content_widths(header.len(), &rows);
    let bar = percent.map_or(0, |p| bar_room(&header, &content, p, view.width));
    if let Some(p) = percent.filter(|_| bar > 0) {
        add_bars(&mut rows, &report.rows, p, bar, content[p]);
        content[p] += bar + 1;
    }
    let widths = fit_measured(&header, &mut rows, &content, 0, view.width);
    let color = |row: &Row| status_color(row.status).filter(|_| view.color && !row.context);
    let colored: Vec<bool> = columns
        .iter()
        .map(|&c| c.colored() || (c == Column::Percent && bar > 0))
        .collect();
    let caption = caption(report, view.lang);
    match engine {
        Engine::Comfy => {
            let mut t = new_table(view, header, &widths, 1);
            for (i, c) in columns.iter().enumerate() {
                if c.align() == Align::Left
                    && let Some(col) = t.column_mut(i)
                {
                    col.set_cell_alignment(CellAlignment::Left);
                }
            }
            for (cells, row) in rows.into_iter().zip(&report.rows) {
                let color = color(row);
                let cells = cells.into_iter().zip(&colored).map(|(c, &on)| {
                    let cell = Cell::new(c);
                    match color.filter(|_| on) {
                        Some(color) => cell.fg(color),
                        None => cell,
                    }
                });
                t.add_row(cells.collect::<Vec<Cell>>());
            }
            format!("{caption}\n{}\n", trim_lines(&t.to_string()))
        }
        Engine::Fixed => {
            let align: Vec<Align> = columns.iter().map(|c| c.align()).collect();
            // About as many bytes as there are cells' bytes and blanks.
            let size = rows.len() * (widths.iter().sum::<usize>() + 2 * widths.len());
            let mut out = String::with_capacity(caption.len() + 1 + size);
            out.push_str(&caption);
            out.push('\n');
            let mut w = Writer::new(out, &widths, &align).colouring(colored);
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

/// "Admissions 2023, as of 2023-10-10", in the view's language; with
/// `--status`, which rows are shown.
pub fn caption(report: &Report, lang: Lang) -> String {
    let period = period_words(report.period, lang);
    let as_of = lang.date(report.as_of);
    let mut caption = match (report.metric, lang) {
        (Metric::Admissions, Lang::En) => format!("Admissions, {period}, as of {as_of}"),
        (Metric::Admissions, Lang::Vi) => {
            format!("Kết nạp đảng viên, {period}, tính đến ngày {as_of}")
        }
        (Metric::Trained, Lang::En) => {
            format!("Awareness classes attended, {period}, as of {as_of}")
        }
        (Metric::Trained, Lang::Vi) => {
            format!("Học lớp bồi dưỡng nhận thức về Đảng, {period}, tính đến ngày {as_of}")
        }
    };
    if let Some(status) = report.status {
        let word = status_word(status, lang);
        caption += &match lang {
            Lang::En => format!("; only '{word}'"),
            Lang::Vi => format!("; chỉ '{word}'"),
        };
        if report.rows.iter().any(|r| r.context) {
            caption += lang.pick(
                " (a status in brackets: shown for context)",
                " (tình trạng trong ngoặc: chỉ để tham chiếu)",
            );
        }
    }
    caption
}

/// "year 2023", "term 2020-2025", in the language.
pub fn period_words(period: Period, lang: Lang) -> String {
    match period {
        Period::Year(y) => lang.pick("year", "năm").to_string() + &format!(" {y}"),
        term => lang.pick("term", "nhiệm kỳ").to_string() + &format!(" {term}"),
    }
}

/// A column of the report as people read it (table, Markdown, page).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    /// The admissions of the k-th month or quarter (`--by`).
    Span(usize),
    Quota,
    Admitted,
    Percent,
    /// The percent drawn as a bar.
    Bar,
    Left,
    Allocated,
    Expected,
    Status,
    PrevQuota,
    PrevAdmitted,
    Change,
    Forecast,
    PerMonth,
    /// Admissions struck off in their probation.
    Struck,
}

/// Blocks of a bar at 100% and beyond.
pub const BAR_WIDTH: usize = 10;

impl Column {
    /// The columns of `report`, a bar among them when `bar`. With `--by`,
    /// the months or quarters come first, then the running total and the
    /// percent; the remainder and the pace give way to them.
    pub fn of(report: &Report, bar: bool) -> Vec<Column> {
        use Column::*;
        let mut cols = vec![Name];
        let by = !report.spans.is_empty();
        cols.extend((0..report.spans.len()).map(Span));
        cols.extend([Quota, Admitted, Percent]);
        if bar {
            cols.push(Bar);
        }
        if !by {
            cols.extend([Left, Allocated, Expected]);
        }
        cols.push(Status);
        let extra = Extra::of(report);
        if extra.compared {
            cols.extend([PrevQuota, PrevAdmitted, Change]);
        }
        if extra.outlook {
            cols.extend([Forecast, PerMonth]);
        }
        if report.rows.iter().any(|r| r.struck.is_some()) {
            cols.push(Struck);
        }
        cols
    }

    pub fn align(self) -> Align {
        match self {
            Column::Name | Column::Bar | Column::Status => Align::Left,
            _ => Align::Right,
        }
    }

    /// Whether the column takes the row's status colour.
    pub fn colored(self) -> bool {
        matches!(self, Column::Bar | Column::Status)
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

pub fn report_header(report: &Report, columns: &[Column], lang: Lang) -> Vec<String> {
    let one_year = report.spans.first().map(|s| s.year) == report.spans.last().map(|s| s.year);
    columns
        .iter()
        .map(|c| {
            let (en, vi) = match c {
                Column::Name => ("Organisation", "Tổ chức"),
                Column::Span(k) => return span_label(report.spans[*k], one_year, lang),
                Column::Quota if report.metric == Metric::Trained => ("Plan", "Kế hoạch"),
                Column::Quota => ("Quota", "Chỉ tiêu"),
                Column::Admitted => return counted_word(report.metric, lang).to_string(),
                Column::Percent => ("%", "Tỷ lệ"),
                Column::Bar => ("Progress", "Tiến độ"),
                Column::Left => ("Left", "Còn lại"),
                Column::Allocated => ("Alloc.", "Đã giao"),
                Column::Expected => ("Expected", "Cần đạt"),
                Column::Status => ("Status", "Tình trạng"),
                Column::PrevQuota => ("Last year", "CT năm trước"),
                Column::PrevAdmitted => ("Adm. then", "KN cùng kỳ"),
                Column::Change => ("Change", "Tăng/giảm"),
                Column::Forecast => ("Forecast", "Dự báo"),
                Column::PerMonth => ("Per month", "Cần/tháng"),
                Column::Struck => ("Struck off", "Xóa tên"),
            };
            lang.pick(en, vi).to_string()
        })
        .collect()
}

/// The heading of what a report counts: "Admitted", or "Trained" for
/// class attendance.
pub fn counted_word(metric: Metric, lang: Lang) -> &'static str {
    match metric {
        Metric::Admissions => lang.pick("Admitted", "Đã kết nạp"),
        Metric::Trained => lang.pick("Trained", "Đã học"),
    }
}

/// The words of a burn-up chart: its title, and its line of the count.
pub fn burn_up_words(metric: Metric, lang: Lang) -> (&'static str, &'static str) {
    match metric {
        Metric::Admissions => (
            lang.pick(
                "Cumulative admissions by month against the pace",
                "Kết nạp cộng dồn theo tháng so với tiến độ",
            ),
            lang.pick("Admitted (cumulative)", "Đã kết nạp (cộng dồn)"),
        ),
        Metric::Trained => (
            lang.pick(
                "Cumulative class attendance by month against the pace",
                "Số người đi học cộng dồn theo tháng so với tiến độ",
            ),
            lang.pick("Trained (cumulative)", "Đã học (cộng dồn)"),
        ),
    }
}

/// A month or quarter as a column is headed: "Jan", "T1", "Q2", "Quý 2";
/// with its year when the report spans several ("Jan 2021", "T1/2021").
pub fn span_label(span: crate::date::Months, one_year: bool, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let y = span.year;
    let (short, sep) = match (span.is_quarter(), lang) {
        (true, Lang::En) => (format!("Q{}", span.last / 3), ' '),
        (true, Lang::Vi) => (format!("Quý {}", span.last / 3), '/'),
        (false, Lang::En) => (MONTHS[(span.first - 1) as usize].to_string(), ' '),
        (false, Lang::Vi) => (format!("T{}", span.first), '/'),
    };
    if one_year {
        short
    } else {
        format!("{short}{sep}{y}")
    }
}

/// Indentation for one level of the tree: no-break spaces, which survive
/// both the wrapping of table cells and Markdown.
pub const INDENT: &str = "\u{a0}\u{a0}";

/// A row's cells as people read them; the name indented by depth.
/// Ranked rows are not indented: the tree is not what they show.
pub fn report_cells(row: &Row, columns: &[Column], tree_order: bool, lang: Lang) -> Vec<String> {
    let num = |n: Option<u64>| n.map_or_else(|| NONE.to_string(), |n| lang.int(n));
    let depth = if tree_order { row.depth } else { 0 };
    columns
        .iter()
        .map(|c| match c {
            Column::Name => format!("{}{}", INDENT.repeat(depth), row.name),
            Column::Span(k) => num(row
                .periods
                .as_ref()
                .and_then(|p| p.get(*k))
                .map(|p| p.admitted)),
            Column::Quota => num(row.quota),
            Column::Admitted => lang.int(row.admitted),
            Column::Percent => row.percent.map_or_else(
                || NONE.to_string(),
                |p| lang.decimal_str(p.scaled, p.precision) + "%",
            ),
            Column::Bar => bar(row.admitted, row.quota, BAR_WIDTH),
            Column::Left => num(row.remaining),
            Column::Allocated => num(row.allocated),
            Column::Expected => num(row.expected),
            Column::Status if row.context => format!("({})", status_word(row.status, lang)),
            Column::Status => status_word(row.status, lang).to_string(),
            Column::PrevQuota => num(row.previous.and_then(|p| p.prev_quota)),
            Column::PrevAdmitted => num(row.previous.map(|p| p.prev_admitted)),
            Column::Change => row
                .previous
                .and_then(|p| p.quota_change)
                .map_or_else(|| NONE.to_string(), |c| signed(c, lang)),
            Column::Forecast => num(row.outlook.map(|o| o.forecast)),
            Column::PerMonth => num(row.outlook.and_then(|o| o.needed_per_month)),
            Column::Struck => num(row.struck),
        })
        .collect()
}

/// How wide a bar the percent cells get: [`BAR_WIDTH`], or half of it,
/// when the table still fits the width and leaves the names as much room
/// as they have without one; else none, as names wrapped onto more lines
/// cost more than a bar gives.
fn bar_room(header: &[String], content: &[usize], percent: usize, width: u16) -> usize {
    let gaps = header.len().saturating_sub(1) * usize::from(GAP);
    let without = plan(header, content, 0, width).0[0];
    [BAR_WIDTH, BAR_WIDTH / 2]
        .into_iter()
        .find(|&w| {
            let mut with = content.to_vec();
            with[percent] += w + 1;
            let widths = plan(header, &with, 0, width).0;
            widths[0] >= without && widths.iter().sum::<usize>() + gaps <= usize::from(width)
        })
        .unwrap_or(0)
}

/// Puts a bar of `width` before each percent (`widest` wide at most):
/// "██████▍     72.1%"; every cell is then `width + 1 + widest` wide.
fn add_bars(rows: &mut [Vec<String>], of: &[Row], percent: usize, width: usize, widest: usize) {
    for (cells, row) in rows.iter_mut().zip(of) {
        let mut cell = bar(row.admitted, row.quota, width);
        // Each block is one column wide.
        let drawn = cell.chars().count();
        let pad = width - drawn + 1 + widest - text_width(&cells[percent]);
        cell.extend(std::iter::repeat_n(' ', pad));
        cell.push_str(&cells[percent]);
        cells[percent] = cell;
    }
}

/// The share of the quota done as a bar of `width` blocks drawn in
/// eighths ("██████▍"), full at 100% and beyond; empty without a quota.
pub fn bar(admitted: u64, quota: Option<u64>, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let Some(q) = quota.filter(|&q| q > 0) else {
        return String::new();
    };
    let full = width as u128 * 8;
    let (a, q) = (u128::from(admitted), u128::from(q));
    // Rounded to the nearest eighth, in integers.
    let eighths = ((a * full * 2 + q) / (2 * q)).min(full) as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(EIGHTHS[eighths % 8]);
    }
    s
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

//! `breakdown` in each output format: the categories per organisation.
//! Tables, Markdown and workbooks show each count with its share of the
//! people whose details are known; JSON and CSV carry the counts only.

use anyhow::Result;
#[cfg(feature = "xlsx")]
use rust_xlsxwriter::{Format as CellFormat, FormatAlign, Workbook};

use crate::lang::Lang;
use crate::render::fixed::{Align, Writer};
use crate::render::table::{INDENT, fit, period_words};
use crate::render::{Format, NONE, View};
use crate::report::Percent;
use crate::report::breakdown::{Breakdown, Row, Tally};

/// The breakdown in the requested format.
pub fn render(b: &Breakdown, format: Format, view: &View) -> Result<String> {
    match format {
        Format::Table => Ok(table(b, view)),
        Format::Markdown => Ok(markdown(b, view)),
        Format::Html => Ok(html(b, view)),
        Format::Json => crate::render::json::pretty(b),
        Format::Csv => csv(b),
    }
}

/// The CSV columns before the occupations, as the JSON fields.
pub const FIELDS: [&str; 9] = [
    "id",
    "name",
    "depth",
    "admitted",
    "female",
    "ethnic_minority",
    "religious",
    "youth_union",
    "age_18_30",
];

/// The breakdown as CSV for a spreadsheet: a UTF-8 BOM so that Excel
/// reads the diacritics, and names that Excel would run as formulas
/// neutralised.
pub fn csv_for_excel(b: &Breakdown, lang: Lang) -> Result<String> {
    let mut safe = b.clone();
    for r in &mut safe.rows {
        r.name = crate::exchange::neutralise(&r.name);
    }
    let plain = csv(&safe)?;
    match lang {
        Lang::En => Ok(format!("\u{feff}{plain}")),
        Lang::Vi => crate::exchange::vietnamese::for_excel(
            &plain,
            |h| match h {
                "id" => "Mã".to_string(),
                "name" => "Tên".to_string(),
                "depth" => "Bậc".to_string(),
                "admitted" => "Đã kết nạp".to_string(),
                "female" => "Nữ".to_string(),
                "ethnic_minority" => "Dân tộc thiểu số".to_string(),
                "religious" => "Có đạo".to_string(),
                "youth_union" => "Đoàn viên".to_string(),
                "age_18_30" => "Tuổi 18–30".to_string(),
                "unknown" => "Không rõ".to_string(),
                other => match other.strip_prefix("occupation:") {
                    Some(o) => format!("Nghề nghiệp: {o}"),
                    None => other.to_string(),
                },
            },
            |_, value| value.to_string(),
        ),
    }
}

/// One column per occupation, `occupation:NAME`, then `unknown`.
fn csv(b: &Breakdown) -> Result<String> {
    let occupations = b.occupations();
    let mut header: Vec<String> = FIELDS.iter().map(|f| f.to_string()).collect();
    header.extend(occupations.iter().map(|o| format!("occupation:{o}")));
    header.push("unknown".into());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = b.rows.iter().map(|r| {
        let t = &r.tally;
        let mut cells = vec![r.id.clone(), r.name.clone(), r.depth.to_string()];
        cells.push(t.admitted.to_string());
        cells.extend(categories(t).map(|n| n.to_string()));
        cells.extend(occupations.iter().map(|o| t.occupations.get(o).to_string()));
        cells.push(t.unknown.to_string());
        cells
    });
    crate::render::csv::write(&header, rows)
}

/// "New members by category, term 2020-2025, as of 30/06/2023".
pub fn caption(b: &Breakdown, lang: Lang) -> String {
    let period = period_words(b.period, lang);
    let as_of = lang.date(b.as_of);
    tl!(
        lang,
        "New members by category, {period}, as of {as_of}",
        "Cơ cấu đảng viên mới kết nạp, {period}, tính đến ngày {as_of}"
    )
}

/// Column words in English and Vietnamese.
const ORGANISATION: (&str, &str) = ("Organisation", "Tổ chức");
const ADMITTED: (&str, &str) = ("Admitted", "Đã kết nạp");
const UNKNOWN: (&str, &str) = ("Unknown", "Không rõ");

/// The categories' words, in the order of [`categories`].
const CATEGORIES: [(&str, &str); 5] = [
    ("Women", "Nữ"),
    ("Ethnic minority", "Dân tộc thiểu số"),
    ("Religious", "Có đạo"),
    ("Youth union", "Đoàn viên"),
    ("Aged 18–30", "Tuổi 18–30"),
];

/// A tally's counts per category, in the order of [`CATEGORIES`] (and of
/// the JSON fields).
fn categories(t: &Tally) -> [u64; 5] {
    [
        t.female,
        t.ethnic_minority,
        t.religious,
        t.youth_union,
        t.age_18_30,
    ]
}

fn word(lang: Lang, (en, vi): (&'static str, &'static str)) -> &'static str {
    lang.pick(en, vi)
}

fn header(b: &Breakdown, lang: Lang) -> Vec<String> {
    let mut h = vec![
        word(lang, ORGANISATION).to_string(),
        word(lang, ADMITTED).to_string(),
    ];
    h.extend(CATEGORIES.iter().map(|&w| word(lang, w).to_string()));
    h.extend(b.occupations());
    h.push(word(lang, UNKNOWN).to_string());
    h
}

/// `n`'s share of the people whose details are known, rounded as the
/// table shows it; `None` when no one's details are known.
fn share(n: u64, t: &Tally) -> Option<Percent> {
    Percent::of(n, t.known(), 1)
}

/// A row's cells as people read them: "165 (60.0%)", the name indented.
fn cells(r: &Row, occupations: &[String], lang: Lang) -> Vec<String> {
    let t = &r.tally;
    let share = |n: u64| match share(n, t) {
        Some(p) => format!(
            "{} ({}%)",
            lang.int(n),
            lang.decimal_str(p.scaled, p.precision)
        ),
        None if n == 0 => NONE.to_string(),
        None => lang.int(n),
    };
    let mut c = vec![
        format!("{}{}", INDENT.repeat(r.depth), r.name),
        lang.int(t.admitted),
    ];
    c.extend(categories(t).map(share));
    c.extend(occupations.iter().map(|o| share(t.occupations.get(o))));
    c.push(lang.int(t.unknown));
    c
}

fn table(b: &Breakdown, view: &View) -> String {
    let occupations = b.occupations();
    let header = header(b, view.lang);
    let mut rows: Vec<Vec<String>> = b
        .rows
        .iter()
        .map(|r| cells(r, &occupations, view.lang))
        .collect();
    let widths = fit(&header, &mut rows, 0, view.width);
    let align: Vec<Align> = (0..header.len())
        .map(|i| if i == 0 { Align::Left } else { Align::Right })
        .collect();
    let mut out = caption(b, view.lang);
    out.push('\n');
    let mut w = Writer::new(out, &widths, &align);
    w.header(&header);
    for r in &rows {
        w.row(r, None);
    }
    w.finish()
}

/// The breakdown as a page (see [`crate::render::html`]): the table's
/// cells, names indented by depth.
fn html(b: &Breakdown, view: &View) -> String {
    use crate::render::html::escape;
    use std::fmt::Write;
    let occupations = b.occupations();
    let title = caption(b, view.lang);
    let mut body = format!("<h1>{}</h1>\n<table>\n<thead><tr>", escape(&title));
    for (i, h) in header(b, view.lang).iter().enumerate() {
        let class = if i == 0 { "" } else { " class=\"n\"" };
        let _ = write!(body, "<th{class}>{}</th>", escape(h));
    }
    body += "</tr></thead>\n<tbody>\n";
    for r in &b.rows {
        body += "<tr>";
        for (i, c) in cells(r, &occupations, view.lang).iter().enumerate() {
            if i == 0 {
                let name = c.trim_start_matches('\u{a0}');
                let _ = write!(
                    body,
                    "<td class=\"name\" style=\"padding-left:{:.1}em\">{}</td>",
                    0.3 + 1.2 * r.depth.min(12) as f64,
                    escape(name)
                );
            } else {
                let _ = write!(body, "<td class=\"n\">{}</td>", escape(c));
            }
        }
        body += "</tr>\n";
    }
    body += "</tbody>\n</table>\n";
    crate::render::html::page(view.lang, &title, &body)
}

fn markdown(b: &Breakdown, view: &View) -> String {
    let occupations = b.occupations();
    let header = header(b, view.lang);
    let mut out = format!("**{}**\n\n", caption(b, view.lang));
    out += &crate::render::markdown::line(&header);
    let align: Vec<String> = (0..header.len())
        .map(|i| if i == 0 { "---" } else { "---:" }.to_string())
        .collect();
    out += &crate::render::markdown::line(&align);
    for r in &b.rows {
        out += &crate::render::markdown::line(&cells(r, &occupations, view.lang));
    }
    out
}

/// The row of the workbook's column headers; the caption is above it.
#[cfg(feature = "xlsx")]
const XLSX_HEADER: u32 = 1;

/// The breakdown as an Excel workbook's bytes: one sheet, the caption
/// above a frozen header, the tree indented, and every category as its
/// count beside a percent cell of its share, as the table shows them.
/// Organisations and counts only: no person's details are in a
/// breakdown to write.
#[cfg(feature = "xlsx")]
pub fn xlsx(b: &Breakdown, view: &View) -> Result<Vec<u8>> {
    let lang = view.lang;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(format!("{} {}", lang.pick("Breakdown", "Cơ cấu"), b.period))?;

    let bold = CellFormat::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let integer = CellFormat::new().set_num_format("#,##0");
    let percent = CellFormat::new().set_num_format("0.0%");
    let title = CellFormat::new().set_bold().set_font_size(13);
    sheet.write_string_with_format(0, 0, caption(b, lang), &title)?;

    // Each category and occupation is a pair of columns: its count, then
    // its share ("Women", "Women (%)").
    let occupations = b.occupations();
    let mut header: Vec<String> = vec![
        word(lang, ORGANISATION).into(),
        lang.pick("ID", "Mã").into(),
        word(lang, ADMITTED).into(),
    ];
    let counted = CATEGORIES
        .iter()
        .map(|&w| word(lang, w).to_string())
        .chain(occupations.iter().cloned());
    for name in counted {
        let share = format!("{name} (%)");
        header.extend([name, share]);
    }
    header.push(word(lang, UNKNOWN).into());
    for (col, h) in header.iter().enumerate() {
        sheet.write_string_with_format(XLSX_HEADER, u16::try_from(col)?, h, &bold)?;
    }
    // A wide sheet, one pair of columns per occupation: the names stay in
    // sight while it scrolls sideways.
    sheet.set_freeze_panes(XLSX_HEADER + 1, 1)?;

    let mut widest = 12usize;
    for (i, r) in b.rows.iter().enumerate() {
        let row = XLSX_HEADER + 1 + u32::try_from(i)?;
        let t = &r.tally;
        let indent = CellFormat::new().set_indent(u8::try_from(r.depth.min(15))?);
        sheet.write_string_with_format(row, 0, &r.name, &indent)?;
        widest = widest.max(r.name.chars().count() + 2 * r.depth);
        sheet.write_string(row, 1, &r.id)?;
        sheet.write_number_with_format(row, 2, t.admitted as f64, &integer)?;
        let counts = categories(t)
            .into_iter()
            .chain(occupations.iter().map(|o| t.occupations.get(o)));
        let mut col = 3u16;
        for n in counts {
            sheet.write_number_with_format(row, col, n as f64, &integer)?;
            if let Some(p) = share(n, t) {
                sheet.write_number_with_format(row, col + 1, p.fraction(), &percent)?;
            }
            col += 2;
        }
        sheet.write_number_with_format(row, col, t.unknown as f64, &integer)?;
    }
    sheet.set_column_width(0, widest.min(60) as f64)?;
    sheet.set_column_width(1, 14)?;
    for col in 2..u16::try_from(header.len())? {
        sheet.set_column_width(col, 11)?;
    }
    Ok(book.save_to_buffer()?)
}

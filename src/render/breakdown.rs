//! `breakdown` in each output format: the categories per organisation.
//! Tables and Markdown show each count with its share of the people whose
//! details are known; JSON and CSV carry the counts only.

use anyhow::Result;

use crate::lang::Lang;
use crate::render::fixed::{Align, Writer};
use crate::render::table::{INDENT, fit, period_words};
use crate::render::{Format, NONE, View};
use crate::report::Percent;
use crate::report::breakdown::{Breakdown, Row};

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
        cells.extend(
            [
                t.admitted,
                t.female,
                t.ethnic_minority,
                t.religious,
                t.youth_union,
                t.age_18_30,
            ]
            .map(|n| n.to_string()),
        );
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

fn header(b: &Breakdown, lang: Lang) -> Vec<String> {
    let words: [(&str, &str); 7] = [
        ("Organisation", "Tổ chức"),
        ("Admitted", "Đã kết nạp"),
        ("Women", "Nữ"),
        ("Ethnic minority", "Dân tộc thiểu số"),
        ("Religious", "Có đạo"),
        ("Youth union", "Đoàn viên"),
        ("Aged 18–30", "Tuổi 18–30"),
    ];
    let mut h: Vec<String> = words
        .iter()
        .map(|(en, vi)| lang.pick(en, vi).to_string())
        .collect();
    h.extend(b.occupations());
    h.push(lang.pick("Unknown", "Không rõ").to_string());
    h
}

/// A row's cells as people read them: "165 (60.0%)", the name indented.
fn cells(r: &Row, occupations: &[String], lang: Lang) -> Vec<String> {
    let t = &r.tally;
    let known = t.known();
    let share = |n: u64| match Percent::of(n, known, 1) {
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
    c.extend(
        [
            t.female,
            t.ethnic_minority,
            t.religious,
            t.youth_union,
            t.age_18_30,
        ]
        .map(share),
    );
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
                    "<td class=\"name\" style=\"padding-left:{}em\">{}</td>",
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

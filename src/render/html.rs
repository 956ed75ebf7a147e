//! The report as one self-contained page: the table with a bar per
//! organisation and the burn-up of the year as inline SVG. No script, no
//! font, no image fetched from anywhere; it prints on A4.

use std::fmt::Write;

use crate::date::days_through;
use crate::lang::Lang;
use crate::render::View;
use crate::render::fixed::Align;
use crate::render::table::{
    Column, burn_up_words, caption, report_cells, report_header, span_label,
};
use crate::report::{BurnUp, Report, Row, Status};

/// The page for `report`, in the view's language.
pub fn report(report: &Report, view: &View) -> String {
    let lang = view.lang;
    let title = caption(report, lang);
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}</h1>", escape(&title));
    if let Some(burn) = &report.burn_up {
        body += &burn_up(burn, report, lang);
    }
    body += &table(report, lang);
    page(lang, &title, &body)
}

/// A whole HTML document around `body`.
pub fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n\
         </body>\n</html>\n",
        lang.pick("en", "vi"),
        escape(title),
    )
}

/// Fits the width of A4 less its margins (186 mm): names wrap, numbers
/// do not; the header repeats on every printed page.
const STYLE: &str = "\
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; padding: 12px; color: #1b1b1b; background: #fff;
  font: 10pt/1.35 \"Noto Sans\", \"DejaVu Sans\", \"Segoe UI\", Arial, sans-serif; }
main { max-width: 186mm; margin: 0 auto; }
h1 { font-size: 13pt; margin: 0 0 8px; }
figure { margin: 0 0 12px; break-inside: avoid; }
figcaption { font-size: 9pt; color: #555; }
svg { display: block; width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { padding: 2px 4px; border-bottom: 1px solid #ddd; vertical-align: top; }
th { text-align: left; vertical-align: bottom; font-weight: 600; border-bottom: 1.5px solid #444; }
th.n, td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }
td.name { overflow-wrap: break-word; min-width: 30mm; }
td.status { white-space: nowrap; }
td.bar { width: 22mm; min-width: 16mm; }
.track { display: block; height: 0.9em; margin-top: 0.2em; background: #e6e6e6; }
.fill { display: block; height: 100%; background: #777; }
.met .fill { background: #2e7d32; } .met .status { color: #2e7d32; }
.on-track .fill { background: #b7860b; } .on-track .status { color: #8a6500; }
.behind .fill { background: #c62828; } .behind .status { color: #c62828; }
tr.context td { color: #6b6b6b; font-style: italic; }
table.wide { font-size: 6.5pt; }
table.wide th, table.wide td { padding: 1px 2px; }
table.wide td.bar { width: 9mm; min-width: 6mm; }
table.wide td.status { white-space: normal; }
tr.context .fill { background: #bbb; }
.grid { stroke: #e0e0e0; stroke-width: 1; }
.axis { font-size: 11px; fill: #555; }
.actual { fill: none; stroke: #1565c0; stroke-width: 2.5; }
.pace { fill: none; stroke: #777; stroke-width: 1.5; stroke-dasharray: 6 4; }
.quota { stroke: #c62828; stroke-width: 1.2; }
.legend { font-size: 11px; fill: #333; }
@media print { body { padding: 0; } }
";

/// The rows as an HTML table: the table's columns, the bar drawn to scale
/// (full at 100%), the status coloured by class.
fn table(report: &Report, lang: Lang) -> String {
    let columns = Column::of(report, true);
    let header = report_header(report, &columns, lang);
    // Past a dozen columns (months, last year, the outlook) the type gets
    // smaller so that the table still fits the page.
    let mut out = String::from(if columns.len() > WIDE {
        "<table class=\"wide\">\n<thead><tr>"
    } else {
        "<table>\n<thead><tr>"
    });
    for (c, h) in columns.iter().zip(&header) {
        let _ = write!(out, "<th{}>{}</th>", class(*c), escape(h));
    }
    out += "</tr></thead>\n<tbody>\n";
    for row in &report.rows {
        let cells = report_cells(row, &columns, false, lang);
        let mut classes = vec![status_class(row.status)];
        if row.context {
            classes.push("context");
        }
        let _ = write!(out, "<tr class=\"{}\">", classes.join(" "));
        for (c, text) in columns.iter().zip(&cells) {
            match c {
                Column::Name => {
                    let depth = if report.tree_order { row.depth } else { 0 };
                    let _ = write!(
                        out,
                        "<td class=\"name\" style=\"padding-left:{:.1}em\">{}</td>",
                        0.3 + 1.2 * depth.min(12) as f64,
                        escape(text)
                    );
                }
                Column::Bar => out += &bar(row),
                _ => {
                    let _ = write!(out, "<td{}>{}</td>", class(*c), escape(text));
                }
            }
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    out
}

/// Columns a table takes at its usual size.
const WIDE: usize = 12;

fn class(c: Column) -> &'static str {
    match (c, c.align()) {
        (Column::Status, _) => " class=\"status\"",
        (Column::Bar, _) => " class=\"bar\"",
        (_, Align::Right) => " class=\"n\"",
        (_, Align::Left) => "",
    }
}

fn status_class(s: Status) -> &'static str {
    s.as_str()
}

/// The bar of a row: the share of its quota, at most the whole track.
fn bar(row: &Row) -> String {
    let Some(q) = row.quota.filter(|&q| q > 0) else {
        return "<td class=\"bar\"></td>".to_string();
    };
    // Tenths of a percent, rounded as the percent is, capped at the whole.
    let (a, q) = (u128::from(row.admitted), u128::from(q));
    let tenths = ((a * 2000 + q) / (2 * q)).min(1000);
    format!(
        "<td class=\"bar\"><span class=\"track\"><span class=\"fill\" style=\"width:{}.{}%\"></span></span></td>",
        tenths / 10,
        tenths % 10
    )
}

/// The chart's drawing area, in SVG units.
const W: f64 = 700.0;
const H: f64 = 250.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 40.0;

/// Cumulative admissions month by month against the pace line and the
/// quota, as an inline SVG figure.
fn burn_up(burn: &BurnUp, report: &Report, lang: Lang) -> String {
    let n = burn.points.len();
    if n == 0 {
        return String::new();
    }
    let top = burn
        .points
        .iter()
        .flat_map(|p| [p.admitted, p.expected])
        .flatten()
        .chain(burn.quota)
        .max()
        .unwrap_or(0);
    let scale = nice_top(top);
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let x = |k: usize| LEFT + pw * k as f64 / n as f64;
    let y = |v: u64| TOP + ph - ph * v as f64 / scale as f64;
    let mut svg = String::new();
    let (title, counted) = burn_up_words(report.metric, lang);
    let _ = write!(
        svg,
        "<figure>\n<svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">\n",
        escape(title)
    );
    // Horizontal grid lines with their values.
    for i in 0..=4u64 {
        let v = scale * i / 4;
        let _ = writeln!(
            svg,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/>\
             <text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            W - RIGHT,
            y(v),
            y(v),
            LEFT - 6.0,
            y(v) + 4.0,
            lang.int(v)
        );
    }
    // A label under each month's end, where its point is; on a term,
    // under each January's only.
    let one_year =
        burn.points.first().map(|p| p.month.year) == burn.points.last().map(|p| p.month.year);
    for (k, p) in burn.points.iter().enumerate() {
        if !one_year && p.month.first != 1 {
            continue;
        }
        let _ = writeln!(
            svg,
            "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            x(k + 1),
            H - BOTTOM + 16.0,
            escape(&span_label(p.month, one_year, lang))
        );
    }
    if let Some(q) = burn.quota {
        let _ = writeln!(
            svg,
            "<line class=\"quota\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/>",
            W - RIGHT,
            y(q),
            y(q)
        );
        let pace: Vec<String> =
            std::iter::once(format!("{LEFT:.1},{:.1}", y(0)))
                .chain(burn.points.iter().enumerate().filter_map(|(k, p)| {
                    p.expected.map(|e| format!("{:.1},{:.1}", x(k + 1), y(e)))
                }))
                .collect();
        let _ = writeln!(
            svg,
            "<polyline class=\"pace\" points=\"{}\"/>",
            pace.join(" ")
        );
    }
    let actual: Vec<String> = std::iter::once(format!("{LEFT:.1},{:.1}", y(0)))
        .chain(burn.points.iter().enumerate().filter_map(|(k, p)| {
            // The month of the as-of date ends at that date.
            let at = if p.month.end() > report.as_of {
                let days = |to| days_through(p.month.start(), to) as f64;
                x(k) + (x(k + 1) - x(k)) * days(report.as_of) / days(p.month.end())
            } else {
                x(k + 1)
            };
            p.admitted.map(|a| format!("{at:.1},{:.1}", y(a)))
        }))
        .collect();
    let _ = writeln!(
        svg,
        "<polyline class=\"actual\" points=\"{}\"/>",
        actual.join(" ")
    );
    // The legend along the bottom.
    let legend = [
        ("actual", counted),
        ("pace", lang.pick("Pace", "Tiến độ cần đạt")),
        ("quota", lang.pick("Quota", "Chỉ tiêu")),
    ];
    let mut lx = LEFT;
    for (class, word) in legend {
        if class != "actual" && burn.quota.is_none() {
            continue;
        }
        let ly = H - 8.0;
        let _ = writeln!(
            svg,
            "<line class=\"{class}\" x1=\"{lx:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/>\
             <text class=\"legend\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            lx + 22.0,
            ly - 4.0,
            ly - 4.0,
            lx + 28.0,
            ly,
            escape(word)
        );
        lx += 40.0 + 7.0 * word.chars().count() as f64;
    }
    svg += "</svg>\n";
    let _ = writeln!(svg, "<figcaption>{}</figcaption>\n</figure>", escape(title));
    svg
}

/// The least round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a
/// power of ten) at or above `v`, for the top of the chart's scale; at
/// least 4, so that the four grid steps are whole.
fn nice_top(v: u64) -> u64 {
    let v = v.max(4);
    let mut power = 1u64;
    loop {
        for m in [10, 12, 15, 20, 25, 30, 40, 50, 60, 80] {
            let Some(tens) = power.checked_mul(m) else {
                return u64::MAX;
            };
            let t = tens / 10;
            if tens % 10 == 0 && t % 4 == 0 && t >= v {
                return t;
            }
        }
        power = power.saturating_mul(10);
    }
}

/// Text safe inside elements and quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_tops() {
        assert_eq!(nice_top(0), 4);
        assert_eq!(nice_top(7), 8);
        assert_eq!(nice_top(9), 12);
        assert_eq!(nice_top(161), 200);
        assert_eq!(nice_top(2767), 3000);
        assert_eq!(nice_top(5000), 5000);
        assert_eq!(nice_top(5001), 6000);
        assert_eq!(nice_top(u64::MAX), u64::MAX);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<b>\"Tân An\" & 'Cư Pui'</b>"),
            "&lt;b&gt;&quot;Tân An&quot; &amp; &#39;Cư Pui&#39;&lt;/b&gt;"
        );
    }
}

//! What `quota check` found, as a table, JSON or CSV. JSON and CSV carry
//! the English sentence, as they never change with the language.

use anyhow::Result;
use comfy_table::{Cell, Color};
use serde::Serialize;

use crate::lang::Lang;
use crate::render::table::{fit, new_table, trim_lines};
use crate::render::{Format, View, csv, json};
use crate::report::check::{Finding, Severity};

#[derive(Serialize)]
struct Findings<'a> {
    errors: usize,
    warnings: usize,
    findings: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Row<'a> {
    severity: &'static str,
    kind: &'static str,
    org: Option<&'a str>,
    id: Option<u64>,
    period: Option<String>,
    what: &'a str,
}

impl<'a> Row<'a> {
    fn of(f: &'a Finding) -> Row<'a> {
        Row {
            severity: f.severity.as_str(),
            kind: f.kind.as_str(),
            org: f.org.as_deref(),
            id: f.id,
            period: f.period.map(|p| p.to_string()),
            what: f.what.get(Lang::En),
        }
    }
}

/// How many errors and warnings there are.
pub fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}

/// The findings about the store shown as `store` in `format`.
pub fn check(findings: &[Finding], store: &str, format: Format, view: &View) -> Result<String> {
    let (errors, warnings) = counts(findings);
    match format {
        Format::Json => json::pretty(&Findings {
            errors,
            warnings,
            findings: findings.iter().map(Row::of).collect(),
        }),
        Format::Csv => csv::write(
            &["severity", "kind", "org", "id", "period", "what"],
            findings.iter().map(Row::of).map(|r| {
                [
                    r.severity.to_string(),
                    r.kind.to_string(),
                    r.org.unwrap_or_default().to_string(),
                    r.id.map(|i| i.to_string()).unwrap_or_default(),
                    r.period.unwrap_or_default(),
                    r.what.to_string(),
                ]
            }),
        ),
        Format::Table | Format::Markdown | Format::Html => {
            let l = view.lang;
            if findings.is_empty() {
                return Ok(tl!(
                    l,
                    "No problems found in {store}.\n",
                    "Không thấy vấn đề nào trong {store}.\n"
                ));
            }
            let caption = format!("{store}: {}", summary(errors, warnings, l));
            let header: Vec<String> = [
                ("Severity", "Mức độ"),
                ("Organisation", "Tổ chức"),
                ("Problem", "Vấn đề"),
            ]
            .iter()
            .map(|(en, vi)| l.pick(en, vi).to_string())
            .collect();
            let mut rows: Vec<Vec<String>> = findings
                .iter()
                .map(|f| {
                    vec![
                        f.severity.word().get(l).to_string(),
                        f.org.clone().unwrap_or_default(),
                        f.what.get(l).to_string(),
                    ]
                })
                .collect();
            let widths = fit(&header, &mut rows, 2, view.width);
            let mut t = new_table(view, header, &widths, usize::MAX);
            for (f, row) in findings.iter().zip(rows) {
                let mut cells: Vec<Cell> = row.into_iter().map(Cell::new).collect();
                if view.color {
                    let color = match f.severity {
                        Severity::Error => Color::Red,
                        Severity::Warning => Color::Yellow,
                    };
                    cells[0] = std::mem::replace(&mut cells[0], Cell::new("")).fg(color);
                }
                t.add_row(cells);
            }
            Ok(format!("{caption}\n{}\n", trim_lines(&t.to_string())))
        }
    }
}

/// "2 errors, 1 warning" in `lang`; only the counts that are not 0.
pub fn summary(errors: usize, warnings: usize, lang: Lang) -> String {
    let n = |k: usize| lang.int(k as u64);
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(match (lang, errors) {
            (Lang::En, 1) => "1 error".to_string(),
            (Lang::En, k) => format!("{} errors", n(k)),
            (Lang::Vi, k) => format!("{} lỗi", n(k)),
        });
    }
    if warnings > 0 {
        parts.push(match (lang, warnings) {
            (Lang::En, 1) => "1 warning".to_string(),
            (Lang::En, k) => format!("{} warnings", n(k)),
            (Lang::Vi, k) => format!("{} cảnh báo", n(k)),
        });
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_both_languages() {
        assert_eq!(summary(1, 0, Lang::En), "1 error");
        assert_eq!(summary(2, 1, Lang::En), "2 errors, 1 warning");
        assert_eq!(summary(0, 1234, Lang::Vi), "1.234 cảnh báo");
        assert_eq!(summary(3, 2, Lang::Vi), "3 lỗi, 2 cảnh báo");
    }
}

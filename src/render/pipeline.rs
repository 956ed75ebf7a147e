//! The pipeline and the candidates as a table, JSON or CSV. A candidate's
//! personal details appear only when asked for.

use anyhow::Result;
use serde::Serialize;

use crate::model::{Candidate, Stage};
use crate::render::table::{INDENT, fit, new_table, period_words, trim_lines};
use crate::render::{Format, NONE, View, csv, json};
use crate::report::pipeline::Pipeline;

/// The pipeline in `format`.
pub fn pipeline(p: &Pipeline, format: Format, view: &View) -> Result<String> {
    let l = view.lang;
    match format {
        Format::Json => json::pretty(p),
        Format::Csv => {
            let opt = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
            let mut header = vec!["id", "name", "depth", "quota", "admitted", "remaining"];
            header.extend(Stage::ALL.iter().map(|s| s.as_str()));
            header.extend(["pipeline", "coverage", "flagged"]);
            let rows = p.rows.iter().map(|r| {
                let mut cells = vec![
                    r.id.clone(),
                    r.name.clone(),
                    r.depth.to_string(),
                    opt(r.quota),
                    r.admitted.to_string(),
                    opt(r.remaining),
                ];
                cells.extend(r.stages.0.iter().map(u64::to_string));
                cells.push(r.pipeline.to_string());
                cells.push(r.coverage.map(|c| c.plain()).unwrap_or_default());
                cells.push(r.flagged.to_string());
                cells
            });
            csv::write(&header, rows)
        }
        Format::Table | Format::Markdown | Format::Html => {
            let num = |n: Option<u64>| n.map_or_else(|| NONE.to_string(), |n| l.int(n));
            let mut header: Vec<String> = [
                ("Organisation", "Tổ chức"),
                ("Quota", "Chỉ tiêu"),
                ("Admitted", "Đã kết nạp"),
                ("Left", "Còn lại"),
            ]
            .iter()
            .map(|(en, vi)| l.pick(en, vi).to_string())
            .collect();
            header.extend(Stage::ALL.iter().map(|s| s.word().get(l).to_string()));
            header.extend(
                [
                    ("In pipeline", "Trong nguồn"),
                    ("Coverage", "Đáp ứng"),
                    ("", ""),
                ]
                .iter()
                .map(|(en, vi)| l.pick(en, vi).to_string()),
            );
            let mut rows: Vec<Vec<String>> = p
                .rows
                .iter()
                .map(|r| {
                    let mut cells = vec![
                        format!("{}{}", INDENT.repeat(r.depth), r.name),
                        num(r.quota),
                        l.int(r.admitted),
                        num(r.remaining),
                    ];
                    cells.extend(r.stages.0.iter().map(|&n| l.int(n)));
                    cells.push(l.int(r.pipeline));
                    cells.push(r.coverage.map_or_else(
                        || NONE.to_string(),
                        |c| l.decimal_str(c.scaled, c.precision) + "%",
                    ));
                    cells.push(if r.flagged {
                        l.pick("short", "thiếu nguồn").to_string()
                    } else {
                        String::new()
                    });
                    cells
                })
                .collect();
            let caption = match l {
                crate::lang::Lang::En => format!(
                    "Pipeline for the quota of {}, as of {}",
                    period_words(p.period, l),
                    l.date(p.as_of)
                ),
                crate::lang::Lang::Vi => format!(
                    "Nguồn kết nạp so với chỉ tiêu {}, tính đến ngày {}",
                    period_words(p.period, l),
                    l.date(p.as_of)
                ),
            };
            let widths = fit(&header, &mut rows, 0, view.width);
            let last = header.len() - 1;
            let mut t = new_table(view, header, &widths, 1);
            if let Some(c) = t.column_mut(last) {
                c.set_cell_alignment(comfy_table::CellAlignment::Left);
            }
            t.add_rows(rows);
            Ok(format!("{caption}\n{}\n", trim_lines(&t.to_string())))
        }
    }
}

/// A candidate as listed: the stage and its dates; personal fields only
/// with details.
#[derive(Serialize)]
struct CandidateRow<'a> {
    id: u64,
    org: &'a str,
    stage: &'static str,
    #[serde(with = "crate::date::iso")]
    since: chrono::NaiveDate,
    /// "open", "dropped" or "admitted".
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    admission: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    born: Option<String>,
}

/// Candidates in `format`; names and birth dates only `with_details`.
pub fn candidates(
    list: &[&Candidate],
    with_details: bool,
    format: Format,
    view: &View,
) -> Result<String> {
    let l = view.lang;
    let rows: Vec<CandidateRow> = list
        .iter()
        .map(|c| {
            let person = c.person.as_deref().filter(|_| with_details);
            CandidateRow {
                id: c.id,
                org: &c.org,
                stage: c.stage().as_str(),
                since: c.since().unwrap_or_default(),
                state: if c.admission.is_some() {
                    "admitted"
                } else if c.dropped.is_some() {
                    "dropped"
                } else {
                    "open"
                },
                admission: c.admission,
                name: person.and_then(|p| p.name.as_deref()),
                born: person
                    .and_then(|p| p.born)
                    .map(|b| crate::date::DateText::iso(b).as_str().to_string()),
            }
        })
        .collect();
    match format {
        Format::Json => json::pretty(&rows),
        Format::Csv => {
            let mut header = vec!["id", "org", "stage", "since", "state", "admission"];
            if with_details {
                header.extend(["name", "born"]);
            }
            csv::write(
                &header,
                rows.iter().map(|r| {
                    let mut cells = vec![
                        r.id.to_string(),
                        r.org.to_string(),
                        r.stage.to_string(),
                        crate::date::DateText::iso(r.since).as_str().to_string(),
                        r.state.to_string(),
                        r.admission.map(|a| a.to_string()).unwrap_or_default(),
                    ];
                    if with_details {
                        cells.push(r.name.unwrap_or_default().to_string());
                        cells.push(r.born.clone().unwrap_or_default());
                    }
                    cells
                }),
            )
        }
        Format::Table | Format::Markdown | Format::Html => {
            let mut header: Vec<String> = [
                ("ID", "Mã"),
                ("Organisation", "Tổ chức"),
                ("Stage", "Giai đoạn"),
                ("Since", "Từ ngày"),
                ("State", "Tình trạng"),
            ]
            .iter()
            .map(|(en, vi)| l.pick(en, vi).to_string())
            .collect();
            if with_details {
                header.push(l.pick("Name", "Họ tên").to_string());
            }
            let mut cells: Vec<Vec<String>> = list
                .iter()
                .zip(&rows)
                .map(|(c, r)| {
                    let state = match r.state {
                        "admitted" => format!(
                            "{} #{}",
                            l.pick("admitted", "đã kết nạp"),
                            r.admission.unwrap_or_default()
                        ),
                        "dropped" => l.pick("dropped", "đã loại").to_string(),
                        _ => l.pick("open", "đang theo dõi").to_string(),
                    };
                    let mut row = vec![
                        r.id.to_string(),
                        r.org.to_string(),
                        c.stage().word().get(l).to_string(),
                        l.date(r.since),
                        state,
                    ];
                    if with_details {
                        row.push(r.name.unwrap_or(NONE).to_string());
                    }
                    row
                })
                .collect();
            let flexible = if with_details { 5 } else { 1 };
            let widths = fit(&header, &mut cells, flexible, view.width);
            let mut t = new_table(view, header, &widths, usize::MAX);
            if let Some(c) = t.column_mut(0) {
                c.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
            t.add_rows(cells);
            Ok(trim_lines(&t.to_string()) + "\n")
        }
    }
}

/// What falls due, as listed; the person's name only with details.
#[derive(Serialize)]
struct DueRow<'a> {
    #[serde(flatten)]
    item: &'a crate::report::due::Item,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

/// Deadlines in `format`, earliest first.
pub fn due(
    items: &[crate::report::due::Item],
    with_details: bool,
    format: Format,
    view: &View,
) -> Result<String> {
    let l = view.lang;
    let rows: Vec<DueRow> = items
        .iter()
        .map(|i| DueRow {
            item: i,
            name: i.person.as_deref().filter(|_| with_details),
        })
        .collect();
    match format {
        Format::Json => json::pretty(&rows),
        Format::Csv => {
            let mut header = vec!["kind", "id", "org", "from", "due", "days_left"];
            if with_details {
                header.push("name");
            }
            csv::write(
                &header,
                rows.iter().map(|r| {
                    let i = r.item;
                    let kind = serde_json::to_value(i.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    let mut cells = vec![
                        kind,
                        i.id.to_string(),
                        i.org.clone(),
                        crate::date::DateText::iso(i.from).as_str().to_string(),
                        crate::date::DateText::iso(i.due).as_str().to_string(),
                        i.days_left.to_string(),
                    ];
                    if with_details {
                        cells.push(r.name.unwrap_or_default().to_string());
                    }
                    cells
                }),
            )
        }
        Format::Table | Format::Markdown | Format::Html => {
            let mut header: Vec<String> = [
                ("What", "Việc"),
                ("ID", "Mã"),
                ("Organisation", "Tổ chức"),
                ("From", "Tính từ"),
                ("Due", "Hạn"),
                ("", ""),
            ]
            .iter()
            .map(|(en, vi)| l.pick(en, vi).to_string())
            .collect();
            if with_details {
                header.push(l.pick("Name", "Họ tên").to_string());
            }
            let mut cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let i = r.item;
                    let when = match i.days_left {
                        n if n < 0 => match l {
                            crate::lang::Lang::En => format!("overdue by {} days", -n),
                            crate::lang::Lang::Vi => format!("quá hạn {} ngày", -n),
                        },
                        0 => l.pick("due today", "hạn hôm nay").to_string(),
                        n => match l {
                            crate::lang::Lang::En => format!("in {n} days"),
                            crate::lang::Lang::Vi => format!("còn {n} ngày"),
                        },
                    };
                    let mut row = vec![
                        i.kind.word().get(l).to_string(),
                        i.id.to_string(),
                        i.org.clone(),
                        l.date(i.from),
                        l.date(i.due),
                        when,
                    ];
                    if with_details {
                        row.push(r.name.unwrap_or(NONE).to_string());
                    }
                    row
                })
                .collect();
            if cells.is_empty() {
                return Ok(l
                    .pick("Nothing is due.\n", "Không có việc nào đến hạn.\n")
                    .to_string());
            }
            let widths = fit(&header, &mut cells, 2, view.width);
            let mut t = new_table(view, header, &widths, usize::MAX);
            if let Some(c) = t.column_mut(1) {
                c.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
            t.add_rows(cells);
            Ok(trim_lines(&t.to_string()) + "\n")
        }
    }
}

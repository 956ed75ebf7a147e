//! The lists: organisations and admission records, as a table, JSON or
//! CSV. Personal details appear only when asked for.

use anyhow::Result;
use serde::Serialize;

use crate::model::{Admission, Org};
use crate::render::table::{INDENT, fit, new_table, trim_lines};
use crate::render::{Format, NONE, View, csv, json};

/// Organisations with their depth in the listing (0 when flat).
pub fn orgs(orgs: &[(&Org, usize)], tree: bool, format: Format, view: &View) -> Result<String> {
    match format {
        Format::Json => {
            let rows: Vec<&Org> = orgs.iter().map(|(o, _)| *o).collect();
            json::pretty(&rows)
        }
        Format::Csv => crate::exchange::write_rows(
            orgs.iter()
                .map(|(o, _)| crate::exchange::org_row(o, crate::exchange::Cells::Plain)),
            crate::exchange::Kind::Orgs.columns(),
            crate::exchange::Cells::Plain,
        ),
        Format::Table | Format::Markdown | Format::Html => {
            let l = view.lang;
            let mut header = vec![
                l.pick("ID", "Mã").to_string(),
                l.pick("Name", "Tên").to_string(),
                l.pick("Parent", "Cấp trên").to_string(),
                l.pick("Level", "Cấp").to_string(),
                l.pick("Members", "Đảng viên").to_string(),
            ];
            // Where merged ones went, before the numbers.
            let merged = orgs.iter().any(|(o, _)| o.merged.is_some());
            if merged {
                header.insert(4, l.pick("Merged into", "Hợp nhất vào").to_string());
            }
            let mut rows: Vec<Vec<String>> =
                orgs.iter()
                    .map(|(o, depth)| {
                        let indent = if tree {
                            INDENT.repeat(*depth)
                        } else {
                            String::new()
                        };
                        let mut row = vec![
                            format!("{indent}{}", o.id),
                            o.name.clone(),
                            o.parent.clone().unwrap_or_else(|| NONE.into()),
                            o.level
                                .as_deref()
                                .map_or_else(|| NONE.into(), |lv| crate::lang::level_word(lv, l)),
                            o.members.map_or_else(|| NONE.into(), |m| l.int(m)),
                        ];
                        if merged {
                            let into = o.merged.as_ref().map_or_else(String::new, |m| {
                                format!("{} ({})", m.into, l.date(m.on))
                            });
                            row.insert(4, into);
                        }
                        row
                    })
                    .collect();
            Ok(table(view, header, &mut rows, 1, 4 + usize::from(merged)))
        }
    }
}

/// An admission record as listed: personal fields only with details.
#[derive(Serialize)]
struct AdmissionRow<'a> {
    id: u64,
    org: &'a str,
    date: chrono::NaiveDate,
    count: u64,
    void: bool,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    details: Option<Details<'a>>,
}

#[derive(Serialize)]
struct Details<'a> {
    void_reason: Option<&'a str>,
    decision: Option<&'a str>,
    note: Option<&'a str>,
    name: Option<&'a str>,
    sex: Option<&'static str>,
    born: Option<chrono::NaiveDate>,
    ethnicity: Option<&'a str>,
    religion: Option<&'a str>,
    youth_union: Option<bool>,
    occupation: Option<&'a str>,
}

fn details(a: &Admission) -> Details<'_> {
    let p = a.person.as_deref();
    Details {
        void_reason: a.void.as_ref().map(|v| v.reason.as_str()),
        decision: a.decision.as_deref(),
        note: a.note.as_deref(),
        name: p.and_then(|p| p.name.as_deref()),
        sex: p.and_then(|p| p.sex).map(|s| s.as_str()),
        born: p.and_then(|p| p.born),
        ethnicity: p.and_then(|p| p.ethnicity.as_deref()),
        religion: p.and_then(|p| p.religion.as_deref()),
        youth_union: p.map(|p| p.youth_union),
        occupation: p.and_then(|p| p.occupation.as_deref()),
    }
}

/// The detail cells of a table row, in the order of the detail headers,
/// written the way the language writes them.
fn detail_cells(d: &Details, l: crate::lang::Lang) -> Vec<String> {
    let s = |v: Option<&str>| v.unwrap_or_default().to_string();
    let sex = match d.sex {
        Some("female") => l.pick("female", "nữ"),
        Some("male") => l.pick("male", "nam"),
        _ => "",
    };
    let youth = if d.youth_union == Some(true) {
        l.pick("yes", "có")
    } else {
        ""
    };
    vec![
        s(d.void_reason),
        s(d.decision),
        s(d.note),
        s(d.name),
        sex.to_string(),
        d.born.map(|b| l.date(b)).unwrap_or_default(),
        s(d.ethnicity),
        s(d.religion),
        youth.to_string(),
        s(d.occupation),
    ]
}

pub fn admissions(
    records: &[&Admission],
    with_details: bool,
    format: Format,
    view: &View,
) -> Result<String> {
    let rows: Vec<AdmissionRow> = records
        .iter()
        .map(|a| AdmissionRow {
            id: a.id,
            org: &a.org,
            date: a.date,
            count: a.count,
            void: a.is_void(),
            details: with_details.then(|| details(a)),
        })
        .collect();
    match format {
        Format::Json => json::pretty(&rows),
        // The export's columns and cells, in the export's order.
        Format::Csv => crate::exchange::admissions_csv(
            records.iter().copied(),
            with_details,
            crate::exchange::Cells::Plain,
        ),
        Format::Table | Format::Markdown | Format::Html => {
            let l = view.lang;
            let mut header = vec![
                l.pick("ID", "Mã").to_string(),
                l.pick("Date", "Ngày").to_string(),
                l.pick("Organisation", "Tổ chức").to_string(),
                l.pick("Count", "Số người").to_string(),
                l.pick("Void", "Hủy").to_string(),
            ];
            if with_details {
                header.extend(
                    [
                        ("Reason", "Lý do hủy"),
                        ("Decision", "Quyết định"),
                        ("Note", "Ghi chú"),
                        ("Name", "Họ tên"),
                        ("Sex", "Giới tính"),
                        ("Born", "Ngày sinh"),
                        ("Ethnicity", "Dân tộc"),
                        ("Religion", "Tôn giáo"),
                        ("Youth union", "Đoàn viên"),
                        ("Occupation", "Nghề nghiệp"),
                    ]
                    .map(|(en, vi)| l.pick(en, vi).to_string()),
                );
            }
            let mut table_rows: Vec<Vec<String>> = Vec::with_capacity(rows.len());
            for r in &rows {
                let mut cells = vec![
                    r.id.to_string(),
                    l.date(r.date),
                    r.org.to_string(),
                    l.int(r.count),
                    if r.void {
                        l.pick("void", "đã hủy")
                    } else {
                        ""
                    }
                    .to_string(),
                ];
                if let Some(d) = &r.details {
                    cells.extend(detail_cells(d, l));
                }
                table_rows.push(cells);
            }
            // With details there are too many columns to wrap well: let a
            // narrow terminal scroll instead.
            let flexible = if with_details { usize::MAX } else { 2 };
            let mut t = table_of(view, header, &mut table_rows, flexible, usize::MAX);
            for i in [0, 3] {
                if let Some(c) = t.column_mut(i) {
                    c.set_cell_alignment(comfy_table::CellAlignment::Right);
                }
            }
            Ok(trim_lines(&t.to_string()) + "\n")
        }
    }
}

/// A list table as text.
fn table(
    view: &View,
    header: Vec<String>,
    rows: &mut [Vec<String>],
    flexible: usize,
    right_from: usize,
) -> String {
    trim_lines(&table_of(view, header, rows, flexible, right_from).to_string()) + "\n"
}

fn table_of(
    view: &View,
    header: Vec<String>,
    rows: &mut [Vec<String>],
    flexible: usize,
    right_from: usize,
) -> comfy_table::Table {
    let widths = fit(&header, rows, flexible, view.width);
    let mut t = new_table(view, header, &widths, right_from);
    t.add_rows(rows.iter().cloned());
    t
}

/// A history entry as listed: what it did, not the records themselves
/// (they may hold personal details).
#[derive(Serialize)]
struct LogRow<'a> {
    seq: u64,
    time: &'a str,
    user: &'a str,
    command: &'a str,
    undoes: Option<u64>,
    orgs: usize,
    quotas: usize,
    admissions: usize,
    /// Class attendance records.
    trainings: usize,
    candidates: usize,
    /// An erase: shown in the table (JSON and CSV have the command line).
    #[serde(skip)]
    erases: bool,
}

pub fn log(
    entries: &[crate::store::history::Entry],
    format: Format,
    view: &View,
) -> Result<String> {
    let rows: Vec<LogRow> = entries
        .iter()
        .map(|e| {
            let (orgs, quotas, admissions, trainings, candidates) = e.changes.counts();
            LogRow {
                seq: e.seq,
                time: &e.time,
                user: &e.user,
                command: &e.command,
                undoes: e.undoes,
                orgs,
                quotas,
                admissions,
                trainings,
                candidates,
                erases: e.changes.erases(),
            }
        })
        .collect();
    match format {
        Format::Json => json::pretty(&rows),
        Format::Csv => csv::write(
            &[
                "seq",
                "time",
                "user",
                "command",
                "undoes",
                "orgs",
                "quotas",
                "admissions",
                "trainings",
                "candidates",
            ],
            rows.iter().map(|r| {
                [
                    r.seq.to_string(),
                    r.time.to_string(),
                    r.user.to_string(),
                    r.command.to_string(),
                    r.undoes.map(|u| u.to_string()).unwrap_or_default(),
                    r.orgs.to_string(),
                    r.quotas.to_string(),
                    r.admissions.to_string(),
                    r.trainings.to_string(),
                    r.candidates.to_string(),
                ]
            }),
        ),
        Format::Table | Format::Markdown | Format::Html => {
            let l = view.lang;
            let header = vec![
                "#".to_string(),
                l.pick("Time", "Thời gian").to_string(),
                l.pick("User", "Người dùng").to_string(),
                l.pick("Command", "Lệnh").to_string(),
                l.pick("Changed", "Thay đổi").to_string(),
            ];
            let mut cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let mut what: Vec<String> = Vec::new();
                    if let Some(u) = r.undoes {
                        what.push(format!("{} #{u}", l.pick("undo of", "hoàn tác")));
                    }
                    if r.erases {
                        what.push(
                            l.pick("personal details erased", "đã xóa dữ liệu cá nhân")
                                .to_string(),
                        );
                    }
                    for (n, en, vi) in [
                        (r.orgs, "org", "tổ chức"),
                        (r.quotas, "quota", "chỉ tiêu"),
                        (r.admissions, "admission", "kết nạp"),
                        (r.trainings, "training record", "bản ghi học lớp"),
                        (r.candidates, "candidate", "người trong nguồn"),
                    ] {
                        if n > 0 {
                            let plural = if n > 1 && l == crate::lang::Lang::En {
                                "s"
                            } else {
                                ""
                            };
                            what.push(format!("{} {}{plural}", l.int(n as u64), l.pick(en, vi)));
                        }
                    }
                    vec![
                        r.seq.to_string(),
                        // Date and time to the minute: the full stamp is in JSON.
                        r.time.replacen('T', " ", 1).chars().take(16).collect(),
                        r.user.to_string(),
                        r.command.to_string(),
                        what.join(", "),
                    ]
                })
                .collect();
            let mut t = table_of(view, header, &mut cells, 3, usize::MAX);
            if let Some(c) = t.column_mut(0) {
                c.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
            Ok(trim_lines(&t.to_string()) + "\n")
        }
    }
}

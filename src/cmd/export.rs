//! `quota export`: organisations, quotas or admissions as CSV for Excel.

use anyhow::Result;

use super::{Ctx, Output, kind, to_file};
use crate::cli::ExportArgs;
use crate::exchange::{Kind, PERSONAL_COLUMNS, neutralise};
use crate::model::Store;

pub fn run(ctx: &Ctx, args: ExportArgs) -> Result<Output> {
    let store = ctx.load()?;
    let csv = export(&store, kind(args.kind), args.with_details)?;
    match &args.output {
        Some(path) => to_file(path, csv.as_bytes(), args.with_details),
        None => Ok(Output::text(csv)),
    }
}

/// The CSV text: a UTF-8 BOM, CRLF line ends, the shape `import` reads,
/// text cells that Excel would take for formulas neutralised.
pub fn export(store: &Store, kind: Kind, with_details: bool) -> Result<String> {
    let columns: Vec<&str> = kind
        .columns()
        .iter()
        .copied()
        .filter(|c| {
            kind != Kind::Admissions
                || with_details
                || !(PERSONAL_COLUMNS.contains(c) || c.starts_with("void_"))
        })
        .collect();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(&columns)?;
    let text = |s: &Option<String>| s.as_deref().map(neutralise).unwrap_or_default();
    let num = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    match kind {
        Kind::Orgs => {
            for o in &store.orgs {
                w.write_record([
                    o.id.clone(),
                    neutralise(&o.name),
                    o.parent.clone().unwrap_or_default(),
                    text(&o.level),
                    num(o.members),
                ])?;
            }
        }
        Kind::Quotas => {
            for q in &store.quotas {
                let (year, term) = match q.period {
                    crate::date::Period::Year(y) => (y.to_string(), String::new()),
                    term => (String::new(), term.to_string()),
                };
                w.write_record([
                    q.org.clone(),
                    year,
                    term,
                    q.target.to_string(),
                    q.metric.as_str().to_string(),
                ])?;
            }
        }
        Kind::Admissions => {
            for a in &store.admissions {
                let p = a.person.as_deref();
                let cell = |c: &str| -> String {
                    match c {
                        "id" => a.id.to_string(),
                        "org" => a.org.clone(),
                        "date" => a.date.to_string(),
                        "count" => a.count.to_string(),
                        "name" => text(&p.and_then(|p| p.name.clone())),
                        "sex" => p
                            .and_then(|p| p.sex)
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_default(),
                        "born" => p
                            .and_then(|p| p.born)
                            .map(|b| b.to_string())
                            .unwrap_or_default(),
                        "ethnicity" => text(&p.and_then(|p| p.ethnicity.clone())),
                        "religion" => text(&p.and_then(|p| p.religion.clone())),
                        "youth_union" => p
                            .map(|p| if p.youth_union { "1" } else { "" })
                            .unwrap_or_default()
                            .to_string(),
                        "occupation" => text(&p.and_then(|p| p.occupation.clone())),
                        "decision" => text(&a.decision),
                        "note" => text(&a.note),
                        "void" => if a.is_void() { "1" } else { "" }.to_string(),
                        "void_reason" => text(&a.void.as_ref().map(|v| v.reason.clone())),
                        "void_date" => a
                            .void
                            .as_ref()
                            .map(|v| v.on.to_string())
                            .unwrap_or_default(),
                        _ => String::new(),
                    }
                };
                w.write_record(columns.iter().map(|c| cell(c)))?;
            }
        }
    }
    let body = String::from_utf8(w.into_inner()?)?;
    Ok(format!("\u{feff}{body}"))
}

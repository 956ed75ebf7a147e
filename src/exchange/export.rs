//! Records → CSV rows, for `export` and the CSV listings.

use anyhow::Result;
use serde::Serialize;

use super::cells::neutralise;
use super::{
    AdmissionRow, AdmissionSummaryRow, CandidateRow, CandidateSummaryRow, Kind, OrgRow, QuotaRow,
    TrainingRow,
};
use crate::date::Period;
use crate::model::{Admission, Candidate, Org, Person, Quota, Store, Training};

/// How text cells are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cells {
    /// For Excel: cells that look like formulas get a leading `'`.
    Excel,
    /// For scripts: as stored.
    Plain,
}

fn text(s: Option<&str>, cells: Cells) -> String {
    match (s, cells) {
        (None, _) => String::new(),
        (Some(s), Cells::Excel) => neutralise(s),
        (Some(s), Cells::Plain) => s.to_string(),
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub fn org_row(o: &Org, cells: Cells) -> OrgRow {
    OrgRow {
        id: o.id.clone(),
        name: text(Some(&o.name), cells),
        parent: opt(o.parent.as_ref()),
        level: text(o.level.as_deref(), cells),
        members: opt(o.members),
    }
}

pub fn quota_row(q: &Quota) -> QuotaRow {
    let (year, term) = match q.period {
        Period::Year(y) => (y.to_string(), String::new()),
        term => (String::new(), term.to_string()),
    };
    QuotaRow {
        org: q.org.clone(),
        year,
        term,
        target: q.target.to_string(),
        metric: q.metric.as_str().to_string(),
    }
}

/// A person's cells, shared by admissions and candidates: name, sex,
/// born, ethnicity, religion, youth_union, occupation.
struct PersonCells {
    name: String,
    sex: String,
    born: String,
    ethnicity: String,
    religion: String,
    youth_union: String,
    occupation: String,
}

fn person_cells(p: Option<&Person>, cells: Cells) -> PersonCells {
    let t = |s: Option<&String>| text(s.map(String::as_str), cells);
    PersonCells {
        name: t(p.and_then(|p| p.name.as_ref())),
        sex: opt(p.and_then(|p| p.sex).map(|s| s.as_str())),
        born: opt(p.and_then(|p| p.born)),
        ethnicity: t(p.and_then(|p| p.ethnicity.as_ref())),
        religion: t(p.and_then(|p| p.religion.as_ref())),
        youth_union: if p.is_some_and(|p| p.youth_union) {
            "1"
        } else {
            ""
        }
        .to_string(),
        occupation: t(p.and_then(|p| p.occupation.as_ref())),
    }
}

pub fn admission_row(a: &Admission, cells: Cells) -> AdmissionRow {
    let p = person_cells(a.person.as_deref(), cells);
    let t = |s: Option<&String>| text(s.map(String::as_str), cells);
    let probation = a.probation.as_deref();
    AdmissionRow {
        id: a.id.to_string(),
        org: a.org.clone(),
        date: a.date.to_string(),
        count: a.count.to_string(),
        name: p.name,
        sex: p.sex,
        born: p.born,
        ethnicity: p.ethnicity,
        religion: p.religion,
        youth_union: p.youth_union,
        occupation: p.occupation,
        decision: t(a.decision.as_ref()),
        note: t(a.note.as_ref()),
        void: if a.is_void() { "1" } else { "" }.to_string(),
        void_reason: t(a.void.as_ref().map(|v| &v.reason)),
        void_date: opt(a.void.as_ref().map(|v| v.on)),
        ceremony: opt(probation.and_then(|p| p.ceremony)),
        confirmed: opt(probation.and_then(|p| p.confirmed)),
        struck_on: opt(probation.and_then(|p| p.struck_on)),
        struck_reason: t(probation.and_then(|p| p.struck_reason.as_ref())),
    }
}

pub fn candidate_row(c: &Candidate, cells: Cells) -> CandidateRow {
    let p = person_cells(c.person.as_deref(), cells);
    let t = |s: Option<&String>| text(s.map(String::as_str), cells);
    let mut row = CandidateRow {
        id: c.id.to_string(),
        org: c.org.clone(),
        stage: c.stage().as_str().to_string(),
        dropped: opt(c.dropped.as_ref().map(|d| d.on)),
        drop_reason: t(c.dropped.as_ref().map(|d| &d.reason)),
        admission: opt(c.admission),
        exception: t(c.exception.as_ref()),
        name: p.name,
        sex: p.sex,
        born: p.born,
        ethnicity: p.ethnicity,
        religion: p.religion,
        youth_union: p.youth_union,
        occupation: p.occupation,
        ..CandidateRow::default()
    };
    for step in &c.steps {
        *row.reached_mut(step.stage) = step.on.to_string();
    }
    row
}

pub fn training_row(t: &Training, cells: Cells) -> TrainingRow {
    TrainingRow {
        id: t.id.to_string(),
        org: t.org.clone(),
        date: t.date.to_string(),
        count: t.count.to_string(),
        note: text(t.note.as_deref(), cells),
    }
}

/// Rows as CSV text (header from the row struct), CRLF for Excel.
pub fn write_rows<R: Serialize>(
    rows: impl IntoIterator<Item = R>,
    header: &[&str],
    cells: Cells,
) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(match cells {
            Cells::Excel => csv::Terminator::CRLF,
            Cells::Plain => csv::Terminator::Any(b'\n'),
        })
        .from_writer(Vec::new());
    // The header is written even when there are no rows.
    w.write_record(header)?;
    for r in rows {
        w.serialize(r)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// Admission records as CSV: every column with details, else the
/// export's columns less the details.
pub fn admissions_csv<'a>(
    records: impl IntoIterator<Item = &'a Admission>,
    with_details: bool,
    cells: Cells,
) -> Result<String> {
    let rows = records.into_iter().map(|a| admission_row(a, cells));
    if with_details {
        write_rows(rows, Kind::Admissions.columns(), cells)
    } else {
        write_rows(
            rows.map(AdmissionSummaryRow::from),
            super::fields_of_summary(),
            cells,
        )
    }
}

/// Candidates as CSV: every column with details, else the columns less
/// the person and the free texts.
pub fn candidates_csv<'a>(
    records: impl IntoIterator<Item = &'a Candidate>,
    with_details: bool,
    cells: Cells,
) -> Result<String> {
    let rows = records.into_iter().map(|c| candidate_row(c, cells));
    if with_details {
        write_rows(rows, Kind::Candidates.columns(), cells)
    } else {
        write_rows(
            rows.map(CandidateSummaryRow::from),
            super::fields_of_candidate_summary(),
            cells,
        )
    }
}

/// The CSV text: a UTF-8 BOM, CRLF line ends, the shape `import` reads,
/// text cells that Excel would take for formulas neutralised.
pub fn export(store: &Store, kind: Kind, with_details: bool) -> Result<String> {
    let cells = Cells::Excel;
    let body = match kind {
        Kind::Orgs => write_rows(
            store.orgs.iter().map(|o| org_row(o, cells)),
            kind.columns(),
            cells,
        )?,
        Kind::Quotas => write_rows(store.quotas.iter().map(quota_row), kind.columns(), cells)?,
        Kind::Admissions => admissions_csv(&store.admissions, with_details, cells)?,
        // No personal data: `--with-details` changes nothing.
        Kind::Training => write_rows(
            store.trainings.iter().map(|t| training_row(t, cells)),
            kind.columns(),
            cells,
        )?,
        Kind::Candidates => candidates_csv(&store.candidates, with_details, cells)?,
    };
    Ok(format!("\u{feff}{body}"))
}

//! Spreadsheet exchange: the CSV shapes of organisations, quotas,
//! admissions, class attendance and candidates. Each shape is one struct below, its
//! fields the columns in export order; import reads into the same
//! structs, so a column's name is written once.

use serde::{Deserialize, Serialize};

mod cells;
mod export;
pub mod vietnamese;

pub use cells::{detect_separator, header_name, neutralise};
pub use export::{Cells, admission_row, admissions_csv, export, org_row, write_rows};

use crate::model::Stage;
pub mod import;
pub use import::{Imported, import};

/// What a CSV file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Orgs,
    Quotas,
    Admissions,
    /// Awareness-class attendance. Its columns are a subset of the
    /// admissions', so a header cannot tell it: only `--kind` names it.
    Training,
    /// People on the way to admission, a column per stage.
    Candidates,
}

/// An organisation as a row.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OrgRow {
    pub id: String,
    pub name: String,
    pub parent: String,
    pub level: String,
    pub members: String,
}

/// A quota as a row: a `year` or a `term`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QuotaRow {
    pub org: String,
    pub year: String,
    pub term: String,
    pub target: String,
    pub metric: String,
}

/// An admission record as a row, with every detail.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AdmissionRow {
    pub id: String,
    pub org: String,
    pub date: String,
    pub count: String,
    pub name: String,
    pub sex: String,
    pub born: String,
    pub ethnicity: String,
    pub religion: String,
    pub youth_union: String,
    pub occupation: String,
    pub decision: String,
    pub note: String,
    pub void: String,
    pub void_reason: String,
    pub void_date: String,
    /// After the decision: always columns, empty until known.
    pub ceremony: String,
    pub confirmed: String,
    pub struck_on: String,
    pub struck_reason: String,
}

/// Class attendance as a row: no personal data in it. The id comes first,
/// as in an admission's row, so that an export restored into an empty
/// store keeps its ids.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TrainingRow {
    pub id: String,
    pub org: String,
    pub date: String,
    pub count: String,
    pub note: String,
}

/// An admission record as a row without personal details or free texts:
/// the export's columns, in the same order, less the details.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct AdmissionSummaryRow {
    pub id: String,
    pub org: String,
    pub date: String,
    pub count: String,
    pub decision: String,
    pub void: String,
}

/// A candidate as a row, with every detail: the stage reached, then the
/// date each stage was reached (a column named as the stage, empty when
/// it was not), how it ended, and the person.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CandidateRow {
    pub id: String,
    pub org: String,
    pub stage: String,
    pub source: String,
    pub trained: String,
    pub applied: String,
    pub verifying: String,
    pub voted: String,
    /// The day it left the pipeline, and why.
    pub dropped: String,
    pub drop_reason: String,
    /// The id of the admission record it became.
    pub admission: String,
    pub exception: String,
    pub name: String,
    pub sex: String,
    pub born: String,
    pub ethnicity: String,
    pub religion: String,
    pub youth_union: String,
    pub occupation: String,
}

impl CandidateRow {
    /// The cell of a stage's date.
    pub fn reached_mut(&mut self, stage: Stage) -> &mut String {
        match stage {
            Stage::Source => &mut self.source,
            Stage::Trained => &mut self.trained,
            Stage::Applied => &mut self.applied,
            Stage::Verifying => &mut self.verifying,
            Stage::Voted => &mut self.voted,
        }
    }
}

/// A candidate as a row without personal details or free texts, as an
/// admission's summary: the reason for an exception is the person's
/// (`erase` takes it away with the details), and a reason for dropping
/// may be too.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct CandidateSummaryRow {
    pub id: String,
    pub org: String,
    pub stage: String,
    pub source: String,
    pub trained: String,
    pub applied: String,
    pub verifying: String,
    pub voted: String,
    pub dropped: String,
    pub admission: String,
}

impl From<CandidateRow> for CandidateSummaryRow {
    fn from(r: CandidateRow) -> Self {
        CandidateSummaryRow {
            id: r.id,
            org: r.org,
            stage: r.stage,
            source: r.source,
            trained: r.trained,
            applied: r.applied,
            verifying: r.verifying,
            voted: r.voted,
            dropped: r.dropped,
            admission: r.admission,
        }
    }
}

impl From<AdmissionRow> for AdmissionSummaryRow {
    fn from(r: AdmissionRow) -> Self {
        AdmissionSummaryRow {
            id: r.id,
            org: r.org,
            date: r.date,
            count: r.count,
            decision: r.decision,
            void: r.void,
        }
    }
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Orgs => "orgs",
            Kind::Quotas => "quotas",
            Kind::Admissions => "admissions",
            Kind::Training => "training",
            Kind::Candidates => "candidates",
        }
    }

    /// Every column this kind knows, in export order: the fields of its
    /// row struct.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Kind::Orgs => fields::<OrgRow>(),
            Kind::Quotas => fields::<QuotaRow>(),
            Kind::Admissions => fields::<AdmissionRow>(),
            Kind::Training => fields::<TrainingRow>(),
            Kind::Candidates => fields::<CandidateRow>(),
        }
    }

    /// The columns that hold organisation ids (`import --prefix` puts the
    /// prefix before each).
    pub fn org_columns(self) -> &'static [&'static str] {
        match self {
            Kind::Orgs => &["id", "parent"],
            _ => &["org"],
        }
    }

    /// The columns a file of this kind must have.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Kind::Orgs => &["id", "name"],
            Kind::Quotas => &["org", "target"],
            Kind::Admissions => &["org", "date"],
            // A class has no default size, as an admission has one person.
            Kind::Training => &["org", "date", "count"],
            // A candidate is a person: a file without names cannot hold
            // any (an export without details has none).
            Kind::Candidates => &["org", "name"],
        }
    }

    /// Tells the kind from a header line. Never [`Kind::Training`]: its
    /// header is also an admissions header, and a file read as admissions
    /// without `--kind` stays so, as before training files existed.
    /// Candidates by a `stage` column or a stage's date, which no other
    /// kind has.
    pub fn detect(header: &[String]) -> Option<Kind> {
        let has = |c: &str| header.iter().any(|h| h == c);
        if has("target") {
            Some(Kind::Quotas)
        } else if has("stage") || Stage::ALL.iter().any(|s| has(s.as_str())) {
            Some(Kind::Candidates)
        } else if has("org") && (has("date") || has("count")) {
            Some(Kind::Admissions)
        } else if has("id") && has("name") && !has("org") {
            Some(Kind::Orgs)
        } else {
            None
        }
    }
}

/// The columns of [`AdmissionSummaryRow`].
fn fields_of_summary() -> &'static [&'static str] {
    fields::<AdmissionSummaryRow>()
}

/// The columns of [`CandidateSummaryRow`].
fn fields_of_candidate_summary() -> &'static [&'static str] {
    fields::<CandidateSummaryRow>()
}

/// The field names of a struct deriving `Deserialize`, as serde sees them:
/// asked of the derive itself, so that they cannot drift from the struct.
pub fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Names(Option<&'static [&'static str]>);
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl serde::de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }
    impl<'de> serde::Deserializer<'de> for &mut Names {
        type Error = Stop;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0 = Some(fields);
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut names = Names(None);
    let _ = T::deserialize(&mut names);
    names.0.unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_come_from_the_row_structs() {
        assert_eq!(
            Kind::Orgs.columns(),
            ["id", "name", "parent", "level", "members"]
        );
        // The record, the person, the void and the follow-up after the
        // decision (ceremony, confirmed, struck_on, struck_reason).
        assert_eq!(Kind::Admissions.columns().len(), 20);
        assert_eq!(
            Kind::Admissions.columns()[16..],
            ["ceremony", "confirmed", "struck_on", "struck_reason"]
        );
        assert_eq!(
            Kind::Training.columns(),
            ["id", "org", "date", "count", "note"]
        );
        // Every training column is an admissions column: why a training
        // file cannot be told by its header.
        for c in Kind::Training.columns() {
            assert!(Kind::Admissions.columns().contains(c), "{c}");
        }
        // The summary is the export's columns, in the same order.
        let all = Kind::Admissions.columns();
        let summary = fields_of_summary();
        let mut at = 0;
        for c in summary {
            at += all[at..].iter().position(|a| a == c).expect("in order") + 1;
        }
        // Every person field of the store is a column of the export, of
        // admissions and of candidates alike.
        for f in fields::<crate::model::Person>() {
            assert!(Kind::Admissions.columns().contains(f), "{f}");
            assert!(Kind::Candidates.columns().contains(f), "{f}");
        }
    }

    #[test]
    fn candidate_columns_name_the_stages() {
        assert_eq!(
            Kind::Candidates.columns()[..12],
            [
                "id",
                "org",
                "stage",
                "source",
                "trained",
                "applied",
                "verifying",
                "voted",
                "dropped",
                "drop_reason",
                "admission",
                "exception"
            ]
        );
        // A column per stage, named as the stage, in the stages' order.
        let names: Vec<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(Kind::Candidates.columns()[3..8], names);
        let mut row = CandidateRow::default();
        for s in Stage::ALL {
            *row.reached_mut(s) = s.as_str().to_string();
        }
        assert_eq!(
            [
                row.source,
                row.trained,
                row.applied,
                row.verifying,
                row.voted
            ],
            names.as_slice()
        );
        // The summary: the columns less the person and the free texts, in
        // the same order.
        let summary = fields_of_candidate_summary();
        assert_eq!(summary.len(), 10);
        let all = Kind::Candidates.columns();
        let mut at = 0;
        for c in summary {
            at += all[at..].iter().position(|a| a == c).expect("in order") + 1;
        }
        for private in ["name", "born", "exception", "drop_reason"] {
            assert!(!summary.contains(&private), "{private}");
        }
    }

    #[test]
    fn kinds_and_separators() {
        let h = |s: &str| s.split(',').map(header_name).collect::<Vec<_>>();
        assert_eq!(Kind::detect(&h("\u{feff}id,name,parent")), Some(Kind::Orgs));
        assert_eq!(Kind::detect(&h("org,term,target")), Some(Kind::Quotas));
        assert_eq!(Kind::detect(&h("Date,ORG,count")), Some(Kind::Admissions));
        assert_eq!(
            Kind::detect(&h("id,org,date,count,note")),
            Some(Kind::Admissions)
        );
        assert_eq!(
            Kind::detect(&h("id,org,stage,name")),
            Some(Kind::Candidates)
        );
        assert_eq!(Kind::detect(&h("Org,Name,Applied")), Some(Kind::Candidates));
        assert_eq!(
            Kind::detect(&h(&Kind::Candidates.columns().join(","))),
            Some(Kind::Candidates)
        );
        // The other kinds' exports are told as before.
        for kind in [Kind::Orgs, Kind::Quotas, Kind::Admissions] {
            assert_eq!(Kind::detect(&h(&kind.columns().join(","))), Some(kind));
        }
        assert_eq!(
            Kind::detect(&h(&Kind::Training.columns().join(","))),
            Some(Kind::Admissions)
        );
        assert_eq!(Kind::detect(&h("a,b")), None);
        assert_eq!(detect_separator(b"org;date;count"), b';');
        assert_eq!(detect_separator(b"org,date,count"), b',');
    }
}

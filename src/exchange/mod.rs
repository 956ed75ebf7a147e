//! Spreadsheet exchange: the CSV shapes of organisations, quotas,
//! admissions and class attendance. Each shape is one struct below, its
//! fields the columns in export order; import reads into the same
//! structs, so a column's name is written once.

use serde::{Deserialize, Serialize};

mod cells;
mod export;

pub use cells::{detect_separator, header_name, neutralise};
pub use export::{Cells, admission_row, admissions_csv, export, org_row, write_rows};
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
        }
    }

    /// Tells the kind from a header line. Never [`Kind::Training`]: its
    /// header is also an admissions header, and a file read as admissions
    /// without `--kind` stays so, as before training files existed.
    pub fn detect(header: &[String]) -> Option<Kind> {
        let has = |c: &str| header.iter().any(|h| h == c);
        if has("target") {
            Some(Kind::Quotas)
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
        assert_eq!(Kind::Admissions.columns().len(), 16);
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
        // Every person field of the store is a column of the export.
        for f in fields::<crate::model::Person>() {
            assert!(Kind::Admissions.columns().contains(f), "{f}");
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
        assert_eq!(Kind::detect(&h("a,b")), None);
        assert_eq!(detect_separator(b"org;date;count"), b';');
        assert_eq!(detect_separator(b"org,date,count"), b',');
    }
}

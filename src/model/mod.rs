//! The data kept in a store: organisations, quotas and admission records.
//! Pure data and its invariants; no I/O.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::date::Period;

mod candidate;
mod field;
mod probation;
mod rules;
mod validate;

pub use candidate::{Candidate, Dropped, NewCandidate, Stage, Step, drop_reason};
pub use field::Field;
pub use probation::{
    CEREMONY_DAYS, DECISION_DAYS, OFFICIAL_VOTE_DAYS, PROBATION_MONTHS, working_days_after,
};
pub use rules::{
    Checked, MAX_AGE, MIN_AGE, NewAdmission, NewTraining, Problem, earliest, number_range,
};
pub use validate::{levels, too_deep};

/// The schema version this binary reads and writes.
pub const VERSION: u32 = 1;

/// The largest admission id: far beyond any store, and far from overflow.
pub const MAX_ID: u64 = 1_000_000_000_000;

/// The most levels a tree of organisations may have, a root being the
/// first. Real trees have six or seven; a deeper one is a mistake, and
/// the limit keeps every walk along a branch short.
pub const MAX_LEVELS: usize = 32;

/// The largest count, target or member number accepted: far above any real
/// figure, and small enough that sums over a nation never overflow.
pub const MAX_NUMBER: u64 = 1_000_000_000;

/// The whole store file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Store {
    pub version: u32,
    /// The id the next admission record gets; ids are never reused.
    #[serde(default)]
    pub next_id: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orgs: Vec<Org>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotas: Vec<Quota>,
    /// Public holidays, which deadlines in working days skip.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<Holiday>,
    /// Awareness-class attendance, before the admissions: a store has few
    /// of these and may have a million of those.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trainings: Vec<Training>,
    /// People on the way to admission.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub admissions: Vec<Admission>,
}

/// A party committee or cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Org {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<u64>,
    /// Set when it was merged into another organisation: it stays, as
    /// another name of that one, and its records are that one's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged: Option<Merged>,
    /// Brought by `quota sync` from the store whose top organisation has
    /// this id: it and its records are that store's, replaced by the next
    /// sync of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synced: Option<String>,
}

/// Into which organisation, and when, one was merged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merged {
    pub into: String,
    #[serde(with = "crate::date::iso")]
    pub on: NaiveDate,
}

/// What a quota counts.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// New members admitted.
    #[default]
    Admissions,
    /// People sent to the awareness class.
    Trained,
}

impl Metric {
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Admissions => "admissions",
            Metric::Trained => "trained",
        }
    }
}

/// A target for one organisation, period and metric.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawQuota", into = "RawQuota")]
pub struct Quota {
    pub org: String,
    pub period: Period,
    pub metric: Metric,
    pub target: u64,
}

/// A quota as written in the file: exactly one of `year` and `term`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuota {
    org: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    term: Option<String>,
    #[serde(default, skip_serializing_if = "is_default_metric")]
    metric: Metric,
    target: u64,
}

fn is_default_metric(m: &Metric) -> bool {
    *m == Metric::Admissions
}

/// What serde says of a quota with both or neither of `year` and `term`.
pub fn quota_period() -> crate::lang::Text {
    t!(
        "a quota needs exactly one of `year` and `term`",
        "chỉ tiêu cần đúng một trong hai trường `year` và `term`"
    )
}

impl TryFrom<RawQuota> for Quota {
    type Error = String;

    fn try_from(raw: RawQuota) -> Result<Self, String> {
        let period = match (raw.year, raw.term) {
            (Some(y), None) => Period::year(y),
            (None, Some(t)) => Period::term(&t),
            _ => return Err(quota_period().to_string()),
        }
        .map_err(|e| e.to_string())?;
        Ok(Quota {
            org: raw.org,
            period,
            metric: raw.metric,
            target: raw.target,
        })
    }
}

impl From<Quota> for RawQuota {
    fn from(q: Quota) -> Self {
        let (year, term) = match q.period {
            Period::Year(y) => (Some(y), None),
            term @ Period::Term(..) => (None, Some(term.to_string())),
        };
        RawQuota {
            org: q.org,
            year,
            term,
            metric: q.metric,
            target: q.target,
        }
    }
}

/// A record that `count` people were admitted to `org` on `date`.
#[derive(Clone, Debug, PartialEq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Admission {
    pub id: u64,
    pub org: String,
    /// The date of the admission decision.
    #[serde(with = "crate::date::iso")]
    pub date: NaiveDate,
    pub count: u64,
    /// The decision number, e.g. "123-QĐ/HU".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Personal details, for one-person records only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Box<Person>>,
    /// Set when the record was cancelled as a mistake.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub void: Option<Void>,
    /// The ceremony and the probation that follows it, as far as known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probation: Option<Box<Probation>>,
}

/// After the decision: the admission ceremony, then twelve months of
/// probation that end in the official membership or the name struck off.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Probation {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    pub ceremony: Option<NaiveDate>,
    /// The day the cell voted the member official.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    pub confirmed: Option<NaiveDate>,
    /// The day the name was struck off, and why.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    pub struck_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub struck_reason: Option<String>,
}

impl Probation {
    /// Confirmed or struck: nothing more to follow.
    pub fn is_closed(&self) -> bool {
        self.confirmed.is_some() || self.struck_on.is_some()
    }
}

/// A day off besides the weekend, for counting working days.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    #[serde(with = "crate::date::iso")]
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Admission {
    pub fn is_void(&self) -> bool {
        self.void.is_some()
    }
}

/// A record that `count` people of `org` attended an awareness class on
/// the Party ("lớp bồi dưỡng nhận thức về Đảng") that ended on `date`:
/// what the `trained` plan counts. Its id comes from the same counter as
/// the admissions', so no two records share one.
#[derive(Clone, Debug, PartialEq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    pub id: u64,
    pub org: String,
    #[serde(with = "crate::date::iso")]
    pub date: NaiveDate,
    pub count: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Personal details of one admitted member: personal data, and in part
/// sensitive personal data, under Vietnamese law. Shown only on request.
#[derive(Clone, Debug, Default, PartialEq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    pub born: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub religion: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub youth_union: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
}

impl Person {
    pub fn is_empty(&self) -> bool {
        *self == Person::default()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Female,
    Male,
}

impl Sex {
    /// `female`/`male` or `nữ`/`nam` (with or without diacritics), any case.
    pub fn parse(s: &str) -> Option<Sex> {
        let s = s.trim();
        // The spellings a file or a command line mostly has, without the
        // allocation of folding.
        match s {
            "female" | "nữ" | "Nữ" => return Some(Sex::Female),
            "male" | "nam" | "Nam" => return Some(Sex::Male),
            _ => {}
        }
        match crate::text::fold(s).as_str() {
            "female" | "f" | "nữ" | "nu" => Some(Sex::Female),
            "male" | "m" | "nam" => Some(Sex::Male),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
        }
    }
}

/// Why and when a record was cancelled.
#[derive(Clone, Debug, PartialEq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Void {
    pub reason: String,
    #[serde(with = "crate::date::iso")]
    pub on: NaiveDate,
}

//! The rules a new record must keep, one constructor per record kind. The
//! command line, the CSV import and every later command build records
//! here and nowhere else, so they refuse the same values with the same
//! words. Values arrive typed (parsing text is the caller's job); each
//! broken rule comes back tagged with its field.

use chrono::NaiveDate;

use super::{Admission, Field, MAX_NUMBER, Org, Person, Quota, Training, Void};
use crate::lang::{Date, Num, Text};
use crate::text;

/// A broken rule: the field, and what is wrong with it (a fragment that
/// follows the field's name: "is after today …").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: Field,
    pub what: Text,
}

impl Problem {
    pub fn new(field: Field, what: Text) -> Problem {
        Problem { field, what }
    }

    /// The problem as a sentence on its own: "The date … is after today …".
    pub fn sentence(&self) -> Text {
        let (field, what) = (self.field, &self.what);
        let cap = super::field::Capitalised(field);
        t!("The {field} {what}.", "{cap} {what}.")
    }
}

impl From<Problem> for anyhow::Error {
    fn from(p: Problem) -> anyhow::Error {
        anyhow::Error::new(p.sentence())
    }
}

/// A record that keeps every rule, and notes for the user about it.
#[derive(Debug)]
pub struct Checked<T> {
    pub value: T,
    pub notes: Vec<Text>,
}

/// The Party's founding: an admission dated earlier is a typing mistake.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1930, 2, 3).expect("a date")
}

/// The youngest a new member may be, at the admission date.
pub const MIN_AGE: u32 = 18;
/// Beyond this age an admission needs an exception: said, not refused.
pub const MAX_AGE: u32 = 60;

/// "must be a whole number from MIN to MAX".
pub fn number_range(min: u64) -> Text {
    t!(
        "must be a whole number from {} to {}",
        "phải là số nguyên từ {} đến {}",
        Num(min),
        Num(MAX_NUMBER)
    )
}

fn number(field: Field, n: u64, min: u64, out: &mut Vec<Problem>) {
    if !(min..=MAX_NUMBER).contains(&n) {
        out.push(Problem::new(field, number_range(min)));
    }
}

/// Free text: NFC, trimmed, no forbidden characters ([`text::forbidden`]);
/// empty is absent.
pub(super) fn free_text(field: Field, s: Option<String>, out: &mut Vec<Problem>) -> Option<String> {
    let s = text::nfc(s?.trim().to_string());
    if let Some(wrong) = text::forbidden(&s) {
        out.push(Problem::new(field, wrong));
        return None;
    }
    (!s.is_empty()).then_some(s)
}

pub(super) fn done<T>(
    value: T,
    problems: Vec<Problem>,
    notes: Vec<Text>,
) -> Result<Checked<T>, Vec<Problem>> {
    if problems.is_empty() {
        Ok(Checked { value, notes })
    } else {
        Err(problems)
    }
}

impl Org {
    /// A new organisation. `parent` is an id the caller has resolved.
    pub fn check(
        id: &str,
        name: Option<String>,
        parent: Option<String>,
        level: Option<String>,
        members: Option<u64>,
    ) -> Result<Checked<Org>, Vec<Problem>> {
        let mut p = Vec::new();
        let id = id.trim();
        if !text::is_valid_id(id) {
            p.push(Problem::new(
                Field::Id,
                t!(
                    "'{}' is not a valid organisation id; use lower-case ASCII letters, digits and '-', starting with a letter or digit, at most {} characters (e.g. krong-bong)",
                    "'{}' không phải mã tổ chức hợp lệ; chỉ dùng chữ thường không dấu, chữ số và '-', bắt đầu bằng chữ hoặc số, tối đa {} ký tự (ví dụ krong-bong)",
                    text::printable(id),
                    text::MAX_ID_LEN
                ),
            ));
        }
        let name = match free_text(Field::Name, name, &mut p) {
            Some(n) => n,
            None => {
                if p.iter().all(|x| x.field != Field::Name) {
                    p.push(Problem::new(
                        Field::Name,
                        t!("is empty; give a name", "đang trống; hãy ghi tên"),
                    ));
                }
                String::new()
            }
        };
        let level = free_text(Field::Level, level, &mut p);
        if let Some(m) = members {
            number(Field::Members, m, 0, &mut p);
        }
        let org = Org {
            id: id.to_string(),
            name,
            parent,
            level,
            members,
            merged: None,
            synced: None,
        };
        done(org, p, Vec::new())
    }
}

impl Quota {
    /// A quota. `org` is an id the caller has resolved.
    pub fn check(
        org: String,
        period: crate::date::Period,
        metric: super::Metric,
        target: u64,
    ) -> Result<Checked<Quota>, Vec<Problem>> {
        let mut p = Vec::new();
        number(Field::Target, target, 0, &mut p);
        done(
            Quota {
                org,
                period,
                metric,
                target,
            },
            p,
            Vec::new(),
        )
    }
}

/// An admission as given, before its rules are checked.
#[derive(Clone, Debug, Default)]
pub struct NewAdmission {
    /// An id the caller has resolved.
    pub org: String,
    pub date: Option<NaiveDate>,
    pub count: u64,
    pub decision: Option<String>,
    pub note: Option<String>,
    pub person: Person,
    pub void: Option<Void>,
}

/// A person's details with their text cleaned ([`free_text`]); a problem
/// is noted for each field that breaks a rule, never with its value.
pub(super) fn clean_person(person: Person, out: &mut Vec<Problem>) -> Person {
    Person {
        name: free_text(Field::PersonName, person.name, out),
        sex: person.sex,
        born: person.born,
        ethnicity: free_text(Field::Ethnicity, person.ethnicity, out),
        religion: free_text(Field::Religion, person.religion, out),
        youth_union: person.youth_union,
        occupation: free_text(Field::Occupation, person.occupation, out),
    }
}

/// A record's date: given, not after `today` (`after` says why), not
/// before the Party's founding. A problem is noted for each broken rule.
pub(super) fn past_date(
    date: Option<NaiveDate>,
    today: NaiveDate,
    empty: Text,
    after: Text,
    out: &mut Vec<Problem>,
) -> NaiveDate {
    match date {
        None => {
            out.push(Problem::new(Field::Date, empty));
            today
        }
        Some(d) if d > today => {
            out.push(Problem::new(
                Field::Date,
                t!(
                    "{} is after today ({}); {after}",
                    "{} muộn hơn hôm nay ({}); {after}",
                    Date(d),
                    Date(today)
                ),
            ));
            d
        }
        Some(d) if d < earliest() => {
            out.push(Problem::new(
                Field::Date,
                t!(
                    "{} is before the Party was founded (3 February 1930); check the year",
                    "{} trước ngày thành lập Đảng (03/02/1930); hãy kiểm tra năm",
                    Date(d)
                ),
            ));
            d
        }
        Some(d) => d,
    }
}

/// Class attendance as given, before its rules are checked.
#[derive(Clone, Debug, Default)]
pub struct NewTraining {
    /// An id the caller has resolved.
    pub org: String,
    pub date: Option<NaiveDate>,
    pub count: u64,
    pub note: Option<String>,
}

impl NewTraining {
    /// The record with id `id`, if it keeps every rule: a date between the
    /// Party's founding and `today`, a count from 1.
    pub fn check(self, id: u64, today: NaiveDate) -> Result<Checked<Training>, Vec<Problem>> {
        let mut p = Vec::new();
        let date = past_date(
            self.date,
            today,
            t!(
                "is empty; give the day the class ended",
                "đang trống; hãy ghi ngày kết thúc lớp học"
            ),
            t!(
                "a class is recorded once it has taken place",
                "chỉ ghi nhận lớp học đã diễn ra"
            ),
            &mut p,
        );
        number(Field::Count, self.count, 1, &mut p);
        let note = free_text(Field::Note, self.note, &mut p);
        let t = Training {
            id,
            org: self.org,
            date,
            count: self.count,
            note,
        };
        done(t, p, Vec::new())
    }
}

impl NewAdmission {
    /// The record with id `id`, if it keeps every rule: a date between the
    /// Party's founding and `today`, a count from 1, details only for one
    /// person, a member at least [`MIN_AGE`] on the admission date (over
    /// [`MAX_AGE`] is noted). Never repeats personal details.
    pub fn check(self, id: u64, today: NaiveDate) -> Result<Checked<Admission>, Vec<Problem>> {
        let mut p = Vec::new();
        let mut notes = Vec::new();
        let date = past_date(
            self.date,
            today,
            t!(
                "is empty; give the date of the decision",
                "đang trống; hãy ghi ngày quyết định"
            ),
            t!(
                "admissions are recorded once decided",
                "chỉ ghi nhận kết nạp đã có quyết định"
            ),
            &mut p,
        );
        number(Field::Count, self.count, 1, &mut p);
        let person = clean_person(self.person, &mut p);
        if let Some(b) = person.born {
            let age = date.years_since(b).unwrap_or(0);
            if b >= date || age < MIN_AGE {
                p.push(Problem::new(
                    Field::Born,
                    t!(
                        "makes the member under {MIN_AGE} on the admission date; check the birth date and the date",
                        "cho thấy người này chưa đủ {MIN_AGE} tuổi vào ngày kết nạp; hãy kiểm tra ngày sinh và ngày kết nạp"
                    ),
                ));
            } else if age > MAX_AGE {
                notes.push(t!(
                    "Note: the member is over {MAX_AGE} on the admission date, which needs an exception.",
                    "Lưu ý: người này trên {MAX_AGE} tuổi vào ngày kết nạp, cần được xét ngoại lệ."
                ));
            }
        }
        let person = (!person.is_empty()).then(|| Box::new(person));
        if person.is_some() && self.count != 1 {
            p.push(Problem::new(
                Field::Count,
                t!(
                    "is {}, but personal details go with one person; record people one at a time",
                    "là {}, nhưng thông tin cá nhân chỉ dành cho một người; hãy ghi từng người một",
                    Num(self.count)
                ),
            ));
        }
        let decision = free_text(Field::Decision, self.decision, &mut p);
        let note = free_text(Field::Note, self.note, &mut p);
        let void = match self.void {
            Some(v) => free_text(Field::VoidReason, Some(v.reason), &mut p)
                .map(|reason| Void { reason, on: v.on }),
            None => None,
        };
        let a = Admission {
            id,
            org: self.org,
            date,
            count: self.count,
            decision,
            note,
            person,
            void,
            probation: None,
        };
        done(a, p, notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn admission(date: NaiveDate, count: u64, born: Option<NaiveDate>) -> NewAdmission {
        NewAdmission {
            org: "xa".into(),
            date: Some(date),
            count,
            person: Person {
                born,
                ..Person::default()
            },
            ..NewAdmission::default()
        }
    }

    #[test]
    fn every_broken_rule_is_tagged_with_its_field() {
        let today = d(2026, 11, 22);
        let fields = |a: NewAdmission| -> Vec<Field> {
            a.check(1, today)
                .unwrap_err()
                .iter()
                .map(|p| p.field)
                .collect()
        };
        assert_eq!(fields(admission(d(2027, 1, 1), 1, None)), [Field::Date]);
        assert_eq!(fields(admission(d(1930, 2, 2), 1, None)), [Field::Date]);
        assert_eq!(fields(admission(d(2024, 1, 1), 0, None)), [Field::Count]);
        assert_eq!(
            fields(admission(d(2024, 1, 1), 2, Some(d(2000, 1, 1)))),
            [Field::Count]
        );
        assert_eq!(
            fields(admission(d(2024, 1, 1), 1, Some(d(2007, 1, 2)))),
            [Field::Born]
        );
        assert!(admission(d(1930, 2, 3), 1, None).check(1, today).is_ok());
        let old = admission(d(2024, 1, 1), 1, Some(d(1960, 1, 1)))
            .check(1, today)
            .unwrap();
        assert_eq!(old.notes.len(), 1);
    }

    #[test]
    fn a_problem_reads_as_a_sentence_in_each_language() {
        let p = admission(d(2027, 1, 1), 1, None)
            .check(1, d(2026, 11, 22))
            .unwrap_err()
            .remove(0);
        assert_eq!(
            p.sentence().get(Lang::En),
            "The date 2027-01-01 is after today (2026-11-22); admissions are recorded once decided."
        );
        assert_eq!(
            p.sentence().get(Lang::Vi),
            "Ngày 01/01/2027 muộn hơn hôm nay (22/11/2026); chỉ ghi nhận kết nạp đã có quyết định."
        );
    }

    #[test]
    fn orgs() {
        let ok = Org::check("xa-a", Some(" Xã A ".into()), None, None, Some(3)).unwrap();
        assert_eq!(ok.value.name, "Xã A");
        let bad =
            Org::check("Xa A", Some("\t".into()), None, None, Some(MAX_NUMBER + 1)).unwrap_err();
        let fields: Vec<Field> = bad.iter().map(|p| p.field).collect();
        assert_eq!(fields, [Field::Id, Field::Name, Field::Members]);
    }
}

//! A person on the way to admission: the pipeline's stages, each dated,
//! and the rules of moving along it. The admission a candidate ends in is
//! built by [`super::NewAdmission`], like every other.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rules::{Problem, clean_person, done, free_text, past_date};
use super::{Checked, Field, MAX_AGE, MIN_AGE, Person};
use crate::lang::{Date, Lang, Text};

/// The stages, in the order a candidate passes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// On the cell's list of promising people ("tạo nguồn").
    Source,
    /// Has the certificate of the awareness class.
    Trained,
    /// Has applied, with the self-declared background.
    Applied,
    /// The background is being verified ("thẩm tra lý lịch").
    Verifying,
    /// The cell has voted to admit.
    Voted,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Source,
        Stage::Trained,
        Stage::Applied,
        Stage::Verifying,
        Stage::Voted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Source => "source",
            Stage::Trained => "trained",
            Stage::Applied => "applied",
            Stage::Verifying => "verifying",
            Stage::Voted => "voted",
        }
    }

    /// A stage as written in a file: its name (`voted`) or what a table
    /// calls it in either language (`chi bộ đã biểu quyết`), in any case
    /// and either tone placement.
    pub fn parse(s: &str) -> Option<Stage> {
        let s = crate::text::fold(s.trim());
        Stage::ALL.into_iter().find(|stage| {
            let word = stage.word();
            [stage.as_str(), word.get(Lang::En), word.get(Lang::Vi)]
                .iter()
                .any(|w| crate::text::fold(w) == s)
        })
    }

    /// What a table calls it.
    pub fn word(self) -> Text {
        match self {
            Stage::Source => t!("source", "tạo nguồn"),
            Stage::Trained => t!("trained", "đã học lớp"),
            Stage::Applied => t!("applied", "đã có đơn"),
            Stage::Verifying => t!("verifying", "thẩm tra lý lịch"),
            Stage::Voted => t!("voted", "chi bộ đã biểu quyết"),
        }
    }

    /// Whether a candidate at this stage counts towards what is left of a
    /// quota: from the application on.
    pub fn covers(self) -> bool {
        self >= Stage::Applied
    }
}

/// One dated step: the stage reached and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub stage: Stage,
    #[serde(with = "crate::date::iso")]
    pub on: NaiveDate,
}

/// Why and when a candidate left the pipeline.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dropped {
    pub reason: String,
    #[serde(with = "crate::date::iso")]
    pub on: NaiveDate,
}

/// A candidate: its organisation, the steps taken (in order, dates never
/// going back), the person's details (kept here until the admission takes
/// them), and how it ended, if it has.
#[derive(Clone, Debug, PartialEq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawCandidate", into = "RawCandidate")]
pub struct Candidate {
    /// From the one counter of record ids.
    pub id: u64,
    pub org: String,
    pub steps: Vec<Step>,
    /// Why the age rule was set aside, when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Box<Person>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropped: Option<Dropped>,
    /// The admission record it became.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission: Option<u64>,
}

/// A candidate as written in the file: the date of each stage reached as
/// a key of its own (`applied = "2026-04-02"`), flat lines that diff well
/// and that the fast reader of our layout reads.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCandidate {
    id: u64,
    org: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    source: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    trained: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    applied: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    verifying: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    voted: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exception: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    admission: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    person: Option<Box<Person>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dropped: Option<Dropped>,
}

impl TryFrom<RawCandidate> for Candidate {
    type Error = String;

    fn try_from(r: RawCandidate) -> Result<Self, String> {
        let dates = [r.source, r.trained, r.applied, r.verifying, r.voted];
        let steps = Stage::ALL
            .iter()
            .zip(dates)
            .filter_map(|(&stage, on)| on.map(|on| Step { stage, on }))
            .collect();
        Ok(Candidate {
            id: r.id,
            org: r.org,
            steps,
            exception: r.exception,
            person: r.person,
            dropped: r.dropped,
            admission: r.admission,
        })
    }
}

impl From<Candidate> for RawCandidate {
    fn from(c: Candidate) -> Self {
        RawCandidate {
            id: c.id,
            org: c.org.clone(),
            source: c.reached(Stage::Source),
            trained: c.reached(Stage::Trained),
            applied: c.reached(Stage::Applied),
            verifying: c.reached(Stage::Verifying),
            voted: c.reached(Stage::Voted),
            exception: c.exception,
            admission: c.admission,
            person: c.person,
            dropped: c.dropped,
        }
    }
}

impl Candidate {
    /// The stage reached last.
    pub fn stage(&self) -> Stage {
        self.steps.last().map_or(Stage::Source, |s| s.stage)
    }

    /// The date of the last step.
    pub fn since(&self) -> Option<NaiveDate> {
        self.steps.last().map(|s| s.on)
    }

    /// When it reached `stage`, if it has.
    pub fn reached(&self, stage: Stage) -> Option<NaiveDate> {
        self.steps.iter().find(|s| s.stage == stage).map(|s| s.on)
    }

    /// Still in the pipeline: neither dropped nor admitted.
    pub fn is_open(&self) -> bool {
        self.dropped.is_none() && self.admission.is_none()
    }

    /// Moves it on to `stage` on `on`: forward only, never to an earlier
    /// date than the last step's, never after `today`; at the vote, aged
    /// [`MIN_AGE`] to [`MAX_AGE`] unless an exception says why not.
    pub fn advance(
        &mut self,
        stage: Stage,
        on: NaiveDate,
        exception: Option<String>,
        today: NaiveDate,
    ) -> Result<(), Vec<Problem>> {
        let mut p = Vec::new();
        self.still_open()?;
        let from = self.stage();
        if stage <= from && !self.steps.is_empty() {
            p.push(Problem::new(
                Field::Stage,
                t!(
                    "'{}' is not after '{}', where candidate {} is; stages only move forward",
                    "'{}' không đứng sau '{}', giai đoạn hiện tại của người {}; giai đoạn chỉ đi tới",
                    stage.word(),
                    from.word(),
                    self.id
                ),
            ));
        }
        let on = past_date(
            Some(on),
            today,
            t!("is empty; give a date", "đang trống; hãy ghi ngày"),
            t!(
                "a step is recorded once it is taken",
                "chỉ ghi nhận bước đã diễn ra"
            ),
            &mut p,
        );
        self.not_before_last(on, &mut p);
        let exception = free_text(Field::Exception, exception, &mut p).or(self.exception.take());
        if stage == Stage::Voted
            && exception.is_none()
            && let Some(born) = self.person.as_ref().and_then(|p| p.born)
        {
            let age = on.years_since(born).unwrap_or(0);
            if born >= on || !(MIN_AGE..=MAX_AGE).contains(&age) {
                p.push(Problem::new(
                    Field::Born,
                    t!(
                        "makes the candidate {age} at the vote, outside {MIN_AGE} to {MAX_AGE}; check the dates, or give --exception with the reason",
                        "cho thấy người này {age} tuổi khi chi bộ biểu quyết, ngoài khoảng {MIN_AGE} đến {MAX_AGE}; hãy kiểm tra ngày, hoặc ghi --exception kèm lý do"
                    ),
                ));
            }
        }
        self.exception = exception;
        if !p.is_empty() {
            return Err(p);
        }
        self.steps.push(Step { stage, on });
        Ok(())
    }

    /// Takes it out of the pipeline on `on` for `reason`: while it is
    /// still in it, not before its last step, with a reason.
    pub fn drop_out(&mut self, reason: String, on: NaiveDate) -> Result<(), Vec<Problem>> {
        self.still_open()?;
        let mut p = Vec::new();
        self.not_before_last(on, &mut p);
        match drop_reason(reason, on) {
            Ok(dropped) if p.is_empty() => {
                self.dropped = Some(dropped);
                Ok(())
            }
            Ok(_) => Err(p),
            Err(mut more) => {
                p.append(&mut more);
                Err(p)
            }
        }
    }

    /// Records that it became the admission record `admission`, decided
    /// on `decided`: only once the cell has voted, and not before the
    /// vote. The person's details go to the admission, not copied (one
    /// place to erase them from): they are given back to be put there.
    pub fn admit(&mut self, admission: u64, decided: NaiveDate) -> Result<Person, Vec<Problem>> {
        self.still_open()?;
        let Some(voted) = self.reached(Stage::Voted) else {
            return Err(vec![Problem::new(
                Field::Stage,
                t!(
                    "is '{}': the cell must vote first (`quota candidate advance {} voted`)",
                    "là '{}': chi bộ cần biểu quyết trước (`quota candidate advance {} voted`)",
                    self.stage().word(),
                    self.id
                ),
            )]);
        };
        if decided < voted {
            return Err(vec![Problem::new(
                Field::Date,
                t!(
                    "{} is before the cell's vote ({}); the decision follows the vote, check the dates",
                    "{} sớm hơn ngày chi bộ biểu quyết ({}); quyết định kết nạp có sau biểu quyết, hãy kiểm tra ngày",
                    Date(decided),
                    Date(voted)
                ),
            )]);
        }
        self.admission = Some(admission);
        Ok(self.person.take().map(|p| *p).unwrap_or_default())
    }

    /// A problem when it has left the pipeline: nothing moves it any more.
    fn still_open(&self) -> Result<(), Vec<Problem>> {
        if self.is_open() {
            return Ok(());
        }
        Err(vec![Problem::new(
            Field::Stage,
            t!(
                "cannot change: the candidate has already left the pipeline (dropped or admitted)",
                "không đổi được: người này đã rời danh sách nguồn (đã loại hoặc đã kết nạp)"
            ),
        )])
    }

    /// A problem when `on` is before the last step: dates never go back.
    fn not_before_last(&self, on: NaiveDate, p: &mut Vec<Problem>) {
        if let Some(last) = self.since()
            && on < last
        {
            p.push(Problem::new(
                Field::Date,
                t!(
                    "{} is before the last step ({}); dates never go back",
                    "{} sớm hơn bước trước ({}); ngày không được lùi lại",
                    Date(on),
                    Date(last)
                ),
            ));
        }
    }
}

/// A candidate as given, before its rules are checked.
#[derive(Clone, Debug, Default)]
pub struct NewCandidate {
    /// An id the caller has resolved.
    pub org: String,
    pub stage: Option<Stage>,
    pub date: Option<NaiveDate>,
    pub person: Person,
    pub exception: Option<String>,
}

impl NewCandidate {
    /// The candidate with id `id` at its first stage (default: source),
    /// if it keeps every rule: a name (a candidate is a person), a date
    /// up to `today`, clean details, the age rule if it starts as voted.
    pub fn check(self, id: u64, today: NaiveDate) -> Result<Checked<Candidate>, Vec<Problem>> {
        let mut p = Vec::new();
        let person = clean_person(self.person, &mut p);
        if person.name.is_none() && p.iter().all(|x| x.field != Field::PersonName) {
            p.push(Problem::new(
                Field::PersonName,
                t!(
                    "is empty; a candidate is a person: give --name",
                    "đang trống; mỗi người trong nguồn cần có tên: hãy ghi --name"
                ),
            ));
        }
        let date = past_date(
            self.date,
            today,
            t!("is empty; give a date", "đang trống; hãy ghi ngày"),
            t!(
                "a step is recorded once it is taken",
                "chỉ ghi nhận bước đã diễn ra"
            ),
            &mut p,
        );
        let mut c = Candidate {
            id,
            org: self.org,
            steps: Vec::new(),
            exception: None,
            person: Some(Box::new(person)),
            dropped: None,
            admission: None,
        };
        if p.is_empty()
            && let Err(mut more) = c.advance(
                self.stage.unwrap_or(Stage::Source),
                date,
                self.exception,
                today,
            )
        {
            p.append(&mut more);
        }
        done(c, p, Vec::new())
    }
}

/// A reason to drop a candidate, cleaned; a problem when it is empty.
pub fn drop_reason(reason: String, on: NaiveDate) -> Result<Dropped, Vec<Problem>> {
    let mut p = Vec::new();
    match free_text(Field::Reason, Some(reason), &mut p) {
        Some(reason) if p.is_empty() => Ok(Dropped { reason, on }),
        _ => {
            if p.is_empty() {
                p.push(Problem::new(
                    Field::Reason,
                    t!("is empty; say why", "đang trống; hãy ghi lý do"),
                ));
            }
            Err(p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn new(born: Option<NaiveDate>) -> Candidate {
        NewCandidate {
            org: "cb".into(),
            stage: None,
            date: Some(d(2026, 1, 5)),
            person: Person {
                name: Some("Nguyễn Văn A".into()),
                born,
                ..Person::default()
            },
            exception: None,
        }
        .check(7, d(2026, 11, 22))
        .unwrap()
        .value
    }

    fn fields(r: Result<(), Vec<Problem>>) -> Vec<Field> {
        r.unwrap_err().iter().map(|p| p.field).collect()
    }

    #[test]
    fn stages_move_forward_on_dates_that_never_go_back() {
        let today = d(2026, 11, 22);
        let mut c = new(Some(d(2000, 5, 1)));
        assert_eq!(c.stage(), Stage::Source);
        c.advance(Stage::Applied, d(2026, 3, 1), None, today)
            .unwrap();
        assert_eq!(
            fields(c.advance(Stage::Trained, d(2026, 4, 1), None, today)),
            [Field::Stage]
        );
        assert_eq!(
            fields(c.advance(Stage::Applied, d(2026, 4, 1), None, today)),
            [Field::Stage]
        );
        assert_eq!(
            fields(c.advance(Stage::Verifying, d(2026, 2, 1), None, today)),
            [Field::Date]
        );
        assert_eq!(
            fields(c.advance(Stage::Verifying, d(2026, 12, 1), None, today)),
            [Field::Date]
        );
        c.advance(Stage::Verifying, d(2026, 3, 1), None, today)
            .unwrap();
        c.advance(Stage::Voted, d(2026, 6, 1), None, today).unwrap();
        assert_eq!(c.reached(Stage::Applied), Some(d(2026, 3, 1)));
        assert_eq!(c.steps.len(), 4);
    }

    #[test]
    fn the_vote_needs_an_age_of_18_to_60_or_an_exception() {
        let today = d(2026, 11, 22);
        // 17 at the vote.
        let mut young = new(Some(d(2008, 7, 1)));
        assert_eq!(
            fields(young.advance(Stage::Voted, d(2026, 6, 30), None, today)),
            [Field::Born]
        );
        // 18 the day before: fine.
        young
            .advance(Stage::Voted, d(2026, 7, 1), None, today)
            .unwrap();
        let mut old = new(Some(d(1965, 1, 1)));
        assert_eq!(
            fields(old.advance(Stage::Voted, d(2026, 6, 1), None, today)),
            [Field::Born]
        );
        old.advance(
            Stage::Voted,
            d(2026, 6, 1),
            Some("Già làng có uy tín".into()),
            today,
        )
        .unwrap();
        assert_eq!(old.exception.as_deref(), Some("Già làng có uy tín"));
        // No birth date, nothing to check against.
        new(None)
            .advance(Stage::Voted, d(2026, 6, 1), None, today)
            .unwrap();
    }

    #[test]
    fn stages_are_read_by_name_or_word() {
        assert_eq!(Stage::parse("Voted"), Some(Stage::Voted));
        assert_eq!(Stage::parse(" chi bộ đã biểu quyết "), Some(Stage::Voted));
        assert_eq!(Stage::parse("THẨM TRA LÝ LỊCH"), Some(Stage::Verifying));
        assert_eq!(Stage::parse("tạo nguồn"), Some(Stage::Source));
        assert_eq!(Stage::parse("admitted"), None);
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn dropped_or_admitted_it_leaves_the_pipeline() {
        let today = d(2026, 11, 22);
        let mut c = new(Some(d(2000, 5, 1)));
        // Admitted only once the cell has voted, and not before the vote.
        assert_eq!(
            c.admit(9, d(2026, 7, 1)).unwrap_err()[0].field,
            Field::Stage
        );
        c.advance(Stage::Voted, d(2026, 6, 1), None, today).unwrap();
        assert_eq!(
            c.admit(9, d(2026, 5, 31)).unwrap_err()[0].field,
            Field::Date
        );
        let mut other = c.clone();
        // The details go with the admission.
        let person = c.admit(9, d(2026, 6, 1)).unwrap();
        assert_eq!(person.name.as_deref(), Some("Nguyễn Văn A"));
        assert_eq!((c.admission, c.person.is_none()), (Some(9), true));
        assert_eq!(
            fields(c.drop_out("x".into(), d(2026, 7, 1))),
            [Field::Stage]
        );
        // Dropped with a reason, not before the last step.
        assert_eq!(
            fields(other.drop_out(" ".into(), d(2026, 5, 1))),
            [Field::Date, Field::Reason]
        );
        other
            .drop_out("Chuyển công tác".into(), d(2026, 6, 2))
            .unwrap();
        assert!(!other.is_open());
        assert_eq!(
            other.admit(9, d(2026, 7, 1)).unwrap_err()[0].field,
            Field::Stage
        );
    }

    #[test]
    fn a_candidate_has_a_name() {
        let r = NewCandidate {
            org: "cb".into(),
            date: Some(d(2026, 1, 1)),
            ..NewCandidate::default()
        }
        .check(1, d(2026, 11, 22));
        let fields: Vec<Field> = r.unwrap_err().iter().map(|p| p.field).collect();
        assert_eq!(fields, [Field::PersonName]);
    }
}

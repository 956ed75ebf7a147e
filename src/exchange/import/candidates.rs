//! Candidate rows: each built as `quota candidate add` builds one, at its
//! first dated stage, then moved on stage by stage, dropped or admitted by
//! the same rules as `candidate advance`, `drop` and `admit`; checked
//! against the store's so that the same file imported twice does not list
//! a person twice.

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use super::seen::{Met, Seen};
use super::{Importer, Problems, Row, cell, ids::Ids};
use crate::exchange::cells::{
    birth_date_cell, bool_cell, date_cell, number_cell, sex_cell, text_cell,
};
use crate::lang::Text;
use crate::model::{Admission, Candidate, Field, NewCandidate, Person, Stage, Step, Store};
use crate::tree::Resolver;

pub struct Candidates {
    orgs: Resolver,
    today: NaiveDate,
    allow_duplicates: bool,
    /// Candidates by what makes two the same person in the pipeline: the
    /// store's (by id) and this file's (by line). A store has a few
    /// hundred: the keys are kept whole.
    existing: Met<DupKey>,
    /// The admission records candidates became, the store's and this
    /// file's: one record is one person's.
    admitted: HashMap<u64, Seen>,
    /// The file's ids into a store with no candidates; new ones otherwise.
    ids: Ids,
    next_id: u64,
    rows: Vec<Candidate>,
}

/// What makes two candidates the same: the organisation, the person's
/// name and birth date, and the day they were first listed. Only for
/// candidates that still have their details (an admitted one's went to
/// its admission, which the file names instead).
type DupKey = (String, String, Option<NaiveDate>, Option<NaiveDate>);

fn dup_key(c: &Candidate) -> Option<DupKey> {
    let p = c.person.as_deref()?;
    Some((
        c.org.clone(),
        p.name.clone()?,
        p.born,
        c.steps.first().map(|s| s.on),
    ))
}

/// The stage cell: a stage's name or word; `None` when empty.
fn stage_cell(cell: &str) -> Result<Option<Stage>, Text> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    Stage::parse(cell).map(Some).ok_or_else(|| {
        t!(
            "is not a stage; write source, trained, applied, verifying or voted",
            "không phải giai đoạn; hãy viết source, trained, applied, verifying hoặc voted"
        )
    })
}

impl Candidates {
    pub fn new(store: &Store, allow_duplicates: bool, today: NaiveDate) -> Self {
        Candidates {
            orgs: Resolver::new(&store.orgs),
            today,
            allow_duplicates,
            existing: if allow_duplicates {
                Met::none()
            } else {
                Met::of(
                    store
                        .candidates
                        .iter()
                        .filter_map(|c| Some((dup_key(c)?, c.id))),
                )
            },
            admitted: store
                .candidates
                .iter()
                .filter_map(|c| Some((c.admission?, Seen::Record(c.id))))
                .collect(),
            ids: Ids::new(store, store.candidates.is_empty()),
            next_id: store.next_id,
            rows: Vec::new(),
        }
    }

    /// The store's admission record `id` that a row says its candidate
    /// became: one of the row's organisation, not another candidate's.
    fn admission<'s>(
        &self,
        store: &'s Store,
        id: u64,
        org: &str,
        row: &Row,
        problems: &mut Problems,
    ) -> Option<&'s Admission> {
        // A loaded store keeps its admissions in id order.
        let Ok(i) = store.admissions.binary_search_by_key(&id, |a| a.id) else {
            problems.add(
                row.line,
                "admission",
                &t!(
                    "there is no admission record {id} in the store; import the admissions first, then the candidates",
                    "không có bản ghi kết nạp {id} trong tệp dữ liệu; hãy nhập các bản ghi kết nạp trước, rồi đến nguồn kết nạp"
                ),
            );
            return None;
        };
        let a = &store.admissions[i];
        let taken = match self.admitted.get(&id) {
            Some(Seen::Record(other)) => Some(t!(
                "admission record {id} is already candidate {other}'s; one record admits one person",
                "bản ghi kết nạp {id} đã là của người {other} trong nguồn; mỗi bản ghi kết nạp một người"
            )),
            Some(Seen::Line(line)) => Some(t!(
                "admission record {id} is already the candidate's of line {line}; one record admits one person",
                "bản ghi kết nạp {id} đã là của người ở dòng {line}; mỗi bản ghi kết nạp một người"
            )),
            None if !org.is_empty() && a.org != org => Some(t!(
                "admission record {id} is of another organisation ({}); a candidate is admitted where it is listed",
                "bản ghi kết nạp {id} thuộc tổ chức khác ({}); người trong nguồn được kết nạp tại tổ chức của mình",
                crate::text::printable(&a.org)
            )),
            None => None,
        };
        if let Some(what) = taken {
            problems.add(row.line, "admission", &what);
            return None;
        }
        Some(a)
    }
}

impl Importer for Candidates {
    fn row(&mut self, store: &Store, row: &Row, problems: &mut Problems) {
        let before = problems.count;
        let org = match self.orgs.resolve(row.get("org")) {
            Ok(o) => o,
            Err(e) => {
                problems.add(row.line, "org", &e);
                String::new()
            }
        };
        let stage = cell(row, "stage", problems, stage_cell);
        let mut dates = Vec::with_capacity(Stage::ALL.len());
        for s in Stage::ALL {
            dates.push(cell(row, s.as_str(), problems, date_cell));
        }
        let text = |c: &str, p: &mut Problems| cell(row, c, p, text_cell).flatten();
        let dropped = cell(row, "dropped", problems, date_cell);
        let drop_reason = text("drop_reason", problems);
        let admission = cell(row, "admission", problems, |c| number_cell(c, 1));
        let exception = text("exception", problems);
        let person = Person {
            name: text("name", problems),
            sex: cell(row, "sex", problems, sex_cell).flatten(),
            born: cell(row, "born", problems, birth_date_cell).flatten(),
            ethnicity: text("ethnicity", problems),
            religion: text("religion", problems),
            youth_union: cell(row, "youth_union", problems, bool_cell).unwrap_or(false),
            occupation: text("occupation", problems),
        };
        let id = self.ids.of(row, problems);
        // A cell that could not be read has been reported: the rules are
        // not checked on a stand-in value.
        let (Some(stage), Some(dropped), Some(admission)) = (stage, dropped, admission) else {
            return;
        };
        let Some(dates) = dates.into_iter().collect::<Option<Vec<_>>>() else {
            return;
        };
        let steps: Vec<Step> = Stage::ALL
            .into_iter()
            .zip(dates)
            .filter_map(|(stage, on)| Some(Step { stage, on: on? }))
            .collect();
        // The stage reached is the last one with a date; given without
        // any date, it is the first step, whose date the rules ask for.
        if let (Some(given), Some(last)) = (stage, steps.last())
            && given != last.stage
        {
            problems.add(
                row.line,
                "stage",
                &t!(
                    "is '{}', but the last stage with a date is '{}'; give the day each stage was reached in its column",
                    "là '{}', nhưng giai đoạn cuối có ngày là '{}'; hãy ghi ngày đạt từng giai đoạn vào cột của nó",
                    given.word(),
                    last.stage.word()
                ),
            );
            return;
        }
        let record = admission.and_then(|a| self.admission(store, a, &org, row, problems));
        // An admitted candidate's details went to its admission record:
        // the rules are checked on them there, unless the row has its own.
        let person = match record.and_then(|a| a.person.as_deref()) {
            Some(theirs) if person.is_empty() => theirs.clone(),
            _ => person,
        };
        let first = steps
            .first()
            .map_or(stage.unwrap_or(Stage::Source), |s| s.stage);
        let new = NewCandidate {
            org,
            stage: Some(first),
            date: steps.first().map(|s| s.on),
            person,
            exception,
        };
        // A step's date is in the column of its stage.
        let at = |stage: Stage| {
            move |field: Field| match field {
                Field::Date => stage.as_str(),
                other => other.column(),
            }
        };
        let mut c = match new.check(id, self.today) {
            Ok(checked) => checked.value,
            Err(broken) => {
                problems.rules_in(row.line, &broken, at(first));
                return;
            }
        };
        for step in steps.iter().skip(1) {
            if let Err(broken) = c.advance(step.stage, step.on, None, self.today) {
                problems.rules_in(row.line, &broken, at(step.stage));
                return;
            }
        }
        if let Some(a) = record
            && let Err(broken) = c.admit(a.id, a.date)
        {
            problems.rules_in(row.line, &broken, |field| match field {
                Field::Date => "admission",
                other => other.column(),
            });
            return;
        }
        if dropped.is_some() || drop_reason.is_some() {
            // As `candidate drop`: today unless a day is given.
            let on = dropped.unwrap_or(self.today);
            if let Err(broken) = c.drop_out(drop_reason.unwrap_or_default(), on) {
                problems.rules_in(row.line, &broken, |field| match field {
                    Field::Reason => "drop_reason",
                    _ => "dropped",
                });
                return;
            }
        }
        if problems.count > before {
            return;
        }
        if let Some(a) = record {
            self.admitted.insert(a.id, Seen::Line(row.line));
        }
        if !self.allow_duplicates
            && let Some(key) = dup_key(&c)
        {
            match self.existing.meet(key, row.line) {
                Some(Seen::Record(id)) => {
                    problems.row(row.line, &t!(
                        "this candidate is already in the store (candidate {id}) and would be listed twice; use --allow-duplicates if it really is another person",
                        "người này đã có trong nguồn của tệp dữ liệu (người {id}) và sẽ bị ghi hai lần; dùng --allow-duplicates nếu đây thật sự là người khác"
                    ));
                    return;
                }
                Some(Seen::Line(line)) => {
                    problems.row(row.line, &t!(
                        "this candidate is the same as line {line} and would be listed twice; use --allow-duplicates if it really is another person",
                        "người này giống dòng {line} và sẽ bị ghi hai lần; dùng --allow-duplicates nếu đây thật sự là người khác"
                    ));
                    return;
                }
                None => {}
            }
        }
        self.rows.push(c);
    }

    fn finish(&mut self, _: &mut Problems) -> (usize, usize) {
        self.next_id = self.ids.assign(self.rows.iter_mut().map(|c| &mut c.id));
        (self.rows.len(), 0)
    }

    fn apply(self: Box<Self>, store: &mut Store) {
        store.candidates.extend(self.rows);
        store.next_id = store.next_id.max(self.next_id);
    }
}

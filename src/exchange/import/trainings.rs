//! Class attendance rows: new records, built by the same constructor as
//! `quota train`, and checked against the store's so that the same file
//! imported twice does not count twice.

use chrono::NaiveDate;

use super::seen::{Met, Seen};
use super::{Importer, Problems, Row, cell, ids::Ids};
use crate::exchange::cells::{date_cell, number_cell, text_cell};
use crate::model::{NewTraining, Store, Training};
use crate::tree::Resolver;

pub struct Trainings {
    orgs: Resolver,
    today: NaiveDate,
    allow_duplicates: bool,
    /// Records by what makes two the same class: the store's (by id) and
    /// this file's (by line). A store has a few of them a year, so the
    /// keys are kept whole.
    existing: Met<DupKey>,
    /// The file's ids into a store with no class records; new ones
    /// otherwise.
    ids: Ids,
    next_id: u64,
    rows: Vec<Training>,
}

/// What makes two records the same class: every field but the id. Two
/// classes of one org ending the same day with the same count differ by
/// their note, if at all.
type DupKey = (String, NaiveDate, u64, Option<String>);

fn dup_key(t: &Training) -> DupKey {
    (t.org.clone(), t.date, t.count, t.note.clone())
}

impl Trainings {
    pub fn new(store: &Store, allow_duplicates: bool, today: NaiveDate) -> Self {
        Trainings {
            orgs: Resolver::new(&store.orgs),
            today,
            allow_duplicates,
            existing: if allow_duplicates {
                Met::none()
            } else {
                Met::of(store.trainings.iter().map(|t| (dup_key(t), t.id)))
            },
            ids: Ids::new(store, store.trainings.is_empty()),
            next_id: store.next_id,
            rows: Vec::new(),
        }
    }
}

impl Importer for Trainings {
    fn row(&mut self, _: &Store, row: &Row, problems: &mut Problems) {
        let before = problems.count;
        let org = match self.orgs.resolve(row.get("org")) {
            Ok(o) => o,
            Err(e) => {
                problems.add(row.line, "org", &e);
                String::new()
            }
        };
        let date = cell(row, "date", problems, date_cell);
        let count = match cell(row, "count", problems, |c| number_cell(c, 1)) {
            Some(Some(c)) => Some(c),
            Some(None) => {
                problems.add(
                    row.line,
                    "count",
                    &t!(
                        "is empty; give the number who attended the class",
                        "đang trống; hãy ghi số người đã học lớp"
                    ),
                );
                None
            }
            None => None,
        };
        let note = cell(row, "note", problems, text_cell).flatten();
        let id = self.ids.of(row, problems);
        // A cell that could not be read has been reported: its rules are
        // not checked again on a stand-in value.
        let (Some(date), Some(count)) = (date, count) else {
            return;
        };
        let new = NewTraining {
            org,
            date,
            count,
            note,
        };
        let t = match new.check(id, self.today) {
            Ok(checked) => checked.value,
            Err(broken) => {
                problems.rules(row.line, &broken);
                return;
            }
        };
        if problems.count > before {
            return;
        }
        if !self.allow_duplicates {
            match self.existing.meet(dup_key(&t), row.line) {
                Some(Seen::Record(id)) => {
                    problems.row(row.line, &t!(
                        "this class is already in the store (record {id}) and would count twice; use --allow-duplicates if it really is another one",
                        "lớp học này đã có trong tệp dữ liệu (bản ghi {id}) và sẽ bị tính hai lần; dùng --allow-duplicates nếu đây thật sự là lớp khác"
                    ));
                    return;
                }
                Some(Seen::Line(line)) => {
                    problems.row(row.line, &t!(
                        "this class is the same as line {line} and would count twice; use --allow-duplicates if it really is another one",
                        "lớp học này giống dòng {line} và sẽ bị tính hai lần; dùng --allow-duplicates nếu đây thật sự là lớp khác"
                    ));
                    return;
                }
                None => {}
            }
        }
        self.rows.push(t);
    }

    fn finish(&mut self, _: &mut Problems) -> (usize, usize) {
        self.next_id = self.ids.assign(self.rows.iter_mut().map(|t| &mut t.id));
        (self.rows.len(), 0)
    }

    fn apply(self: Box<Self>, store: &mut Store) {
        store.trainings.extend(self.rows);
        store.next_id = store.next_id.max(self.next_id);
    }
}

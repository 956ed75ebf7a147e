//! Admission rows: new records, built by the same constructor as `quota
//! admit` and followed up by the same rules as `quota ceremony`,
//! `confirm` and `strike`, and checked against the store's so that the
//! same file imported twice does not count twice.

use chrono::NaiveDate;

use super::seen::{Met, Seen};
use super::{Importer, Problems, Row, cell, ids::Ids};
use crate::exchange::cells::{
    birth_date_cell, bool_cell, date_cell, number_cell, sex_cell, text_cell,
};
use crate::model::{Admission, Field, NewAdmission, Person, Problem, Store, Void};
use crate::tree::Resolver;

/// Admission rows: new records, checked against the store's so that the
/// same file imported twice does not count twice.
pub struct Admissions {
    orgs: Resolver,
    today: NaiveDate,
    allow_duplicates: bool,
    /// Records by what makes two the same admission: the store's (by id)
    /// and this file's (by line).
    existing: Met<DupKey>,
    /// The file's ids into a store with no admissions; new ones otherwise.
    ids: Ids,
    next_id: u64,
    rows: Vec<Admission>,
}

/// What makes two records the same admission (org, date, count, name,
/// birth date, decision number), as a 64-bit hash: a million keys as
/// strings would double the memory of a large import. A collision, about
/// one in 10^7 for a million rows, is reported as a duplicate, which
/// `--allow-duplicates` overrides.
type DupKey = u64;

fn dup_key(a: &Admission) -> DupKey {
    use std::hash::{Hash, Hasher};
    let p = a.person.as_deref();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (
        &a.org,
        a.date,
        a.count,
        p.and_then(|p| p.name.as_ref()),
        p.and_then(|p| p.born),
        &a.decision,
    )
        .hash(&mut h);
    h.finish()
}

impl Admissions {
    pub fn new(store: &Store, allow_duplicates: bool, today: NaiveDate) -> Self {
        Admissions {
            orgs: Resolver::new(&store.orgs),
            today,
            allow_duplicates,
            existing: if allow_duplicates {
                Met::none()
            } else {
                Met::of(
                    store
                        .admissions
                        .iter()
                        .filter(|a| !a.is_void())
                        .map(|a| (dup_key(a), a.id)),
                )
            },
            ids: Ids::new(store, store.admissions.is_empty()),
            next_id: store.next_id,
            rows: Vec::new(),
        }
    }
}

impl Importer for Admissions {
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
        let count = cell(row, "count", problems, |c| number_cell(c, 1)).map(|c| c.unwrap_or(1));
        let text = |c: &str, p: &mut Problems| cell(row, c, p, text_cell).flatten();
        let person = Person {
            name: text("name", problems),
            sex: cell(row, "sex", problems, sex_cell).flatten(),
            born: cell(row, "born", problems, birth_date_cell).flatten(),
            ethnicity: text("ethnicity", problems),
            religion: text("religion", problems),
            youth_union: cell(row, "youth_union", problems, bool_cell).unwrap_or(false),
            occupation: text("occupation", problems),
        };
        let decision = text("decision", problems);
        let note = text("note", problems);
        let voided = cell(row, "void", problems, bool_cell).unwrap_or(false);
        let void_reason = text("void_reason", problems);
        let void_date = cell(row, "void_date", problems, date_cell).flatten();
        let void = (voided || void_reason.is_some() || void_date.is_some()).then(|| Void {
            reason: void_reason.unwrap_or_else(|| "void when imported".to_string()),
            on: void_date.unwrap_or(self.today),
        });
        let ceremony = cell(row, "ceremony", problems, date_cell);
        let confirmed = cell(row, "confirmed", problems, date_cell);
        let struck_on = cell(row, "struck_on", problems, date_cell);
        let struck_reason = text("struck_reason", problems);
        let id = self.ids.of(row, problems);
        // A cell that could not be read has been reported: its rules are
        // not checked again on a stand-in value.
        let (Some(date), Some(count), Some(ceremony), Some(confirmed), Some(struck_on)) =
            (date, count, ceremony, confirmed, struck_on)
        else {
            return;
        };
        let new = NewAdmission {
            org,
            date,
            count,
            decision,
            note,
            person,
            void,
        };
        let mut a = match new.check(id, self.today) {
            Ok(checked) => checked.value,
            Err(broken) => {
                problems.rules(row.line, &broken);
                return;
            }
        };
        // What followed the decision, step by step as the commands record
        // it. A void record takes no new step, but these were taken before
        // it was voided (a store's void record keeps them): they go in
        // first, and the void, checked with the record, after.
        let void = a.void.take();
        let today = self.today;
        let followed = ceremony
            .map_or(Ok(()), |on| {
                a.set_ceremony(on, today).map_err(|p| ("ceremony", p))
            })
            .and_then(|()| {
                confirmed.map_or(Ok(()), |on| {
                    a.confirm(on, today).map_err(|p| ("confirmed", p))
                })
            })
            .and_then(|()| match (struck_on, struck_reason) {
                (None, None) => Ok(()),
                (Some(on), reason) => a
                    .strike(reason.unwrap_or_default(), on, today)
                    .map_err(|p| ("struck_on", p)),
                (None, Some(_)) => Err((
                    "struck_on",
                    vec![Problem::new(
                        Field::Date,
                        t!(
                            "is empty; give the day the name was struck off",
                            "đang trống; hãy ghi ngày xóa tên"
                        ),
                    )],
                )),
            });
        if let Err((column, broken)) = followed {
            // The steps' dates are in their own columns, the reason for
            // striking off in its.
            problems.rules_in(row.line, &broken, |field| match field {
                Field::Reason => "struck_reason",
                _ => column,
            });
        }
        a.void = void;
        if problems.count > before {
            return;
        }
        if !a.is_void() && !self.allow_duplicates {
            match self.existing.meet(dup_key(&a), row.line) {
                Some(Seen::Record(id)) => {
                    problems.row(row.line, &t!(
                        "this admission is already in the store (record {id}) and would count twice; use --allow-duplicates if it really is another one",
                        "bản ghi này đã có trong tệp dữ liệu (bản ghi {id}) và sẽ bị tính hai lần; dùng --allow-duplicates nếu đây thật sự là bản ghi khác"
                    ));
                    return;
                }
                Some(Seen::Line(line)) => {
                    problems.row(row.line, &t!(
                        "this admission is the same as line {line} and would count twice; use --allow-duplicates if it really is another one",
                        "bản ghi này giống dòng {line} và sẽ bị tính hai lần; dùng --allow-duplicates nếu đây thật sự là bản ghi khác"
                    ));
                    return;
                }
                None => {}
            }
        }
        self.rows.push(a);
    }

    fn finish(&mut self, _: &mut Problems) -> (usize, usize) {
        self.next_id = self.ids.assign(self.rows.iter_mut().map(|a| &mut a.id));
        (self.rows.len(), 0)
    }

    fn apply(self: Box<Self>, store: &mut Store) {
        store.admissions.extend(self.rows);
        store.next_id = store.next_id.max(self.next_id);
    }
}

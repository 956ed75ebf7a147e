//! Record ids on import. Admissions, class attendance and candidates
//! take their ids from the store's one counter, so an imported record must
//! not get an id that a record of any of these kinds has.

use rustc_hash::FxHashSet as HashSet;

use super::{Problems, Row, cell};
use crate::exchange::cells::number_cell;
use crate::lang::Text;
use crate::model::Store;

/// The ids of one file's records: the file's own, or new ones.
pub struct Ids {
    /// Whether the file's ids are kept: only into a store with no records
    /// of the kind imported, as when restoring an export. Otherwise every
    /// record gets a new id.
    keep: bool,
    /// When keeping: the ids the store's records already have (of the
    /// other kinds). A file's record with one of them is not that record,
    /// so it gets a new id rather than a shared one.
    taken: HashSet<u64>,
    /// The file's ids kept so far.
    kept: HashSet<u64>,
    /// The store's next id.
    next: u64,
}

impl Ids {
    pub fn new(store: &Store, keep: bool) -> Ids {
        let taken = if keep {
            let admissions = store.admissions.iter().map(|a| a.id);
            admissions
                .chain(store.trainings.iter().map(|t| t.id))
                .chain(store.candidates.iter().map(|c| c.id))
                .collect()
        } else {
            HashSet::default()
        };
        Ids {
            keep,
            taken,
            kept: HashSet::default(),
            next: store.next_id,
        }
    }

    /// The id of `row`: the file's when it is kept, else 0 for one
    /// [`Ids::assign`] gives. A bad id cell is noted under its column.
    pub fn of(&mut self, row: &Row, problems: &mut Problems) -> u64 {
        let Some(id) = cell(row, "id", problems, |c| number_cell(c, 1)) else {
            return 0;
        };
        self.take(id).unwrap_or_else(|e| {
            problems.add(row.line, "id", &e);
            0
        })
    }

    /// The id of a row whose id cell holds `id`. An id on two rows of the
    /// file is refused: the same record would count twice.
    fn take(&mut self, id: Option<u64>) -> Result<u64, Text> {
        match id {
            Some(id) if self.keep && !self.taken.contains(&id) => {
                if self.kept.insert(id) {
                    Ok(id)
                } else {
                    Err(t!(
                        "record {id} is already in the store or earlier in the file; importing it again would count it twice",
                        "bản ghi {id} đã có trong tệp dữ liệu hoặc ở dòng trước; nhập lại sẽ tính hai lần"
                    ))
                }
            }
            _ => Ok(0),
        }
    }

    /// Gives the records without an id (0) new ones, in file order, after
    /// every id in use. Returns the store's next id afterwards.
    pub fn assign<'a>(&mut self, ids: impl Iterator<Item = &'a mut u64>) -> u64 {
        let after_kept = self.kept.iter().max().map_or(1, |m| m + 1);
        let mut next = self.next.max(after_kept);
        for id in ids.filter(|id| **id == 0) {
            *id = next;
            next += 1;
        }
        self.next = next;
        next
    }
}

//! The records an import has met, so that none goes in twice: the store's
//! own (by id) and the file's earlier rows (by line).

use std::hash::Hash;

use rustc_hash::FxHashMap as HashMap;

/// Where a record was met before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    Record(u64),
    Line(u64),
}

/// Records by what makes two the same (a kind's key).
pub struct Met<K> {
    seen: HashMap<K, Seen>,
}

impl<K: Hash + Eq> Met<K> {
    /// The store's records, by key and id.
    pub fn of(records: impl IntoIterator<Item = (K, u64)>) -> Met<K> {
        Met {
            seen: records
                .into_iter()
                .map(|(k, id)| (k, Seen::Record(id)))
                .collect(),
        }
    }

    /// None met: duplicates are allowed.
    pub fn none() -> Met<K> {
        Met {
            seen: HashMap::default(),
        }
    }

    /// Where the record of `key` was met before; if nowhere, it is met
    /// now, at `line`.
    pub fn meet(&mut self, key: K, line: u64) -> Option<Seen> {
        match self.seen.get(&key) {
            Some(&s) => Some(s),
            None => {
                self.seen.insert(key, Seen::Line(line));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_first_then_the_file() {
        let mut met = Met::of([("a", 7)]);
        assert_eq!(met.meet("a", 2), Some(Seen::Record(7)));
        assert_eq!(met.meet("b", 3), None);
        assert_eq!(met.meet("b", 5), Some(Seen::Line(3)));
    }
}

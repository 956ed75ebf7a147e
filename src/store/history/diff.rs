//! What a write changed, record by record, and applying it backwards.

use std::collections::{HashMap, HashSet};

use super::{Change, Changes, Placed};
use crate::model::{Org, Store};

impl Changes {
    /// The differences between two versions of a store, in linear time.
    pub fn between(old: &Store, new: &Store) -> Changes {
        let mut c = Changes::default();

        let old_at: HashMap<&str, usize> = old
            .orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let new_at: HashMap<&str, usize> = new
            .orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        for (i, o) in old.orgs.iter().enumerate() {
            let after = new_at.get(o.id.as_str()).map(|&j| (j, &new.orgs[j]));
            // Only content counts: the others shift when one is removed,
            // and come back into place when it is put back at `at`.
            if after.is_none_or(|(_, n)| n != o) {
                c.orgs.push(Change {
                    before: Some(Placed {
                        at: i,
                        org: o.clone(),
                    }),
                    after: after.map(|(j, n)| Placed {
                        at: j,
                        org: n.clone(),
                    }),
                });
            }
        }
        for (j, n) in new.orgs.iter().enumerate() {
            if !old_at.contains_key(n.id.as_str()) {
                c.orgs.push(Change {
                    before: None,
                    after: Some(Placed {
                        at: j,
                        org: n.clone(),
                    }),
                });
            }
        }

        merge_diff(
            &old.quotas,
            &new.quotas,
            |q| (q.org.clone(), q.period, q.metric),
            |b, a| c.quotas.push(owned(b, a)),
        );
        merge_diff(
            &old.holidays,
            &new.holidays,
            |h| h.date,
            |b, a| c.holidays.push(owned(b, a)),
        );
        merge_diff(
            &old.trainings,
            &new.trainings,
            |t| t.id,
            |b, a| c.trainings.push(owned(b, a)),
        );
        merge_diff(
            &old.candidates,
            &new.candidates,
            |c| c.id,
            |b, a| c.candidates.push(owned(b, a)),
        );
        merge_diff(
            &old.admissions,
            &new.admissions,
            |a| a.id,
            |b, a| match (b, a) {
                (None, Some(a)) => match c.added.last_mut() {
                    Some((_, last)) if *last + 1 == a.id => *last = a.id,
                    _ => c.added.push((a.id, a.id)),
                },
                _ => c.admissions.push(owned(b, a)),
            },
        );
        if old.next_id != new.next_id {
            c.next_id = Some((old.next_id, new.next_id));
        }
        c
    }

    /// What the history keeps of a write's changes, in proportion to the
    /// ids and counts it changed. An undo (`undo`) is never undone: the
    /// records it removed are kept as ranges of ids. An erase (`erased`,
    /// the ids whose details it removes) keeps only those ids: the records
    /// before it hold the very details it takes away.
    pub fn recorded(mut self, undo: bool, erased: &[u64]) -> Changes {
        if undo {
            let mut removed = Vec::new();
            self.admissions.retain(|c| match (&c.before, &c.after) {
                (Some(b), None) => {
                    removed.push(b.id);
                    false
                }
                _ => true,
            });
            self.removed = ranges(removed);
        }
        if !erased.is_empty() {
            let ids: HashSet<u64> = erased.iter().copied().collect();
            self.admissions.retain(|c| {
                let id = c.before.as_ref().or(c.after.as_ref()).map(|a| a.id);
                !id.is_some_and(|id| ids.contains(&id))
            });
            self.candidates.retain(|c| {
                let id = c.before.as_ref().or(c.after.as_ref()).map(|c| c.id);
                !id.is_some_and(|id| ids.contains(&id))
            });
            let mut ids: Vec<u64> = ids.into_iter().collect();
            ids.sort_unstable();
            self.erased = ranges(ids);
        }
        self
    }

    /// Whether this change erased personal details: undo cannot go back
    /// past it.
    pub fn erases(&self) -> bool {
        !self.erased.is_empty()
    }

    /// Applies these changes backwards: `store` must be the "after" state.
    /// `next_id` never goes down: an id once handed out is not handed out
    /// again, even after its record is undone. The changes of an undo or an
    /// erase are never applied backwards: their records are not kept.
    pub fn revert(&self, store: &mut Store) {
        let gone: HashSet<&str> = self
            .orgs
            .iter()
            .filter_map(|c| c.after.as_ref().map(|p| p.org.id.as_str()))
            .collect();
        store.orgs.retain(|o| !gone.contains(o.id.as_str()));
        let mut back: Vec<&Placed<Org>> =
            self.orgs.iter().filter_map(|c| c.before.as_ref()).collect();
        back.sort_by_key(|p| p.at);
        for p in back {
            store.orgs.insert(p.at.min(store.orgs.len()), p.org.clone());
        }

        let gone: HashSet<_> = self
            .quotas
            .iter()
            .filter_map(|c| {
                c.after
                    .as_ref()
                    .map(|q| (q.org.as_str(), q.period, q.metric))
            })
            .collect();
        store
            .quotas
            .retain(|q| !gone.contains(&(q.org.as_str(), q.period, q.metric)));
        store
            .quotas
            .extend(self.quotas.iter().filter_map(|c| c.before.clone()));

        let gone: HashSet<chrono::NaiveDate> = self
            .holidays
            .iter()
            .filter_map(|c| c.after.as_ref().map(|h| h.date))
            .collect();
        store.holidays.retain(|h| !gone.contains(&h.date));
        store
            .holidays
            .extend(self.holidays.iter().filter_map(|c| c.before.clone()));

        let gone: HashSet<u64> = self
            .candidates
            .iter()
            .filter_map(|c| c.after.as_ref().map(|c| c.id))
            .collect();
        store.candidates.retain(|c| !gone.contains(&c.id));
        store
            .candidates
            .extend(self.candidates.iter().filter_map(|c| c.before.clone()));

        let gone: HashSet<u64> = self
            .trainings
            .iter()
            .filter_map(|c| c.after.as_ref().map(|t| t.id))
            .collect();
        store.trainings.retain(|t| !gone.contains(&t.id));
        store
            .trainings
            .extend(self.trainings.iter().filter_map(|c| c.before.clone()));

        let gone: HashSet<u64> = self
            .admissions
            .iter()
            .filter_map(|c| c.after.as_ref().map(|a| a.id))
            .collect();
        let added = |id: u64| self.added.iter().any(|&(a, b)| a <= id && id <= b);
        store
            .admissions
            .retain(|a| !gone.contains(&a.id) && !added(a.id));
        store
            .admissions
            .extend(self.admissions.iter().filter_map(|c| c.before.clone()));

        if let Some((before, _)) = self.next_id {
            store.next_id = store.next_id.max(before);
        }
        store.sort();
    }

    /// Counts of changed records: organisations, quotas, admissions
    /// (changed, added, removed or erased), class attendance records,
    /// candidates.
    pub fn counts(&self) -> (usize, usize, usize, usize, usize) {
        let added: u64 = [&self.added, &self.removed, &self.erased]
            .into_iter()
            .flatten()
            .map(|&(a, b)| b.saturating_sub(a).saturating_add(1))
            .sum();
        let added = usize::try_from(added).unwrap_or(usize::MAX);
        (
            self.orgs.len(),
            self.quotas.len(),
            self.admissions.len() + added,
            self.trainings.len(),
            self.candidates.len(),
        )
    }
}

/// Ids in ascending order as ranges of consecutive ids (first, last).
fn ranges(ids: Vec<u64>) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = Vec::new();
    for id in ids {
        match out.last_mut() {
            Some((_, last)) if last.checked_add(1) == Some(id) => *last = id,
            _ => out.push((id, id)),
        }
    }
    out
}

/// Walks two lists sorted by `key` together, calling `each` with every
/// pair that differs: (old, None) removed, (None, new) added, both changed.
fn merge_diff<'a, T: PartialEq, K: Ord>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> K,
    mut each: impl FnMut(Option<&'a T>, Option<&'a T>),
) {
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        let order = match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) => key(a).cmp(&key(b)),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match order {
            std::cmp::Ordering::Less => {
                each(Some(&old[i]), None);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                each(None, Some(&new[j]));
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                if old[i] != new[j] {
                    each(Some(&old[i]), Some(&new[j]));
                }
                i += 1;
                j += 1;
            }
        }
    }
}

/// A change as kept: owned copies of both sides.
fn owned<T: Clone>(before: Option<&T>, after: Option<&T>) -> Change<T> {
    Change {
        before: before.cloned(),
        after: after.cloned(),
    }
}

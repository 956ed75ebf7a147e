//! `quota erase`: once the store is saved without a person's details, the
//! same details out of its backup and of every history entry (the right
//! to erasure of Decree 13/2023/NĐ-CP).

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::rewrite::{cannot_write, replace, rewrite};
use super::{Entry, path_of};
use crate::lang::Text;
use crate::model::{Admission, Candidate, Person, Store};
use crate::store::{Format, backup_of, parse, serialize};

/// Takes a record's personal details away: the person, and the note, which
/// is shown only with them. Says whether there were any.
pub fn strip(a: &mut Admission) -> bool {
    let had = a.person.is_some() || a.note.is_some();
    a.person = None;
    a.note = None;
    had
}

/// Takes a candidate's personal details away: the person, and the reason
/// for an exception, which may tell of them. Says whether there were any.
pub fn strip_candidate(c: &mut Candidate) -> bool {
    let had = c.person.is_some() || c.exception.is_some();
    c.person = None;
    c.exception = None;
    had
}

/// Called by [`crate::store::update`], holding the lock, once the store is
/// saved without the details of the admission records `ids` (or was found
/// without them already): takes them out of the history, the backup, and
/// the history of an earlier store of the same name. `before` is the store
/// as it was before the erase, so that the last is matched on the details
/// themselves: its ids are another store's.
pub fn finish(store: &Path, ids: &[u64], before: &Store, notify: &dyn Fn(&Text)) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let ids: HashSet<u64> = ids.iter().copied().collect();
    let unfinished = |e: anyhow::Error| {
        e.context(t!(
            "The details are gone from the store, but not yet from every file beside it; run the same `quota erase` again to finish",
            "Dữ liệu đã được xóa khỏi tệp dữ liệu nhưng chưa khỏi mọi tệp đi kèm; hãy chạy lại đúng lệnh `quota erase` để hoàn tất"
        ))
    };

    rewrite(store, &path_of(store), |entries| {
        for e in entries.iter_mut() {
            scrub(e, |a| ids.contains(&a.id), |c| ids.contains(&c.id));
        }
        forget_fingerprints(entries);
    })
    .map_err(unfinished)?;

    strip_backup(store, &ids).map_err(unfinished)?;

    let old = set_aside_path(store);
    if fs::symlink_metadata(&old).is_ok() {
        let persons: Vec<&Person> = before
            .admissions
            .iter()
            .filter(|a| ids.contains(&a.id))
            .filter_map(|a| a.person.as_deref())
            .chain(
                before
                    .candidates
                    .iter()
                    .filter(|c| ids.contains(&c.id))
                    .filter_map(|c| c.person.as_deref()),
            )
            .filter(|p| !p.is_empty())
            .collect();
        if persons.is_empty() {
            notify(&t!(
                "Note: {} holds the history of an earlier store of the same name and was left as it is: there were no details here to look for in it. Delete it if it may hold this person's details.",
                "Lưu ý: {} là lịch sử của một tệp dữ liệu cũ cùng tên và được giữ nguyên: ở đây không còn dữ liệu nào để tìm trong đó. Hãy xóa nó nếu nó có thể chứa dữ liệu của người này.",
                old.display()
            ));
        } else {
            rewrite(store, &old, |entries| {
                for e in entries.iter_mut() {
                    let held = |p: Option<&Person>| p.is_some_and(|p| persons.contains(&p));
                    scrub(
                        e,
                        |a| held(a.person.as_deref()),
                        |c| held(c.person.as_deref()),
                    );
                }
            })
            .map_err(unfinished)?;
        }
    }
    Ok(())
}

/// `<store>.history.old`: the history of an earlier store of the same
/// name, set aside by `init`.
fn set_aside_path(store: &Path) -> PathBuf {
    let mut p = path_of(store).into_os_string();
    p.push(".old");
    PathBuf::from(p)
}

/// Strips the details of every admission record and candidate in `e`
/// that matches.
fn scrub(
    e: &mut Entry,
    admission: impl Fn(&Admission) -> bool,
    candidate: impl Fn(&Candidate) -> bool,
) {
    for c in &mut e.changes.admissions {
        for a in [c.before.as_mut(), c.after.as_mut()].into_iter().flatten() {
            if admission(a) {
                strip(a);
            }
        }
    }
    for c in &mut e.changes.candidates {
        for x in [c.before.as_mut(), c.after.as_mut()].into_iter().flatten() {
            if candidate(x) {
                strip_candidate(x);
            }
        }
    }
}

/// Undo never goes back past an erase, so the fingerprints of the store
/// versions before the last one (which still held the details, and would
/// let a guess at them be checked) are not needed any more: they go.
fn forget_fingerprints(entries: &mut [Entry]) {
    let Some(last) = entries.iter().rposition(|e| e.changes.erases()) else {
        return;
    };
    for e in &mut entries[..last] {
        e.before = FORGOTTEN.into();
        e.after = FORGOTTEN.into();
    }
    entries[last].before = FORGOTTEN.into();
}

/// What a forgotten fingerprint reads: never the fingerprint of a file, nor
/// the "" of no file.
const FORGOTTEN: &str = "-";

/// The backup without the details: as it was with them stripped, or, if it
/// cannot be read as a store, the store as it is now (which is what the
/// version before the erase becomes without them).
fn strip_backup(store: &Path, ids: &HashSet<u64>) -> Result<()> {
    let bak = backup_of(store);
    crate::store::sidecar::check(&bak, crate::store::sidecar::Role::Backup)?;
    let bytes = match fs::read(&bak) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(cannot_write(&bak, &e)),
    };
    let format = Format::of(store);
    let stripped = match parse(&bytes, format) {
        Ok(mut s) => {
            let mut any = false;
            for a in s.admissions.iter_mut().filter(|a| ids.contains(&a.id)) {
                any |= strip(a);
            }
            for c in s.candidates.iter_mut().filter(|c| ids.contains(&c.id)) {
                any |= strip_candidate(c);
            }
            if !any {
                return Ok(());
            }
            serialize(&mut s, format)?.into_bytes()
        }
        Err(_) => fs::read(store).map_err(|e| cannot_write(&bak, &e))?,
    };
    replace(store, &bak, &stripped).map_err(|e| cannot_write(&bak, &e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::history::{Change, Changes};

    fn record(id: u64, name: Option<&str>) -> Admission {
        Admission {
            id,
            org: "xa".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            count: 1,
            decision: None,
            note: name.map(|_| "ghi chú".into()),
            person: name.map(|n| {
                Box::new(Person {
                    name: Some(n.into()),
                    ..Person::default()
                })
            }),
            void: None,
            probation: None,
        }
    }

    fn entry(seq: u64, before: &str, after: &str, changes: Changes) -> Entry {
        Entry {
            seq,
            time: String::new(),
            user: String::new(),
            command: String::new(),
            undoes: None,
            before: before.into(),
            after: after.into(),
            changes,
        }
    }

    #[test]
    fn details_go_by_id_and_fingerprints_before_the_last_erase_go_too() {
        let void = Changes {
            admissions: vec![
                Change {
                    before: Some(record(1, Some("Lò Thị Ánh"))),
                    after: Some(record(1, Some("Lò Thị Ánh"))),
                },
                Change {
                    before: Some(record(2, Some("Hà Văn Bình"))),
                    after: None,
                },
            ],
            ..Changes::default()
        };
        let erase = Changes {
            erased: vec![(1, 1)],
            ..Changes::default()
        };
        let mut log = vec![
            entry(1, "", "a", Changes::default()),
            entry(2, "a", "b", void),
            entry(3, "b", "c", erase),
            entry(
                4,
                "c",
                "d",
                Changes {
                    next_id: Some((3, 4)),
                    ..Changes::default()
                },
            ),
        ];
        for e in &mut log {
            scrub(e, |a| a.id == 1, |_| false);
        }
        forget_fingerprints(&mut log);
        let text = serde_json::to_string(&log).unwrap();
        assert!(!text.contains("Lò Thị Ánh"), "{text}");
        assert!(
            text.contains("Hà Văn Bình"),
            "another record keeps its details"
        );
        assert_eq!(text.matches("ghi chú").count(), 1, "{text}");
        let prints: Vec<(&str, &str)> = log
            .iter()
            .map(|e| (e.before.as_str(), e.after.as_str()))
            .collect();
        assert_eq!(prints, [("-", "-"), ("-", "-"), ("-", "c"), ("c", "d")]);
        // Undo of the change after the erase still works; then it stops.
        assert_eq!(crate::store::history::to_undo(&log, "d").unwrap(), Some(3));
        let err = crate::store::history::to_undo(&log, "c").unwrap_err();
        assert!(err.to_string().contains("Cannot undo change #3"), "{err}");
    }
}

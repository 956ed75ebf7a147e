//! Rewriting a history (or the backup) as a whole, atomically: the two
//! writes that take something out of the history, `erase` and
//! `log --prune`, go through here. Always under the store's lock.

use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use chrono::NaiveDate;

use super::read::{entries_of, unreadable_file};
use super::{Entry, path_of};
use crate::lang::Text;

/// Rewrites the history file at `file` (the store's history, or the one
/// set aside beside it): `edit` gets every whole entry, oldest first, and
/// changes the list as it will. Lines that are not whole entries are
/// dropped: a line cut short by a killed writer may hold personal details.
/// Nothing is written when there is no such file.
pub(super) fn rewrite(store: &Path, file: &Path, edit: impl FnOnce(&mut Vec<Entry>)) -> Result<()> {
    crate::store::sidecar::check(file, crate::store::sidecar::Role::History)?;
    let bytes = match fs::read(file) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(unreadable_file(file, &e)),
    };
    let (mut entries, _) = entries_of(&bytes);
    edit(&mut entries);
    let mut text = Vec::with_capacity(bytes.len());
    for e in &entries {
        serde_json::to_writer(&mut text, e)?;
        text.push(b'\n');
    }
    replace(store, file, &text).map_err(|e| cannot_write(file, &e))
}

pub(super) fn cannot_write(file: &Path, e: &io::Error) -> anyhow::Error {
    err_t!(
        "Cannot rewrite {} ({e}); it is as it was. Check the disk and permissions.",
        "Không ghi lại được {} ({e}); tệp vẫn như cũ. Hãy kiểm tra ổ đĩa và quyền ghi.",
        file.display()
    )
}

/// Replaces `file` (beside `store`) with `bytes`: a new private file
/// under an unpredictable name in the same directory, synced, renamed
/// over it, the directory synced. Its name starts like the store's own
/// temporary files, so that the next writer's sweep removes it if this
/// one is killed half way (it may hold personal details).
pub(super) fn replace(store: &Path, file: &Path, bytes: &[u8]) -> io::Result<()> {
    crate::store::atomic::replace_beside(store, file, bytes)
}

/// What `log --prune` did.
#[derive(Debug, PartialEq, Eq)]
pub struct Pruned {
    /// Entries dropped.
    pub dropped: usize,
    /// The oldest entry kept, if any: undo stops there.
    pub first: Option<u64>,
}

/// Drops the entries recorded before `before` (by the date of their own
/// time stamp) from the history, under the store's lock. The history stays
/// a chain: everything up to the last entry older than `before` goes, so
/// an entry whose clock ran behind never leaves a gap undo would trip on.
pub fn prune(
    store: &Path,
    before: NaiveDate,
    timeout: Duration,
    notify: &dyn Fn(&Text),
) -> Result<Pruned> {
    let _lock = crate::store::lock::acquire(store, timeout, notify)?;
    crate::store::sweep(store);
    let path = path_of(store);
    let entries = super::read_all(store)?;
    let cut = entries
        .iter()
        .rposition(|e| day_of(e).is_some_and(|d| d < before))
        .map_or(0, |i| i + 1);
    let first = entries.get(cut).map(|e| e.seq);
    if cut > 0 {
        rewrite(store, &path, |entries| {
            entries.drain(..cut.min(entries.len()));
        })?;
    }
    Ok(Pruned {
        dropped: cut,
        first,
    })
}

/// The date of an entry, as its writer's clock showed it.
fn day_of(e: &Entry) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(&e.time)
        .ok()
        .map(|t| t.date_naive())
}

//! Which entry `undo` reverts: a walk back along the chain of
//! fingerprints.

use std::collections::HashSet;

use anyhow::Result;

use super::Entry;

/// The entry `undo` should revert, given the fingerprint of the store as
/// it is now. Walks back from the newest entry, following the chain of
/// fingerprints: entries whose save never happened (a writer killed
/// between the history and the store) are passed over, undone entries and
/// the undos themselves are stepped through. An erase stops the walk with
/// an error: what it erased cannot come back. `None` when nothing is left
/// to undo: the walk reached the store's creation, or the first entry kept
/// (the history may have been pruned).
pub fn to_undo(entries: &[Entry], current: &str) -> Result<Option<usize>> {
    let mut cur = current.to_string();
    let mut undone: HashSet<u64> = HashSet::new();
    for (i, e) in entries.iter().enumerate().rev() {
        if e.after != cur {
            if e.before == cur {
                continue;
            }
            bail_t!(
                "The store was changed outside quota after change #{}, and undo only reverts changes it recorded; restore the .bak file or edit by hand.",
                "Tệp dữ liệu đã bị sửa ngoài quota sau thay đổi #{}, mà undo chỉ hoàn tác những thay đổi đã ghi lại; hãy khôi phục tệp .bak hoặc sửa tay.",
                e.seq
            );
        }
        if e.changes.erases() {
            bail_t!(
                "Cannot undo change #{}: it erased personal details, which cannot be brought back, so undo cannot go back past it.",
                "Không thể hoàn tác thay đổi #{}: thay đổi này đã xóa dữ liệu cá nhân, không thể khôi phục, nên undo không thể quay lại trước nó.",
                e.seq
            );
        }
        cur = e.before.clone();
        if let Some(target) = e.undoes {
            undone.insert(target);
        } else if e.before.is_empty() {
            // The store's creation: nothing before it to go back to.
            return Ok(None);
        } else if e.changes.is_empty() {
            // A write that changed no record (older versions made such
            // entries): there is nothing in it to revert.
        } else if !undone.contains(&e.seq) {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

//! `quota erase`: a person's details out of the store, its backup and its
//! history, at their request (the right to erasure); the admission record
//! stays and still counts. One recorded change, which undo cannot go back
//! past.

use anyhow::Result;

use super::{Ctx, Output, UsageError};
use crate::store::{Mode, history};

pub fn run(ctx: &Ctx, typed: &[String]) -> Result<Output> {
    // Parsed here rather than by clap, whose message would repeat what was
    // typed: a name put where an id belongs is personal data.
    let mut ids = typed
        .iter()
        .map(|t| t.trim().parse::<u64>())
        .collect::<Result<Vec<u64>, _>>()
        .map_err(|_| {
            UsageError(t!(
                "The admission ids are whole numbers, as `quota admissions` lists them; erase takes ids, not names.",
                "Mã bản ghi kết nạp là số nguyên, như lệnh `quota admissions` liệt kê; erase nhận mã, không nhận tên."
            ))
        })?;
    ids.sort_unstable();
    ids.dedup();
    let lang = ctx.lang();
    ctx.change_with(Mode::Change, |store, edit| {
        // An id handed out once is known even if its record was undone
        // since: its details may still be in the backup or the history.
        if let Some(id) = ids.iter().find(|&&id| id == 0 || id >= store.next_id) {
            bail_t!(
                "There is no admission record {id}; `quota admissions` lists the ids.",
                "Không có bản ghi kết nạp {id}; lệnh `quota admissions` liệt kê các mã."
            );
        }
        let mut changed = false;
        for a in &mut store.admissions {
            if ids.binary_search(&a.id).is_ok() {
                changed |= history::erase::strip(a);
            }
        }
        // A candidate's details are the person's too, whether erased by
        // its own id or by the admission it became (whose details came
        // from it, and whose history before it is the candidate's).
        let mut all = ids.clone();
        for c in &mut store.candidates {
            let became = c.admission.is_some_and(|a| ids.binary_search(&a).is_ok());
            if became || ids.binary_search(&c.id).is_ok() {
                changed |= history::erase::strip_candidate(c);
                all.push(c.id);
            }
        }
        all.sort_unstable();
        all.dedup();
        edit.erase.clone_from(&all);
        let list = ids
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let many = ids.len() > 1;
        Ok(Output::text(match (changed, many) {
            (true, false) => tl!(
                lang,
                "Erased the personal details of admission record {list} from the store, its backup and its history; the record still counts. Undo cannot go back past this change.\n",
                "Đã xóa dữ liệu cá nhân của bản ghi kết nạp {list} khỏi tệp dữ liệu, bản sao lưu và lịch sử; bản ghi vẫn được tính. Lệnh undo không thể quay lại trước thay đổi này.\n"
            ),
            (true, true) => tl!(
                lang,
                "Erased the personal details of admission records {list} from the store, its backup and its history; the records still count. Undo cannot go back past this change.\n",
                "Đã xóa dữ liệu cá nhân của các bản ghi kết nạp {list} khỏi tệp dữ liệu, bản sao lưu và lịch sử; các bản ghi vẫn được tính. Lệnh undo không thể quay lại trước thay đổi này.\n"
            ),
            (false, false) => tl!(
                lang,
                "The store holds no personal details of admission record {list}; none are left in its backup and its history either.\n",
                "Tệp dữ liệu không có dữ liệu cá nhân nào của bản ghi kết nạp {list}; bản sao lưu và lịch sử cũng không còn.\n"
            ),
            (false, true) => tl!(
                lang,
                "The store holds no personal details of admission records {list}; none are left in its backup and its history either.\n",
                "Tệp dữ liệu không có dữ liệu cá nhân nào của các bản ghi kết nạp {list}; bản sao lưu và lịch sử cũng không còn.\n"
            ),
        }))
    })
}

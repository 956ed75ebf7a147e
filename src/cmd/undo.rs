//! `quota undo`: revert the last recorded change that is not yet undone.

use anyhow::Result;

use super::{Ctx, Output};
use crate::store::{Mode, history};
use crate::text;

pub fn run(ctx: &Ctx) -> Result<Output> {
    let lang = ctx.lang();
    ctx.change_with(Mode::Change, |store, edit| {
        let entries = history::read_all(&ctx.path)?;
        if entries.is_empty() {
            bail_t!(
                "Nothing to undo: this store has no recorded changes.",
                "Không có gì để hoàn tác: tệp dữ liệu này chưa có thay đổi nào được ghi lại."
            );
        }
        let Some(i) = history::to_undo(&entries, &edit.fingerprint)? else {
            let first = &entries[0];
            if !first.before.is_empty() {
                // The history does not reach back to the store's creation:
                // pruned, or started afresh.
                bail_t!(
                    "Nothing more to undo: the history does not go back before change #{}.",
                    "Không còn gì để hoàn tác: lịch sử không lưu các thay đổi trước thay đổi #{}.",
                    first.seq
                );
            }
            bail_t!(
                "Nothing to undo: every recorded change of this store is already undone.",
                "Không còn gì để hoàn tác: mọi thay đổi đã ghi của tệp này đều đã được hoàn tác."
            );
        };
        let e = &entries[i];
        e.changes.revert(store);
        edit.undoes = Some(e.seq);
        Ok(Output::text(tl!(
            lang,
            "Undid change #{} ({}, by {} at {}).\n",
            "Đã hoàn tác thay đổi #{} ({}, do {} thực hiện lúc {}).\n",
            e.seq,
            text::escaped(&e.command),
            text::escaped(&e.user),
            text::escaped(&e.time)
        )))
    })
}

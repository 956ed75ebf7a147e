//! `quota void`: cancel a mistaken record, keeping it marked void.

use anyhow::Result;

use super::{Ctx, Output};
use crate::model::{Field, Void};

pub fn run(ctx: &Ctx, id: u64, reason: &str) -> Result<Output> {
    let reason = crate::text::clean(Field::VoidReason, reason)?;
    let lang = ctx.lang();
    let today = crate::date::today()?;
    ctx.change(|store| {
        let Some(a) = store.admissions.iter_mut().find(|a| a.id == id) else {
            bail_t!(
                "There is no admission record {id}; `quota admissions` lists the ids.",
                "Không có bản ghi kết nạp {id}; lệnh `quota admissions` liệt kê các mã."
            );
        };
        if a.is_void() {
            bail_t!(
                "The admission record {id} is already void; nothing to do.",
                "Bản ghi kết nạp {id} đã bị hủy trước đó; không cần làm gì."
            );
        }
        a.void = Some(Void { reason, on: today });
        Ok(Output::text(tl!(
            lang,
            "Voided admission record {id}.\n",
            "Đã hủy bản ghi kết nạp {id}.\n"
        )))
    })
}

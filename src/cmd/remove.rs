//! `quota remove`: an organisation with no children and no records.

use anyhow::Result;

use super::{Ctx, Output};
use crate::tree::Tree;

pub fn run(ctx: &Ctx, org: &str) -> Result<Output> {
    let lang = ctx.lang();
    ctx.change(|store| {
        let tree = Tree::new(store);
        let i = tree.resolve(org)?;
        let id = store.orgs[i].id.clone();
        let children = tree.children(i).len();
        if children > 0 {
            bail_t!(
                "'{id}' has {children} organisation(s) under it; remove or move them first.",
                "'{id}' còn {children} tổ chức cấp dưới; hãy xóa hoặc chuyển chúng trước."
            );
        }
        let records = store.admissions.iter().filter(|a| a.org == id).count();
        if records > 0 {
            bail_t!(
                "'{id}' has {records} admission record(s); records are kept for good, so it cannot be removed.",
                "'{id}' có {records} bản ghi kết nạp; bản ghi được giữ lâu dài nên không thể xóa tổ chức này."
            );
        }
        let classes = store.trainings.iter().filter(|t| t.org == id).count();
        if classes > 0 {
            bail_t!(
                "'{id}' has {classes} training record(s); records are kept for good, so it cannot be removed.",
                "'{id}' có {classes} bản ghi học lớp; bản ghi được giữ lâu dài nên không thể xóa tổ chức này."
            );
        }
        store.orgs.remove(i);
        let before = store.quotas.len();
        store.quotas.retain(|q| q.org != id);
        let quotas = before - store.quotas.len();
        Ok(Output::text(if quotas > 0 {
            tl!(
                lang,
                "Removed {id} and its {quotas} quota(s).\n",
                "Đã xóa {id} cùng {quotas} chỉ tiêu.\n"
            )
        } else {
            tl!(lang, "Removed {id}.\n", "Đã xóa {id}.\n")
        }))
    })
}

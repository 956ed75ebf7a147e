//! `quota add`: a new organisation, optionally with its quota.

use anyhow::Result;

use super::args::{opt_number, period};
use super::{Ctx, Output, UsageError};
use crate::cli::AddArgs;
use crate::model::{Field, Metric, Org, Quota};
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: AddArgs) -> Result<Output> {
    let members = opt_number(Field::Members, args.members.as_deref(), 0)?;
    let target = opt_number(Field::Target, args.quota.as_deref(), 0)?;
    let quota = match (target, period(&args.period)?) {
        (Some(target), Some(p)) => Some((target, p)),
        (Some(_), None) => Err(UsageError(t!(
            "--quota needs --year Y or --term A-B.",
            "--quota cần kèm --year Y hoặc --term A-B."
        )))?,
        (None, Some(_)) => Err(UsageError(t!(
            "--year and --term go with --quota N.",
            "--year và --term đi kèm --quota N."
        )))?,
        (None, None) => None,
    };
    let name = Some(args.name.clone().unwrap_or_else(|| args.id.clone()));
    // Checked before the store is read: a bad id needs no store.
    let org = Org::check(&args.id, name, None, args.level.clone(), members)
        .map_err(|mut p| p.remove(0))?
        .value;
    let lang = ctx.lang();
    ctx.change(|store| {
        let tree = Tree::new(store);
        if tree.get(&org.id).is_some() {
            bail_t!(
                "The organisation '{}' already exists; pick another id or use `quota edit`.",
                "Tổ chức '{}' đã tồn tại; hãy chọn mã khác hoặc dùng `quota edit`.",
                org.id
            );
        }
        let parent = match &args.parent {
            Some(p) => Some(store.orgs[tree.resolve(p)?].id.clone()),
            None => None,
        };
        let id = org.id.clone();
        store.orgs.push(Org {
            parent: parent.clone(),
            ..org
        });
        if let Some((target, period)) = quota {
            let q = Quota::check(id.clone(), period, Metric::Admissions, target)
                .map_err(|mut p| p.remove(0))?;
            store.quotas.push(q.value);
        }
        Ok(Output::text(match parent {
            Some(p) => tl!(lang, "Added {id} under {p}.\n", "Đã thêm {id} thuộc {p}.\n"),
            None => tl!(lang, "Added {id}.\n", "Đã thêm {id}.\n"),
        }))
    })
}

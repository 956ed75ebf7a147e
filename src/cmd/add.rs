//! `quota add`: a new organisation, optionally with its quota.

use anyhow::Result;

use super::{Ctx, Output, UsageError, period, text_arg};
use crate::cli::AddArgs;
use crate::model::{Metric, Org, Quota, check_input_number};
use crate::text;
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: AddArgs) -> Result<Output> {
    text::check_id(&args.id)?;
    let name = match &args.name {
        Some(n) => text::clean("name", n)?,
        None => args.id.clone(),
    };
    let level = text_arg("level", args.level.as_deref())?;
    if let Some(m) = args.members {
        check_input_number("number of members", m)?;
    }
    let quota = match (args.quota, period(&args.period)?) {
        (Some(target), Some(p)) => {
            check_input_number("quota", target)?;
            Some((target, p))
        }
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
    ctx.change(|store| {
        let tree = Tree::new(store);
        if tree.get(&args.id).is_some() {
            bail_t!(
                "The organisation '{}' already exists; pick another id or use `quota edit`.",
                "Tổ chức '{}' đã tồn tại; hãy chọn mã khác hoặc dùng `quota edit`.",
                args.id
            );
        }
        let parent = match &args.parent {
            Some(p) => Some(store.orgs[tree.resolve(p)?].id.clone()),
            None => None,
        };
        store.orgs.push(Org {
            id: args.id.clone(),
            name,
            parent: parent.clone(),
            level,
            members: args.members,
        });
        if let Some((target, period)) = quota {
            store.quotas.push(Quota {
                org: args.id.clone(),
                period,
                metric: Metric::Admissions,
                target,
            });
        }
        Ok(Output::text(match parent {
            Some(p) => t!("Added {} under {p}.\n", "Đã thêm {} thuộc {p}.\n", args.id),
            None => t!("Added {}.\n", "Đã thêm {}.\n", args.id),
        }))
    })
}

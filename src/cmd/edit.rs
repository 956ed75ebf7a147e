//! `quota edit`: change an organisation's name, parent, level or members.

use anyhow::Result;

use super::{Ctx, Output, UsageError, text_arg};
use crate::cli::EditArgs;
use crate::model::check_input_number;
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: EditArgs) -> Result<Output> {
    let nothing = args.name.is_none()
        && args.parent.is_none()
        && !args.no_parent
        && args.level.is_none()
        && args.members.is_none();
    if nothing {
        Err(UsageError(t!(
            "Say what to change: --name, --parent, --no-parent, --level or --members.",
            "Hãy cho biết cần sửa gì: --name, --parent, --no-parent, --level hoặc --members."
        )))?;
    }
    let name = text_arg("name", args.name.as_deref())?;
    let level = text_arg("level", args.level.as_deref())?;
    if let Some(m) = args.members {
        check_input_number("number of members", m)?;
    }
    ctx.change(|store| {
        let tree = Tree::new(store);
        let i = tree.resolve(&args.org)?;
        let parent = match &args.parent {
            Some(p) => {
                let p = tree.resolve(p)?;
                if tree.is_ancestor_or_self(i, p) {
                    bail_t!(
                        "'{}' cannot go under '{}', which is itself or below it; pick another parent.",
                        "Không thể đặt '{}' dưới '{}' vì đó là chính nó hoặc cấp dưới của nó; hãy chọn cấp trên khác.",
                        store.orgs[i].id,
                        store.orgs[p].id
                    );
                }
                Some(Some(store.orgs[p].id.clone()))
            }
            None if args.no_parent => Some(None),
            None => None,
        };
        let org = &mut store.orgs[i];
        if let Some(n) = name {
            org.name = n;
        }
        if let Some(p) = parent {
            org.parent = p;
        }
        if let Some(l) = level {
            org.level = Some(l);
        }
        if let Some(m) = args.members {
            org.members = Some(m);
        }
        Ok(Output::text(t!("Updated {}.\n", "Đã cập nhật {}.\n", org.id)))
    })
}

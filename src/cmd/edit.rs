//! `quota edit`: change an organisation's name, parent, level or members.

use anyhow::Result;

use super::args::opt_number;
use super::{Ctx, Output, UsageError};
use crate::cli::EditArgs;
use crate::model::{Field, MAX_LEVELS, Org};
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
    let members = opt_number(Field::Members, args.members.as_deref(), 0)?;
    let lang = ctx.lang();
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
                let levels = tree.level(p) + tree.height(i);
                if levels > MAX_LEVELS {
                    bail_t!(
                        "'{}' cannot go under '{}': its tree would reach {levels} levels, more than the {MAX_LEVELS} levels a tree may have; pick a parent higher up.",
                        "Không thể đặt '{}' dưới '{}': cây của nó sẽ có tới {levels} tầng, vượt quá {MAX_LEVELS} tầng tối đa của một cây; hãy chọn cấp trên ở tầng cao hơn.",
                        store.orgs[i].id,
                        store.orgs[p].id
                    );
                }
                Some(Some(store.orgs[p].id.clone()))
            }
            None if args.no_parent => Some(None),
            None => None,
        };
        let old = &store.orgs[i];
        // The edited org passes the same rules as a new one.
        let org = Org::check(
            &old.id,
            Some(args.name.clone().unwrap_or_else(|| old.name.clone())),
            parent.unwrap_or_else(|| old.parent.clone()),
            args.level.clone().or_else(|| old.level.clone()),
            members.or(old.members),
        )
        .map_err(|mut p| p.remove(0))?
        .value;
        // Where it came from stays: an edit is not a sync.
        let org = Org {
            synced: old.synced.clone(),
            merged: old.merged.clone(),
            ..org
        };
        let msg = tl!(lang, "Updated {}.\n", "Đã cập nhật {}.\n", org.id);
        store.orgs[i] = org;
        Ok(Output::text(msg))
    })
}

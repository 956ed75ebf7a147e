//! `quota merge OLD --into NEW`: the 2025 reform merged communes and
//! dissolved the districts; the history stays. OLD's quotas are added to
//! NEW's of the same period, its records and the organisations under it
//! move to NEW, and OLD stays as another name of NEW. One change, which
//! `undo` reverses exactly.

use anyhow::Result;

use super::args::date;
use super::{Ctx, Output};
use crate::cli::MergeArgs;
use crate::model::{Merged, Store};
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: MergeArgs) -> Result<Output> {
    let today = crate::date::today()?;
    let on = date(args.date.as_deref())?.unwrap_or(today);
    if on > today {
        bail_t!(
            "The date {} is after today ({}); a merge is recorded once it has taken place.",
            "Ngày {} muộn hơn hôm nay ({}); chỉ ghi nhận việc hợp nhất đã diễn ra.",
            crate::lang::Date(on),
            crate::lang::Date(today)
        );
    }
    let lang = ctx.lang();
    ctx.change(|store| {
        let tree = Tree::new(store);
        let (old, new) = (tree.resolve(&args.org)?, tree.resolve(&args.into)?);
        if old == new {
            bail_t!(
                "'{}' and '{}' are the same organisation; name two.",
                "'{}' và '{}' là cùng một tổ chức; hãy nêu hai tổ chức khác nhau.",
                args.org.trim(),
                args.into.trim()
            );
        }
        if tree.is_ancestor_or_self(old, new) {
            bail_t!(
                "'{}' is under '{}': merging would put it under itself; move it first (`quota edit {} --parent …`) or merge the other way.",
                "'{}' trực thuộc '{}': hợp nhất sẽ đặt nó dưới chính nó; hãy chuyển nó trước (`quota edit {} --parent …`) hoặc hợp nhất theo chiều ngược lại.",
                store.orgs[new].id,
                store.orgs[old].id,
                store.orgs[new].id
            );
        }
        let (old_id, new_id) = (store.orgs[old].id.clone(), store.orgs[new].id.clone());
        drop(tree);
        let moved = merge(store, &old_id, &new_id, on);
        let (quotas, records, orgs) = moved;
        Ok(Output::text(tl!(
            lang,
            "Merged {old_id} into {new_id}: {quotas} quota(s), {records} record(s) and {orgs} organisation(s) moved; {old_id} now stands for {new_id}.\n",
            "Đã hợp nhất {old_id} vào {new_id}: chuyển {quotas} chỉ tiêu, {records} bản ghi và {orgs} tổ chức; {old_id} nay là tên khác của {new_id}.\n"
        )))
    })
}

/// Moves everything of `old` to `new` and marks `old` merged: returns the
/// quotas, records and organisations moved.
fn merge(store: &mut Store, old: &str, new: &str, on: chrono::NaiveDate) -> (usize, usize, usize) {
    // Quotas: added to the same period's and metric's, or moved.
    let mut quotas = 0;
    let theirs: Vec<_> = store
        .quotas
        .iter()
        .filter(|q| q.org == old)
        .cloned()
        .collect();
    store.quotas.retain(|q| q.org != old);
    for q in theirs {
        quotas += 1;
        match store
            .quotas
            .iter_mut()
            .find(|n| n.org == new && n.period == q.period && n.metric == q.metric)
        {
            Some(n) => n.target = n.target.saturating_add(q.target),
            None => store.quotas.push(crate::model::Quota {
                org: new.to_string(),
                ..q
            }),
        }
    }
    let mut records = 0;
    let mut to_new = |org: &mut String| {
        if org == old {
            *org = new.to_string();
            records += 1;
        }
    };
    store.admissions.iter_mut().for_each(|a| to_new(&mut a.org));
    store.trainings.iter_mut().for_each(|t| to_new(&mut t.org));
    store.candidates.iter_mut().for_each(|c| to_new(&mut c.org));
    let mut orgs = 0;
    for o in &mut store.orgs {
        if o.parent.as_deref() == Some(old) && o.merged.is_none() {
            o.parent = Some(new.to_string());
            orgs += 1;
        }
        // What went into `old` before goes into `new` now.
        if let Some(m) = o.merged.as_mut().filter(|m| m.into == old) {
            m.into = new.to_string();
        }
    }
    if let Some(o) = store.orgs.iter_mut().find(|o| o.id == old) {
        o.merged = Some(Merged {
            into: new.to_string(),
            on,
        });
    }
    (quotas, records, orgs)
}

//! `quota sync FILE --under ORG`: a subordinate committee keeps its own
//! store; each month the committee above places it under one of its
//! organisations. What an earlier sync of the same store brought (known by
//! the id of its top organisation) is replaced, so a sync run again counts
//! nothing twice; what this store recorded itself is never touched.

use std::collections::HashMap;

use anyhow::Result;

use super::{Ctx, Output};
use crate::cli::SyncArgs;
use crate::model::Store;
use crate::tree::Tree;

/// Ids listed in a message, at the most.
const LISTED: usize = 10;

pub fn run(ctx: &Ctx, args: SyncArgs) -> Result<Output> {
    let file = &args.file;
    let same = crate::store::real_path(file)
        .ok()
        .zip(crate::store::real_path(&ctx.path).ok())
        .is_some_and(|(a, b)| a == b);
    if same {
        bail_t!(
            "{} is this store itself; give the subordinate committee's store.",
            "{} chính là tệp dữ liệu này; hãy chỉ ra tệp dữ liệu của cấp dưới.",
            file.display()
        );
    }
    // Read as any store is, with every check; never written.
    let sub = crate::store::load(file)?;
    let root = top_of(&sub, file)?;
    let lang = ctx.lang();
    ctx.change(|store| {
        let tree = Tree::new(store);
        let under = tree.resolve(&args.under)?;
        let under_id = store.orgs[under].id.clone();
        drop(tree);
        if store.orgs.iter().any(|o| o.id == under_id && o.synced.as_deref() == Some(root.as_str())) {
            bail_t!(
                "'{}' came from {} itself; place it under an organisation of this store's own.",
                "'{}' đến từ chính {}; hãy đặt vào một tổ chức của tệp dữ liệu này.",
                under_id,
                file.display()
            );
        }
        let earlier: std::collections::HashSet<String> = store
            .orgs
            .iter()
            .filter(|o| o.synced.as_deref() == Some(root.as_str()))
            .map(|o| o.id.clone())
            .collect();
        let mut clashes: Vec<&str> = sub
            .orgs
            .iter()
            .map(|o| o.id.as_str())
            .filter(|id| !earlier.contains(*id) && store.orgs.iter().any(|o| o.id == *id))
            .collect();
        if !clashes.is_empty() {
            let n = clashes.len();
            clashes.truncate(LISTED);
            let more = n - clashes.len();
            let list = clashes.join(", ");
            if more > 0 {
                bail_t!(
                    "{} has organisation ids this store has too: {list} and {more} more; nothing was synced. Rename them in one of the stores (or import with --prefix).",
                    "{} có mã tổ chức trùng với tệp dữ liệu này: {list} và {more} mã khác; chưa đồng bộ gì. Hãy đổi mã ở một trong hai tệp (hoặc nhập bằng --prefix).",
                    file.display()
                );
            }
            bail_t!(
                "{} has organisation ids this store has too: {list}; nothing was synced. Rename them in one of the stores (or import with --prefix).",
                "{} có mã tổ chức trùng với tệp dữ liệu này: {list}; chưa đồng bộ gì. Hãy đổi mã ở một trong hai tệp (hoặc nhập bằng --prefix).",
                file.display()
            );
        }
        // What the earlier sync brought goes.
        let gone = |org: &String| earlier.contains(org);
        store.orgs.retain(|o| !gone(&o.id));
        store.quotas.retain(|q| !gone(&q.org));
        store.admissions.retain(|a| !gone(&a.org));
        store.trainings.retain(|t| !gone(&t.org));
        store.candidates.retain(|c| !gone(&c.org));
        let (orgs, quotas, records) = bring(store, &sub, &root, &under_id, args.with_details);
        let replaced = !earlier.is_empty();
        Ok(Output::text(match replaced {
            true => tl!(
                lang,
                "Synced {} under {under_id}: {orgs} organisation(s), {quotas} quota(s), {records} record(s), in place of the earlier sync of {root}.\n",
                "Đã đồng bộ {} vào {under_id}: {orgs} tổ chức, {quotas} chỉ tiêu, {records} bản ghi, thay cho lần đồng bộ trước của {root}.\n",
                file.display()
            ),
            false => tl!(
                lang,
                "Synced {} under {under_id}: {orgs} organisation(s), {quotas} quota(s), {records} record(s).\n",
                "Đã đồng bộ {} vào {under_id}: {orgs} tổ chức, {quotas} chỉ tiêu, {records} bản ghi.\n",
                file.display()
            ),
        }))
    })
}

/// The id of the one organisation at the top of a subordinate store.
fn top_of(sub: &Store, file: &std::path::Path) -> Result<String> {
    let tree = Tree::new(sub);
    match tree.roots() {
        [one] => Ok(sub.orgs[*one].id.clone()),
        [] => bail_t!(
            "{} has no organisation; there is nothing to sync.",
            "{} không có tổ chức nào; không có gì để đồng bộ.",
            file.display()
        ),
        many => bail_t!(
            "{} has {} organisations at the top; a committee's store has one, which goes under --under.",
            "{} có {} tổ chức ở cấp cao nhất; tệp dữ liệu của một cấp ủy chỉ có một, được đặt vào --under.",
            file.display(),
            many.len()
        ),
    }
}

/// Copies the subordinate store's organisations, quotas and records in,
/// its top one under `under`, every record with a new id of this store's.
/// Names and notes stay behind unless `details`. Returns what was brought.
fn bring(
    store: &mut Store,
    sub: &Store,
    root: &str,
    under: &str,
    details: bool,
) -> (usize, usize, usize) {
    for o in &sub.orgs {
        let mut o = o.clone();
        if o.id == root {
            o.parent = Some(under.to_string());
        }
        o.synced = Some(root.to_string());
        store.orgs.push(o);
    }
    store.quotas.extend(sub.quotas.iter().cloned());
    let mut ids: HashMap<u64, u64> = HashMap::new();
    let mut next = || {
        let id = store.next_id;
        store.next_id += 1;
        id
    };
    let mut admissions = Vec::with_capacity(sub.admissions.len());
    for a in &sub.admissions {
        let mut a = a.clone();
        let id = next();
        ids.insert(a.id, id);
        a.id = id;
        if !details {
            a.note = None;
            if let Some(p) = a.person.as_mut() {
                p.name = None;
            }
        }
        admissions.push(a);
    }
    let mut trainings = Vec::with_capacity(sub.trainings.len());
    for t in &sub.trainings {
        let mut t = t.clone();
        t.id = next();
        trainings.push(t);
    }
    let mut candidates = Vec::with_capacity(sub.candidates.len());
    for c in &sub.candidates {
        let mut c = c.clone();
        c.id = next();
        c.admission = c.admission.and_then(|a| ids.get(&a).copied());
        if !details {
            if let Some(p) = c.person.as_mut() {
                p.name = None;
            }
            c.exception = None;
        }
        candidates.push(c);
    }
    let records = admissions.len() + trainings.len() + candidates.len();
    store.admissions.extend(admissions);
    store.trainings.extend(trainings);
    store.candidates.extend(candidates);
    (sub.orgs.len(), sub.quotas.len(), records)
}

//! `quota assign`: set (or replace) a quota.

use anyhow::Result;

use super::args::{number, required_period};
use super::{Ctx, Output};
use crate::cli::{AssignArgs, MetricArg};
use crate::model::{Field, Metric, Quota};
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: AssignArgs) -> Result<Output> {
    let target = number(Field::Target, &args.target, 0)?;
    let period = required_period(&args.period)?;
    let metric = match args.metric {
        MetricArg::Admissions => Metric::Admissions,
        MetricArg::Trained => Metric::Trained,
    };
    let lang = ctx.lang();
    ctx.change(|store| {
        let tree = Tree::new(store);
        let id = store.orgs[tree.resolve(&args.org)?].id.clone();
        let quota = Quota::check(id.clone(), period, metric, target)
            .map_err(|mut p| p.remove(0))?
            .value;
        let shown = lang.int(target);
        let what = match metric {
            Metric::Admissions => lang.pick("quota", "chỉ tiêu kết nạp"),
            Metric::Trained => lang.pick("training plan", "kế hoạch bồi dưỡng"),
        };
        let msg = match store.quota_index(&id, period, metric) {
            Some(i) => {
                let old = lang.int(store.quotas[i].target);
                store.quotas[i] = quota;
                tl!(
                    lang,
                    "Set the {what} of {id} for {period} to {shown} (was {old}).\n",
                    "Đã đặt {what} của {id} kỳ {period} là {shown} (trước đây {old}).\n"
                )
            }
            None => {
                store.quotas.push(quota);
                tl!(
                    lang,
                    "Set the {what} of {id} for {period} to {shown}.\n",
                    "Đã đặt {what} của {id} kỳ {period} là {shown}.\n"
                )
            }
        };
        Ok(Output::text(msg))
    })
}

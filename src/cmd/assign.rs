//! `quota assign`: set (or replace) a quota.

use anyhow::Result;

use super::{Ctx, Output, required_period};
use crate::cli::{AssignArgs, MetricArg};
use crate::model::{Metric, Quota, check_input_number};
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: AssignArgs) -> Result<Output> {
    let period = required_period(&args.period)?;
    check_input_number("quota", args.target)?;
    let metric = match args.metric {
        MetricArg::Admissions => Metric::Admissions,
        MetricArg::Trained => Metric::Trained,
    };
    let lang = ctx.view.lang;
    ctx.change(|store| {
        let tree = Tree::new(store);
        let id = store.orgs[tree.resolve(&args.org)?].id.clone();
        let target = lang.int(args.target);
        let what = match metric {
            Metric::Admissions => lang.pick("quota", "chỉ tiêu kết nạp"),
            Metric::Trained => lang.pick("training plan", "kế hoạch bồi dưỡng"),
        };
        let msg = match store.quota_index(&id, period, metric) {
            Some(i) => {
                let old = lang.int(store.quotas[i].target);
                store.quotas[i].target = args.target;
                t!(
                    "Set the {what} of {id} for {period} to {target} (was {old}).\n",
                    "Đã đặt {what} của {id} kỳ {period} là {target} (trước đây {old}).\n"
                )
            }
            None => {
                store.quotas.push(Quota {
                    org: id.clone(),
                    period,
                    metric,
                    target: args.target,
                });
                t!(
                    "Set the {what} of {id} for {period} to {target}.\n",
                    "Đã đặt {what} của {id} kỳ {period} là {target}.\n"
                )
            }
        };
        Ok(Output::text(msg))
    })
}

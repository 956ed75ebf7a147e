//! `quota report`: progress against quotas.

use super::args::{Until, chosen_format, counted_period, cut_off, date as date_arg, send};
use super::{Ctx, Output, UsageError};
use crate::cli::{ByArg, MetricArg, OutputFormat, ReportArgs, SortArg, StatusArg};
use crate::model::Metric;
use crate::report::{self, By, MAX_PRECISION, Sort, Spec, Status};
use crate::tree::Tree;
use anyhow::Result;

pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<Output> {
    if args.precision > MAX_PRECISION {
        bail_t!(
            "--precision {} is too many decimals; use 0 to {MAX_PRECISION}.",
            "--precision {} quá nhiều chữ số thập phân; hãy dùng từ 0 đến {MAX_PRECISION}.",
            args.precision
        );
    }
    let format = chosen_format(args.format, args.output.as_deref())?;
    let today = crate::date::today()?;
    let mut notes = Vec::new();
    let cut_off = cut_off(
        Until {
            as_of: args.as_of.as_deref(),
            month: args.month.as_deref(),
            quarter: args.quarter.as_deref(),
        },
        today,
    )?;
    notes.extend(cut_off.note);
    let as_of = cut_off.as_of;
    let deadline = date_arg(args.deadline.as_deref())?;
    // Without a period, the year of the month, of the as-of date, or of
    // today.
    let period = counted_period(&args.period, cut_off.dated, today)?;
    if args.compare && !matches!(period, crate::date::Period::Year(_)) {
        Err(UsageError(report::compare_needs_a_year()))?;
    }
    let store = ctx.load_all()?;
    let tree = Tree::new(&store);
    let org = args.org.as_deref().map(|o| tree.resolve(o)).transpose()?;
    let spec = Spec {
        period,
        as_of,
        org,
        depth: args.depth,
        sort: match args.sort {
            SortArg::Tree => Sort::Tree,
            SortArg::Percent => Sort::Percent,
            SortArg::Remaining => Sort::Remaining,
            SortArg::Name => Sort::Name,
        },
        deadline,
        precision: args.precision,
        today,
        compare: args.compare,
        forecast: args.forecast,
        top: args.top,
        level: args.level.clone(),
        by: args.by.map(|b| match b {
            ByArg::Month => By::Month,
            ByArg::Quarter => By::Quarter,
        }),
        status: args.status.map(|s| match s {
            StatusArg::Behind => Status::Behind,
            StatusArg::OnTrack => Status::OnTrack,
            StatusArg::Met => Status::Met,
            StatusArg::NoQuota => Status::NoQuota,
        }),
        // The page and the workbook draw the year month by month.
        burn_up: matches!(format, OutputFormat::Html | OutputFormat::Xlsx),
        metric: match args.metric {
            MetricArg::Admissions => Metric::Admissions,
            MetricArg::Trained => Metric::Trained,
        },
    };
    let report = report::compute(&store, &tree, &spec)?;
    if let Some(level) = &args.level
        && report.rows.is_empty()
    {
        notes.push(t!(
            "Note: no organisation in this report has the level '{}'; `quota orgs` shows the levels.",
            "Lưu ý: không tổ chức nào trong báo cáo này có cấp '{}'; lệnh `quota orgs` cho biết các cấp.",
            crate::text::printable(level)
        ));
    }
    let mut out = send(ctx, args.output.as_deref(), format, &report)?;
    notes.append(&mut out.notes);
    out.notes = notes;
    drop(report);
    drop(tree);
    // The command ends here: freeing every record one by one (a store of
    // a million is a few million allocations) would cost more than the
    // process's exit, which returns the memory at once.
    std::mem::forget(store);
    Ok(out)
}

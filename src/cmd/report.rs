//! `quota report`: progress against quotas.

use anyhow::Result;
use chrono::Datelike;

use super::args::{date as date_arg, period, to_file};
use super::{Ctx, Output, UsageError};
use crate::cli::{ReportArgs, ReportFormat, SortArg};
use crate::date::Period;
use crate::render;
use crate::report::{self, MAX_PRECISION, Sort, Spec};
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<Output> {
    if args.precision > MAX_PRECISION {
        bail_t!(
            "--precision {} is too many decimals; use 0 to {MAX_PRECISION}.",
            "--precision {} quá nhiều chữ số thập phân; hãy dùng từ 0 đến {MAX_PRECISION}.",
            args.precision
        );
    }
    if args.format == ReportFormat::Xlsx {
        let xlsx = args.output.as_ref().is_some_and(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
        });
        if !xlsx {
            Err(UsageError(t!(
                "--format xlsx writes a workbook: add --output FILE.xlsx (ending in .xlsx).",
                "--format xlsx ghi ra sổ tính: hãy thêm --output TỆP.xlsx (đuôi .xlsx)."
            )))?;
        }
    }
    let today = crate::date::today()?;
    let as_of = date_arg(args.as_of.as_deref())?;
    let deadline = date_arg(args.deadline.as_deref())?;
    // Without a period, the year of the as-of date (or of today).
    let period = match period(&args.period)? {
        Some(p) => p,
        None => Period::year(as_of.unwrap_or(today).year())?,
    };
    if let Some(d) = as_of
        && d < period.start()
    {
        bail_t!(
            "The as-of date {} is before the period {period} starts; give a later date or another --year.",
            "Ngày {} sớm hơn ngày bắt đầu kỳ {period}; hãy chọn ngày muộn hơn hoặc --year khác.",
            crate::lang::Date(d)
        );
    }
    let store = ctx.load()?;
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
    };
    let report = report::compute(&store, &tree, &spec)?;
    let format = match args.format {
        ReportFormat::Table => render::Format::Table,
        ReportFormat::Json => render::Format::Json,
        ReportFormat::Csv => render::Format::Csv,
        ReportFormat::Markdown => render::Format::Markdown,
        ReportFormat::Xlsx => {
            let Some(path) = &args.output else {
                unreachable!("checked before the store was read")
            };
            return to_file(path, &render::xlsx::report(&report, &ctx.view)?, false);
        }
    };
    match &args.output {
        // A CSV file is for a spreadsheet; CSV on stdout is for scripts.
        Some(path) if format == render::Format::Csv => to_file(
            path,
            render::csv::report_for_excel(&report)?.as_bytes(),
            false,
        ),
        Some(path) => to_file(
            path,
            render::report(&report, format, &ctx.view)?.as_bytes(),
            false,
        ),
        None => Ok(Output::text(render::report(&report, format, &ctx.view)?)),
    }
}

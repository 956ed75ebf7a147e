//! `quota report`: progress against quotas.

use super::args::{counted_period, date as date_arg, future_note, to_file};
use super::{Ctx, Output, UsageError};
use crate::cli::{ByArg, ReportArgs, ReportFormat, SortArg, StatusArg};
use crate::render;
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
    if format == ReportFormat::Xlsx {
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
    let mut notes = Vec::new();
    let months = months(&args)?;
    let as_of = match months {
        // The year so far, up to the end of the month or quarter; one not
        // over yet counts up to today.
        Some(m) if m.end() > today => {
            notes.push(t!(
                "Note: {} is not over yet; counting up to today ({}).",
                "Lưu ý: {} chưa kết thúc; tính đến hôm nay ({}).",
                shown_months(&args),
                crate::lang::Date(today)
            ));
            Some(today)
        }
        Some(m) => Some(m.end()),
        None => super::args::as_of(args.as_of.as_deref())?,
    };
    let deadline = date_arg(args.deadline.as_deref())?;
    // Without a period, the year of the month, of the as-of date, or of
    // today.
    let period = counted_period(&args.period, months.map(|m| m.end()).or(as_of), today)?;
    if args.compare && !matches!(period, crate::date::Period::Year(_)) {
        Err(UsageError(report::compare_needs_a_year()))?;
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
        burn_up: matches!(format, ReportFormat::Html | ReportFormat::Xlsx),
    };
    let report = report::compute(&store, &tree, &spec)?;
    notes.extend(future_note(as_of, today));
    if let Some(level) = &args.level
        && report.rows.is_empty()
    {
        notes.push(t!(
            "Note: no organisation in this report has the level '{}'; `quota orgs` shows the levels.",
            "Lưu ý: không tổ chức nào trong báo cáo này có cấp '{}'; lệnh `quota orgs` cho biết các cấp.",
            crate::text::printable(level)
        ));
    }
    let mut out = render_report(ctx, &args, format, &report)?;
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

/// `--month` or `--quarter`, read; a malformed one is a usage error.
fn months(args: &ReportArgs) -> Result<Option<crate::date::Months>> {
    use crate::date::Months;
    if let Some(m) = &args.month {
        let months = Months::month(m).ok_or_else(|| {
            UsageError(t!(
                "--month takes a month like 2026-06 or 06/2026, not '{}'.",
                "--month nhận một tháng, ví dụ 2026-06 hoặc 06/2026, không phải '{}'.",
                crate::text::printable(m)
            ))
        })?;
        return Ok(Some(months));
    }
    if let Some(q) = &args.quarter {
        let months = Months::quarter(q).ok_or_else(|| {
            UsageError(t!(
                "--quarter takes a quarter like 2026-Q2, not '{}'.",
                "--quarter nhận một quý, ví dụ 2026-Q2, không phải '{}'.",
                crate::text::printable(q)
            ))
        })?;
        return Ok(Some(months));
    }
    Ok(None)
}

/// The month or quarter as the user typed it, for a note.
fn shown_months(args: &ReportArgs) -> String {
    let typed = args
        .month
        .as_deref()
        .or(args.quarter.as_deref())
        .unwrap_or("");
    crate::text::printable(typed.trim())
}

/// The format asked for, else told by the output file's extension, else a
/// table. A format that contradicts the extension is a usage error.
fn chosen_format(
    asked: Option<ReportFormat>,
    output: Option<&std::path::Path>,
) -> Result<ReportFormat> {
    let by_extension = output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .and_then(|e| match e.to_ascii_lowercase().as_str() {
            "csv" => Some(ReportFormat::Csv),
            "xlsx" => Some(ReportFormat::Xlsx),
            "json" => Some(ReportFormat::Json),
            "md" | "markdown" => Some(ReportFormat::Markdown),
            "html" | "htm" => Some(ReportFormat::Html),
            "txt" => Some(ReportFormat::Table),
            _ => None,
        });
    match (asked, by_extension) {
        (Some(a), Some(e)) if a != e => {
            let (a, e) = (name(a), name(e));
            let file = output.map(|p| p.display().to_string()).unwrap_or_default();
            Err(UsageError(t!(
                "--format {a} contradicts the file name {file}, which is for {e}; drop --format or change the file's extension.",
                "--format {a} mâu thuẫn với tên tệp {file} (dành cho {e}); hãy bỏ --format hoặc đổi đuôi tệp."
            )))?
        }
        (Some(a), _) => Ok(a),
        (None, Some(e)) => Ok(e),
        (None, None) => Ok(ReportFormat::Table),
    }
}

fn name(f: ReportFormat) -> &'static str {
    match f {
        ReportFormat::Table => "table",
        ReportFormat::Json => "json",
        ReportFormat::Csv => "csv",
        ReportFormat::Markdown => "markdown",
        ReportFormat::Xlsx => "xlsx",
        ReportFormat::Html => "html",
    }
}

fn render_report(
    ctx: &Ctx,
    args: &ReportArgs,
    format: ReportFormat,
    report: &report::Report,
) -> Result<Output> {
    let format = match format {
        ReportFormat::Table => render::Format::Table,
        ReportFormat::Json => render::Format::Json,
        ReportFormat::Csv => render::Format::Csv,
        ReportFormat::Markdown => render::Format::Markdown,
        ReportFormat::Html => render::Format::Html,
        ReportFormat::Xlsx => {
            let Some(path) = &args.output else {
                unreachable!("checked before the store was read")
            };
            return to_file(path, &render::xlsx::report(report, &ctx.view)?, false);
        }
    };
    match &args.output {
        // A CSV file is for a spreadsheet; CSV on stdout is for scripts.
        Some(path) if format == render::Format::Csv => to_file(
            path,
            render::csv::report_for_excel(report)?.as_bytes(),
            false,
        ),
        Some(path) => to_file(
            path,
            render::report(report, format, &ctx.view)?.as_bytes(),
            false,
        ),
        None => Ok(Output::text(render::report(report, format, &ctx.view)?)),
    }
}

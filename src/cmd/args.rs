//! Arguments as typed → model values. Mistakes in the shape of an
//! argument are usage errors (exit 2) and say what would be right.

use std::path::Path;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use clap::ValueEnum;

use super::UsageError;
use crate::cli::{OutputFormat, PeriodArgs};
use crate::date::{Months, Period};
use crate::lang::Text;
use crate::model::{Field, Problem, number_range};
use crate::render;

/// The period named by `--year` or `--term`, if any.
pub fn period(args: &PeriodArgs) -> Result<Option<Period>> {
    match (&args.year, &args.term) {
        (Some(y), _) => year(y).map(Some),
        (None, Some(t)) => term(t).map(Some),
        (None, None) => Ok(None),
    }
}

/// The period a report counts: the one named, else the year of the as-of
/// date (or of today); an as-of date before the period starts is refused.
pub fn counted_period(
    args: &PeriodArgs,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Period> {
    let period = match period(args)? {
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
    Ok(period)
}

/// The note for an as-of date after today, whose admissions are not
/// recorded yet.
fn future_note(as_of: Option<NaiveDate>, today: NaiveDate) -> Option<Text> {
    as_of.filter(|&d| d > today).map(|d| {
        t!(
            "Note: the as-of date {} is after today ({}); admissions after today are not recorded yet.",
            "Lưu ý: ngày {} muộn hơn hôm nay ({}); các lần kết nạp sau hôm nay chưa được ghi nhận.",
            crate::lang::Date(d),
            crate::lang::Date(today)
        )
    })
}

/// The period, which this command cannot do without.
pub fn required_period(args: &PeriodArgs) -> Result<Period> {
    period(args)?.ok_or_else(|| {
        UsageError(t!(
            "Give the period with --year Y or --term A-B.",
            "Hãy cho biết kỳ bằng --year Y hoặc --term A-B."
        ))
        .into()
    })
}

/// `--year Y`; a term typed there is pointed to `--term`.
pub fn year(s: &str) -> Result<Period> {
    let s = s.trim();
    if (1..=9).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = s.parse()?;
        return Period::year(y).map_err(as_usage);
    }
    if Period::term(s).is_ok() {
        Err(UsageError(t!(
            "--year takes one year, and {s} is a term; use --term {s}.",
            "--year nhận một năm, còn {s} là nhiệm kỳ; hãy dùng --term {s}."
        )))?;
    }
    Err(UsageError(t!(
        "--year takes a year like 2023, not '{}'.",
        "--year nhận một năm, ví dụ 2023, không phải '{}'.",
        crate::text::printable(s)
    )))?
}

/// `--term A-B`; a single year typed there is pointed to `--year`.
pub fn term(s: &str) -> Result<Period> {
    let t = s.trim();
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        Err(UsageError(t!(
            "--term takes a first and a last year like 2020-2025, and {t} is one year; use --year {t}.",
            "--term nhận năm đầu và năm cuối, ví dụ 2020-2025, còn {t} là một năm; hãy dùng --year {t}."
        )))?;
    }
    Period::term(t).map_err(as_usage)
}

/// An error from the model, rethrown as a usage error with the same words.
fn as_usage(e: anyhow::Error) -> anyhow::Error {
    match e.downcast_ref::<Text>() {
        Some(t) => UsageError(t.clone()).into(),
        None => UsageError(Text::same(e.to_string())).into(),
    }
}

/// A whole number typed for `field`, at least `min`, at most
/// [`MAX_NUMBER`](crate::model::MAX_NUMBER); anything else says the range
/// and is not repeated (a name typed in the wrong place is personal data).
pub fn number(field: Field, s: &str, min: u64) -> Result<u64> {
    match s.trim().parse::<u64>() {
        Ok(n) if (min..=crate::model::MAX_NUMBER).contains(&n) => Ok(n),
        _ => Err(UsageError(
            Problem::new(field, number_range(min)).sentence(),
        ))?,
    }
}

/// An optional number argument.
pub fn opt_number(field: Field, s: Option<&str>, min: u64) -> Result<Option<u64>> {
    s.map(|s| number(field, s, min)).transpose()
}

/// The kind a user named.
pub fn kind(k: crate::cli::KindArg) -> crate::exchange::Kind {
    match k {
        crate::cli::KindArg::Orgs => crate::exchange::Kind::Orgs,
        crate::cli::KindArg::Quotas => crate::exchange::Kind::Quotas,
        crate::cli::KindArg::Admissions => crate::exchange::Kind::Admissions,
        crate::cli::KindArg::Training => crate::exchange::Kind::Training,
        crate::cli::KindArg::Candidates => crate::exchange::Kind::Candidates,
    }
}

/// Writes a command's result to `--output FILE`, and says so.
pub fn to_file(path: &std::path::Path, bytes: &[u8], private: bool) -> Result<super::Output> {
    let written = if private {
        // A file that was there keeps its mode on opening: made private
        // before the personal data goes in.
        crate::store::open_private(path, false).and_then(|mut f| {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
            }
            std::io::Write::write_all(&mut f, bytes)
        })
    } else {
        std::fs::write(path, bytes)
    };
    written.map_err(|e| {
        err_t!(
            "Cannot write {} ({e}); check the path and permissions.",
            "Không ghi được {} ({e}); hãy kiểm tra đường dẫn và quyền ghi.",
            path.display()
        )
    })?;
    Ok(super::Output {
        notes: vec![t!("Wrote {}.", "Đã ghi {}.", path.display())],
        ..super::Output::default()
    })
}

/// Sends `doc` out in `format`: a workbook to its `--output` file (which
/// [`chosen_format`] made sure of), anything else to `--output` or stdout;
/// CSV in a file is for a spreadsheet, CSV on stdout for scripts. Results
/// hold counts only, never a person's details: files are not made private
/// as an export with details is.
pub fn send(
    ctx: &super::Ctx,
    output: Option<&Path>,
    format: OutputFormat,
    doc: &impl render::Document,
) -> Result<super::Output> {
    let view = ctx.view_for(output);
    let text = match format {
        OutputFormat::Table => render::Format::Table,
        OutputFormat::Json => render::Format::Json,
        OutputFormat::Csv => render::Format::Csv,
        OutputFormat::Markdown => render::Format::Markdown,
        OutputFormat::Html => render::Format::Html,
        OutputFormat::Xlsx => {
            let Some(path) = output else {
                unreachable!("chosen_format asks a workbook for its file")
            };
            return to_file(path, &doc.workbook(&view)?, false);
        }
    };
    match output {
        Some(path) if text == render::Format::Csv => {
            to_file(path, doc.csv_for_excel(view.lang)?.as_bytes(), false)
        }
        Some(path) => to_file(path, doc.text(text, &view)?.as_bytes(), false),
        None => Ok(super::Output::text(doc.text(text, &view)?)),
    }
}

/// The personal details given, read; a bad one is never echoed.
pub fn person(a: &crate::cli::PersonFlags) -> Result<crate::model::Person> {
    let born = match a.born.as_deref() {
        None => None,
        Some(b) => Some(crate::date::parse(b).map_err(|_| {
            err_t!(
                "The birth date is not a valid date; write it as 2000-10-10 or 10/10/2000.",
                "Ngày sinh không hợp lệ; hãy viết dạng 2000-10-10 hoặc 10/10/2000."
            )
        })?),
    };
    let sex = match a.sex.as_deref() {
        None => None,
        Some(s) => Some(crate::model::Sex::parse(s).ok_or_else(|| {
            UsageError(t!(
                "--sex takes female or male (nữ or nam).",
                "--sex nhận female hoặc male (nữ hoặc nam)."
            ))
        })?),
    };
    Ok(crate::model::Person {
        name: a.name.clone(),
        sex,
        born,
        ethnicity: a.ethnicity.clone(),
        religion: a.religion.clone(),
        youth_union: a.youth_union,
        occupation: a.occupation.clone(),
    })
}

/// `--as-of`: a date, or a month for its last day (`2026-06`, `06/2026`).
pub fn as_of(s: Option<&str>) -> Result<Option<NaiveDate>> {
    s.map(crate::date::parse_or_month_end).transpose()
}

/// `--as-of`, `--month` and `--quarter` as typed; clap lets at most one
/// of them through.
#[derive(Clone, Copy, Debug, Default)]
pub struct Until<'a> {
    pub as_of: Option<&'a str>,
    pub month: Option<&'a str>,
    pub quarter: Option<&'a str>,
}

/// The day a report or breakdown counts up to, as asked.
#[derive(Debug)]
pub struct CutOff {
    /// The as-of date; `None`: today, or the end of a period already over.
    pub as_of: Option<NaiveDate>,
    /// The day whose year is counted when no period is named: the end of
    /// the month or quarter (even one not over yet), else the as-of date.
    pub dated: Option<NaiveDate>,
    /// What the user should know about that day: a month or quarter not
    /// over yet, or an as-of date after today.
    pub note: Option<Text>,
}

/// The as-of date: the end of `--month` or `--quarter` (the year so far up
/// to it; one not over yet counts up to today and says so), else
/// `--as-of`.
pub fn cut_off(until: Until, today: NaiveDate) -> Result<CutOff> {
    let Some(m) = months(until)? else {
        let as_of = as_of(until.as_of)?;
        return Ok(CutOff {
            as_of,
            dated: as_of,
            note: future_note(as_of, today),
        });
    };
    if m.start() > today {
        bail_t!(
            "{} has not begun yet (today is {}); give a month or quarter up to this one.",
            "{} chưa bắt đầu (hôm nay là {}); hãy chọn tháng hoặc quý đến hiện tại.",
            shown_months(until),
            crate::lang::Date(today)
        );
    }
    if m.end() <= today {
        return Ok(CutOff {
            as_of: Some(m.end()),
            dated: Some(m.end()),
            note: None,
        });
    }
    Ok(CutOff {
        as_of: Some(today),
        dated: Some(m.end()),
        note: Some(t!(
            "Note: {} is not over yet; counting up to today ({}).",
            "Lưu ý: {} chưa kết thúc; tính đến hôm nay ({}).",
            shown_months(until),
            crate::lang::Date(today)
        )),
    })
}

/// `--month` or `--quarter`, read; a malformed one is a usage error.
fn months(until: Until) -> Result<Option<Months>> {
    if let Some(m) = until.month {
        let months = Months::month(m).ok_or_else(|| {
            UsageError(t!(
                "--month takes a month like 2026-06 or 06/2026, not '{}'.",
                "--month nhận một tháng, ví dụ 2026-06 hoặc 06/2026, không phải '{}'.",
                crate::text::printable(m)
            ))
        })?;
        return Ok(Some(months));
    }
    if let Some(q) = until.quarter {
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
fn shown_months(until: Until) -> String {
    let typed = until.month.or(until.quarter).unwrap_or("");
    crate::text::printable(typed.trim())
}

/// The format named by `--format`, else told by the `--output` file's
/// extension, else the command's default (a table). A format that
/// contradicts the extension, or a workbook not written to a `.xlsx` file,
/// is a usage error. The extension names a `--format` value, so every
/// command that writes files tells them the same way.
pub fn chosen_format<F>(asked: Option<F>, output: Option<&Path>) -> Result<F>
where
    F: ValueEnum + Copy + PartialEq + Default,
{
    let by_extension = output
        .and_then(told_by_extension)
        .and_then(|name| F::from_str(name, false).ok());
    let format = match (asked, by_extension) {
        (Some(a), Some(e)) if a != e => {
            let (a, e) = (format_name(a), format_name(e));
            let file = output.map(|p| p.display().to_string()).unwrap_or_default();
            Err(UsageError(t!(
                "--format {a} contradicts the file name {file}, which is for {e}; drop --format or change the file's extension.",
                "--format {a} mâu thuẫn với tên tệp {file} (dành cho {e}); hãy bỏ --format hoặc đổi đuôi tệp."
            )))?
        }
        (Some(a), _) => a,
        (None, Some(e)) => e,
        (None, None) => F::default(),
    };
    // A workbook is bytes for a file, never for a terminal.
    let to_workbook = output.is_some_and(|p| told_by_extension(p) == Some("xlsx"));
    if format_name(format) == "xlsx" && !to_workbook {
        Err(UsageError(t!(
            "--format xlsx writes a workbook: add --output FILE.xlsx (ending in .xlsx).",
            "--format xlsx ghi ra sổ tính: hãy thêm --output TỆP.xlsx (đuôi .xlsx)."
        )))?;
    }
    Ok(format)
}

/// The `--format` value a file's extension stands for.
fn told_by_extension(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" => Some("csv"),
        "xlsx" => Some("xlsx"),
        "json" => Some("json"),
        "md" | "markdown" => Some("markdown"),
        "html" | "htm" => Some("html"),
        "txt" => Some("table"),
        _ => None,
    }
}

/// A format as the user types it after `--format`.
fn format_name<F: ValueEnum>(f: F) -> String {
    f.to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// Parses an optional date argument.
pub fn date(s: Option<&str>) -> Result<Option<NaiveDate>> {
    s.map(crate::date::parse).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::OutputFormat;

    /// The extensions are matched to `--format` values by name: a name
    /// that some command lacked would quietly fall back to a table.
    #[test]
    fn every_extension_names_a_format_of_every_command_that_writes_files() {
        for ext in [
            "csv", "xlsx", "json", "md", "markdown", "html", "htm", "txt", "XLSX",
        ] {
            let file = format!("out.{ext}");
            let name = told_by_extension(Path::new(&file)).unwrap();
            assert!(OutputFormat::from_str(name, false).is_ok(), "{name}");
        }
        assert_eq!(told_by_extension(Path::new("out.pdf")), None);
        assert_eq!(told_by_extension(Path::new("out")), None);
    }

    #[test]
    fn format_by_flag_then_by_extension_then_a_table() {
        use OutputFormat as F;
        let file = |s: &'static str| Some(Path::new(s));
        assert_eq!(chosen_format::<F>(None, None).unwrap(), F::Table);
        assert_eq!(chosen_format::<F>(None, file("b.out")).unwrap(), F::Table);
        assert_eq!(chosen_format::<F>(None, file("b.MD")).unwrap(), F::Markdown);
        assert_eq!(chosen_format::<F>(None, file("b.xlsx")).unwrap(), F::Xlsx);
        assert_eq!(
            chosen_format(Some(F::Json), file("b.out")).unwrap(),
            F::Json
        );
        for (asked, output, words) in [
            (
                F::Csv,
                file("b.xlsx"),
                "--format csv contradicts the file name b.xlsx",
            ),
            (F::Xlsx, None, "add --output FILE.xlsx"),
            (F::Xlsx, file("b.out"), "add --output FILE.xlsx"),
        ] {
            let e = chosen_format(Some(asked), output).unwrap_err();
            assert!(e.downcast_ref::<UsageError>().is_some(), "{e}");
            assert!(e.to_string().contains(words), "{e}");
        }
    }
}

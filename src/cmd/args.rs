//! Arguments as typed → model values. Mistakes in the shape of an
//! argument are usage errors (exit 2) and say what would be right.

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use super::UsageError;
use crate::cli::PeriodArgs;
use crate::date::Period;
use crate::model::{Field, Problem, number_range};

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
pub fn future_note(as_of: Option<NaiveDate>, today: NaiveDate) -> Option<crate::lang::Text> {
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
    match e.downcast_ref::<crate::lang::Text>() {
        Some(t) => UsageError(t.clone()).into(),
        None => UsageError(crate::lang::Text::same(e.to_string())).into(),
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

/// `--as-of`: a date, or a month for its last day (`2026-06`, `06/2026`).
pub fn as_of(s: Option<&str>) -> Result<Option<NaiveDate>> {
    s.map(crate::date::parse_or_month_end).transpose()
}

/// Parses an optional date argument.
pub fn date(s: Option<&str>) -> Result<Option<NaiveDate>> {
    s.map(crate::date::parse).transpose()
}

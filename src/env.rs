//! The one place that reads environment variables. Each variable the tool
//! honours has exactly one reader here, and is documented in `--help` and
//! the README.

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;

use crate::lang::Lang;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// `QUOTA_STORE`: the store file when `--store` is not given.
pub fn store() -> Option<PathBuf> {
    var("QUOTA_STORE").map(PathBuf::from)
}

/// `QUOTA_TODAY` (a date): replaces the system date everywhere, so that
/// tests and scripted reports are reproducible.
pub fn today() -> Result<Option<NaiveDate>> {
    match var("QUOTA_TODAY") {
        None => Ok(None),
        Some(v) => match crate::date::parse(&v) {
            Ok(d) => Ok(Some(d)),
            Err(_) => bail_t!(
                "QUOTA_TODAY is set to '{v}', which is not a date; set it like 2023-10-10 or unset it.",
                "QUOTA_TODAY đang là '{v}', không phải ngày hợp lệ; đặt dạng 2023-10-10 hoặc bỏ biến này."
            ),
        },
    }
}

/// `LC_ALL`, then `LANG`: Vietnamese when the locale starts with `vi`.
pub fn lang() -> Lang {
    let locale = var("LC_ALL").or_else(|| var("LANG")).unwrap_or_default();
    if locale.to_ascii_lowercase().starts_with("vi") {
        Lang::Vi
    } else {
        Lang::En
    }
}

/// `NO_COLOR`: when set to anything, `--color auto` means no colour.
pub fn no_color() -> bool {
    var("NO_COLOR").is_some()
}

/// `COLUMNS`: the width tables are fitted to when set.
pub fn columns() -> Option<u16> {
    var("COLUMNS")
        .and_then(|v| v.parse().ok())
        .filter(|&w| w >= 20)
}

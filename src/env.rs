//! The one place that reads environment variables. Each variable the tool
//! honours has exactly one reader here, and is documented in `--help` and
//! the README.

use std::path::PathBuf;

use crate::lang::Lang;
use anyhow::Result;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// `QUOTA_STORE`: the store file when `--store` is not given.
pub fn store() -> Option<PathBuf> {
    var("QUOTA_STORE").map(PathBuf::from)
}

/// `QUOTA_TODAY` (a date, parsed by `date::today`): replaces the system
/// date everywhere, so that tests and scripted reports are reproducible.
pub fn today() -> Option<String> {
    var("QUOTA_TODAY")
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

/// `QUOTA_LOCK_TIMEOUT` (seconds, default 10): how long a writer waits for
/// another writer before giving up.
pub fn lock_timeout() -> Result<std::time::Duration> {
    match var("QUOTA_LOCK_TIMEOUT") {
        None => Ok(std::time::Duration::from_secs(10)),
        Some(v) => match v.trim().parse::<f64>() {
            Ok(s) if s.is_finite() && (0.0..=86_400.0).contains(&s) => {
                Ok(std::time::Duration::from_secs_f64(s))
            }
            _ => bail_t!(
                "QUOTA_LOCK_TIMEOUT is set to '{v}', which is not a number of seconds; set it like 10 or unset it.",
                "QUOTA_LOCK_TIMEOUT đang là '{v}', không phải số giây; hãy đặt dạng 10 hoặc bỏ biến này."
            ),
        },
    }
}

/// `USER`: who made a change, for the history.
pub fn user() -> String {
    var("USER")
        .or_else(|| var("USERNAME"))
        .unwrap_or_else(|| "unknown".to_string())
}

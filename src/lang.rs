//! The two languages of the user interface: words, and numbers and dates
//! written the English or the Vietnamese way.

use std::sync::OnceLock;

use chrono::NaiveDate;

/// The language of tables and messages. JSON and CSV never depend on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Fixes the language of messages for the rest of the process. The first
/// call wins; later calls are ignored.
pub fn set(lang: Lang) {
    let _ = CURRENT.set(lang);
}

/// The language chosen with [`set`], English before that.
pub fn current() -> Lang {
    CURRENT.get().copied().unwrap_or_default()
}

/// Formats a message in the current language:
/// `t!("unknown {x}", "không rõ {x}")`.
#[macro_export]
macro_rules! t {
    ($en:literal, $vi:literal $(, $arg:expr)* $(,)?) => {
        if $crate::lang::current() == $crate::lang::Lang::Vi {
            format!($vi $(, $arg)*)
        } else {
            format!($en $(, $arg)*)
        }
    };
}

/// `anyhow::bail!` with a message in the current language.
#[macro_export]
macro_rules! bail_t {
    ($en:literal, $vi:literal $(, $arg:expr)* $(,)?) => {
        return Err(anyhow::anyhow!($crate::t!($en, $vi $(, $arg)*)))
    };
}

impl Lang {
    /// Picks the word for this language.
    pub fn pick<'a>(self, en: &'a str, vi: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }

    fn thousands(self) -> char {
        self.pick_char(',', '.')
    }

    fn decimal(self) -> char {
        self.pick_char('.', ',')
    }

    fn pick_char(self, en: char, vi: char) -> char {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }

    /// An integer with thousands separators: 2,767 or 2.767.
    pub fn int(self, n: u64) -> String {
        group(&n.to_string(), self.thousands())
    }

    /// A decimal given as `scaled / 10^precision`, grouped and with the
    /// language's decimal mark: 1,234.5 or 1.234,5.
    pub fn decimal_str(self, scaled: u128, precision: u8) -> String {
        let (int, frac) = split_scaled(scaled, precision);
        let int = group(&int, self.thousands());
        if frac.is_empty() {
            int
        } else {
            format!("{int}{}{frac}", self.decimal())
        }
    }

    /// A date as the language writes it: 2023-10-10 or 10/10/2023.
    pub fn date(self, d: NaiveDate) -> String {
        match self {
            Lang::En => d.format("%Y-%m-%d").to_string(),
            Lang::Vi => d.format("%d/%m/%Y").to_string(),
        }
    }
}

/// Splits `scaled / 10^precision` into its integer digits and exactly
/// `precision` fraction digits.
pub fn split_scaled(scaled: u128, precision: u8) -> (String, String) {
    let digits = scaled.to_string();
    let p = usize::from(precision);
    if p == 0 {
        return (digits, String::new());
    }
    let padded = format!("{digits:0>width$}", width = p + 1);
    let (int, frac) = padded.split_at(padded.len() - p);
    (int.to_string(), frac.to_string())
}

fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(Lang::Vi.int(2767), "2.767");
        assert_eq!(Lang::En.int(2767), "2,767");
        assert_eq!(Lang::En.int(999), "999");
        assert_eq!(Lang::Vi.int(1_000_000), "1.000.000");
        assert_eq!(Lang::Vi.decimal_str(7206, 2), "72,06");
        assert_eq!(Lang::En.decimal_str(1073, 1), "107.3");
        assert_eq!(Lang::En.decimal_str(5, 2), "0.05");
        assert_eq!(Lang::Vi.decimal_str(123_456, 1), "12.345,6");
        assert_eq!(Lang::En.decimal_str(104, 0), "104");
    }

    #[test]
    fn dates_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2023, 10, 1).unwrap();
        assert_eq!(Lang::En.date(d), "2023-10-01");
        assert_eq!(Lang::Vi.date(d), "01/10/2023");
    }
}

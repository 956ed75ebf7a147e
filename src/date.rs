//! Dates as users type them, today's date, and periods (a year or a term).

use std::fmt;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

/// Parses `2023-10-10` or `10/10/2023` (day first, as Vietnamese write it).
pub fn parse(input: &str) -> Result<NaiveDate> {
    let s = input.trim();
    parse_iso(s).or_else(|| parse_dmy(s)).ok_or_else(|| {
        if well_formed(s) {
            err_t!(
                "There is no day '{s}' in the calendar; check the day and the month.",
                "Không có ngày '{s}' trong lịch; hãy kiểm tra ngày và tháng."
            )
        } else {
            err_t!(
                "'{s}' is not a valid date; write it as 2023-10-10 or 10/10/2023.",
                "'{s}' không phải ngày hợp lệ; hãy viết dạng 2023-10-10 hoặc 10/10/2023."
            )
        }
    })
}

/// A span of months within one year: a month (`2026-06`, `06/2026`) or a
/// quarter (`2026-Q2`), as `report --month`/`--quarter` name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Months {
    pub year: i32,
    /// First and last month, 1–12.
    pub first: u32,
    pub last: u32,
}

impl Months {
    /// `2026-06` or `06/2026` (also `6/2026`).
    pub fn month(s: &str) -> Option<Months> {
        let s = s.trim();
        let (y, m) = match (s.split_once('-'), s.split_once('/')) {
            (Some((y, m)), None) if y.len() == 4 && m.len() == 2 => (y, m),
            (None, Some((m, y))) if y.len() == 4 && (1..=2).contains(&m.len()) => (y, m),
            _ => return None,
        };
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !digits(y) || !digits(m) {
            return None;
        }
        let m: u32 = m.parse().ok()?;
        Months::new(y.parse().ok()?, m, m)
    }

    /// `2026-Q2` (any case).
    pub fn quarter(s: &str) -> Option<Months> {
        let (y, q) = s.trim().split_once('-')?;
        let q = q.strip_prefix(['Q', 'q'])?;
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) || q.len() != 1 {
            return None;
        }
        let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        Months::new(y.parse().ok()?, 3 * q - 2, 3 * q)
    }

    fn new(year: i32, first: u32, last: u32) -> Option<Months> {
        ((1..=12).contains(&first) && (first..=12).contains(&last) && (1000..=9999).contains(&year))
            .then_some(Months { year, first, last })
    }

    /// The last day of the last month.
    pub fn end(self) -> NaiveDate {
        let (y, m) = if self.last == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.last + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }
}

impl Months {
    /// The month or the quarter `d` falls in.
    pub fn containing(d: NaiveDate, quarters: bool) -> Months {
        let m = d.month();
        if quarters {
            let first = (m - 1) / 3 * 3 + 1;
            Months {
                year: d.year(),
                first,
                last: first + 2,
            }
        } else {
            Months {
                year: d.year(),
                first: m,
                last: m,
            }
        }
    }

    /// The first day of the first month.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.first, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The span of the same length right after this one.
    pub fn next(self) -> Months {
        let len = self.last - self.first;
        if self.last == 12 {
            Months {
                year: self.year + 1,
                first: 1,
                last: 1 + len,
            }
        } else {
            Months {
                year: self.year,
                first: self.last + 1,
                last: self.last + 1 + len,
            }
        }
    }

    pub fn is_quarter(self) -> bool {
        self.last != self.first
    }

    /// The spans (months, or quarters) from the one holding `from` through
    /// the one holding `to`.
    pub fn through(from: NaiveDate, to: NaiveDate, quarters: bool) -> Vec<Months> {
        let last = Months::containing(to, quarters);
        let mut at = Months::containing(from, quarters);
        let mut all = Vec::new();
        while from <= to && (at.year, at.first) <= (last.year, last.first) {
            all.push(at);
            at = at.next();
        }
        all
    }
}

/// `2026-06`, or `2026-Q2` for a quarter: the form JSON and CSV name them by.
impl fmt::Display for Months {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_quarter() {
            write!(f, "{}-Q{}", self.year, self.last / 3)
        } else {
            write!(f, "{}-{:02}", self.year, self.first)
        }
    }
}

impl serde::Serialize for Months {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A date, or a month standing for its last day (`2026-06`, `06/2026`):
/// what `--as-of` takes.
pub fn parse_or_month_end(input: &str) -> Result<NaiveDate> {
    match Months::month(input) {
        Some(m) => Ok(m.end()),
        None => parse(input),
    }
}

/// Whether `s` has the shape of a date (digits in the right places), so
/// that only the day or month can be wrong.
fn well_formed(s: &str) -> bool {
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    match parts.as_slice() {
        [y, m, d] if s.contains('-') => digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2),
        [d, m, y] => digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2),
        _ => false,
    }
}

fn parse_iso(s: &str) -> Option<NaiveDate> {
    // The form every store date is written in, read without splitting.
    if let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = s.as_bytes() {
        let digits = [y1, y2, y3, y4, m1, m2, d1, d2];
        if digits.iter().all(u8::is_ascii_digit) {
            let n = |ds: &[u8]| ds.iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
            let year = i32::try_from(n(&digits[..4])).ok()?;
            return NaiveDate::from_ymd_opt(year, n(&digits[4..6]), n(&digits[6..]));
        }
    }
    parse_iso_parts(s)
}

fn parse_iso_parts(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let short = |p: &str| (1..=2).contains(&p.len());
    if parts.next().is_some() || y.len() != 4 || !short(m) || !short(d) {
        return None;
    }
    ymd(y, m, d)
}

fn parse_dmy(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || !(1..=2).contains(&m.len()) {
        return None;
    }
    if !(1..=2).contains(&d.len()) {
        return None;
    }
    ymd(y, m, d)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let all_digits = [y, m, d]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !all_digits {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Today: `QUOTA_TODAY` when set, else the system's local date.
pub fn today() -> Result<NaiveDate> {
    match crate::env::today() {
        None => Ok(chrono::Local::now().date_naive()),
        Some(v) => parse(&v).map_err(|_| {
            err_t!(
                "QUOTA_TODAY is set to '{v}', which is not a date; set it like 2023-10-10 or unset it.",
                "QUOTA_TODAY đang là '{v}', không phải ngày hợp lệ; đặt dạng 2023-10-10 hoặc bỏ biến này."
            )
        }),
    }
}

/// The earliest and latest years a period may name.
const YEARS: std::ops::RangeInclusive<i32> = 1930..=2200;

/// What a quota is for: a calendar year or a term of office.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Year(i32),
    /// First and last year, both inclusive.
    Term(i32, i32),
}

impl Period {
    pub fn year(y: i32) -> Result<Period> {
        if !YEARS.contains(&y) {
            bail_t!(
                "The year {y} is out of range; give a year between {} and {}.",
                "Năm {y} nằm ngoài phạm vi; hãy nhập năm từ {} đến {}.",
                YEARS.start(),
                YEARS.end()
            );
        }
        Ok(Period::Year(y))
    }

    /// Parses a term written `2020-2025`.
    pub fn term(s: &str) -> Result<Period> {
        let bad = || {
            err_t!(
                "'{s}' is not a term; write the first and last year, like 2020-2025.",
                "'{s}' không phải nhiệm kỳ; hãy viết năm đầu và năm cuối, ví dụ 2020-2025."
            )
        };
        let (a, b) = s.trim().split_once('-').ok_or_else(bad)?;
        let digits = |p: &str| p.len() == 4 && p.bytes().all(|c| c.is_ascii_digit());
        if !digits(a) || !digits(b) {
            return Err(bad());
        }
        let (a, b): (i32, i32) = (a.parse()?, b.parse()?);
        if a > b {
            return Err(bad());
        }
        Period::year(a)?;
        Period::year(b)?;
        Ok(Period::Term(a, b))
    }

    pub fn first_year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Term(y, _) => y,
        }
    }

    pub fn last_year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Term(_, y) => y,
        }
    }

    /// 1 January of the first year.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.first_year(), 1, 1).expect("years are range-checked")
    }

    /// 31 December of the last year.
    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.last_year(), 12, 31).expect("years are range-checked")
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Term(a, b) => write!(f, "{a}-{b}"),
        }
    }
}

/// A date written out, kept on the stack: chrono's `%Y-%m-%d` and
/// `%d/%m/%Y` by hand, since strftime parses its format again for every
/// date it writes (a large part of saving a store of a million records).
#[derive(Clone, Copy)]
pub struct DateText {
    /// Long enough for `-262144-12-31`, the widest date chrono has.
    bytes: [u8; 13],
    len: usize,
}

impl DateText {
    /// `2023-10-10`.
    pub fn iso(d: NaiveDate) -> DateText {
        let mut t = DateText::empty();
        t.year(d.year());
        t.push(b'-');
        t.two(d.month());
        t.push(b'-');
        t.two(d.day());
        t
    }

    /// `10/10/2023`, day first, as Vietnamese write it.
    pub fn dmy(d: NaiveDate) -> DateText {
        let mut t = DateText::empty();
        t.two(d.day());
        t.push(b'/');
        t.two(d.month());
        t.push(b'/');
        t.year(d.year());
        t
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).expect("ASCII digits and signs")
    }

    fn empty() -> DateText {
        DateText {
            bytes: [0; 13],
            len: 0,
        }
    }

    fn push(&mut self, b: u8) {
        self.bytes[self.len] = b;
        self.len += 1;
    }

    fn two(&mut self, n: u32) {
        self.push(b'0' + (n / 10 % 10) as u8);
        self.push(b'0' + (n % 10) as u8);
    }

    /// Four digits; as chrono, a sign before a year outside 0 to 9999.
    fn year(&mut self, y: i32) {
        if !(0..=9999).contains(&y) {
            self.push(if y < 0 { b'-' } else { b'+' });
        }
        let y = y.unsigned_abs();
        let digits = if y >= 100_000 {
            6
        } else if y >= 10_000 {
            5
        } else {
            4
        };
        for i in (0..digits).rev() {
            self.push(b'0' + (y / 10u32.pow(i) % 10) as u8);
        }
    }
}

/// Dates in the store: written `2023-10-10`; read from that text or, in
/// TOML, from a native date (`date = 2023-10-10`). Errors never quote the
/// value, which may be a birth date.
pub mod iso {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(super::DateText::iso(*d).as_str())
    }

    /// What serde says of a bad date in the store.
    pub fn invalid() -> crate::lang::Text {
        t!(
            "not a valid date; dates in the store are written like 2023-10-10",
            "không phải ngày hợp lệ; ngày trong tệp dữ liệu được viết dạng 2023-10-10"
        )
    }

    /// A date as text ("2023-10-10"), or as a TOML date. Read without
    /// buffering: every record has one.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = NaiveDate;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<NaiveDate, E> {
                super::parse_iso(s).ok_or_else(|| E::custom(invalid()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<NaiveDate, A::Error> {
                let invalid = || serde::de::Error::custom(invalid());
                let t = toml::value::Datetime::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )
                .map_err(|_| invalid())?;
                match (t.date, t.time, t.offset) {
                    (Some(date), None, None) => NaiveDate::from_ymd_opt(
                        i32::from(date.year),
                        date.month.into(),
                        date.day.into(),
                    )
                    .ok_or_else(invalid),
                    _ => Err(invalid()),
                }
            }
        }
        d.deserialize_any(Visitor)
            .map_err(|_| serde::de::Error::custom(invalid()))
    }
}

/// [`iso`] for an optional date.
pub mod iso_opt {
    use chrono::NaiveDate;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => super::iso::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        super::iso::deserialize(d).map(Some)
    }
}

/// The number of days from `from` through `to`, both counted; 0 when `to`
/// is before `from`.
pub fn days_through(from: NaiveDate, to: NaiveDate) -> u64 {
    u64::try_from((to - from).num_days() + 1).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn spans_step_through_years() {
        let all = Months::through(d(2025, 11, 5), d(2026, 2, 1), false);
        let names: Vec<String> = all.iter().map(ToString::to_string).collect();
        assert_eq!(names, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        let q = Months::through(d(2020, 1, 1), d(2021, 4, 1), true);
        let names: Vec<String> = q.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            [
                "2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4", "2021-Q1", "2021-Q2"
            ]
        );
        assert_eq!(q[5].start(), d(2021, 4, 1));
        assert_eq!(q[5].end(), d(2021, 6, 30));
        assert_eq!(
            Months::containing(d(2024, 9, 30), true).to_string(),
            "2024-Q3"
        );
        assert!(Months::through(d(2024, 2, 1), d(2024, 1, 1), false).is_empty());
    }

    #[test]
    fn months_and_quarters() {
        let m = Months::month("2026-06").unwrap();
        assert_eq!(
            (m.year, m.first, m.last, m.end()),
            (2026, 6, 6, d(2026, 6, 30))
        );
        assert_eq!(Months::month("06/2026"), Some(m));
        assert_eq!(Months::month("6/2026"), Some(m));
        assert_eq!(Months::month("2024-02").unwrap().end(), d(2024, 2, 29));
        assert_eq!(Months::month("2023-02").unwrap().end(), d(2023, 2, 28));
        assert_eq!(Months::month("2023-12").unwrap().end(), d(2023, 12, 31));
        for bad in [
            "2026-13",
            "2026-00",
            "2026-6",
            "13/2026",
            "2026",
            "",
            "2026-06-01",
            "x/2026",
        ] {
            assert_eq!(Months::month(bad), None, "{bad}");
        }
        let q = Months::quarter("2026-Q2").unwrap();
        assert_eq!((q.first, q.last, q.end()), (4, 6, d(2026, 6, 30)));
        assert_eq!(Months::quarter("2026-q4").unwrap().end(), d(2026, 12, 31));
        for bad in ["2026-Q0", "2026-Q5", "2026-2", "Q2-2026", "2026-Q12"] {
            assert_eq!(Months::quarter(bad), None, "{bad}");
        }
        assert_eq!(parse_or_month_end("02/2024").unwrap(), d(2024, 2, 29));
        assert_eq!(parse_or_month_end("29/02/2024").unwrap(), d(2024, 2, 29));
        assert!(parse_or_month_end("2024-2").is_err());
    }

    /// The fast reading of "YYYY-MM-DD" agrees with the general one.
    #[test]
    fn the_store_form_is_read_alike_both_ways() {
        for y in ["0000", "1930", "2024", "2023", "9999"] {
            for m in 0..=13 {
                for day in 0..=32 {
                    let s = format!("{y}-{m:02}-{day:02}");
                    assert_eq!(parse_iso(&s), parse_iso_parts(&s), "{s}");
                }
            }
        }
    }

    #[test]
    fn both_written_forms() {
        assert_eq!(parse("2023-10-10").unwrap(), d(2023, 10, 10));
        assert_eq!(parse("10/10/2023").unwrap(), d(2023, 10, 10));
        assert_eq!(parse("1/2/2024").unwrap(), d(2024, 2, 1));
        assert_eq!(parse(" 29/02/2024 ").unwrap(), d(2024, 2, 29));
    }

    #[test]
    fn impossible_and_malformed_dates() {
        for impossible in ["31/02/2023", "2023-13-01", "29/02/2023", "2023-2-30"] {
            let err = parse(impossible).unwrap_err().to_string();
            assert!(err.contains("no day"), "{impossible}: {err}");
        }
        assert_eq!(
            parse("2023-1-1").unwrap(),
            NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
        );
        for bad in [
            "10-10-2023",
            "2023/10/10",
            "",
            "+2023-10-10",
            "10/10/23",
            "٢٠٢٣-10-10",
            "2023-10-10T00:00",
        ] {
            let err = parse(bad).unwrap_err().to_string();
            assert!(err.contains("2023-10-10 or 10/10/2023"), "{bad}: {err}");
        }
    }

    #[test]
    fn terms() {
        assert_eq!(Period::term("2020-2025").unwrap(), Period::Term(2020, 2025));
        assert!(Period::term("2025-2020").is_err());
        assert!(Period::term("2020").is_err());
        assert!(Period::term("20-25").is_err());
        assert_eq!(Period::Term(2020, 2025).to_string(), "2020-2025");
        assert_eq!(Period::Term(2020, 2025).end(), d(2025, 12, 31));
    }

    #[test]
    fn dates_written_as_chrono_writes_them() {
        let check = |d: NaiveDate| {
            assert_eq!(DateText::iso(d).as_str(), d.format("%Y-%m-%d").to_string());
            assert_eq!(DateText::dmy(d).as_str(), d.format("%d/%m/%Y").to_string());
        };
        // Every day of the years a store or a period can name, and more.
        let mut day = d(1899, 1, 1);
        while day <= d(2201, 12, 31) {
            check(day);
            day = day.succ_opt().unwrap();
        }
        // A sample of chrono's whole range, and its edges.
        let mut day = NaiveDate::MIN;
        while let Some(next) = day.checked_add_days(chrono::Days::new(7919)) {
            check(day);
            day = next;
        }
        for edge in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            d(0, 1, 1),
            d(-1, 12, 31),
            d(999, 12, 31),
            d(1000, 1, 1),
            d(9999, 12, 31),
            d(10000, 1, 1),
            d(-9999, 1, 1),
            d(-10000, 1, 1),
            d(99_999, 12, 31),
            d(100_000, 1, 1),
        ] {
            check(edge);
        }
    }

    #[test]
    fn counting_days() {
        assert_eq!(days_through(d(2021, 1, 1), d(2021, 10, 14)), 287);
        assert_eq!(days_through(d(2024, 1, 1), d(2024, 12, 31)), 366);
        assert_eq!(days_through(d(2024, 1, 1), d(2023, 12, 31)), 0);
        assert_eq!(days_through(d(2024, 1, 1), d(2024, 1, 1)), 1);
    }
}

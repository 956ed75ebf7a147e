//! Spreadsheet exchange: the CSV shapes of organisations, quotas and
//! admissions, and reading and writing their cells the way Excel does.

use anyhow::Result;
use chrono::NaiveDate;

use crate::model::{Sex, Store};
use crate::text;

/// What a CSV file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Orgs,
    Quotas,
    Admissions,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Orgs => "orgs",
            Kind::Quotas => "quotas",
            Kind::Admissions => "admissions",
        }
    }

    /// Every column this kind knows, in export order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Kind::Orgs => &ORG_COLUMNS,
            Kind::Quotas => &QUOTA_COLUMNS,
            Kind::Admissions => &ADMISSION_COLUMNS,
        }
    }

    /// The columns a file of this kind must have.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Kind::Orgs => &["id", "name"],
            Kind::Quotas => &["org", "target"],
            Kind::Admissions => &["org", "date"],
        }
    }

    /// Tells the kind from a header line.
    pub fn detect(header: &[String]) -> Option<Kind> {
        let has = |c: &str| header.iter().any(|h| h == c);
        if has("target") {
            Some(Kind::Quotas)
        } else if has("org") && (has("date") || has("count")) {
            Some(Kind::Admissions)
        } else if has("id") && has("name") && !has("org") {
            Some(Kind::Orgs)
        } else {
            None
        }
    }
}

pub const ORG_COLUMNS: [&str; 5] = ["id", "name", "parent", "level", "members"];
pub const QUOTA_COLUMNS: [&str; 5] = ["org", "year", "term", "target", "metric"];
pub const ADMISSION_COLUMNS: [&str; 16] = [
    "id",
    "org",
    "date",
    "count",
    "name",
    "sex",
    "born",
    "ethnicity",
    "religion",
    "youth_union",
    "occupation",
    "decision",
    "note",
    "void",
    "void_reason",
    "void_date",
];

/// Whether an admissions column holds details exported only on request:
/// the person's, and the free texts that may name someone.
fn is_detail_column(c: &str) -> bool {
    crate::model::PERSON_FIELDS.contains(&c) || c == "note" || c.starts_with("void_")
}

/// A header cell as compared: no BOM, trimmed, lower case.
pub fn header_name(cell: &str) -> String {
    cell.trim_start_matches('\u{feff}').trim().to_lowercase()
}

/// The separator of a file, told by its header line: `;` (as Excel writes
/// CSV where the decimal mark is a comma) or `,`.
pub fn detect_separator(first_line: &[u8]) -> u8 {
    let count = |sep: u8| first_line.iter().filter(|&&b| b == sep).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

/// Characters that make Excel read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell made safe for Excel: one starting like a formula gets a
/// leading `'`.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(FORMULA_START) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// A text cell as read: the `'` of [`neutralise`] dropped, line breaks and
/// tabs (Alt+Enter in Excel) turned into spaces, NFC, trimmed. `None` when
/// empty.
pub fn text_cell(cell: &str) -> Result<Option<String>, String> {
    let cell = match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => cell,
    };
    let spaced: String = cell
        .split(['\n', '\r', '\t'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let s = text::nfc(spaced.trim().to_string());
    if s.chars().any(char::is_control) {
        return Err(t!(
            "contains a control character; remove it",
            "chứa ký tự điều khiển; hãy bỏ nó đi"
        ));
    }
    Ok((!s.is_empty()).then_some(s))
}

/// A whole number, plain (`2767`) or grouped by threes (`2.767`, `2,767`,
/// `2 767`).
pub fn number_cell(cell: &str) -> Result<Option<u64>, String> {
    let s = cell.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || {
        t!(
            "'{}' is not a whole number",
            "'{}' không phải số nguyên",
            text::printable(s)
        )
    };
    let digits: String = if s.bytes().all(|b| b.is_ascii_digit()) {
        s.to_string()
    } else {
        let groups: Vec<&str> = s.split(['.', ',', ' ', '\u{a0}']).collect();
        let grouped = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
        if !grouped {
            return Err(bad());
        }
        groups.concat()
    };
    let n: u64 = digits.parse().map_err(|_| bad())?;
    if n > crate::model::MAX_NUMBER {
        return Err(t!(
            "{n} is larger than {}",
            "{n} lớn hơn {}",
            crate::model::MAX_NUMBER
        ));
    }
    Ok(Some(n))
}

/// A date in either accepted form; a time of midnight, as Excel may add,
/// is ignored. Never quotes the value: it may be a birth date.
pub fn date_cell(cell: &str) -> Result<Option<NaiveDate>, String> {
    let s = cell.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let s = [" 00:00:00", " 0:00:00", " 00:00", " 0:00"]
        .iter()
        .find_map(|t| s.strip_suffix(t))
        .unwrap_or(s);
    crate::date::parse(s).map(Some).map_err(|_| {
        t!(
            "not a valid date; write it as 2023-10-10 or 10/10/2023",
            "không phải ngày hợp lệ; hãy viết dạng 2023-10-10 hoặc 10/10/2023"
        )
    })
}

/// Yes or no: `1/0`, `true/false`, `yes/no`, `x`/empty, `có/không`.
pub fn bool_cell(cell: &str) -> Result<bool, String> {
    match text::fold(cell.trim()).as_str() {
        "1" | "true" | "yes" | "y" | "x" | "có" | "co" => Ok(true),
        "0" | "false" | "no" | "n" | "" | "không" | "khong" => Ok(false),
        _ => Err(t!(
            "is not yes or no; use 1/0, true/false, yes/no, x or có/không",
            "không phải có/không; hãy dùng 1/0, true/false, yes/no, x hoặc có/không"
        )),
    }
}

/// `nam`/`nữ` or `male`/`female`; empty for unknown.
pub fn sex_cell(cell: &str) -> Result<Option<Sex>, String> {
    match text::fold(cell.trim()).as_str() {
        "" => Ok(None),
        "nữ" | "nu" | "female" | "f" => Ok(Some(Sex::Female)),
        "nam" | "male" | "m" => Ok(Some(Sex::Male)),
        _ => Err(t!(
            "not a sex this file can use; write nam or nữ (male or female)",
            "giới tính không hợp lệ; hãy viết nam hoặc nữ (male hoặc female)"
        )),
    }
}

/// The CSV text: a UTF-8 BOM, CRLF line ends, the shape `import` reads,
/// text cells that Excel would take for formulas neutralised.
pub fn export(store: &Store, kind: Kind, with_details: bool) -> Result<String> {
    let columns: Vec<&str> = kind
        .columns()
        .iter()
        .copied()
        .filter(|c| kind != Kind::Admissions || with_details || !is_detail_column(c))
        .collect();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(&columns)?;
    let text = |s: &Option<String>| s.as_deref().map(neutralise).unwrap_or_default();
    let num = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    match kind {
        Kind::Orgs => {
            for o in &store.orgs {
                w.write_record([
                    o.id.clone(),
                    neutralise(&o.name),
                    o.parent.clone().unwrap_or_default(),
                    text(&o.level),
                    num(o.members),
                ])?;
            }
        }
        Kind::Quotas => {
            for q in &store.quotas {
                let (year, term) = match q.period {
                    crate::date::Period::Year(y) => (y.to_string(), String::new()),
                    term => (String::new(), term.to_string()),
                };
                w.write_record([
                    q.org.clone(),
                    year,
                    term,
                    q.target.to_string(),
                    q.metric.as_str().to_string(),
                ])?;
            }
        }
        Kind::Admissions => {
            for a in &store.admissions {
                let p = a.person.as_deref();
                let cell = |c: &str| -> String {
                    match c {
                        "id" => a.id.to_string(),
                        "org" => a.org.clone(),
                        "date" => a.date.to_string(),
                        "count" => a.count.to_string(),
                        "name" => text(&p.and_then(|p| p.name.clone())),
                        "sex" => p
                            .and_then(|p| p.sex)
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_default(),
                        "born" => p
                            .and_then(|p| p.born)
                            .map(|b| b.to_string())
                            .unwrap_or_default(),
                        "ethnicity" => text(&p.and_then(|p| p.ethnicity.clone())),
                        "religion" => text(&p.and_then(|p| p.religion.clone())),
                        "youth_union" => p
                            .map(|p| if p.youth_union { "1" } else { "" })
                            .unwrap_or_default()
                            .to_string(),
                        "occupation" => text(&p.and_then(|p| p.occupation.clone())),
                        "decision" => text(&a.decision),
                        "note" => text(&a.note),
                        "void" => if a.is_void() { "1" } else { "" }.to_string(),
                        "void_reason" => text(&a.void.as_ref().map(|v| v.reason.clone())),
                        "void_date" => a
                            .void
                            .as_ref()
                            .map(|v| v.on.to_string())
                            .unwrap_or_default(),
                        _ => String::new(),
                    }
                };
                w.write_record(columns.iter().map(|c| cell(c)))?;
            }
        }
    }
    let body = String::from_utf8(w.into_inner()?)?;
    Ok(format!("\u{feff}{body}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_as_excel_writes_them() {
        assert_eq!(number_cell("2767"), Ok(Some(2767)));
        assert_eq!(number_cell(" 2.767 "), Ok(Some(2767)));
        assert_eq!(number_cell("1,994"), Ok(Some(1994)));
        assert_eq!(number_cell(""), Ok(None));
        assert!(number_cell("1.5").is_err());
        assert!(number_cell("-3").is_err());
        assert!(number_cell("27,67").is_err());
        assert_eq!(
            date_cell("10/10/2023 0:00").unwrap(),
            NaiveDate::from_ymd_opt(2023, 10, 10)
        );
        assert!(
            date_cell("31/02/2023")
                .unwrap_err()
                .contains("not a valid date")
        );
        for yes in ["1", "TRUE", "yes", "x", "X", "Có", "có"] {
            assert_eq!(bool_cell(yes), Ok(true), "{yes}");
        }
        for no in ["0", "false", "No", "", "không", "KHÔNG"] {
            assert_eq!(bool_cell(no), Ok(false), "{no}");
        }
        assert!(bool_cell("maybe").is_err());
        assert_eq!(sex_cell("Nữ"), Ok(Some(Sex::Female)));
        assert_eq!(sex_cell("nam"), Ok(Some(Sex::Male)));
        assert!(sex_cell("khác").is_err());
    }

    #[test]
    fn formula_injection_round_trip() {
        for s in ["=SUM(A1)", "+84 90", "-x", "@me", "\tx"] {
            let out = neutralise(s);
            assert!(out.starts_with('\''), "{s}");
            let back = text_cell(&out).unwrap();
            assert_eq!(back.as_deref(), Some(s.trim()), "{s}");
        }
        assert_eq!(neutralise("Đảng bộ"), "Đảng bộ");
        assert_eq!(text_cell("'tên").unwrap().as_deref(), Some("'tên"));
        assert_eq!(
            text_cell("Đảng bộ xã\nCư Pui").unwrap().as_deref(),
            Some("Đảng bộ xã Cư Pui")
        );
        assert!(text_cell("a\u{7}b").is_err());
    }

    #[test]
    fn kinds_and_separators() {
        let h = |s: &str| s.split(',').map(header_name).collect::<Vec<_>>();
        assert_eq!(Kind::detect(&h("\u{feff}id,name,parent")), Some(Kind::Orgs));
        assert_eq!(Kind::detect(&h("org,term,target")), Some(Kind::Quotas));
        assert_eq!(Kind::detect(&h("Date,ORG,count")), Some(Kind::Admissions));
        assert_eq!(Kind::detect(&h("a,b")), None);
        assert_eq!(detect_separator(b"org;date;count"), b';');
        assert_eq!(detect_separator(b"org,date,count"), b',');
    }
}

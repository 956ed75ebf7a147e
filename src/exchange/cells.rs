//! Cells the way Excel reads and writes them: numbers grouped by threes,
//! dates in either form, yes/no in several spellings, text safe from
//! formula injection.

use chrono::NaiveDate;

use crate::lang::Text;
use crate::model::{MAX_NUMBER, Sex};
use crate::text;

/// A header cell as compared: no BOM, trimmed, lower case; a Vietnamese
/// header ("Ngày kết nạp", with or without diacritics) as the column it
/// names.
pub fn header_name(cell: &str) -> String {
    let cell = cell.trim_start_matches('\u{feff}').trim().to_lowercase();
    super::vietnamese::column(&cell)
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
pub fn text_cell(cell: &str) -> Result<Option<String>, Text> {
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
    if let Some(wrong) = text::forbidden(&s) {
        return Err(wrong);
    }
    Ok((!s.is_empty()).then_some(s))
}

/// A whole number from `min` to [`MAX_NUMBER`], plain (`2767`) or grouped
/// by threes (`2.767`, `2,767`, `2 767`). Anything else says the range, in
/// the words the command line uses; the cell is not repeated (a name typed
/// in the wrong column is personal data).
pub fn number_cell(cell: &str, min: u64) -> Result<Option<u64>, Text> {
    let s = cell.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || crate::model::number_range(min);
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
    match digits.parse::<u64>() {
        Ok(n) if (min..=MAX_NUMBER).contains(&n) => Ok(Some(n)),
        _ => Err(bad()),
    }
}

/// A date in either accepted form; a time of midnight, as Excel may add,
/// is ignored. The value is quoted in the message, as on the command line:
/// an admission date is not personal.
pub fn date_cell(cell: &str) -> Result<Option<NaiveDate>, Text> {
    let s = cell.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let s = [" 00:00:00", " 0:00:00", " 00:00", " 0:00"]
        .iter()
        .find_map(|t| s.strip_suffix(t))
        .unwrap_or(s);
    crate::date::parse(s)
        .map(Some)
        .map_err(|e| match e.downcast::<Text>() {
            Ok(t) => t,
            Err(e) => Text::same(e.to_string()),
        })
}

/// A birth date: as [`date_cell`], but the value is never quoted.
pub fn birth_date_cell(cell: &str) -> Result<Option<NaiveDate>, Text> {
    date_cell(cell).map_err(|_| {
        t!(
            "is not a valid date; write it as 2000-10-10 or 10/10/2000",
            "không phải ngày hợp lệ; hãy viết dạng 2000-10-10 hoặc 10/10/2000"
        )
    })
}

/// Yes or no: `1/0`, `true/false`, `yes/no`, `x`/empty, `có/không`.
pub fn bool_cell(cell: &str) -> Result<bool, Text> {
    let cell = cell.trim();
    // What an export writes, without the allocation of folding.
    match cell {
        "1" | "true" | "x" => return Ok(true),
        "0" | "false" | "" => return Ok(false),
        _ => {}
    }
    match text::fold(cell).as_str() {
        "1" | "true" | "yes" | "y" | "x" | "có" | "co" => Ok(true),
        "0" | "false" | "no" | "n" | "" | "không" | "khong" => Ok(false),
        _ => Err(t!(
            "is not yes or no; use 1/0, true/false, yes/no, x or có/không",
            "không phải có/không; hãy dùng 1/0, true/false, yes/no, x hoặc có/không"
        )),
    }
}

/// `nam`/`nữ` or `male`/`female`; empty for unknown.
pub fn sex_cell(cell: &str) -> Result<Option<Sex>, Text> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    match Sex::parse(cell) {
        Some(s) => Ok(Some(s)),
        None => Err(t!(
            "not a sex this file can use; write nam or nữ (male or female)",
            "giới tính không hợp lệ; hãy viết nam hoặc nữ (male hoặc female)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_as_excel_writes_them() {
        assert_eq!(number_cell("2767", 0), Ok(Some(2767)));
        assert_eq!(number_cell(" 2.767 ", 0), Ok(Some(2767)));
        assert_eq!(number_cell("1,994", 0), Ok(Some(1994)));
        assert_eq!(number_cell("", 0), Ok(None));
        assert!(number_cell("1.5", 0).is_err());
        assert!(number_cell("-3", 0).is_err());
        assert!(number_cell("27,67", 0).is_err());
        assert!(number_cell("0", 1).is_err());
        let huge = number_cell("99999999999999999999", 1)
            .unwrap_err()
            .to_string();
        assert_eq!(huge, "must be a whole number from 1 to 1,000,000,000");
        assert_eq!(
            date_cell("10/10/2023 0:00").unwrap(),
            NaiveDate::from_ymd_opt(2023, 10, 10)
        );
        assert!(
            date_cell("31/02/2023")
                .unwrap_err()
                .to_string()
                .contains("no day '31/02/2023'")
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
}

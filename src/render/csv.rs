//! CSV: a header line with the JSON field names, one row per org; plain
//! numbers with a `.` decimal point whatever the language.

use anyhow::Result;

use crate::lang::Lang;
use crate::report::Report;

/// The report's columns, in the order of the JSON fields.
pub const REPORT_FIELDS: [&str; 11] = [
    "id",
    "name",
    "parent",
    "depth",
    "quota",
    "admitted",
    "percent",
    "remaining",
    "allocated",
    "expected",
    "status",
];

/// The report as CSV for a spreadsheet: a UTF-8 BOM so that Excel reads
/// the diacritics, and names that Excel would run as formulas neutralised;
/// in Vietnamese, headers, status words and months in Vietnamese, `;`
/// between cells and a decimal comma.
pub fn report_for_excel(report: &Report, lang: Lang) -> Result<String> {
    let mut safe = report.clone();
    for r in &mut safe.rows {
        r.name = crate::exchange::neutralise(&r.name);
    }
    let plain = self::report(&safe)?;
    match lang {
        Lang::En => Ok(format!("\u{feff}{plain}")),
        Lang::Vi => crate::exchange::vietnamese::for_excel(
            &plain,
            |h| vi_header(h, safe.metric),
            |column, value| match column {
                "percent" => value.replace('.', ","),
                "status" => status_word_of(value, lang),
                _ => value.to_string(),
            },
        ),
    }
}

/// A report column's Vietnamese header; a month or quarter as
/// Vietnamese write them ("01/2026", "Quý 1/2026").
fn vi_header(column: &str, metric: crate::model::Metric) -> String {
    let word = match column {
        "id" => "Mã",
        "name" => "Tên",
        "parent" => "Cấp trên",
        "depth" => "Bậc",
        "quota" if metric == crate::model::Metric::Trained => "Kế hoạch",
        "quota" => "Chỉ tiêu",
        "admitted" if metric == crate::model::Metric::Trained => "Đã học",
        "admitted" => "Đã kết nạp",
        "percent" => "Tỷ lệ (%)",
        "remaining" => "Còn lại",
        "allocated" => "Đã giao",
        "expected" => "Cần đạt",
        "status" => "Tình trạng",
        "prev_quota" => "Chỉ tiêu năm trước",
        "prev_admitted" => "Cùng kỳ năm trước",
        "quota_change" => "Tăng/giảm chỉ tiêu",
        "forecast" => "Dự báo",
        "needed_per_month" => "Cần mỗi tháng",
        "context" => "Tham chiếu",
        "struck" => "Xóa tên",
        other => {
            return match other.split_once('-') {
                Some((y, q)) if q.starts_with('Q') => format!("Quý {}/{y}", &q[1..]),
                Some((y, m)) => format!("{m}/{y}"),
                None => other.to_string(),
            };
        }
    };
    word.to_string()
}

/// A status as the JSON writes it ("on-track"), in words.
fn status_word_of(value: &str, lang: Lang) -> String {
    use crate::report::Status;
    let status = match value {
        "met" => Status::Met,
        "on-track" => Status::OnTrack,
        "behind" => Status::Behind,
        "no-quota" => Status::NoQuota,
        other => return other.to_string(),
    };
    crate::render::table::status_word(status, lang).to_string()
}

/// The columns `--compare` adds, in the order of the JSON fields.
pub const COMPARE_FIELDS: [&str; 3] = ["prev_quota", "prev_admitted", "quota_change"];

/// The columns `--forecast` adds.
pub const OUTLOOK_FIELDS: [&str; 2] = ["forecast", "needed_per_month"];

pub fn report(report: &Report) -> Result<String> {
    let opt = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    let extra = crate::render::table::Extra::of(report);
    let rows = report.rows.iter().map(|r| {
        let mut cells = vec![
            r.id.clone(),
            r.name.clone(),
            r.parent.clone().unwrap_or_default(),
            r.depth.to_string(),
            opt(r.quota),
            r.admitted.to_string(),
            r.percent.map(|p| p.plain()).unwrap_or_default(),
            opt(r.remaining),
            opt(r.allocated),
            opt(r.expected),
            r.status.as_str().to_string(),
        ];
        if let Some(p) = r.previous {
            cells.push(opt(p.prev_quota));
            cells.push(p.prev_admitted.to_string());
            cells.push(p.quota_change.map(|c| c.to_string()).unwrap_or_default());
        }
        if let Some(o) = r.outlook {
            cells.push(o.forecast.to_string());
            cells.push(opt(o.needed_per_month));
        }
        if report.status.is_some() {
            cells.push(r.context.to_string());
        }
        if let Some(s) = r.struck {
            cells.push(s.to_string());
        }
        if let Some(periods) = &r.periods {
            cells.extend(periods.iter().map(|p| p.admitted.to_string()));
        }
        cells
    });
    let mut header = REPORT_FIELDS.to_vec();
    if extra.compared {
        header.extend(COMPARE_FIELDS);
    }
    if extra.outlook {
        header.extend(OUTLOOK_FIELDS);
    }
    if report.status.is_some() {
        header.push("context");
    }
    if report.rows.iter().any(|r| r.struck.is_some()) {
        header.push("struck");
    }
    // One column per month or quarter, named as in JSON ("2026-01").
    let spans: Vec<String> = report.spans.iter().map(ToString::to_string).collect();
    header.extend(spans.iter().map(String::as_str));
    write(&header, rows)
}

/// Writes a header and rows as RFC 4180 CSV.
pub fn write<I, R>(header: &[&str], rows: I) -> Result<String>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for row in rows {
        w.write_record(row)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

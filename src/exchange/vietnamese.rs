//! Spreadsheets in Vietnamese: the column headers a department types and
//! reads ("Chi bộ", "Ngày kết nạp", "Họ và tên"…), with or without
//! diacritics, and the form Excel on a Vietnamese Windows opens into
//! columns: `;` between cells (the list separator where the decimal mark
//! is a comma), a comma in decimals, a byte-order mark.

use unicode_normalization::UnicodeNormalization;

use super::Kind;

/// A header as compared: no diacritics, `đ` as `d`, lower case, one space
/// between words.
pub fn plain(s: &str) -> String {
    let letters: String = s
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    letters.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Vietnamese headers (as [`plain`] gives them) and the column each one
/// names. Every header [`header`] writes is here, so that an export reads
/// back.
const READ: [(&str, &str); 51] = [
    ("ma", "id"),
    ("ten", "name"),
    ("ten to chuc", "name"),
    ("ho va ten", "name"),
    ("ho ten", "name"),
    ("cap tren", "parent"),
    ("to chuc cap tren", "parent"),
    ("cap", "level"),
    ("so dang vien", "members"),
    ("chi bo", "org"),
    ("to chuc", "org"),
    ("don vi", "org"),
    ("dang bo", "org"),
    ("nam", "year"),
    ("nhiem ky", "term"),
    ("chi tieu", "target"),
    ("loai chi tieu", "metric"),
    ("ngay", "date"),
    ("ngay ket nap", "date"),
    ("ngay quyet dinh", "date"),
    ("ngay hoc", "date"),
    ("so luong", "count"),
    ("so nguoi", "count"),
    ("gioi tinh", "sex"),
    ("ngay sinh", "born"),
    ("dan toc", "ethnicity"),
    ("ton giao", "religion"),
    ("doan vien", "youth_union"),
    ("nghe nghiep", "occupation"),
    ("so quyet dinh", "decision"),
    ("ghi chu", "note"),
    ("huy", "void"),
    ("ly do huy", "void_reason"),
    ("ngay huy", "void_date"),
    ("ngay le ket nap", "ceremony"),
    ("le ket nap", "ceremony"),
    ("ngay cong nhan chinh thuc", "confirmed"),
    ("ngay chinh thuc", "confirmed"),
    ("ngay xoa ten", "struck_on"),
    ("ly do xoa ten", "struck_reason"),
    ("giai doan", "stage"),
    ("tao nguon", "source"),
    ("hoc lop", "trained"),
    ("nop don", "applied"),
    ("tham tra ly lich", "verifying"),
    ("chi bo bieu quyet", "voted"),
    ("bieu quyet", "voted"),
    ("ngay loai", "dropped"),
    ("ly do loai", "drop_reason"),
    ("ma ket nap", "admission"),
    ("ly do ngoai le", "exception"),
];

/// The column a header cell names: its English name as it stands, or the
/// one a Vietnamese header stands for.
pub fn column(header: &str) -> String {
    let key = plain(header);
    READ.iter()
        .find(|(vi, _)| *vi == key)
        .map_or_else(|| header.to_string(), |(_, en)| en.to_string())
}

/// The Vietnamese header of a column of `kind`, as an export for Excel
/// writes it; the column's own name when it has none.
pub fn header(kind: Kind, column: &str) -> &str {
    match (column, kind) {
        ("name", Kind::Orgs) => "Tên",
        ("name", _) => "Họ và tên",
        ("org", Kind::Quotas) => "Tổ chức",
        ("org", _) => "Chi bộ",
        ("date", Kind::Training) => "Ngày học",
        ("date", _) => "Ngày kết nạp",
        ("id", _) => "Mã",
        ("parent", _) => "Cấp trên",
        ("level", _) => "Cấp",
        ("members", _) => "Số đảng viên",
        ("year", _) => "Năm",
        ("term", _) => "Nhiệm kỳ",
        ("target", _) => "Chỉ tiêu",
        ("metric", _) => "Loại chỉ tiêu",
        ("count", _) => "Số lượng",
        ("sex", _) => "Giới tính",
        ("born", _) => "Ngày sinh",
        ("ethnicity", _) => "Dân tộc",
        ("religion", _) => "Tôn giáo",
        ("youth_union", _) => "Đoàn viên",
        ("occupation", _) => "Nghề nghiệp",
        ("decision", _) => "Số quyết định",
        ("note", _) => "Ghi chú",
        ("void", _) => "Hủy",
        ("void_reason", _) => "Lý do hủy",
        ("void_date", _) => "Ngày hủy",
        ("ceremony", _) => "Ngày lễ kết nạp",
        ("confirmed", _) => "Ngày công nhận chính thức",
        ("struck_on", _) => "Ngày xóa tên",
        ("struck_reason", _) => "Lý do xóa tên",
        ("stage", _) => "Giai đoạn",
        ("source", _) => "Tạo nguồn",
        ("trained", _) => "Học lớp",
        ("applied", _) => "Nộp đơn",
        ("verifying", _) => "Thẩm tra lý lịch",
        ("voted", _) => "Chi bộ biểu quyết",
        ("dropped", _) => "Ngày loại",
        ("drop_reason", _) => "Lý do loại",
        ("admission", _) => "Mã kết nạp",
        ("exception", _) => "Lý do ngoại lệ",
        (other, _) => other,
    }
}

/// CSV text (`,`-separated, a header line first, a BOM or not) rewritten
/// for Excel on a Vietnamese Windows: `;` between cells, the header
/// through `header`, each other cell through `cell(column, value)`, and a
/// BOM.
pub fn for_excel(
    csv_text: &str,
    header: impl Fn(&str) -> String,
    cell: impl Fn(&str, &str) -> String,
) -> anyhow::Result<String> {
    let text = csv_text.trim_start_matches('\u{feff}');
    let crlf = text.contains("\r\n");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .flexible(true)
        .from_writer(Vec::new());
    let mut columns: Vec<String> = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record?;
        if n == 0 {
            columns = record.iter().map(str::to_string).collect();
            w.write_record(columns.iter().map(|c| header(c)))?;
        } else {
            let cells = record
                .iter()
                .enumerate()
                .map(|(i, v)| cell(columns.get(i).map_or("", String::as_str), v));
            w.write_record(cells.collect::<Vec<_>>())?;
        }
    }
    Ok(format!("\u{feff}{}", String::from_utf8(w.into_inner()?)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_with_or_without_diacritics() {
        for typed in ["Chi bộ", "chi bo", "CHI BỘ", " Chi  bộ "] {
            assert_eq!(column(typed), "org", "{typed}");
        }
        assert_eq!(column("Ngày kết nạp"), "date");
        assert_eq!(column("Ngay ket nap"), "date");
        assert_eq!(column("Họ và tên"), "name");
        assert_eq!(column("Đoàn viên"), "youth_union");
        assert_eq!(column("Số quyết định"), "decision");
        assert_eq!(column("org"), "org");
        assert_eq!(column("occupation:nông dân"), "occupation:nông dân");
    }

    #[test]
    fn every_header_written_reads_back_as_its_column() {
        for kind in [
            Kind::Orgs,
            Kind::Quotas,
            Kind::Admissions,
            Kind::Training,
            Kind::Candidates,
        ] {
            for &c in kind.columns() {
                let vi = header(kind, c);
                assert_ne!(vi, c, "{c} has no Vietnamese header");
                assert_eq!(column(vi), c, "{vi}");
            }
        }
    }

    #[test]
    fn excel_form() {
        let out = for_excel(
            "\u{feff}id,percent\r\na,72.06\r\n",
            |h| {
                if h == "percent" {
                    "Tỷ lệ".into()
                } else {
                    h.into()
                }
            },
            |c, v| {
                if c == "percent" {
                    v.replace('.', ",")
                } else {
                    v.into()
                }
            },
        )
        .unwrap();
        assert_eq!(out, "\u{feff}id;Tỷ lệ\r\na;72,06\r\n");
    }
}

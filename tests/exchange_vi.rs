//! Spreadsheets in Vietnamese: what Excel on a Vietnamese Windows opens
//! into columns, and the headers a department types.

mod common;

use std::fs;

use common::{content, data, fresh, ok, run, stderr, stdout};

#[test]
fn a_report_csv_file_in_vietnamese_opens_in_columns() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bao-cao.csv");
    let args = [
        "--lang",
        "vi",
        "report",
        "--year",
        "2023",
        "--as-of",
        "10/10/2023",
        "--precision",
        "2",
        "--depth",
        "1",
    ];
    ok(
        &data("dak-lak-2023.toml"),
        &[&args[..], &["--output", file.to_str().unwrap()]].concat(),
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next().unwrap(),
        "Mã;Tên;Cấp trên;Bậc;Chỉ tiêu;Đã kết nạp;Tỷ lệ (%);Còn lại;Đã giao;Cần đạt;Tình trạng"
    );
    assert_eq!(
        lines.next().unwrap(),
        "dak-lak;Đảng bộ tỉnh Đắk Lắk;;0;2767;1994;72,06;773;2767;2145;chậm"
    );
    // On stdout, for scripts, the same in every language.
    let script = ok(
        &data("dak-lak-2023.toml"),
        &[&args[..], &["--format", "csv"]].concat(),
    );
    assert!(
        script.starts_with("id,name,parent,depth,quota,admitted,percent"),
        "{script}"
    );
    assert!(script.contains(",72.06,"), "{script}");
    // Months as Vietnamese write them, and the breakdown too.
    ok(
        &data("dak-lak-2023.toml"),
        &[
            &args[..],
            &["--by", "quarter", "--output", file.to_str().unwrap()],
        ]
        .concat(),
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.lines()
            .next()
            .unwrap()
            .ends_with(";Quý 1/2023;Quý 2/2023;Quý 3/2023;Quý 4/2023"),
        "{text}"
    );
    let b = dir.path().join("co-cau.csv");
    ok(
        &data("sa-thay-2020-2025.toml"),
        &[
            "--lang",
            "vi",
            "breakdown",
            "--term",
            "2020-2025",
            "--as-of",
            "30/06/2023",
            "--depth",
            "0",
            "-o",
            b.to_str().unwrap(),
        ],
    );
    let text = fs::read_to_string(&b).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("Mã;Tên;Bậc;Đã kết nạp;Nữ;Dân tộc thiểu số;Có đạo;Đoàn viên;Tuổi 18–30"),
        "{header}"
    );
    assert!(lines.next().unwrap().contains(";275;165;116;"), "{text}");
}

#[test]
fn an_export_in_vietnamese_imports_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src.toml");
    fs::copy(data("dak-lak-2023.toml"), &src).unwrap();
    let copy = dir.path().join("copy.toml");
    ok(&copy, &["init"]);
    for kind in ["orgs", "quotas", "admissions", "candidates"] {
        let file = dir.path().join(format!("{kind}.csv"));
        ok(
            &src,
            &[
                "--lang",
                "vi",
                "export",
                "--kind",
                kind,
                "--with-details",
                "-o",
                file.to_str().unwrap(),
            ],
        );
        let text = fs::read_to_string(&file).unwrap();
        assert!(text.starts_with('\u{feff}') && text.lines().next().unwrap().contains(';'));
        ok(&copy, &["import", file.to_str().unwrap()]);
    }
    let header = fs::read_to_string(dir.path().join("admissions.csv")).unwrap();
    assert!(
        header.starts_with("\u{feff}Mã;Chi bộ;Ngày kết nạp;Số lượng;Họ và tên;Giới tính;Ngày sinh;Dân tộc;Tôn giáo;Đoàn viên;Nghề nghiệp;Số quyết định;Ghi chú"),
        "{}",
        header.lines().next().unwrap()
    );
    let (a, b) = (content(&src), content(&copy));
    assert_eq!(a.orgs, b.orgs);
    assert_eq!(a.quotas, b.quotas);
    assert_eq!(a.admissions, b.admissions);
    assert_eq!(a.candidates, b.candidates);
}

/// Vietnamese as Windows-1258 spells it: letters with a circumflex, breve
/// or horn whole, the tone a combining mark after them.
fn as_1258_writes(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut out = String::new();
    for c in s.chars() {
        let parts: String = c.to_string().nfd().collect();
        let (tones, rest): (String, String) = parts.chars().partition(|p| TONES.contains(p));
        out.extend(rest.nfc());
        out.push_str(&tones);
    }
    out
}

#[test]
fn headers_a_department_types_with_or_without_diacritics() {
    let (dir, store) = fresh();
    ok(&store, &["add", "cu-pui", "--name", "Đảng bộ xã Cư Pui"]);
    let file = dir.path().join("ket-nap.csv");
    fs::write(
        &file,
        "Chi bộ;Ngày kết nạp;Số lượng;Họ và tên;Giới tính;Ngày sinh;Dân tộc;Tôn giáo;Đoàn viên;Số quyết định\n\
         cu-pui;12/05/2026;1;H'Hoa Êban;nữ;03/02/2001;Ê Đê;;có;12-QĐ/ĐU\n",
    )
    .unwrap();
    let o = run(&store, &["import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Imported 1 admission record"),
        "{}",
        stdout(&o)
    );
    let plain = dir.path().join("khong-dau.csv");
    fs::write(
        &plain,
        "chi bo,ngay ket nap,so luong,ho va ten,doan vien\ncu-pui,2026-06-01,1,Y Bhim,khong\n",
    )
    .unwrap();
    ok(&store, &["import", plain.to_str().unwrap()]);
    let all = ok(&store, &["admissions", "--with-details", "--format", "csv"]);
    assert!(
        all.contains("H'Hoa Êban") && all.contains("Y Bhim"),
        "{all}"
    );
    assert!(all.contains("12-QĐ/ĐU"), "{all}");
    // As Excel on a Vietnamese Windows saves "CSV": Windows-1258.
    let typed = as_1258_writes("Chi bộ;Ngày kết nạp;Số lượng\r\ncu-pui;01/07/2026;4\r\n");
    let (bytes, _, bad) = encoding_rs::WINDOWS_1258.encode(&typed);
    assert!(!bad);
    let cp = dir.path().join("excel.csv");
    fs::write(&cp, &bytes).unwrap();
    ok(&store, &["import", cp.to_str().unwrap()]);
    let csv = ok(&store, &["report", "--year", "2026", "--format", "csv"]);
    assert!(csv.lines().nth(1).unwrap().contains(",6,"), "{csv}");
}

#[test]
fn what_the_system_says_of_a_file_is_said_in_vietnamese() {
    let o = run(
        &data("tam-dao-2021.toml"),
        &[
            "--lang",
            "vi",
            "report",
            "--output",
            "/nonexistent-folder/x.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("không có tệp hoặc thư mục này (lỗi hệ thống 2)"),
        "{e}"
    );
    assert!(!e.contains("No such file"), "{e}");
    // In English, the system's own words.
    let o = run(
        &data("tam-dao-2021.toml"),
        &["report", "--output", "/nonexistent-folder/x.csv"],
    );
    assert!(
        stderr(&o).contains("No such file or directory (os error 2)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn levels_stored_in_english_read_and_filter_in_vietnamese() {
    let orgs = ok(&data("tam-dao-2021.toml"), &["--lang", "vi", "orgs"]);
    assert!(orgs.contains(" huyện ") && orgs.contains(" xã "), "{orgs}");
    assert!(
        !orgs.contains("commune") && !orgs.contains("district"),
        "{orgs}"
    );
    let en = ok(
        &data("tam-dao-2021.toml"),
        &[
            "report", "--year", "2021", "--level", "commune", "--format", "csv",
        ],
    );
    let vi = ok(
        &data("tam-dao-2021.toml"),
        &[
            "report", "--year", "2021", "--level", "xã", "--format", "csv",
        ],
    );
    assert_eq!(en, vi);
    assert!(en.lines().count() > 2, "{en}");
}

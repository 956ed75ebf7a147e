//! `quota breakdown`: the published category figures of the sample
//! stores, the JSON fields, no names in any format, and a bad --org.

mod common;

use common::{data, fresh, ok, run, stderr};
use serde_json::Value;

fn json(store: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["breakdown", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(store, &all)).expect("JSON")
}

fn row<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn sa_thay_half_way_through_the_term() {
    let v = json(
        &data("sa-thay-2020-2025.toml"),
        &["--term", "2020-2025", "--as-of", "30/06/2023"],
    );
    assert_eq!(v["period"], "2020-2025");
    assert_eq!(v["as_of"], "2023-06-30");
    let top = row(&v, "sa-thay");
    assert_eq!(top["depth"], 0);
    assert_eq!(top["name"], "Đảng bộ huyện Sa Thầy");
    assert_eq!(top["admitted"], 275);
    assert_eq!(top["female"], 165);
    assert_eq!(top["ethnic_minority"], 116);
    assert_eq!(top["youth_union"], 190);
    assert_eq!(top["occupations"]["nông dân"], 56);
    assert_eq!(top["unknown"], 0);
    // The commune of the report: its 19, and the communes add up.
    assert_eq!(row(&v, "sa-binh")["admitted"], 19);
    assert_eq!(row(&v, "sa-binh")["depth"], 1);
    let communes: u64 = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["depth"] == 1)
        .map(|r| r["female"].as_u64().unwrap())
        .sum();
    assert_eq!(communes, 165);
}

#[test]
fn cu_pui_five_of_twelve_from_ethnic_minorities() {
    let v = json(
        &data("dak-lak-2023.toml"),
        &["--year", "2023", "--as-of", "10/10/2023", "--org", "cu-pui"],
    );
    let top = &v["rows"][0];
    assert_eq!(top["id"], "cu-pui");
    assert_eq!(top["admitted"], 12);
    assert_eq!(top["ethnic_minority"], 5);
    assert_eq!(top["unknown"], 0);
}

#[test]
fn depth_zero_gives_the_top_only() {
    let v = json(
        &data("dak-lak-2023.toml"),
        &["--year", "2023", "--as-of", "10/10/2023", "--depth", "0"],
    );
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], "dak-lak");
    assert_eq!(rows[0]["admitted"], 1994);
}

/// A store with people of every kind, a record of several, a voided one
/// and a named one.
fn people() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Đảng bộ xã Hòa"]);
    ok(
        &store,
        &["add", "cb", "--name", "Chi bộ thôn Một", "--parent", "xa"],
    );
    let admits: [&[&str]; 5] = [
        &[
            "admit",
            "cb",
            "--date",
            "2024-03-01",
            "--name",
            "Nguyễn Thị Lan",
            "--sex",
            "nữ",
            "--born",
            "2000-01-01",
            "--ethnicity",
            "KINH",
            "--religion",
            "Không",
            "--youth-union",
            "--occupation",
            "Nông dân",
        ],
        &[
            "admit",
            "cb",
            "--date",
            "2024-04-01",
            "--name",
            "Y Bhim Êban",
            "--sex",
            "male",
            "--born",
            "1980-01-01",
            "--ethnicity",
            "Ê Đê",
            "--religion",
            "Tin Lành",
            "--occupation",
            "nông dân",
        ],
        &["admit", "xa", "3", "--date", "2024-05-01"],
        &[
            "admit",
            "xa",
            "--date",
            "2024-06-01",
            "--name",
            "Trần Văn Bình",
        ],
        &[
            "admit",
            "xa",
            "--date",
            "2024-07-01",
            "--name",
            "Lê Thị Hoa",
            "--sex",
            "female",
            "--ethnicity",
            "Tày",
        ],
    ];
    for a in admits {
        ok(&store, a);
    }
    ok(&store, &["void", "5", "--reason", "entered twice"]);
    (dir, store)
}

#[test]
fn every_category_and_the_unknown() {
    let (_dir, store) = people();
    let v = json(&store, &["--year", "2024"]);
    let xa = row(&v, "xa");
    let expected = serde_json::json!({
        "id": "xa", "name": "Đảng bộ xã Hòa", "depth": 0, "admitted": 6,
        "female": 1, "ethnic_minority": 1, "religious": 1, "youth_union": 1,
        "age_18_30": 1, "occupations": {"Nông dân": 2}, "unknown": 4
    });
    assert_eq!(xa, &expected);
    let cb = row(&v, "cb");
    assert_eq!(cb["depth"], 1);
    assert_eq!(cb["admitted"], 2);
    assert_eq!(cb["unknown"], 0);
}

#[test]
fn no_name_in_any_format() {
    let (_dir, store) = people();
    for format in ["table", "json", "csv", "markdown", "html"] {
        for lang in ["en", "vi"] {
            let out = ok(
                &store,
                &[
                    "--lang",
                    lang,
                    "breakdown",
                    "--year",
                    "2024",
                    "--format",
                    format,
                ],
            );
            for name in [
                "Nguyễn Thị Lan",
                "Y Bhim Êban",
                "Trần Văn Bình",
                "Lê Thị Hoa",
            ] {
                assert!(!out.contains(name), "{name} in the {format} output:\n{out}");
            }
            for word in ["Lan", "Bhim", "Bình", "Hoa"] {
                assert!(!out.contains(word), "{word} in the {format} output:\n{out}");
            }
        }
    }
}

#[test]
fn table_words_in_both_languages() {
    let (_dir, store) = people();
    let en = ok(&store, &["breakdown", "--year", "2024"]);
    for w in [
        "New members by category",
        "Women",
        "Ethnic",
        "minority",
        "Unknown",
    ] {
        assert!(en.contains(w), "{w} missing:\n{en}");
    }
    let vi = ok(&store, &["--lang", "vi", "breakdown", "--year", "2024"]);
    for w in [
        "Cơ cấu đảng viên mới kết nạp",
        "Nữ",
        "thiểu",
        "Đoàn",
        "Không",
        "tính đến ngày",
    ] {
        assert!(vi.contains(w), "{w} missing:\n{vi}");
    }
}

#[test]
fn a_bad_org_is_named_and_listed_where() {
    let (_dir, store) = people();
    let o = run(&store, &["breakdown", "--year", "2024", "--org", "nowhere"]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains("There is no organisation 'nowhere'") && e.contains("quota orgs"),
        "{e}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn a_month_or_quarter_is_the_year_so_far_to_its_last_day() {
    let store = data("sa-thay-2020-2025.toml");
    let by_date = json(&store, &["--as-of", "30/06/2023"]);
    assert_eq!(by_date["period"], "2023");
    assert_eq!(by_date["as_of"], "2023-06-30");
    // Not a month of nothing: the comparison below has counts to differ in.
    assert!(row(&by_date, "sa-thay")["female"].as_u64().unwrap() > 0);
    for args in [
        &["--month", "2023-06"][..],
        &["--month", "06/2023"],
        &["--quarter", "2023-Q2"],
    ] {
        assert_eq!(json(&store, args), by_date, "{args:?}");
    }
    // A month over is said nothing about.
    let o = run(&store, &["breakdown", "--month", "2023-06"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn a_month_not_over_counts_up_to_today_and_says_so() {
    let o = run(
        &data("sa-thay-2020-2025.toml"),
        &["breakdown", "--month", "2026-11", "--format", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["as_of"], common::TODAY);
    assert!(
        stderr(&o).contains("2026-11 is not over yet; counting up to today"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_malformed_month_or_quarter_is_a_usage_error() {
    let store = data("sa-thay-2020-2025.toml");
    for (args, words) in [
        (
            ["breakdown", "--month", "2023-13"],
            "--month takes a month like 2026-06 or 06/2026, not '2023-13'",
        ),
        (
            ["breakdown", "--quarter", "2023-Q5"],
            "--quarter takes a quarter like 2026-Q2, not '2023-Q5'",
        ),
    ] {
        let o = run(&store, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn a_csv_file_is_for_excel_and_csv_on_stdout_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let store = data("sa-thay-2020-2025.toml");
    let file = dir.path().join("b.csv");
    let args = ["breakdown", "--term", "2020-2025", "--as-of", "30/06/2023"];
    let mut to_file = args.to_vec();
    to_file.extend(["-o", file.to_str().unwrap()]);
    let o = run(&store, &to_file);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("Wrote"), "{}", stderr(&o));
    let written = std::fs::read_to_string(&file).unwrap();
    // The BOM that makes Excel read the diacritics, before the same CSV.
    let mut on_stdout = args.to_vec();
    on_stdout.extend(["--format", "csv"]);
    let plain = ok(&store, &on_stdout);
    assert!(plain.starts_with("id,name,depth,admitted"), "{plain}");
    assert_eq!(written, format!("\u{feff}{plain}"));
}

#[test]
fn xlsx_needs_an_xlsx_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = data("sa-thay-2020-2025.toml");
    let o = run(&store, &["breakdown", "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--format xlsx writes a workbook: add --output FILE.xlsx"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty(), "no workbook on a terminal");
    let csv = dir.path().join("b.csv");
    let o = run(
        &store,
        &["breakdown", "--format", "xlsx", "-o", csv.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--format xlsx contradicts the file name"),
        "{}",
        stderr(&o)
    );
    assert!(!csv.exists());
}

/// A sheet's cells, with the one sheet the workbook has.
fn workbook(path: &std::path::Path) -> (String, calamine::Range<calamine::Data>) {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).expect("a workbook");
    let names = book.sheet_names();
    assert_eq!(names.len(), 1, "{names:?}");
    let range = book.worksheet_range(&names[0]).unwrap();
    (names[0].clone(), range)
}

fn cell(range: &calamine::Range<calamine::Data>, row: usize, col: usize) -> calamine::Data {
    range
        .get((row, col))
        .cloned()
        .unwrap_or(calamine::Data::Empty)
}

/// The column whose header (row 1) is `header`.
fn column(range: &calamine::Range<calamine::Data>, header: &str) -> usize {
    (0..range.width())
        .find(|&c| cell(range, 1, c) == calamine::Data::String(header.into()))
        .unwrap_or_else(|| panic!("no column {header}"))
}

#[test]
#[cfg_attr(
    not(feature = "xlsx"),
    ignore = "writes a workbook: needs the xlsx feature"
)]
fn the_xlsx_breakdown_reads_back_with_the_published_counts() {
    use calamine::Data;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("co-cau.xlsx");
    // The format told by the file's extension.
    ok(
        &data("sa-thay-2020-2025.toml"),
        &[
            "breakdown",
            "--term",
            "2020-2025",
            "--as-of",
            "30/06/2023",
            "--output",
            file.to_str().unwrap(),
        ],
    );
    let (name, range) = workbook(&file);
    assert_eq!(name, "Breakdown 2020-2025");
    assert_eq!(
        cell(&range, 0, 0),
        Data::String("New members by category, term 2020-2025, as of 2023-06-30".into())
    );
    assert_eq!(cell(&range, 1, 0), Data::String("Organisation".into()));
    assert_eq!(
        cell(&range, 2, 0),
        Data::String("Đảng bộ huyện Sa Thầy".into())
    );
    assert_eq!(cell(&range, 2, 1), Data::String("sa-thay".into()));
    let at = |header: &str| cell(&range, 2, column(&range, header));
    assert_eq!(at("Admitted"), Data::Float(275.0));
    assert_eq!(at("Women"), Data::Float(165.0));
    assert_eq!(at("Women (%)"), Data::Float(0.6), "165 of 275 known");
    assert_eq!(at("Ethnic minority"), Data::Float(116.0));
    assert_eq!(at("Ethnic minority (%)"), Data::Float(0.422), "42.2%");
    assert_eq!(at("Youth union"), Data::Float(190.0));
    assert_eq!(at("nông dân"), Data::Float(56.0));
    assert_eq!(at("Unknown"), Data::Float(0.0));
    // The communes below it, one row each, and their women add up.
    let women = column(&range, "Women");
    let communes: f64 = (3..range.height())
        .filter(|&r| cell(&range, r, 1) != Data::String("binh-trung".into()))
        .map(|r| match cell(&range, r, women) {
            Data::Float(n) => n,
            other => panic!("row {r}: {other:?}"),
        })
        .sum();
    assert_eq!(communes, 165.0);

    let vi = dir.path().join("vi.xlsx");
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
            "--format",
            "xlsx",
            "-o",
            vi.to_str().unwrap(),
        ],
    );
    let (name, range) = workbook(&vi);
    assert_eq!(name, "Cơ cấu 2020-2025");
    let at = |header: &str| cell(&range, 2, column(&range, header));
    assert_eq!(at("Tổ chức"), Data::String("Đảng bộ huyện Sa Thầy".into()));
    assert_eq!(at("Đã kết nạp"), Data::Float(275.0));
    assert_eq!(at("Nữ"), Data::Float(165.0));
    assert_eq!(at("Dân tộc thiểu số"), Data::Float(116.0));
    assert_eq!(at("Đoàn viên"), Data::Float(190.0));
    assert_eq!(at("Không rõ"), Data::Float(0.0));
}

#[test]
#[cfg_attr(
    not(feature = "xlsx"),
    ignore = "writes a workbook: needs the xlsx feature"
)]
fn no_name_in_the_xlsx_breakdown() {
    let (dir, store) = people();
    for lang in ["en", "vi"] {
        let file = dir.path().join(format!("{lang}.xlsx"));
        ok(
            &store,
            &[
                "--lang",
                lang,
                "breakdown",
                "--year",
                "2024",
                "-o",
                file.to_str().unwrap(),
            ],
        );
        let (_, range) = workbook(&file);
        // The counts are there: the people were read, their names were not.
        let at = |header: &str| cell(&range, 2, column(&range, header));
        let admitted = if lang == "en" {
            "Admitted"
        } else {
            "Đã kết nạp"
        };
        assert_eq!(at(admitted), calamine::Data::Float(6.0));
        let strings: Vec<String> = range
            .used_cells()
            .filter_map(|(_, _, c)| match c {
                calamine::Data::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        for s in &strings {
            for word in ["Lan", "Bhim", "Bình", "Hoa"] {
                assert!(!s.contains(word), "{word} in the {lang} workbook: {s}");
            }
        }
        // Nor anywhere in the package (shared strings, properties…).
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
        for i in 0..zip.len() {
            let mut part = Vec::new();
            std::io::Read::read_to_end(&mut zip.by_index(i).unwrap(), &mut part).unwrap();
            let part = String::from_utf8_lossy(&part);
            for name in [
                "Nguyễn Thị Lan",
                "Y Bhim Êban",
                "Trần Văn Bình",
                "Lê Thị Hoa",
            ] {
                assert!(!part.contains(name), "{name} in the {lang} workbook");
            }
        }
    }
}

#[test]
fn quiet_drops_the_notes_but_not_the_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = data("sa-thay-2020-2025.toml");
    let file = dir.path().join("b.csv");
    let path = file.to_str().unwrap();
    let o = run(&store, &["breakdown", "--month", "2026-11", "-o", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("Wrote") && e.contains("is not over yet"), "{e}");
    std::fs::remove_file(&file).unwrap();
    // Global: before the command or after it, long or short.
    for args in [
        &["--quiet", "breakdown", "--month", "2026-11", "-o", path][..],
        &["breakdown", "--month", "2026-11", "-o", path, "-q"],
    ] {
        let o = run(&store, args);
        assert!(o.status.success(), "{args:?}");
        assert_eq!(stderr(&o), "", "{args:?}");
        assert!(o.stdout.is_empty());
        assert!(file.exists(), "{args:?}: written all the same");
    }
    // Errors, of the data and of usage, are still said.
    let o = run(&store, &["-q", "breakdown", "--org", "nowhere"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("There is no organisation 'nowhere'"),
        "{}",
        stderr(&o)
    );
    let o = run(&store, &["-q", "breakdown", "--month", "2026-13"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--month takes a month"),
        "{}",
        stderr(&o)
    );
}

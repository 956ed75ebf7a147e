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
    for format in ["table", "json", "csv", "markdown"] {
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
        &["breakdown", "--month", "2026-12", "--format", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["as_of"], common::TODAY);
    assert!(
        stderr(&o).contains("2026-12 is not over yet; counting up to today"),
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

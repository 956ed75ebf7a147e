//! Every published admission figure of DOMAIN.md's table, reproduced by
//! the binary from the sample stores in `data/`.

mod common;

use std::collections::HashMap;

use common::{data, ok, run, stderr};

/// The report as CSV, by org id: field name → value, exactly as printed.
fn report(store: &str, args: &[&str]) -> HashMap<String, HashMap<String, String>> {
    let mut full = vec!["report", "--format", "csv"];
    full.extend_from_slice(args);
    let out = ok(&data(store), &full);
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let header = rdr.headers().unwrap().clone();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            let row: HashMap<String, String> = header
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect();
            (row["id"].clone(), row)
        })
        .collect()
}

fn assert_row(
    rows: &HashMap<String, HashMap<String, String>>,
    id: &str,
    quota: &str,
    admitted: &str,
    percent: &str,
) {
    let r = &rows[id];
    assert_eq!(
        (
            r["quota"].as_str(),
            r["admitted"].as_str(),
            r["percent"].as_str()
        ),
        (quota, admitted, percent),
        "{id}"
    );
}

#[test]
fn tam_dao_2021_by_october() {
    let rows = report(
        "tam-dao-2021.toml",
        &["--year", "2021", "--as-of", "14/10/2021"],
    );
    assert_row(&rows, "tam-dao", "150", "161", "107.3");
    assert_eq!(rows["tam-dao"]["status"], "met");
}

#[test]
fn dak_lak_2023_by_10_october() {
    let rows = report(
        "dak-lak-2023.toml",
        &[
            "--year",
            "2023",
            "--as-of",
            "10/10/2023",
            "--precision",
            "2",
        ],
    );
    assert_row(&rows, "dak-lak", "2767", "1994", "72.06");
    assert_row(&rows, "krong-bong", "115", "117", "101.74");
    assert_eq!(rows["khoi-cq-dn"]["percent"], "91.90");
    assert_eq!(rows["krong-ana"]["percent"], "90.43");
    assert_eq!(rows["quan-su"]["percent"], "88.24");
    assert_eq!(rows["lak"]["percent"], "85.45");
    assert_row(&rows, "tan-an", "30", "22", "73.33");
    // Krông Bông is the first and only unit over its quota.
    let over: Vec<&String> = rows
        .iter()
        .filter(|(id, r)| r["depth"] == "1" && r["status"] == "met" && id.as_str() != "dak-lak")
        .map(|(id, _)| id)
        .collect();
    assert_eq!(over, ["krong-bong"]);

    let cu_pui = report(
        "dak-lak-2023.toml",
        &[
            "--year",
            "2023",
            "--as-of",
            "10/10/2023",
            "--org",
            "cu-pui",
            "--depth",
            "0",
        ],
    );
    assert_row(&cu_pui, "cu-pui", "9", "12", "133.3");
}

#[test]
fn dak_lak_quotas_grew_from_2022() {
    let y2022 = report("dak-lak-2023.toml", &["--year", "2022"]);
    let y2023 = report("dak-lak-2023.toml", &["--year", "2023"]);
    let q = |rows: &HashMap<String, HashMap<String, String>>, id: &str| -> i64 {
        rows[id]["quota"].parse().unwrap()
    };
    assert_eq!(q(&y2023, "dak-lak") - q(&y2022, "dak-lak"), 867);
    assert_eq!(q(&y2023, "krong-bong") - q(&y2022, "krong-bong"), 30);
}

#[test]
fn cu_pui_five_of_twelve_from_ethnic_minorities() {
    let out = ok(
        &data("dak-lak-2023.toml"),
        &[
            "admissions",
            "--org",
            "cu-pui",
            "--year",
            "2023",
            "--with-details",
            "--format",
            "json",
        ],
    );
    let records: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let by_oct: Vec<_> = records
        .iter()
        .filter(|r| r["date"].as_str().unwrap() <= "2023-10-10")
        .collect();
    let people: u64 = by_oct.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    let minority = by_oct
        .iter()
        .filter(|r| r["ethnicity"].as_str().is_some_and(|e| e != "Kinh"))
        .count();
    assert_eq!((people, minority), (12, 5));
}

#[test]
fn phu_binh_2020_by_end_of_august() {
    let rows = report(
        "phu-binh-2020.toml",
        &[
            "--year",
            "2020",
            "--as-of",
            "31/08/2020",
            "--precision",
            "2",
        ],
    );
    assert_row(&rows, "phu-binh", "253", "31", "12.25");
    assert_eq!(rows["phu-binh"]["status"], "behind");
}

#[test]
fn sa_thay_half_way_through_the_term() {
    let rows = report(
        "sa-thay-2020-2025.toml",
        &["--term", "2020-2025", "--as-of", "30/06/2023"],
    );
    assert_eq!(rows["sa-thay"]["admitted"], "275");
    assert_row(&rows, "sa-binh", "25", "19", "76.0");

    let out = ok(
        &data("sa-thay-2020-2025.toml"),
        &["admissions", "--with-details", "--format", "json"],
    );
    let records: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let half: Vec<_> = records
        .iter()
        .filter(|r| r["date"].as_str().unwrap() <= "2023-06-30")
        .collect();
    let count = |f: &dyn Fn(&serde_json::Value) -> bool| half.iter().filter(|r| f(r)).count();
    assert_eq!(half.len(), 275);
    assert_eq!(
        count(&|r| r["ethnicity"].as_str().is_some_and(|e| e != "Kinh")),
        116
    );
    assert_eq!(count(&|r| r["sex"] == "female"), 165);
    assert_eq!(count(&|r| r["youth_union"] == true), 190);
    assert_eq!(count(&|r| r["occupation"] == "nông dân"), 56);
}

#[test]
fn thanh_hoa_2023_and_early_2024() {
    let rows = report(
        "thanh-hoa-2023-2024.toml",
        &["--year", "2023", "--precision", "0"],
    );
    assert_row(&rows, "thanh-hoa", "707", "735", "104");

    let rows = report(
        "thanh-hoa-2023-2024.toml",
        &["--year", "2024", "--as-of", "29/02/2024"],
    );
    assert_eq!(rows["thanh-hoa"]["quota"], "817");
    assert_eq!(rows["thanh-hoa"]["admitted"], "231");

    // The monthly report, in one option: the year so far to the end of
    // February (a leap year), and the same through --as-of with a month
    // and through the first quarter (no admission in March).
    for args in [
        &["--month", "2024-02"][..],
        &["--as-of", "02/2024"],
        &["--quarter", "2024-Q1"],
    ] {
        let rows = report("thanh-hoa-2023-2024.toml", args);
        assert_eq!(rows["thanh-hoa"]["quota"], "817", "{args:?}");
        assert_eq!(rows["thanh-hoa"]["admitted"], "231", "{args:?}");
    }
}

#[test]
fn a_month_not_over_counts_up_to_today_and_says_so() {
    let o = run(
        &data("thanh-hoa-2023-2024.toml"),
        &["report", "--month", "2026-11", "--format", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["as_of"], common::TODAY);
    assert!(
        stderr(&o).contains("2026-11 is not over yet; counting up to today"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_report_carries_the_published_figure() {
    let out = ok(
        &data("dak-lak-2023.toml"),
        &[
            "report",
            "--year",
            "2023",
            "--as-of",
            "2023-10-10",
            "--precision",
            "2",
            "--depth",
            "0",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["period"], "2023");
    assert_eq!(v["as_of"], "2023-10-10");
    assert_eq!(v["precision"], 2);
    let row = &v["rows"][0];
    assert_eq!(row["admitted"], 1994);
    assert_eq!(row["quota"], 2767);
    assert_eq!(row["percent"].as_f64(), Some(72.06));
    assert_eq!(v["rows"].as_array().unwrap().len(), 1);
}

#[test]
fn vietnamese_table_writes_numbers_the_vietnamese_way() {
    let out = ok(
        &data("dak-lak-2023.toml"),
        &[
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
            "0",
        ],
    );
    assert!(out.contains("2.767"), "{out}");
    assert!(out.contains("1.994"), "{out}");
    assert!(out.contains("72,06%"), "{out}");
    assert!(out.contains("tính đến ngày 10/10/2023"), "{out}");
}

/// Đắk Lắk's quota rose by 867 over 2022 and Krông Bông's by 30, as the
/// press put it; last year's admissions are counted to the same day.
#[test]
fn dak_lak_compared_with_2022() {
    let rows = report(
        "dak-lak-2023.toml",
        &["--year", "2023", "--as-of", "10/10/2023", "--compare"],
    );
    assert_eq!(rows["dak-lak"]["prev_quota"], "1900");
    assert_eq!(rows["dak-lak"]["quota_change"], "867");
    assert_eq!(rows["krong-bong"]["prev_quota"], "85");
    assert_eq!(rows["krong-bong"]["quota_change"], "30");
    // No quota last year: no change to tell.
    assert_eq!(rows["cu-pui"]["prev_quota"], "");
    assert_eq!(rows["cu-pui"]["quota_change"], "");
    // Admissions of 2022 up to 10 October only.
    let full = report(
        "dak-lak-2023.toml",
        &["--year", "2023", "--as-of", "31/12/2023", "--compare"],
    );
    let then: u64 = rows["dak-lak"]["prev_admitted"].parse().unwrap();
    let whole: u64 = full["dak-lak"]["prev_admitted"].parse().unwrap();
    assert!(then < whole, "{then} vs {whole}");

    let table = ok(
        &data("dak-lak-2023.toml"),
        &[
            "report",
            "--year",
            "2023",
            "--as-of",
            "10/10/2023",
            "--compare",
            "--depth",
            "1",
        ],
    );
    assert!(table.contains("+867"), "{table}");
    let vi = ok(
        &data("dak-lak-2023.toml"),
        &[
            "--lang",
            "vi",
            "report",
            "--year",
            "2023",
            "--as-of",
            "10/10/2023",
            "--compare",
            "--depth",
            "1",
        ],
    );
    assert!(vi.contains("+867") && vi.contains("+30"), "{vi}");
    assert!(vi.contains("Tăng/giảm"), "{vi}");
    // Without --compare, none of it.
    let plain = report(
        "dak-lak-2023.toml",
        &["--year", "2023", "--as-of", "10/10/2023"],
    );
    assert!(!plain["dak-lak"].contains_key("prev_quota"));
}

/// Đắk Lắk on 10 October 2023, day 283 of 365: at its rate so far, 1,994
/// admissions lead to 2,572 by the year's end, and the 773 left need 287 a
/// month in the 82 days (2.69 months) to the deadline.
#[test]
fn dak_lak_forecast() {
    let rows = report(
        "dak-lak-2023.toml",
        &["--year", "2023", "--as-of", "10/10/2023", "--forecast"],
    );
    assert_eq!(rows["dak-lak"]["forecast"], "2572");
    assert_eq!(rows["dak-lak"]["needed_per_month"], "287");
    // Met already: nothing more needed; no quota: nothing to tell.
    assert_eq!(rows["krong-bong"]["needed_per_month"], "0");
    let late = report(
        "dak-lak-2023.toml",
        &["--year", "2023", "--as-of", "31/12/2023", "--forecast"],
    );
    assert_eq!(late["dak-lak"]["needed_per_month"], "");
    assert_eq!(late["dak-lak"]["forecast"], late["dak-lak"]["admitted"]);
    let table = ok(
        &data("dak-lak-2023.toml"),
        &[
            "--lang",
            "vi",
            "report",
            "--year",
            "2023",
            "--as-of",
            "10/10/2023",
            "--forecast",
            "--compare",
            "--depth",
            "0",
        ],
    );
    assert!(table.contains("2.572") && table.contains("+867"), "{table}");
}

/// The leaders of Sa Thầy's term, and its communes alone.
#[test]
fn sa_thay_top_three_and_one_level() {
    let out = ok(
        &data("sa-thay-2020-2025.toml"),
        &[
            "report",
            "--term",
            "2020-2025",
            "--sort",
            "percent",
            "--top",
            "3",
            "--format",
            "csv",
        ],
    );
    let ids: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    // The district's total first, then the three highest percentages.
    assert_eq!(ids, ["sa-thay", "tt-sa-thay", "ya-xier", "sa-son"]);

    let rows = report(
        "sa-thay-2020-2025.toml",
        &["--term", "2020-2025", "--level", "Commune"],
    );
    assert!(rows.contains_key("sa-binh") && !rows.contains_key("sa-thay"));
    assert!(rows.values().all(|r| r["depth"] == "1"), "{rows:?}");
    let o = run(
        &data("sa-thay-2020-2025.toml"),
        &["report", "--term", "2020-2025", "--level", "tỉnh"],
    );
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("no organisation in this report has the level 'tỉnh'"),
        "{}",
        stderr(&o)
    );
}

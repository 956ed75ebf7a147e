//! The monthly report's views: admissions by month or quarter, only one
//! status with its context, the bar, the page and the workbook's burn-up.

mod common;

use std::fs;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{data, ok, quota, run, stderr};
use serde_json::Value;

fn json(store: &str, args: &[&str]) -> Value {
    let mut full = vec!["report", "--format", "json"];
    full.extend_from_slice(args);
    serde_json::from_str(&ok(&data(store), &full)).expect("JSON")
}

fn row<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn thanh_hoa_january_and_february_add_up_to_231() {
    let r = json(
        "thanh-hoa-2023-2024.toml",
        &["--month", "2024-02", "--by", "month"],
    );
    let top = &r["rows"][0];
    assert_eq!(top["admitted"], 231);
    assert_eq!(top["quota"], 817);
    let periods = top["periods"].as_array().unwrap();
    let names: Vec<&str> = periods
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["2024-01", "2024-02"]);
    let sum: u64 = periods
        .iter()
        .map(|p| p["admitted"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, 231);
    // Every row's months add up to its total.
    for row in r["rows"].as_array().unwrap() {
        let sum: u64 = row["periods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["admitted"].as_u64().unwrap())
            .sum();
        assert_eq!(Some(sum), row["admitted"].as_u64(), "{}", row["id"]);
    }
    let q = json(
        "thanh-hoa-2023-2024.toml",
        &["--quarter", "2024-Q1", "--by", "quarter"],
    );
    assert_eq!(
        q["rows"][0]["periods"],
        serde_json::json!([{"period": "2024-Q1", "admitted": 231}])
    );
    // Without --by, no periods: the stable JSON keeps its fields.
    let plain = json("thanh-hoa-2023-2024.toml", &["--month", "2024-02"]);
    assert!(plain["rows"][0].get("periods").is_none());
}

#[test]
fn a_column_per_month_in_csv_and_in_the_table() {
    let store = data("dak-lak-2023.toml");
    let args = [
        "report",
        "--year",
        "2023",
        "--as-of",
        "10/10/2023",
        "--depth",
        "0",
        "--by",
        "month",
    ];
    let csv = ok(&store, &[&args[..], &["--format", "csv"]].concat());
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",status,2023-01,2023-02,2023-03,2023-04,2023-05,2023-06,2023-07,2023-08,2023-09,2023-10"),
        "{header}"
    );
    let top = csv.lines().nth(1).unwrap();
    let months: u64 = top
        .split(',')
        .skip(11)
        .map(|n| n.parse::<u64>().unwrap())
        .sum();
    assert_eq!(months, 1994, "{top}");
    let table = ok(&store, &args);
    let head = table.lines().nth(1).unwrap();
    for m in ["Jan", "Jun", "Oct"] {
        assert!(head.contains(m), "{table}");
    }
    assert!(!head.contains("Nov"), "{table}");
    let vi = ok(&store, &[&args[..], &["--lang", "vi"]].concat());
    let head = vi.lines().nth(1).unwrap();
    assert!(head.contains("T1 ") && head.contains("T10"), "{vi}");
    // A term spans years: each month says its year.
    let term = ok(
        &data("sa-thay-2020-2025.toml"),
        &[
            "report",
            "--term",
            "2020-2025",
            "--as-of",
            "30/06/2021",
            "--depth",
            "0",
            "--by",
            "quarter",
            "--format",
            "csv",
        ],
    );
    assert!(
        term.lines()
            .next()
            .unwrap()
            .ends_with("2020-Q1,2020-Q2,2020-Q3,2020-Q4,2021-Q1,2021-Q2"),
        "{term}"
    );
}

#[test]
fn only_one_status_with_its_parents_as_context() {
    let args = ["--year", "2023", "--as-of", "10/10/2023", "--status", "met"];
    let r = json("dak-lak-2023.toml", &args);
    let rows = r["rows"].as_array().unwrap();
    assert_eq!(r["status"], "met");
    // The province is behind: there only as the parent of Krông Bông.
    assert_eq!(rows[0]["id"], "dak-lak");
    assert_eq!(rows[0]["context"], true);
    assert_eq!(rows[0]["status"], "behind");
    assert_eq!(row(&r, "krong-bong")["status"], "met");
    assert!(row(&r, "krong-bong").get("context").is_none());
    assert_eq!(row(&r, "cu-pui")["admitted"], 12);
    for r in rows {
        if r.get("context").is_none() {
            assert_eq!(r["status"], "met", "{}", r["id"]);
        }
    }
    // Each context row is followed by a deeper row: it has one below it.
    for (i, r) in rows.iter().enumerate() {
        if r["context"] == true {
            assert!(
                rows.get(i + 1)
                    .map(|n| n["depth"].as_u64() > r["depth"].as_u64())
                    == Some(true),
                "{}",
                r["id"]
            );
        }
    }
    // Ranked, the tree is not shown: no context.
    let ranked = json(
        "dak-lak-2023.toml",
        &[&args[..], &["--sort", "percent"]].concat(),
    );
    let ranked = ranked["rows"].as_array().unwrap();
    assert!(!ranked.is_empty());
    assert!(
        ranked
            .iter()
            .all(|r| r["status"] == "met" && r.get("context").is_none())
    );
    // The table says what the brackets mean.
    let table = ok(
        &data("dak-lak-2023.toml"),
        &[&["report"][..], &args].concat(),
    );
    assert!(table.contains("(behind)"), "{table}");
    assert!(
        table.lines().next().unwrap().contains("only 'met'"),
        "{table}"
    );
    let o = run(&data("dak-lak-2023.toml"), &["report", "--status", "late"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--status"), "{}", stderr(&o));
}

#[test]
fn a_bar_before_the_percent_when_the_names_keep_their_room() {
    let wide = quota()
        .env("COLUMNS", "160")
        .args(["--store"])
        .arg(data("dak-lak-2023.toml"))
        .args([
            "report",
            "--year",
            "2023",
            "--as-of",
            "10/10/2023",
            "--depth",
            "1",
            "--precision",
            "2",
        ])
        .output()
        .unwrap();
    let table = String::from_utf8(wide.stdout).unwrap();
    let line = |id: &str| {
        table
            .lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("{id}: {table}"))
            .to_string()
    };
    // 117 of 115: a full bar; 1,994 of 2,767 = 72.06%: seven blocks and a
    // quarter (57.6 eighths, rounded to 58).
    assert!(line("Krông Bông").contains("██████████ 101.74%"), "{table}");
    assert!(
        line("tỉnh Đắk Lắk").contains("███████▎    72.06%"),
        "{table}"
    );
    // At 80 columns the names would have to wrap: no bar.
    let narrow = ok(
        &data("dak-lak-2023.toml"),
        &[
            "report",
            "--year",
            "2023",
            "--as-of",
            "10/10/2023",
            "--depth",
            "1",
        ],
    );
    assert!(!narrow.contains('█'), "{narrow}");
    // Markdown never draws it.
    let md = ok(
        &data("tam-dao-2021.toml"),
        &["report", "--year", "2021", "--format", "markdown"],
    );
    assert!(!md.contains('█'), "{md}");
}

/// The page for Đắk Lắk's October report, in Vietnamese.
fn page(extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bao-cao.html");
    let mut args = vec![
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
        "--output",
    ];
    let path = out.to_str().unwrap().to_string();
    args.push(&path);
    args.extend_from_slice(extra);
    let o = run(&data("dak-lak-2023.toml"), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("Đã ghi"), "{}", stderr(&o));
    let html = fs::read_to_string(&out).unwrap();
    (dir, out, html)
}

#[test]
fn the_page_is_whole_by_itself() {
    let (_dir, _, html) = page(&[]);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"),
        "{html}"
    );
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("@page { size: A4;"));
    // Nothing fetched, nothing run.
    for banned in ["<script", "http:", "https:", "src=", "@import", "url("] {
        assert!(!html.contains(banned), "{banned} in the page");
    }
    assert!(html.contains("<title>Kết nạp đảng viên, năm 2023, tính đến ngày 10/10/2023</title>"));
    // One line per organisation, coloured by status, with its bar.
    assert_eq!(html.matches("<tr class=").count(), 20);
    let tr = |name: &str| {
        html.lines()
            .find(|l| l.starts_with("<tr") && l.contains(name))
            .unwrap_or_else(|| panic!("{name}"))
    };
    let province = tr("Đảng bộ tỉnh Đắk Lắk");
    assert!(province.starts_with("<tr class=\"behind\">"), "{province}");
    // 72.06% drawn to the tenth, rounded as the percent is.
    assert!(province.contains("width:72.1%"), "{province}");
    assert!(
        province.contains("72,06%") && province.contains("2.767"),
        "{province}"
    );
    let krong_bong = tr("Krông Bông");
    assert!(krong_bong.starts_with("<tr class=\"met\">"), "{krong_bong}");
    assert!(krong_bong.contains("width:100.0%"), "{krong_bong}");
    // Names are escaped, never markup.
    assert!(html.contains("M&#39;Đrắk"));
    // The burn-up: the twelve months, the pace and the quota.
    assert_eq!(html.matches("<svg").count(), 1);
    for m in ["T1<", "T10<", "T12<"] {
        assert!(html.contains(m), "{m}");
    }
    assert!(html.contains("class=\"pace\"") && html.contains("class=\"actual\""));
    assert!(html.contains("class=\"quota\""));
    assert!(html.contains("Tiến độ cần đạt"));
    // The actual line stops at the as-of date: 10 October is a third of
    // the way through the tenth of twelve months.
    let actual = html
        .lines()
        .find(|l| l.starts_with("<polyline class=\"actual\""))
        .unwrap();
    assert_eq!(
        actual.matches(',').count(),
        11,
        "origin and ten months: {actual}"
    );
    // Ranked, with months and only the laggards: still a page.
    let (_dir, _, ranked) = page(&["--sort", "percent", "--by", "month", "--status", "behind"]);
    assert!(ranked.contains("<tr class=\"behind\">"));
    assert!(!ranked.contains("<tr class=\"met\">"));
    assert!(ranked.contains(">T10</th>"));
}

#[test]
#[cfg_attr(
    not(feature = "xlsx"),
    ignore = "writes a workbook: needs the xlsx feature"
)]
fn the_workbook_has_the_burn_up_on_a_second_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("report.xlsx");
    ok(
        &data("dak-lak-2023.toml"),
        &[
            "report",
            "--year",
            "2023",
            "--as-of",
            "10/10/2023",
            "--output",
            xlsx.to_str().unwrap(),
        ],
    );
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), ["Report 2023", "Burn-up"]);
    let range = book.worksheet_range("Burn-up").unwrap();
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(1, 1), Data::String("Admitted (cumulative)".into()));
    assert_eq!(range.height(), 2 + 12, "title, header and twelve months");
    assert_eq!(cell(2, 0), Data::String("Jan".into()));
    assert_eq!(cell(11, 0), Data::String("Oct".into()));
    assert_eq!(cell(11, 1), Data::Float(1994.0), "to 10 October");
    assert_eq!(cell(12, 1), Data::Empty, "November is to come");
    assert_eq!(
        cell(13, 2),
        Data::Float(2767.0),
        "the pace ends at the quota"
    );
    assert_eq!(cell(13, 3), Data::Float(2767.0));
    let mut zip = zip::ZipArchive::new(fs::File::open(&xlsx).unwrap()).unwrap();
    let mut chart = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/charts/chart2.xml").unwrap(),
        &mut chart,
    )
    .unwrap();
    assert!(chart.contains("<c:lineChart>"), "{chart}");
    assert!(chart.contains("dash"), "the pace is dashed: {chart}");
}

#[test]
fn the_breakdown_as_a_page() {
    let out = ok(
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
            "--format",
            "html",
        ],
    );
    assert!(
        out.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"),
        "{out}"
    );
    assert!(!out.contains("<script"));
    let top = out.lines().find(|l| l.starts_with("<tr>")).expect("a row");
    // 275 admitted: 165 women, 116 of ethnic minorities, 190 youth-union
    // members, each with its share.
    for n in ["275", "165", "116", "190"] {
        assert!(
            top.contains(&format!("<td class=\"n\">{n}")),
            "{n} in {top}"
        );
    }
}

#[test]
fn a_month_not_begun_is_refused() {
    let o = run(
        &data("tam-dao-2021.toml"),
        &["report", "--month", "2027-01"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("2027-01 has not begun yet (today is 2026-11-22)"),
        "{}",
        stderr(&o)
    );
    let o = run(
        &data("tam-dao-2021.toml"),
        &["--lang", "vi", "breakdown", "--quarter", "2027-Q1"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("2027-Q1 chưa bắt đầu"),
        "{}",
        stderr(&o)
    );
}

/// A table written to a file from a terminal has no colour codes: `auto`
/// looks at the terminal, not at the file. `script` (util-linux) gives the
/// command a terminal.
#[test]
fn a_file_written_from_a_terminal_has_no_colour() {
    let dir = tempfile::tempdir().unwrap();
    let store = data("dak-lak-2023.toml");
    for (name, color, coloured) in [("auto.txt", "auto", false), ("always.txt", "always", true)] {
        let file = dir.path().join(name);
        let line = format!(
            "{} --store {} --color {color} report --year 2023 --as-of 10/10/2023 --depth 1 --output {} ; {} --store {} --color {color} report --year 2023 --depth 0",
            env!("CARGO_BIN_EXE_quota"),
            store.display(),
            file.display(),
            env!("CARGO_BIN_EXE_quota"),
            store.display(),
        );
        let o = std::process::Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .env("QUOTA_TODAY", common::TODAY)
            .env("COLUMNS", "160")
            .env_remove("NO_COLOR")
            .env("LANG", "C.UTF-8")
            .output()
            .expect("script runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
        // On the terminal itself, colour: the test does reach a terminal.
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("\x1b["),
            "no colour on the terminal: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        let text = fs::read_to_string(&file).unwrap();
        assert!(text.contains("Krông Bông"));
        assert_eq!(text.contains('\x1b'), coloured, "{name}: {text}");
    }
}

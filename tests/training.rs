//! Awareness-class attendance: recorded with `train`, reported against the
//! `trained` plan exactly as admissions are against the quota.

mod common;

use common::{data, fresh, ok, run, stderr};
use serde_json::Value;

fn json(store: &std::path::Path, args: &[&str]) -> Value {
    let mut full = vec!["report", "--metric", "trained", "--format", "json"];
    full.extend_from_slice(args);
    serde_json::from_str(&ok(store, &full)).expect("JSON")
}

#[test]
fn thanh_hoa_sent_1253_to_class_117_percent_of_plan() {
    let r = json(
        &data("thanh-hoa-2023-2024.toml"),
        &["--year", "2023", "--precision", "0", "--depth", "0"],
    );
    assert_eq!(r["metric"], "trained");
    let top = &r["rows"][0];
    assert_eq!(
        (top["quota"].as_u64(), top["admitted"].as_u64()),
        (Some(1071), Some(1253))
    );
    assert_eq!(top["percent"], 117);
    assert_eq!(top["status"], "met");
    // In Vietnamese, as the press writes it.
    let vi = ok(
        &data("thanh-hoa-2023-2024.toml"),
        &[
            "--lang",
            "vi",
            "report",
            "--year",
            "2023",
            "--metric",
            "trained",
            "--precision",
            "0",
            "--depth",
            "0",
        ],
    );
    assert!(
        vi.starts_with("Học lớp bồi dưỡng nhận thức về Đảng, năm 2023"),
        "{vi}"
    );
    assert!(
        vi.contains("1.071") && vi.contains("1.253") && vi.contains("117%"),
        "{vi}"
    );
    let md = ok(
        &data("thanh-hoa-2023-2024.toml"),
        &[
            "--lang", "vi", "report", "--year", "2023", "--metric", "trained", "--depth", "0",
            "--format", "markdown",
        ],
    );
    assert!(
        md.contains("| Tổ chức | Kế hoạch | Đã học | Tỷ lệ |"),
        "{md}"
    );
    // The admissions of the same year are untouched by the classes.
    let admissions = ok(
        &data("thanh-hoa-2023-2024.toml"),
        &[
            "report", "--year", "2023", "--depth", "0", "--format", "csv",
        ],
    );
    assert!(
        admissions.lines().nth(1).unwrap().contains(",707,735,"),
        "{admissions}"
    );
}

#[test]
fn phu_binh_282_in_four_classes_by_the_end_of_august() {
    let r = json(
        &data("phu-binh-2020.toml"),
        &[
            "--year",
            "2020",
            "--as-of",
            "31/08/2020",
            "--depth",
            "0",
            "--by",
            "month",
        ],
    );
    let top = &r["rows"][0];
    assert_eq!(top["admitted"], 282);
    // No plan was published: none is set.
    assert_eq!(top["status"], "no-quota");
    let classes: Vec<u64> = top["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["admitted"].as_u64().unwrap())
        .filter(|&n| n > 0)
        .collect();
    assert_eq!(classes.len(), 4, "{classes:?}");
    // Every format says it: CSV and the page too.
    let csv = ok(
        &data("phu-binh-2020.toml"),
        &[
            "report",
            "--year",
            "2020",
            "--as-of",
            "31/08/2020",
            "--depth",
            "0",
            "--metric",
            "trained",
            "--format",
            "csv",
        ],
    );
    assert!(csv.lines().nth(1).unwrap().contains(",,282,"), "{csv}");
    let html = ok(
        &data("phu-binh-2020.toml"),
        &[
            "report",
            "--year",
            "2020",
            "--as-of",
            "31/08/2020",
            "--metric",
            "trained",
            "--format",
            "html",
        ],
    );
    assert!(html.contains("Awareness classes attended") && html.contains(">282<"));
    assert!(html.contains("Cumulative class attendance"));
}

#[test]
fn train_records_a_class_against_the_plan_and_undo_takes_it_back() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Đảng bộ xã Cư Pui"]);
    ok(
        &store,
        &[
            "assign", "xa", "40", "--year", "2026", "--metric", "trained",
        ],
    );
    assert_eq!(
        ok(&store, &["admit", "xa", "2", "--date", "2026-03-01"]),
        "1\n"
    );
    // Ids come from the one counter: never two records with one id.
    assert_eq!(
        ok(
            &store,
            &[
                "train",
                "xa",
                "25",
                "--date",
                "15/03/2026",
                "--note",
                "Lớp 1"
            ]
        ),
        "2\n"
    );
    assert_eq!(
        ok(
            &store,
            &["train", "Đảng bộ xã Cư Pui", "11", "--date", "2026-06-20"]
        ),
        "3\n"
    );
    let r = json(&store, &["--year", "2026"]);
    assert_eq!(r["rows"][0]["admitted"], 36);
    assert_eq!(r["rows"][0]["quota"], 40);
    assert_eq!(r["rows"][0]["percent"], 90.0);
    // Admissions count only admissions.
    let a: Value = serde_json::from_str(&ok(
        &store,
        &["report", "--year", "2026", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(a["rows"][0]["admitted"], 2);
    assert!(
        a.get("metric").is_none(),
        "the admissions report keeps its fields"
    );
    let log = ok(&store, &["log", "--last", "1"]);
    assert!(log.contains("1 training record"), "{log}");
    ok(&store, &["undo"]);
    assert_eq!(json(&store, &["--year", "2026"])["rows"][0]["admitted"], 25);
    // An org with class records is not removed.
    ok(&store, &["add", "cb", "--parent", "xa"]);
    ok(&store, &["train", "cb", "3", "--date", "2026-06-21"]);
    let o = run(&store, &["remove", "cb"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("training record"), "{}", stderr(&o));
    // The next id is new: 3 was handed out once, 4 went to cb.
    assert_eq!(
        ok(&store, &["train", "xa", "4", "--date", "2026-06-21"]),
        "5\n"
    );
}

#[test]
fn train_refuses_what_admit_refuses() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    let before = std::fs::read(&store).unwrap();
    for (args, code, words) in [
        (
            &["train", "xa", "0"][..],
            2,
            "count must be a whole number from 1",
        ),
        (
            &["train", "xa", "12", "--date", "2026-12-01"],
            1,
            "is after today (2026-11-22); a class is recorded once it has taken place",
        ),
        (
            &["train", "xa", "12", "--date", "31/02/2026"],
            1,
            "There is no day '31/02/2026'",
        ),
        (&["train", "nowhere", "12"], 1, "nowhere"),
    ] {
        let o = run(&store, args);
        assert_eq!(o.status.code(), Some(code), "{args:?}");
        assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
        assert_eq!(
            std::fs::read(&store).unwrap(),
            before,
            "{args:?}: the store changed"
        );
    }
    let o = run(
        &store,
        &["--lang", "vi", "train", "xa", "5", "--date", "2026-12-01"],
    );
    assert!(
        stderr(&o).contains("chỉ ghi nhận lớp học đã diễn ra"),
        "{}",
        stderr(&o)
    );
}

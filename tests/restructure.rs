//! The reform of 1 July 2025: districts dissolved, communes merged. The
//! history stays: every year's totals are the same after as before.

mod common;

use std::fs;

use common::{content, data, ok, run, stderr};
use serde_json::Value;

fn totals(store: &std::path::Path, year: &str) -> Vec<(String, u64)> {
    let r: Value = serde_json::from_str(&ok(
        store,
        &["report", "--year", year, "--depth", "0", "--format", "json"],
    ))
    .unwrap();
    r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["admitted"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn admitted(store: &std::path::Path, org: &str, year: &str) -> u64 {
    let r: Value = serde_json::from_str(&ok(
        store,
        &[
            "report", "--year", year, "--org", org, "--depth", "0", "--format", "json",
        ],
    ))
    .unwrap();
    r["rows"][0]["admitted"].as_u64().unwrap()
}

#[test]
fn the_district_level_dissolved_and_every_year_adds_up_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("dak-lak.toml");
    fs::copy(data("dak-lak-2023.toml"), &store).unwrap();
    let before: Vec<_> = ["2022", "2023"].iter().map(|y| totals(&store, y)).collect();
    let cu_pui = admitted(&store, "cu-pui", "2023");
    assert_eq!(cu_pui, 14, "12 by October, 14 by the year's end");
    // Every district: its communes go up to the province, then it is
    // merged into the province (its own records with it).
    let orgs: Value = serde_json::from_str(&ok(&store, &["orgs", "--format", "json"])).unwrap();
    let districts: Vec<String> = orgs
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["level"] == "district")
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(districts.len(), 13);
    for d in &districts {
        for o in orgs
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["parent"] == d.as_str())
        {
            ok(
                &store,
                &["edit", o["id"].as_str().unwrap(), "--parent", "dak-lak"],
            );
        }
        ok(
            &store,
            &["merge", d, "--into", "dak-lak", "--date", "2025-07-01"],
        );
    }
    let after: Vec<_> = ["2022", "2023"].iter().map(|y| totals(&store, y)).collect();
    assert_eq!(after, before);
    // A commune keeps its own figures, now straight under the province.
    assert_eq!(admitted(&store, "cu-pui", "2023"), cu_pui);
    let tree = ok(&store, &["orgs", "--tree", "--format", "csv"]);
    assert!(tree.contains("cu-pui,Đảng bộ xã Cư Pui,dak-lak,"), "{tree}");
    // Krông Bông's quota went into the province's: the province's quota
    // for 2023 is its own and the district's.
    let r: Value = serde_json::from_str(&ok(
        &store,
        &[
            "report", "--year", "2023", "--depth", "0", "--format", "json",
        ],
    ))
    .unwrap();
    assert!(r["rows"][0]["quota"].as_u64().unwrap() > 2767);
    // The old names still lead somewhere, and say so.
    let o = run(
        &store,
        &[
            "report",
            "--year",
            "2023",
            "--org",
            "krong-bong",
            "--depth",
            "0",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("'krong-bong' was merged into 'dak-lak' on 2025-07-01"),
        "{}",
        stderr(&o)
    );
    let list = ok(&store, &["orgs"]);
    assert!(list.contains("dak-lak (2025-07-01)"), "{list}");
}

#[test]
fn two_communes_become_one_and_undo_takes_it_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("dak-lak.json");
    // A JSON store, made from the sample by the tool itself.
    ok(&store, &["init"]);
    let src = dir.path().join("src.toml");
    fs::copy(data("dak-lak-2023.toml"), &src).unwrap();
    for kind in ["orgs", "quotas", "admissions"] {
        let file = dir.path().join(format!("{kind}.csv"));
        ok(
            &src,
            &[
                "export",
                "--kind",
                kind,
                "--with-details",
                "--output",
                file.to_str().unwrap(),
            ],
        );
        ok(&store, &["import", file.to_str().unwrap()]);
    }
    let (a, b) = (
        admitted(&store, "cu-pui", "2023"),
        admitted(&store, "dang-kang", "2023"),
    );
    let province = totals(&store, "2023");
    let before = content(&store);
    let out = ok(
        &store,
        &[
            "merge",
            "dang-kang",
            "--into",
            "Đảng bộ xã Cư Pui",
            "--date",
            "01/07/2025",
        ],
    );
    assert!(
        out.starts_with("Merged dang-kang into cu-pui: 1 quota(s)"),
        "{out}"
    );
    assert_eq!(admitted(&store, "cu-pui", "2023"), a + b);
    assert_eq!(totals(&store, "2023"), province);
    // Quotas of the same year add up: 9 and 8.
    let r: Value = serde_json::from_str(&ok(
        &store,
        &[
            "report", "--year", "2023", "--org", "cu-pui", "--depth", "0", "--format", "json",
        ],
    ))
    .unwrap();
    assert_eq!(r["rows"][0]["quota"], 17);
    // New records named by the old id go to the new one.
    let o = run(&store, &["admit", "dang-kang", "--date", "2025-08-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("merged into 'cu-pui'"),
        "{}",
        stderr(&o)
    );
    ok(&store, &["undo"]);
    ok(&store, &["undo"]);
    assert_eq!(content(&store), before, "undo reverses the merge exactly");
    assert_eq!(admitted(&store, "dang-kang", "2023"), b);
}

#[test]
fn merges_that_cannot_be_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("q.toml");
    fs::copy(data("dak-lak-2023.toml"), &store).unwrap();
    ok(
        &store,
        &[
            "merge",
            "yang-reh",
            "--into",
            "hoa-son",
            "--date",
            "2025-07-01",
        ],
    );
    let bytes = fs::read(&store).unwrap();
    for (args, words) in [
        (
            &["merge", "krong-bong", "--into", "cu-pui"][..],
            "'cu-pui' is under 'krong-bong'",
        ),
        (
            &["merge", "cu-pui", "--into", "cu-pui"],
            "are the same organisation",
        ),
        (
            &[
                "merge",
                "cu-pui",
                "--into",
                "hoa-son",
                "--date",
                "2027-01-01",
            ],
            "is after today",
        ),
        (&["merge", "cu-pui", "--into", "nowhere"], "nowhere"),
        // Merged into hoa-son already: the same one.
        (
            &["merge", "yang-reh", "--into", "hoa-son"],
            "are the same organisation",
        ),
    ] {
        let o = run(&store, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
        assert_eq!(
            fs::read(&store).unwrap(),
            bytes,
            "{args:?} changed the store"
        );
    }
    // What went into yang-reh's successor goes on with it.
    ok(
        &store,
        &[
            "merge",
            "hoa-son",
            "--into",
            "cu-pui",
            "--date",
            "2025-08-01",
        ],
    );
    let list: Value = serde_json::from_str(&ok(&store, &["orgs", "--format", "json"])).unwrap();
    let yang_reh = list
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "yang-reh")
        .unwrap();
    assert_eq!(yang_reh["merged"]["into"], "cu-pui");
}

#[test]
fn an_import_naming_a_merged_organisation_records_for_the_one_it_went_into() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("q.toml");
    fs::copy(data("dak-lak-2023.toml"), &store).unwrap();
    ok(
        &store,
        &[
            "merge",
            "yang-reh",
            "--into",
            "hoa-son",
            "--date",
            "2025-07-01",
        ],
    );
    let file = dir.path().join("a.csv");
    fs::write(
        &file,
        "org,date,count\nyang-reh,2025-08-01,2\nĐảng bộ xã Yang Reh,2025-08-02,3\n",
    )
    .unwrap();
    ok(&store, &["import", file.to_str().unwrap()]);
    let csv = ok(&store, &["admissions", "--year", "2025", "--format", "csv"]);
    assert!(!csv.contains("yang-reh"), "{csv}");
    assert_eq!(csv.matches(",hoa-son,").count(), 2, "{csv}");
}

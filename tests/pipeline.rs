//! The admission pipeline: candidates walked from the source to their
//! admission, every refusal, and the pipeline's warning.

mod common;

use common::{data, fresh, ok, run, stderr};
use serde_json::Value;

fn pipeline(store: &std::path::Path, args: &[&str]) -> Value {
    let mut full = vec!["pipeline", "--format", "json"];
    full.extend_from_slice(args);
    serde_json::from_str(&ok(store, &full)).expect("JSON")
}

#[test]
fn tan_an_has_seven_dossiers_for_eight_places_left() {
    let p = pipeline(
        &data("dak-lak-2023.toml"),
        &["--year", "2023", "--as-of", "10/10/2023", "--org", "tan-an"],
    );
    let r = &p["rows"][0];
    assert_eq!(r["quota"], 30);
    assert_eq!(r["admitted"], 22);
    assert_eq!(r["remaining"], 8);
    assert_eq!(r["stages"]["verifying"], 7);
    assert_eq!(r["pipeline"], 7);
    assert_eq!(r["coverage"], 87.5);
    assert_eq!(r["flagged"], true);
    // As the department reads it, in Vietnamese.
    let vi = ok(
        &data("dak-lak-2023.toml"),
        &[
            "--lang",
            "vi",
            "pipeline",
            "--year",
            "2023",
            "--as-of",
            "10/10/2023",
            "--org",
            "tan-an",
        ],
    );
    assert!(vi.contains("87,5%") && vi.contains("thiếu nguồn"), "{vi}");
    // Rolled up: the city's row counts Tân An's seven.
    let city = pipeline(
        &data("dak-lak-2023.toml"),
        &[
            "--year",
            "2023",
            "--as-of",
            "10/10/2023",
            "--org",
            "buon-ma-thuot",
            "--depth",
            "0",
        ],
    );
    assert_eq!(city["rows"][0]["stages"]["verifying"], 7);
    // Before the dossiers were sent for verification they were applications.
    let august = pipeline(
        &data("dak-lak-2023.toml"),
        &["--year", "2023", "--as-of", "31/08/2023", "--org", "tan-an"],
    );
    assert_eq!(august["rows"][0]["stages"]["applied"], 7);
    assert_eq!(august["rows"][0]["stages"]["verifying"], 0);
    // No name in the pipeline, nor in the default list.
    let list = ok(
        &data("dak-lak-2023.toml"),
        &["candidate", "list", "--org", "tan-an"],
    );
    assert_eq!(list.lines().count(), 2 + 7, "{list}");
    for out in [vi, list] {
        assert!(!out.contains("Y Khuê") && !out.contains("Hùng"), "{out}");
    }
    let named = ok(
        &data("dak-lak-2023.toml"),
        &["candidate", "list", "--org", "tan-an", "--with-details"],
    );
    assert!(named.contains("Y Khuê Niê"), "{named}");
}

/// A commune with one cell and a quota of 3 for 2026.
fn commune() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Đảng bộ xã Cư Pui"]);
    ok(
        &store,
        &[
            "add",
            "cb",
            "--name",
            "Chi bộ buôn Ea Bar",
            "--parent",
            "xa",
        ],
    );
    ok(&store, &["assign", "xa", "3", "--year", "2026"]);
    (dir, store)
}

#[test]
fn a_candidate_walks_from_the_source_to_admission() {
    let (_dir, store) = commune();
    let id = ok(
        &store,
        &[
            "candidate",
            "add",
            "cb",
            "--name",
            "H'Hoa Êban",
            "--sex",
            "nữ",
            "--born",
            "12/04/2002",
            "--ethnicity",
            "Ê Đê",
            "--youth-union",
            "--date",
            "2026-01-10",
        ],
    );
    assert_eq!(id, "1\n");
    for (stage, on) in [
        ("trained", "2026-03-20"),
        ("applied", "2026-04-02"),
        ("verifying", "2026-04-15"),
        ("voted", "2026-06-05"),
    ] {
        ok(&store, &["candidate", "advance", "1", stage, "--date", on]);
    }
    let p = pipeline(&store, &["--year", "2026"]);
    assert_eq!(p["rows"][0]["stages"]["voted"], 1);
    assert_eq!(p["rows"][0]["coverage"], 33.3);
    let admission = ok(
        &store,
        &[
            "candidate",
            "admit",
            "1",
            "--date",
            "2026-07-20",
            "--decision",
            "45-QĐ/ĐU",
        ],
    );
    assert_eq!(admission, "2\n");
    // The admission counts for the quota, with the candidate's details.
    let report: Value = serde_json::from_str(&ok(
        &store,
        &["report", "--year", "2026", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(report["rows"][0]["admitted"], 1);
    let details = ok(&store, &["admissions", "--with-details", "--format", "csv"]);
    assert!(
        details.contains("H'Hoa Êban") && details.contains("45-QĐ/ĐU"),
        "{details}"
    );
    let b: Value = serde_json::from_str(&ok(
        &store,
        &["breakdown", "--year", "2026", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(b["rows"][0]["female"], 1);
    assert_eq!(b["rows"][0]["ethnic_minority"], 1);
    // Left the pipeline: it no longer covers anything.
    let p = pipeline(&store, &["--year", "2026"]);
    assert_eq!(p["rows"][0]["pipeline"], 0);
    assert_eq!(p["rows"][0]["remaining"], 2);
    let all = ok(&store, &["candidate", "list", "--all", "--format", "json"]);
    let all: Value = serde_json::from_str(&all).unwrap();
    assert_eq!(all[0]["state"], "admitted");
    assert_eq!(all[0]["admission"], 2);
    assert!(all[0].get("name").is_none());
    // The history has every step, the name hidden; undo takes the
    // admission back and the candidate returns to the pipeline.
    let log = ok(&store, &["log", "--format", "csv"]);
    assert!(!log.contains("Hoa"), "{log}");
    assert!(
        log.contains("candidate add cb --name … --sex … --born … --ethnicity …"),
        "{log}"
    );
    ok(&store, &["undo"]);
    let p = pipeline(&store, &["--year", "2026"]);
    assert_eq!(p["rows"][0]["stages"]["voted"], 1);
    assert_eq!(p["rows"][0]["admitted"], 0);
}

#[test]
fn every_refusal_leaves_the_store_as_it_was() {
    let (_dir, store) = commune();
    ok(
        &store,
        &[
            "candidate",
            "add",
            "cb",
            "--name",
            "A",
            "--born",
            "2008-09-01",
            "--date",
            "2026-01-10",
        ],
    );
    ok(
        &store,
        &[
            "candidate",
            "advance",
            "1",
            "applied",
            "--date",
            "2026-05-01",
        ],
    );
    let before = std::fs::read(&store).unwrap();
    for (args, words) in [
        (
            &[
                "candidate",
                "advance",
                "1",
                "trained",
                "--date",
                "2026-05-02",
            ][..],
            "stages only move forward",
        ),
        (
            &[
                "candidate",
                "advance",
                "1",
                "verifying",
                "--date",
                "2026-04-30",
            ],
            "dates never go back",
        ),
        (
            &[
                "candidate",
                "advance",
                "1",
                "verifying",
                "--date",
                "2026-12-01",
            ],
            "is after today",
        ),
        // 17 on the day of the vote.
        (
            &["candidate", "advance", "1", "voted", "--date", "2026-08-31"],
            "17 at the vote, outside 18 to 60",
        ),
        (&["candidate", "admit", "1"], "the cell must vote first"),
        (
            &["candidate", "advance", "9", "voted"],
            "There is no candidate 9",
        ),
        (
            &["candidate", "add", "cb", "--name", " "],
            "a candidate is a person",
        ),
        (&["candidate", "drop", "1", "--reason", " "], "say why"),
    ] {
        let o = run(&store, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
        assert!(
            !stderr(&o).contains("2008"),
            "the birth date echoed: {}",
            stderr(&o)
        );
        assert_eq!(
            std::fs::read(&store).unwrap(),
            before,
            "{args:?} changed the store"
        );
    }
    // 18 the next day; or with the reason for an exception.
    ok(
        &store,
        &["candidate", "advance", "1", "voted", "--date", "2026-09-01"],
    );
    ok(
        &store,
        &[
            "candidate",
            "add",
            "cb",
            "--name",
            "B",
            "--born",
            "1960-01-01",
            "--date",
            "2026-02-01",
        ],
    );
    let o = run(
        &store,
        &["candidate", "advance", "2", "voted", "--date", "2026-09-02"],
    );
    assert!(stderr(&o).contains("66 at the vote"), "{}", stderr(&o));
    ok(
        &store,
        &[
            "candidate",
            "advance",
            "2",
            "voted",
            "--date",
            "2026-09-02",
            "--exception",
            "Già làng có uy tín",
        ],
    );
    // The decision cannot come before the vote; a dropped candidate stays
    // dropped.
    let o = run(&store, &["candidate", "admit", "1", "--date", "2026-08-31"]);
    assert!(
        stderr(&o).contains("before the cell's vote"),
        "{}",
        stderr(&o)
    );
    ok(
        &store,
        &["candidate", "drop", "2", "--reason", "Chuyển công tác"],
    );
    let o = run(&store, &["candidate", "admit", "2"]);
    assert!(
        stderr(&o).contains("already left the pipeline"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_pipeline_flags_an_org_its_candidates_cannot_cover() {
    let (_dir, store) = commune();
    ok(&store, &["add", "cb2", "--parent", "xa"]);
    ok(&store, &["assign", "cb", "1", "--year", "2026"]);
    ok(&store, &["assign", "cb2", "2", "--year", "2026"]);
    for (org, stage) in [("cb", "applied"), ("cb2", "source"), ("cb2", "trained")] {
        ok(
            &store,
            &[
                "candidate",
                "add",
                org,
                "--name",
                "X",
                "--stage",
                stage,
                "--date",
                "2026-03-01",
            ],
        );
    }
    let p = pipeline(&store, &["--year", "2026"]);
    let rows = p["rows"].as_array().unwrap();
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    // cb: one place, one application: covered.
    assert_eq!(row("cb")["coverage"], 100.0);
    assert_eq!(row("cb")["flagged"], false);
    // cb2: two places, two people not yet applying: short.
    assert_eq!(row("cb2")["pipeline"], 0);
    assert_eq!(row("cb2")["stages"]["source"], 1);
    assert_eq!(row("cb2")["flagged"], true);
    // The commune: three places, one in the pipeline.
    assert_eq!(row("xa")["pipeline"], 1);
    assert_eq!(row("xa")["flagged"], true);
    let csv = ok(&store, &["pipeline", "--year", "2026", "--format", "csv"]);
    assert_eq!(
        csv.lines().next().unwrap(),
        "id,name,depth,quota,admitted,remaining,source,trained,applied,verifying,voted,pipeline,coverage,flagged"
    );
}

/// Every file in `dir` whose bytes hold `needle`.
fn holding(dir: &std::path::Path, needle: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).ok()?;
            let text = String::from_utf8_lossy(&bytes);
            text.contains(needle)
                .then(|| p.file_name().unwrap().to_string_lossy().into_owned())
        })
        .collect()
}

#[test]
fn erase_takes_a_candidates_details_out_of_every_file() {
    for name in ["quota.toml", "quota.json"] {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join(name);
        ok(&store, &["init"]);
        ok(&store, &["add", "cb"]);
        // One admitted through the pipeline, one still in it.
        ok(
            &store,
            &[
                "candidate",
                "add",
                "cb",
                "--name",
                "Rơ Châm Thị Blui",
                "--born",
                "1999-03-03",
                "--date",
                "2026-01-02",
            ],
        );
        ok(
            &store,
            &[
                "candidate",
                "advance",
                "1",
                "voted",
                "--date",
                "2026-05-02",
                "--exception",
                "Bà Blui xin ngoại lệ",
            ],
        );
        assert_eq!(
            ok(&store, &["candidate", "admit", "1", "--date", "2026-06-01"]),
            "2\n"
        );
        ok(
            &store,
            &[
                "candidate",
                "add",
                "cb",
                "--name",
                "Siu Thị Hiền",
                "--date",
                "2026-01-03",
            ],
        );
        ok(
            &store,
            &[
                "candidate",
                "advance",
                "3",
                "applied",
                "--date",
                "2026-02-03",
            ],
        );
        for person in ["Blui", "Hiền"] {
            assert!(
                !holding(dir.path(), person).is_empty(),
                "{name}: {person} nowhere to begin with"
            );
        }
        // By the admission it became, and by its own id.
        ok(&store, &["erase", "2", "3"]);
        for person in ["Blui", "Hiền", "1999-03-03"] {
            assert_eq!(
                holding(dir.path(), person),
                Vec::<String>::new(),
                "{name}: {person}"
            );
        }
        // The records stay and count.
        let p = pipeline(&store, &["--year", "2026"]);
        assert_eq!(p["rows"][0]["admitted"], 1);
        assert_eq!(p["rows"][0]["stages"]["applied"], 1);
    }
}

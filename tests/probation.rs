//! After the vote: the decision and the ceremony due in working days, the
//! twelve months of probation, and how they end. Today is 2026-11-22 (a
//! Sunday) in every test.

mod common;

use common::{fresh, ok, quota, run, stderr};
use serde_json::Value;

fn json(store: &std::path::Path, args: &[&str]) -> Value {
    let mut full = args.to_vec();
    full.extend(["--format", "json"]);
    serde_json::from_str(&ok(store, &full)).expect("JSON")
}

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
    ok(&store, &["assign", "xa", "4", "--year", "2025"]);
    (dir, store)
}

/// Runs a command on `store` with another today.
fn on(day: &str, store: &std::path::Path, args: &[&str]) -> String {
    let o = quota()
        .env("QUOTA_TODAY", day)
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn a_candidate_walked_from_the_source_to_official_member() {
    let (_dir, store) = commune();
    let id = on(
        "2025-01-10",
        &store,
        &[
            "candidate",
            "add",
            "cb",
            "--name",
            "H'Hoa Êban",
            "--born",
            "2001-02-03",
            "--sex",
            "nữ",
        ],
    );
    assert_eq!(id, "1\n");
    on(
        "2025-03-20",
        &store,
        &["candidate", "advance", "1", "trained"],
    );
    on(
        "2025-04-02",
        &store,
        &["candidate", "advance", "1", "applied"],
    );
    on(
        "2025-04-15",
        &store,
        &["candidate", "advance", "1", "verifying"],
    );
    on(
        "2025-06-05",
        &store,
        &["candidate", "advance", "1", "voted"],
    );
    // The decision is due 60 working days after the vote.
    let due = json(&store, &["due", "--all"]);
    assert_eq!(due[0]["kind"], "decision");
    assert_eq!(due[0]["from"], "2025-06-05");
    assert_eq!(due[0]["due"], "2025-08-28");
    let admission = on(
        "2025-07-01",
        &store,
        &["candidate", "admit", "1", "--decision", "12-QĐ/ĐU"],
    );
    assert_eq!(admission, "2\n");
    // Then the ceremony, 30 working days after the decision.
    let due = json(&store, &["due", "--all"]);
    assert_eq!(due[0]["kind"], "ceremony");
    assert_eq!(due[0]["id"], 2);
    assert_eq!(due[0]["due"], "2025-08-12");
    on("2025-07-15", &store, &["ceremony", "2"]);
    // Twelve months from the ceremony the probation ends: too early a
    // day before.
    let o = run(&store, &["confirm", "2", "--date", "2026-07-14"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("before the probation is over (2026-07-15)"),
        "{}",
        stderr(&o)
    );
    let p = json(&store, &["probation", "--all"]);
    assert_eq!(p[0]["kind"], "official-vote");
    assert_eq!(p[0]["from"], "2026-07-15");
    on("2026-07-20", &store, &["confirm", "2"]);
    // Nothing left to follow; the admission counted for 2025.
    assert_eq!(json(&store, &["due", "--all"]), serde_json::json!([]));
    let r = json(&store, &["report", "--year", "2025"]);
    assert_eq!(r["rows"][0]["admitted"], 1);
    let list = json(&store, &["candidate", "list", "--all"]);
    assert_eq!(list[0]["state"], "admitted");
}

#[test]
fn due_and_probation_list_the_right_records_for_today() {
    let (_dir, store) = commune();
    // Decided 2026-10-01 (a Thursday): the ceremony is due 30 working days
    // on, 2026-11-12: overdue by 10 days.
    ok(
        &store,
        &["admit", "cb", "--date", "2026-10-01", "--name", "Lò Văn A"],
    );
    // Decided 2025-12-01 with its ceremony on the 10th: probation ends
    // 2026-12-10, within 30 days.
    ok(
        &store,
        &[
            "admit",
            "cb",
            "--date",
            "2025-12-01",
            "--ceremony",
            "2025-12-10",
        ],
    );
    // Decided in 2023, never followed: more than a year ago, left out
    // unless --all.
    ok(&store, &["admit", "xa", "3", "--date", "2023-05-01"]);
    // A candidate voted for on 2026-10-15: decision due 2027-01-07 (60
    // working days), not within 30 days.
    ok(
        &store,
        &[
            "candidate",
            "add",
            "cb",
            "--name",
            "Y Bhim",
            "--stage",
            "voted",
            "--date",
            "2026-10-15",
        ],
    );
    let due = json(&store, &["due"]);
    let got: Vec<(String, u64, String, i64)> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_string(),
                i["id"].as_u64().unwrap(),
                i["due"].as_str().unwrap().to_string(),
                i["days_left"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("ceremony".to_string(), 1, "2026-11-12".to_string(), -10),
            ("official-vote".to_string(), 2, "2027-01-21".to_string(), 60),
        ]
    );
    // Further ahead, the decision comes in.
    let later = json(&store, &["due", "--within", "60"]);
    assert!(
        later
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "decision" && i["due"] == "2027-01-07")
    );
    // --all brings back what nobody recorded, years ago.
    let all = json(&store, &["due", "--all"]);
    assert!(all.as_array().unwrap().iter().any(|i| i["id"] == 3));
    let probation = json(&store, &["probation"]);
    assert_eq!(probation.as_array().unwrap().len(), 1);
    assert_eq!(probation[0]["id"], 2);
    assert_eq!(probation[0]["from"], "2026-12-10");
    // Names only with details.
    let table = ok(&store, &["due"]);
    assert!(!table.contains("Lò Văn A"), "{table}");
    assert!(table.contains("overdue by 10 days"), "{table}");
    let named = ok(&store, &["--lang", "vi", "due", "--with-details"]);
    assert!(
        named.contains("Lò Văn A") && named.contains("quá hạn 10 ngày"),
        "{named}"
    );
    // --org keeps that organisation and those below it.
    let xa_only = json(&store, &["due", "--all", "--org", "cb"]);
    assert!(xa_only.as_array().unwrap().iter().all(|i| i["org"] == "cb"));
}

#[test]
fn holidays_push_the_deadlines_back() {
    let (_dir, store) = commune();
    ok(&store, &["admit", "cb", "--date", "2026-10-01"]);
    assert_eq!(json(&store, &["due"])[0]["due"], "2026-11-12");
    ok(
        &store,
        &["holiday", "add", "02/10/2026", "--name", "Nghỉ bù"],
    );
    ok(&store, &["holiday", "add", "2026-10-05"]);
    assert_eq!(json(&store, &["due"])[0]["due"], "2026-11-16");
    let list = ok(&store, &["holiday", "list"]);
    assert_eq!(list, "2026-10-02  Nghỉ bù\n2026-10-05\n");
    let o = run(&store, &["holiday", "add", "2026-10-05"]);
    assert!(stderr(&o).contains("already a holiday"), "{}", stderr(&o));
    ok(&store, &["holiday", "remove", "2026-10-02"]);
    ok(&store, &["undo"]);
    assert_eq!(json(&store, &["due"])[0]["due"], "2026-11-16");
}

#[test]
fn a_struck_admission_still_counted_and_the_report_says_so() {
    let (_dir, store) = commune();
    ok(
        &store,
        &[
            "admit",
            "cb",
            "--date",
            "2025-03-01",
            "--ceremony",
            "2025-03-15",
        ],
    );
    ok(&store, &["admit", "xa", "2", "--date", "2025-05-01"]);
    let before = std::fs::read(&store).unwrap();
    for (args, words) in [
        (&["strike", "1", "--reason", " "][..], "say why"),
        (
            &["strike", "1", "--reason", "x", "--date", "2025-03-10"],
            "before the probation started (2025-03-15)",
        ),
        (
            &["strike", "9", "--reason", "x"],
            "There is no admission record 9",
        ),
        (
            &["ceremony", "2", "--date", "2025-04-30"],
            "before the decision (2025-05-01)",
        ),
        (
            &["confirm", "2", "--date", "2026-04-30"],
            "before the probation is over (2026-05-01)",
        ),
    ] {
        let o = run(&store, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
        assert_eq!(
            std::fs::read(&store).unwrap(),
            before,
            "{args:?} changed the store"
        );
    }
    ok(
        &store,
        &[
            "strike",
            "1",
            "--reason",
            "Vi phạm tư cách",
            "--date",
            "2025-09-01",
        ],
    );
    let o = run(&store, &["confirm", "1"]);
    assert!(
        stderr(&o).contains("is over (confirmed or struck off)"),
        "{}",
        stderr(&o)
    );
    let r = json(&store, &["report", "--year", "2025"]);
    assert_eq!(
        r["rows"][0]["admitted"], 3,
        "a struck admission still counts"
    );
    assert_eq!(r["rows"][0]["struck"], 1);
    assert_eq!(r["rows"][1]["struck"], 1);
    let table = ok(&store, &["report", "--year", "2025"]);
    assert!(table.contains("Struck"), "{table}");
    // The reason stays out of the history's command line.
    let log = ok(&store, &["log", "--last", "1"]);
    assert!(!log.contains("Vi phạm"), "{log}");
}

//! `quota check`: a store that loads, with each problem planted (through
//! the CLI where it lets one, else by editing the file), is reported with
//! the right severity, kind and organisation; the exit status is 1 exactly
//! when an error is found. Today is 2026-11-22 unless a test says.

mod common;

use std::path::Path;
use std::process::Output;

use common::{data, fresh, ok, quota, run, stderr, stdout};
use serde_json::{Value, json};

/// `quota check ARGS…` on `store` as of `today`.
fn check_on(today: &str, store: &Path, args: &[&str]) -> Output {
    // Wide enough that no sentence is wrapped.
    quota()
        .env("QUOTA_TODAY", today)
        .env("COLUMNS", "250")
        .arg("--store")
        .arg(store)
        .arg("check")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn check(store: &Path, args: &[&str]) -> Output {
    check_on(common::TODAY, store, args)
}

/// The findings as JSON, checking the exit status against them: 1 exactly
/// when there is an error.
fn findings(store: &Path) -> Vec<Value> {
    let o = check(store, &["--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let errors = v["errors"].as_u64().unwrap();
    assert_eq!(o.status.code(), Some(if errors > 0 { 1 } else { 0 }), "{v}");
    v["findings"].as_array().unwrap().clone()
}

/// What identifies a finding: severity, kind, org, id, period.
fn keys(found: &[Value]) -> Vec<Value> {
    found
        .iter()
        .map(|f| json!([f["severity"], f["kind"], f["org"], f["id"], f["period"]]))
        .collect()
}

/// Whether the table `out` has a row of `severity` (a word of the
/// language) for `org`.
fn has_row(out: &str, severity: &str, org: &str) -> bool {
    out.lines().any(|l| {
        l.strip_prefix(severity).is_some_and(|rest| {
            rest.starts_with("  ") && rest.trim_start().starts_with(&format!("{org} "))
        })
    })
}

/// Runs a command on `store` as of another day.
fn on(today: &str, store: &Path, args: &[&str]) -> String {
    let o = quota()
        .env("QUOTA_TODAY", today)
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

/// Replaces `from` (which must be there once) by `to` in the store file.
fn edit(store: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(store).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from:?} in:\n{text}");
    std::fs::write(store, text.replacen(from, to, 1)).unwrap();
}

/// Marks the organisation named `name` as merged into `into` on `day`.
fn merge(store: &Path, name: &str, into: &str, day: &str) {
    let line = format!("name = \"{name}\"\n");
    edit(
        store,
        &line,
        &format!("{line}\n[orgs.merged]\ninto = \"{into}\"\non = \"{day}\"\n"),
    );
}

#[test]
fn sample_stores_pass_clean() {
    for name in ["tam-dao-2021.toml", "phu-binh-2020.toml"] {
        let store = data(name);
        let o = check(&store, &[]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stdout(&o));
        assert_eq!(
            stdout(&o),
            format!("No problems found in {}.\n", store.display())
        );
        assert_eq!(stderr(&o), "");
        assert_eq!(findings(&store), Vec::<Value>::new());
    }
}

#[test]
fn quotas_handed_down_beyond_the_parents_are_a_warning() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    ok(
        &store,
        &["add", "cb1", "--name", "Chi bộ 1", "--parent", "xa"],
    );
    ok(
        &store,
        &["add", "cb2", "--name", "Chi bộ 2", "--parent", "xa"],
    );
    ok(&store, &["assign", "xa", "10", "--year", "2026"]);
    ok(&store, &["assign", "cb1", "6", "--year", "2026"]);
    ok(&store, &["assign", "cb2", "5", "--year", "2026"]);
    // Another metric and another period are summed apart.
    ok(
        &store,
        &[
            "assign", "xa", "20", "--year", "2026", "--metric", "trained",
        ],
    );
    ok(
        &store,
        &[
            "assign", "cb1", "15", "--year", "2026", "--metric", "trained",
        ],
    );
    ok(&store, &["assign", "cb2", "5", "--year", "2025"]);
    let found = findings(&store);
    assert_eq!(
        keys(&found),
        [json!(["warning", "over-allocated", "xa", null, "2026"])]
    );
    let what = found[0]["what"].as_str().unwrap();
    assert!(
        what.contains("add up to 11, more than its own 10"),
        "{what}"
    );
    // A warning: shown, and the exit status stays 0 with nothing on stderr.
    let o = check(&store, &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
    assert!(stdout(&o).contains("1 warning\n"), "{}", stdout(&o));
    assert!(has_row(&stdout(&o), "warning", "xa"), "{}", stdout(&o));
    // Handed down exactly what it was given: nothing to say.
    ok(&store, &["assign", "cb2", "4", "--year", "2026"]);
    assert_eq!(findings(&store), Vec::<Value>::new());
}

#[test]
fn admissions_in_a_year_without_a_quota_are_a_warning() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    ok(
        &store,
        &["add", "cb", "--name", "Chi bộ B", "--parent", "xa"],
    );
    ok(&store, &["assign", "xa", "5", "--year", "2026"]);
    ok(&store, &["assign", "cb", "5", "--year", "2026"]);
    ok(&store, &["admit", "cb", "2", "--date", "2025-03-01"]);
    ok(&store, &["admit", "cb", "1", "--date", "2026-02-01"]);
    // A void record is not an admission.
    ok(&store, &["admit", "xa", "1", "--date", "2024-02-01"]);
    ok(&store, &["void", "3", "--reason", "nhầm"]);
    // A cell without a quota of its own, under a commune with one: its
    // admissions count for the commune's, nothing to say.
    ok(&store, &["add", "cb3", "--parent", "xa"]);
    ok(&store, &["admit", "cb3", "1", "--date", "2026-03-01"]);
    let found = findings(&store);
    assert_eq!(
        keys(&found),
        [
            json!(["warning", "no-quota", "cb", null, "2025"]),
            json!(["warning", "no-quota", "xa", null, "2025"]),
        ]
    );
    let what = found[1]["what"].as_str().unwrap();
    assert!(
        what.contains("'xa' and the organisations under it admitted 2 in 2025"),
        "{what}"
    );
    // A term covering the year is a quota for it.
    ok(&store, &["assign", "xa", "40", "--term", "2021-2025"]);
    ok(&store, &["assign", "cb", "20", "--term", "2021-2025"]);
    assert_eq!(findings(&store), Vec::<Value>::new());
}

#[test]
fn records_dated_after_today_are_errors() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    ok(&store, &["assign", "xa", "5", "--year", "2026"]);
    // Recorded by a computer whose clock ran ahead.
    on(
        "2026-12-20",
        &store,
        &["admit", "xa", "--date", "2026-12-15"],
    );
    on(
        "2026-12-20",
        &store,
        &["train", "xa", "30", "--date", "2026-12-18"],
    );
    ok(&store, &["admit", "xa", "--date", "2026-11-01"]);
    let found = findings(&store);
    assert_eq!(
        keys(&found),
        [
            json!(["error", "future-date", "xa", 1, null]),
            json!(["error", "future-date", "xa", 2, null]),
        ]
    );
    let o = check(&store, &[]);
    assert_eq!(o.status.code(), Some(1));
    // The findings on stdout, one sentence on stderr.
    let out = stdout(&o);
    assert!(out.contains("2 errors\n"), "{out}");
    assert!(has_row(&out, "error", "xa"), "{out}");
    assert!(
        out.contains("Admission record 1 is dated 2026-12-15, after today (2026-11-22)"),
        "{out}"
    );
    assert_eq!(
        stderr(&o),
        format!(
            "quota: 2 errors found in {}; fix them and run `quota check` again.\n",
            store.display()
        )
    );
    // --quiet keeps the failure: it is not a note.
    let o = quota()
        .arg("--store")
        .arg(&store)
        .args(["--quiet", "check"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("2 errors found"), "{}", stderr(&o));
    // Once that day has come, all is well.
    let o = check_on("2026-12-20", &store, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn records_on_a_merged_organisation_after_the_merge_are_errors() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "cu", "--name", "Xã Cũ"]);
    ok(&store, &["add", "moi", "--name", "Xã Mới"]);
    ok(&store, &["assign", "moi", "9", "--year", "2025"]);
    // Before the merge: the old commune's own history, counted for the new.
    ok(&store, &["admit", "cu", "2", "--date", "2025-03-01"]);
    // After it: recorded on an organisation that no longer existed.
    ok(&store, &["admit", "cu", "1", "--date", "2025-09-01"]);
    ok(&store, &["train", "cu", "12", "--date", "2025-07-01"]);
    ok(&store, &["admit", "moi", "3", "--date", "2025-09-01"]);
    merge(&store, "Xã Cũ", "moi", "2025-07-01");
    let found = findings(&store);
    assert_eq!(
        keys(&found),
        [
            json!(["error", "merged-org", "cu", 2, null]),
            json!(["error", "merged-org", "cu", 3, null]),
        ]
    );
    let what = found[0]["what"].as_str().unwrap();
    assert!(
        what.contains("Admission record 2 is on 'cu' and dated 2025-09-01, but 'cu' was merged into 'moi' on 2025-07-01"),
        "{what}"
    );
    assert_eq!(check(&store, &[]).status.code(), Some(1));
}

#[test]
fn two_quotas_a_report_reads_as_one_are_an_error() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "cu", "--name", "Xã Cũ"]);
    ok(&store, &["add", "moi", "--name", "Xã Mới"]);
    // 2024: the old commune's alone, which stands for the new one.
    ok(&store, &["assign", "cu", "4", "--year", "2024"]);
    // 2025: both, and a report can show only one.
    ok(&store, &["assign", "cu", "3", "--year", "2025"]);
    ok(&store, &["assign", "moi", "5", "--year", "2025"]);
    merge(&store, "Xã Cũ", "moi", "2025-07-01");
    let found = findings(&store);
    assert_eq!(
        keys(&found),
        [json!(["error", "merged-quota", "moi", null, "2025"])]
    );
    let what = found[0]["what"].as_str().unwrap();
    assert!(
        what.contains("'moi' has 2 quotas for the year 2025"),
        "{what}"
    );
}

/// Two candidates walked to admission in `cb` under `xa`: candidate 1
/// became admission record 2, candidate 3 record 4.
fn admitted_candidates() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    ok(
        &store,
        &["add", "cb", "--name", "Chi bộ B", "--parent", "xa"],
    );
    ok(&store, &["assign", "xa", "5", "--year", "2026"]);
    ok(&store, &["assign", "cb", "5", "--year", "2026"]);
    for (id, born, decided) in [
        ("1", "2000-01-01", "2026-04-01"),
        ("3", "2001-02-02", "2026-04-02"),
    ] {
        on(
            "2026-01-05",
            &store,
            &[
                "candidate",
                "add",
                "cb",
                "--name",
                "Người Thử",
                "--born",
                born,
            ],
        );
        on("2026-03-01", &store, &["candidate", "advance", id, "voted"]);
        ok(&store, &["candidate", "admit", id, "--date", decided]);
    }
    assert_eq!(findings(&store), Vec::<Value>::new());
    (dir, store)
}

#[test]
fn a_candidate_whose_admission_was_voided_is_a_warning() {
    let (_dir, store) = admitted_candidates();
    ok(&store, &["void", "4", "--reason", "nhầm"]);
    let found = findings(&store);
    assert_eq!(
        keys(&found),
        [json!(["warning", "void-admission", "cb", 3, null])]
    );
    let what = found[0]["what"].as_str().unwrap();
    assert!(
        what.contains("Candidate 3 became admission record 4, voided on 2026-11-22"),
        "{what}"
    );
    // No personal details in a finding.
    assert!(!stdout(&check(&store, &[])).contains("Người Thử"));
}

#[test]
fn a_candidate_naming_an_admission_not_in_the_store_is_an_error() {
    let (_dir, store) = admitted_candidates();
    edit(&store, "admission = 2\n", "admission = 99\n");
    let found = findings(&store);
    assert_eq!(
        keys(&found),
        [json!(["error", "dangling-admission", "cb", 1, null])]
    );
    let what = found[0]["what"].as_str().unwrap();
    assert!(
        what.contains("Candidate 1 became admission record 99, which is not in the store"),
        "{what}"
    );
}

#[test]
fn two_candidates_naming_one_admission_are_an_error() {
    let (_dir, store) = admitted_candidates();
    edit(&store, "admission = 4\n", "admission = 2\n");
    let found = findings(&store);
    assert_eq!(
        keys(&found),
        [json!(["error", "shared-admission", "cb", 2, null])]
    );
    let what = found[0]["what"].as_str().unwrap();
    assert!(
        what.contains("The candidates 1, 3 all became admission record 2"),
        "{what}"
    );
}

#[test]
fn json_and_csv_shapes_errors_first() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "a", "--name", "Xã A"]);
    ok(
        &store,
        &["add", "a1", "--name", "Chi bộ A1", "--parent", "a"],
    );
    ok(&store, &["add", "z", "--name", "Xã Z"]);
    ok(&store, &["assign", "a", "1", "--year", "2026"]);
    ok(&store, &["assign", "a1", "2", "--year", "2026"]);
    ok(&store, &["assign", "z", "2", "--year", "2026"]);
    on(
        "2026-12-20",
        &store,
        &["admit", "z", "--date", "2026-12-15"],
    );
    // The same in either language: JSON never changes with it.
    for lang in ["en", "vi"] {
        let o = check(&store, &["--format", "json"]);
        let o = if lang == "vi" {
            quota()
                .arg("--store")
                .arg(&store)
                .args(["--lang", "vi", "check", "--format", "json"])
                .output()
                .unwrap()
        } else {
            o
        };
        assert_eq!(o.status.code(), Some(1));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(
            v,
            json!({
                "errors": 1,
                "warnings": 1,
                "findings": [
                    {
                        "severity": "error",
                        "kind": "future-date",
                        "org": "z",
                        "id": 1,
                        "period": null,
                        "what": "Admission record 1 is dated 2026-12-15, after today (2026-11-22); fix the date, or the clock of the computer that recorded it."
                    },
                    {
                        "severity": "warning",
                        "kind": "over-allocated",
                        "org": "a",
                        "id": null,
                        "period": "2026",
                        "what": "The quotas of the organisations under 'a' for the year 2026 add up to 2, more than its own 1; check how it was split."
                    }
                ]
            }),
            "{lang}"
        );
    }
    let o = check(&store, &["--format", "csv"]);
    assert_eq!(o.status.code(), Some(1));
    let csv = stdout(&o);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "severity,kind,org,id,period,what");
    assert!(
        lines[1].starts_with("error,future-date,z,1,,\"Admission record 1 is dated"),
        "{csv}"
    );
    assert!(
        lines[2].starts_with("warning,over-allocated,a,,2026,\"The quotas"),
        "{csv}"
    );
    assert_eq!(lines.len(), 3);
}

#[test]
fn vietnamese_words() {
    let vi = |store: &Path| {
        quota()
            .arg("--store")
            .arg(store)
            .env("COLUMNS", "250")
            .args(["--lang", "vi", "check"])
            .output()
            .unwrap()
    };
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Xã A"]);
    let o = vi(&store);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        format!("Không thấy vấn đề nào trong {}.\n", store.display())
    );
    ok(&store, &["admit", "xa", "--date", "2026-03-01"]);
    on(
        "2026-12-20",
        &store,
        &["admit", "xa", "--date", "2026-12-15"],
    );
    let o = vi(&store);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for words in [
        "1 lỗi, 1 cảnh báo",
        "Mức độ",
        "Vấn đề",
        "Bản ghi kết nạp 2 có ngày quyết định 15/12/2026, sau ngày hôm nay",
        "'xa' kết nạp 2 đảng viên năm 2026, nhưng cả 'xa' lẫn các tổ chức cấp trên đều chưa có chỉ tiêu",
    ] {
        assert!(out.contains(words), "{words:?} in:\n{out}");
    }
    assert!(has_row(&out, "lỗi", "xa"), "{out}");
    assert!(has_row(&out, "cảnh báo", "xa"), "{out}");
    assert_eq!(
        stderr(&o),
        format!(
            "quota: Có 1 lỗi trong {}; hãy sửa rồi chạy lại `quota check`.\n",
            store.display()
        )
    );
}

#[test]
fn a_store_that_does_not_load_fails_in_the_loaders_words() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("quota.toml");
    std::fs::write(
        &store,
        "version = 1\n\n[[quotas]]\norg = \"ma\"\nyear = 2026\ntarget = 3\n",
    )
    .unwrap();
    let o = check(&store, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    let e = stderr(&o);
    assert!(
        e.contains("has a quota for 'ma', which is not an organisation in it"),
        "{e}"
    );
    // The very sentence any other command gives.
    assert_eq!(e, stderr(&run(&store, &["orgs"])));
    assert_eq!(e.lines().count(), 1, "{e}");
    // No store at all: the same as everywhere too.
    let missing = dir.path().join("none.toml");
    let o = check(&missing, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), stderr(&run(&missing, &["orgs"])));
}

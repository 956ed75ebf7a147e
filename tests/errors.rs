//! Every wrong input: one sentence on stderr, exit 1 (2 for usage),
//! nothing on stdout, no panic, and the store byte-identical afterwards.

mod common;

use std::fs;

use common::{data, run, stderr, stdout};

/// (arguments, exit status, the words the message must contain: specific to
/// the failure, never empty, since `""` is in every message)
const CASES: &[(&[&str], i32, &str)] = &[
    // add
    (
        &["add", "hop-chau", "--name", "X"],
        1,
        "'hop-chau' already exists",
    ),
    (
        &["add", "Krong Bong"],
        1,
        "'Krong Bong' is not a valid organisation id",
    ),
    (&["add", "-x"], 2, "unexpected argument '-x'"),
    // A term given as a year, and an unknown command that is never
    // offered a destructive one.
    (
        &["assign", "hop-chau", "18", "--year", "2025-2030"],
        2,
        "use --term 2025-2030",
    ),
    (&["purge", "a", "b"], 2, "unrecognized subcommand 'purge'"),
    (
        &["admit", "hop-chau", "99999999999999999999"],
        2,
        "count must be a whole number from 1 to 1,000,000,000",
    ),
    (
        &["add", "xa-moi", "--parent", "hop-chaw"],
        1,
        "did you mean 'hop-chau'",
    ),
    (
        &["add", "xa-moi", "--quota", "10"],
        2,
        "--quota needs --year",
    ),
    (&["add", "xa-moi", "--year", "2021"], 2, "go with --quota"),
    (
        &["add", "xa-moi", "--name", "A\tB"],
        1,
        "name contains a control character",
    ),
    (&["add", "xa-moi", "--name", "   "], 1, "name is empty"),
    (
        &["add", "xa-moi", "--members", "99999999999"],
        2,
        "number of members must be a whole number from 0 to 1,000,000,000",
    ),
    (
        &["add", "xa-moi", "--members", "-3"],
        2,
        "number of members must be a whole number from 0 to 1,000,000,000",
    ),
    // edit
    (
        &["edit", "tam-dao", "--parent", "hop-chau"],
        1,
        "'tam-dao' cannot go under 'hop-chau'",
    ),
    (
        &["edit", "hop-chau", "--parent", "hop-chau"],
        1,
        "which is itself or below it",
    ),
    (&["edit", "hop-chau"], 2, "Say what to change"),
    (
        &["edit", "nowhere", "--level", "x"],
        1,
        "no organisation 'nowhere'",
    ),
    (
        &["edit", "hop-chau", "--parent", "tam-dao", "--no-parent"],
        2,
        "'--parent <PARENT>' cannot be used with '--no-parent'",
    ),
    // remove
    (&["remove", "tam-dao"], 1, "organisation(s) under it"),
    (&["remove", "hop-chau"], 1, "so it cannot be removed"),
    (&["remove", "nowhere"], 1, "no organisation 'nowhere'"),
    // assign
    (&["assign", "hop-chau", "10"], 2, "Give the period"),
    (
        &[
            "assign",
            "hop-chau",
            "10",
            "--year",
            "2021",
            "--term",
            "2020-2025",
        ],
        2,
        "'--year <YEAR>' cannot be used with '--term <A-B>'",
    ),
    (
        &["assign", "nowhere", "10", "--year", "2021"],
        1,
        "no organisation 'nowhere'",
    ),
    (
        &["assign", "hop-chau", "10", "--term", "2025-2020"],
        2,
        "'2025-2020' is not a term",
    ),
    (
        &["assign", "hop-chau", "10", "--term", "2020"],
        2,
        "2020 is one year; use --year 2020",
    ),
    (
        &["assign", "hop-chau", "10", "--year", "1800"],
        2,
        "year 1800 is out of range",
    ),
    (
        &["assign", "hop-chau", "-10", "--year", "2021"],
        2,
        "must be a whole number from",
    ),
    (
        &["assign", "hop-chau", "ten", "--year", "2021"],
        2,
        "quota must be a whole number from 0 to 1,000,000,000",
    ),
    (
        &[
            "assign", "hop-chau", "10", "--year", "2021", "--metric", "members",
        ],
        2,
        "invalid value 'members' for '--metric",
    ),
    // admit
    (
        &["admit", "hop-chau", "0"],
        2,
        "count must be a whole number from 1 to 1,000,000,000",
    ),
    (
        &["admit", "hop-chau", "--date", "2026-11-23"],
        1,
        "2026-11-23 is after today",
    ),
    (
        &["admit", "hop-chau", "--date", "31/02/2023"],
        1,
        "no day '31/02/2023'",
    ),
    (
        &["admit", "hop-chau", "--date", "2023-13-01"],
        1,
        "no day '2023-13-01'",
    ),
    (
        &["admit", "hop-chau", "--date", "yesterday"],
        1,
        "'yesterday' is not a valid date",
    ),
    (
        &["admit", "hop-chau", "--date", "1929-01-01"],
        1,
        "1929-01-01 is before the Party was founded",
    ),
    (
        &["admit", "hop-chau", "2", "--name", "Nguyễn Văn A"],
        1,
        "but personal details go with one person",
    ),
    (
        &[
            "admit",
            "hop-chau",
            "--date",
            "2021-05-01",
            "--born",
            "2022-01-01",
        ],
        1,
        "birth date makes the member under 18",
    ),
    (&["admit", "hop-chaw"], 1, "did you mean 'hop-chau'"),
    (
        &["admit", "hop-chau", "-1"],
        2,
        "must be a whole number from",
    ),
    (
        &["admit", "hop-chau", "--sex", "other"],
        2,
        "--sex takes female or male",
    ),
    (
        &["admit", "hop-chau", "Lê Văn Tám"],
        2,
        "count must be a whole number from 1 to 1,000,000,000",
    ),
    (
        &["admit", "hop-chau", "--born", "31/02/2000"],
        1,
        "birth date is not a valid date",
    ),
    (
        &[
            "admit",
            "hop-chau",
            "--date",
            "2021-05-01",
            "--born",
            "2010-01-01",
        ],
        1,
        "under 18",
    ),
    (
        &["admit", "hop-chau", "2000000000"],
        2,
        "count must be a whole number from 1 to 1,000,000,000",
    ),
    // void
    (
        &["void", "9999", "--reason", "typo"],
        1,
        "no admission record 9999",
    ),
    (&["void", "1"], 2, "required arguments were not provided"),
    (
        &["void", "abc", "--reason", "typo"],
        2,
        "invalid value 'abc' for '<ID>'",
    ),
    // erase: a name typed for an id is not repeated
    (&["erase", "9999"], 1, "no admission record 9999"),
    (&["erase"], 2, "required arguments were not provided"),
    (
        &["erase", "3", "Nguyễn Văn A"],
        2,
        "admission ids are whole numbers",
    ),
    // log --prune
    (
        &["log", "--prune", "2026-11-23"],
        1,
        "is after today (2026-11-22)",
    ),
    (
        &["log", "--prune", "2020-01-01", "--last", "2"],
        2,
        "'--prune <DATE>' cannot be used with '--last <N>'",
    ),
    // report
    (
        &["report", "--precision", "9"],
        1,
        "--precision 9 is too many decimals",
    ),
    (
        &["report", "--year", "2021", "--deadline", "2022-06-01"],
        1,
        "deadline 2022-06-01 is outside the period 2021",
    ),
    (
        &["report", "--year", "2021", "--as-of", "2020-06-01"],
        1,
        "as-of date 2020-06-01 is before the period 2021",
    ),
    (
        &["report", "--as-of", "2023/10/10"],
        1,
        "'2023/10/10' is not a valid date; write it as 2023-10-10 or 10/10/2023",
    ),
    (
        &["report", "--month", "2024-13"],
        2,
        "--month takes a month like 2026-06 or 06/2026, not '2024-13'",
    ),
    (
        &["report", "--term", "2020-2025", "--compare"],
        2,
        "--compare sets a year beside the one before it",
    ),
    (
        &["report", "--top", "three"],
        2,
        "invalid value 'three' for '--top <N>'",
    ),
    (
        &["report", "--quarter", "2024-Q5"],
        2,
        "--quarter takes a quarter like 2026-Q2, not '2024-Q5'",
    ),
    (
        &["report", "--month", "2024-02", "--as-of", "2024-01-01"],
        2,
        "'--month <MONTH>' cannot be used with '--as-of <DATE>'",
    ),
    (
        &["report", "--year", "2021", "--deadline", "2020-06-01"],
        1,
        "deadline 2020-06-01 is outside the period 2021",
    ),
    (
        &["report", "--org", "nowhere"],
        1,
        "no organisation 'nowhere'",
    ),
    (
        &["report", "--year", "2021", "--term", "2020-2025"],
        2,
        "'--year <YEAR>' cannot be used with '--term <A-B>'",
    ),
    (
        &["report", "--format", "pdf"],
        2,
        "invalid value 'pdf' for '--format",
    ),
    (
        &["report", "--sort", "size"],
        2,
        "invalid value 'size' for '--sort",
    ),
    // lists
    (
        &["admissions", "--org", "nowhere"],
        1,
        "no organisation 'nowhere'",
    ),
    (
        &["admissions", "--year", "99999"],
        2,
        "year 99999 is out of range",
    ),
    (
        &["orgs", "--format", "xml"],
        2,
        "invalid value 'xml' for '--format",
    ),
    (&["frobnicate"], 2, "unrecognized subcommand 'frobnicate'"),
];

#[test]
fn bad_input_changes_nothing_and_says_one_thing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("quota.toml");
    fs::copy(data("tam-dao-2021.toml"), &store).unwrap();
    let before = fs::read(&store).unwrap();
    for (args, code, needle) in CASES {
        // Not empty, and more than a stray word.
        assert!(
            needle.trim().len() >= 8,
            "{args:?}: name the words the message must contain"
        );
        let o = run(&store, args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(*code), "{args:?}: {err}");
        assert!(stdout(&o).is_empty(), "{args:?} printed to stdout");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            err.contains(needle),
            "{args:?}: expected {needle:?} in {err}"
        );
        if *code == 1 {
            assert_eq!(err.lines().count(), 1, "{args:?}: not one line: {err}");
            assert!(err.starts_with("quota: "), "{args:?}: {err}");
        }
        assert!(
            !err.contains("Nguyễn Văn A") && !err.contains("Lê Văn Tám"),
            "{args:?} echoed a name"
        );
        assert!(!err.contains("31/02/2000"), "{args:?} echoed a birth date");
        assert_eq!(
            fs::read(&store).unwrap(),
            before,
            "{args:?} changed the store"
        );
    }
    // Nothing was left beside the store but the writers' lock file.
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["quota.toml", "quota.toml.lock"]);
}

#[test]
fn missing_and_broken_stores() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.toml");
    let o = run(&missing, &["report"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("quota init"), "{}", stderr(&o));
    assert!(!missing.exists());

    let o = run(dir.path(), &["report"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is a directory"), "{}", stderr(&o));

    let broken = dir.path().join("broken.toml");
    let text =
        "version = 1\n[[orgs]]\nid = \"a\"\nname = \"Lê Thị Hoa\"\nmembers = \"Lê Thị Hoa\"\n";
    fs::write(&broken, text).unwrap();
    let o = run(&broken, &["admit", "a"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("broken.toml: line 5, column 11"), "{err}");
    assert!(!err.contains("Lê Thị"), "{err}");
    assert_eq!(fs::read_to_string(&broken).unwrap(), text);

    let future = dir.path().join("future.json");
    fs::write(&future, r#"{"version": 99}"#).unwrap();
    let o = run(&future, &["orgs"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("upgrade quota"), "{}", stderr(&o));

    let bad_today = common::quota()
        .env("QUOTA_TODAY", "tomorrow")
        .arg("--store")
        .arg(data("tam-dao-2021.toml"))
        .arg("report")
        .output()
        .unwrap();
    assert_eq!(bad_today.status.code(), Some(1));
    assert!(stderr(&bad_today).contains("QUOTA_TODAY"));
}

#[test]
fn messages_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("quota.toml");
    fs::copy(data("tam-dao-2021.toml"), &store).unwrap();
    let o = run(
        &store,
        &["--lang", "vi", "admit", "hop-chau", "--date", "31/02/2023"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Không có ngày '31/02/2023'"),
        "{}",
        stderr(&o)
    );
    let o = common::quota()
        .env("LANG", "vi_VN.UTF-8")
        .arg("--store")
        .arg(&store)
        .args(["remove", "tam-dao"])
        .output()
        .unwrap();
    assert!(stderr(&o).contains("cấp dưới"), "{}", stderr(&o));
}

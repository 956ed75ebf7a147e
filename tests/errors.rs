//! Every wrong input: one sentence on stderr, exit 1 (2 for usage),
//! nothing on stdout, no panic, and the store byte-identical afterwards.

mod common;

use std::fs;

use common::{data, run, stderr, stdout};

/// (arguments, exit status, a piece the message must contain)
const CASES: &[(&[&str], i32, &str)] = &[
    // add
    (&["add", "hop-chau", "--name", "X"], 1, "already exists"),
    (&["add", "Krong Bong"], 1, "not a valid organisation id"),
    (&["add", "-x"], 2, "unexpected argument '-x'"),
    // Numbers: negative, too large or not numbers say the range (bug 3).
    (
        &["admit", "hop-chau", "-2"],
        2,
        "The count must be a whole number from 1 to 1,000,000,000",
    ),
    (
        &["assign", "hop-chau", "-5", "--year", "2021"],
        2,
        "The quota must be a whole number from 0 to 1,000,000,000",
    ),
    (
        &["admit", "hop-chau", "99999999999999999999"],
        2,
        "must be a whole number from 1 to 1,000,000,000",
    ),
    // A term given as a year and a year as a term (bug 4).
    (
        &["assign", "hop-chau", "18", "--year", "2025-2030"],
        2,
        "use --term 2025-2030",
    ),
    // An unknown command never gets a destructive suggestion (bug 6).
    (&["merge", "a", "b"], 2, "unrecognized subcommand 'merge'"),
    (
        &["add", "xa-moi", "--parent", "hop-chaw"],
        1,
        "did you mean 'hop-chau'",
    ),
    (&["add", "xa-moi", "--quota", "10"], 2, "--year"),
    (&["add", "xa-moi", "--year", "2021"], 2, "--quota"),
    (&["add", "xa-moi", "--name", "A\tB"], 1, "control character"),
    (&["add", "xa-moi", "--name", "   "], 1, "empty"),
    (
        &["add", "xa-moi", "--members", "99999999999"],
        2,
        "must be a whole number from 0 to 1,000,000,000",
    ),
    (&["add", "xa-moi", "--members", "-3"], 2, ""),
    // edit
    (&["edit", "tam-dao", "--parent", "hop-chau"], 1, "below it"),
    (&["edit", "hop-chau", "--parent", "hop-chau"], 1, "itself"),
    (&["edit", "hop-chau"], 2, "Say what to change"),
    (
        &["edit", "nowhere", "--level", "x"],
        1,
        "no organisation 'nowhere'",
    ),
    (
        &["edit", "hop-chau", "--parent", "tam-dao", "--no-parent"],
        2,
        "",
    ),
    // remove
    (&["remove", "tam-dao"], 1, "under it"),
    (&["remove", "hop-chau"], 1, "admission record"),
    (&["remove", "nowhere"], 1, "no organisation"),
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
        "",
    ),
    (
        &["assign", "nowhere", "10", "--year", "2021"],
        1,
        "no organisation",
    ),
    (
        &["assign", "hop-chau", "10", "--term", "2025-2020"],
        2,
        "not a term",
    ),
    (
        &["assign", "hop-chau", "10", "--term", "2020"],
        2,
        "use --year 2020",
    ),
    (
        &["assign", "hop-chau", "10", "--year", "1800"],
        2,
        "out of range",
    ),
    (&["assign", "hop-chau", "-10", "--year", "2021"], 2, ""),
    (&["assign", "hop-chau", "ten", "--year", "2021"], 2, ""),
    (
        &[
            "assign", "hop-chau", "10", "--year", "2021", "--metric", "members",
        ],
        2,
        "",
    ),
    // admit
    (
        &["admit", "hop-chau", "0"],
        2,
        "must be a whole number from 1 to 1,000,000,000",
    ),
    (
        &["admit", "hop-chau", "--date", "2026-11-23"],
        1,
        "after today",
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
        "not a valid date",
    ),
    (
        &["admit", "hop-chau", "--date", "1929-01-01"],
        1,
        "before the Party was founded",
    ),
    (
        &["admit", "hop-chau", "2", "--name", "Nguyễn Văn A"],
        1,
        "one person",
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
        "birth date",
    ),
    (&["admit", "hop-chaw"], 1, "did you mean 'hop-chau'"),
    (&["admit", "hop-chau", "-1"], 2, ""),
    (
        &["admit", "hop-chau", "--sex", "other"],
        2,
        "--sex takes female or male",
    ),
    (
        &["admit", "hop-chau", "Lê Văn Tám"],
        2,
        "must be a whole number from 1",
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
        "must be a whole number from 1 to 1,000,000,000",
    ),
    // void
    (
        &["void", "9999", "--reason", "typo"],
        1,
        "no admission record 9999",
    ),
    (&["void", "1"], 2, "--reason"),
    (&["void", "abc", "--reason", "typo"], 2, ""),
    // report
    (&["report", "--precision", "9"], 1, "precision"),
    (
        &["report", "--year", "2021", "--deadline", "2022-06-01"],
        1,
        "outside the period",
    ),
    (
        &["report", "--year", "2021", "--as-of", "2020-06-01"],
        1,
        "before the period",
    ),
    (
        &["report", "--as-of", "2023/10/10"],
        1,
        "2023-10-10 or 10/10/2023",
    ),
    (
        &["report", "--year", "2021", "--deadline", "2020-06-01"],
        1,
        "deadline",
    ),
    (&["report", "--org", "nowhere"], 1, "no organisation"),
    (&["report", "--year", "2021", "--term", "2020-2025"], 2, ""),
    (&["report", "--format", "pdf"], 2, ""),
    (&["report", "--sort", "size"], 2, ""),
    // lists
    (&["admissions", "--org", "nowhere"], 1, "no organisation"),
    (&["admissions", "--year", "99999"], 2, "out of range"),
    (&["orgs", "--format", "xml"], 2, ""),
    (&["frobnicate"], 2, ""),
];

#[test]
fn bad_input_changes_nothing_and_says_one_thing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("quota.toml");
    fs::copy(data("tam-dao-2021.toml"), &store).unwrap();
    let before = fs::read(&store).unwrap();
    for (args, code, needle) in CASES {
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

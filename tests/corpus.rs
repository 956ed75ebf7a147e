//! A corpus of broken stores and bad arguments. Each one: exit 1 or 2, one
//! clear sentence with the words named for that case, no panic, no personal
//! data in the message, and the store byte-identical afterwards.

mod common;

use std::fs;
use std::path::Path;

use common::{run, stderr, stdout};

/// A name that must never appear in a message.
const SECRET: &str = "Trần Bí Mật";

const GOOD: &str = "version = 1\nnext_id = 2\n\n[[orgs]]\nid = \"xa\"\nname = \"Đảng bộ xã\"\n\n\
[[admissions]]\nid = 1\norg = \"xa\"\ndate = \"2023-05-01\"\ncount = 1\n\n[admissions.person]\nname = \"Trần Bí Mật\"\n";

/// (what is broken, the file's bytes, the words the message must contain)
type Case = (&'static str, Vec<u8>, &'static str);

fn toml_cases() -> Vec<Case> {
    let good = GOOD.to_string();
    let with = |from: &str, to: &str| -> Vec<u8> {
        assert!(good.contains(from), "{from}");
        good.replacen(from, to, 1).into_bytes()
    };
    // Cut 9 bytes from the end: inside the 'í' of the last name.
    let mid_char = good.as_bytes()[..good.len() - 9].to_vec();
    assert!(std::str::from_utf8(&mid_char).is_err());
    // Cut 9 characters from the end: inside the last string.
    let chars: Vec<char> = good.chars().collect();
    let mid_string: String = chars[..chars.len() - 9].iter().collect();
    vec![
        ("empty file", Vec::new(), "the file is empty"),
        ("only spaces", b"  \n\n".to_vec(), "the file is empty"),
        ("truncated inside a character", mid_char, "not valid UTF-8"),
        (
            "truncated inside a string",
            mid_string.into_bytes(),
            "line 15, column 13: invalid basic string",
        ),
        (
            "truncated after `count =`",
            good.as_bytes()[..good.find("count = ").unwrap() + 8].to_vec(),
            "line 12, column 9",
        ),
        (
            "truncated in a table header",
            b"version = 1\n[[orgs".to_vec(),
            "line 2, column 7: unclosed array table",
        ),
        (
            "utf-8 bom",
            [b"\xEF\xBB\xBF".as_slice(), good.as_bytes()].concat(),
            "starts with a byte-order mark",
        ),
        (
            "not utf-8",
            with("Đảng bộ xã", "\u{0}")
                .iter()
                .map(|&b| if b == 0 { 0xff } else { b })
                .collect(),
            "not valid UTF-8",
        ),
        (
            "unclosed string",
            with("\"Trần Bí Mật\"", "\"Trần Bí Mật"),
            "line 15, column 20: invalid basic string",
        ),
        (
            "garbage",
            b"<?xml version=\"1.0\"?><store/>".to_vec(),
            "line 1, column 7: key with no value",
        ),
        (
            "no version",
            with("version = 1\n", ""),
            "missing field `version`",
        ),
        (
            "version zero",
            with("version = 1", "version = 0"),
            "`version` must be 1",
        ),
        (
            "version from the future",
            with("version = 1", "version = 2"),
            "version 2, newer than this quota understands",
        ),
        (
            "version as text",
            with("version = 1", "version = \"1\""),
            "line 1, column 11: invalid type: string",
        ),
        (
            "negative version",
            with("version = 1", "version = -1"),
            "line 1, column 11: invalid value: integer `-1`",
        ),
        (
            "unknown top-level field",
            with("next_id = 2", "next_id = 2\nowner = \"Trần Bí Mật\""),
            "line 3, column 1: unknown field `…`, expected one of `version`",
        ),
        (
            "unknown org field",
            with(
                "name = \"Đảng bộ xã\"",
                "name = \"Đảng bộ xã\"\ncolour = \"red\"",
            ),
            "line 7, column 1: unknown field `…`, expected one of `id`",
        ),
        (
            "unknown person field",
            with(
                "[admissions.person]\n",
                "[admissions.person]\nphone = \"0901\"\n",
            ),
            "line 15, column 1: unknown field `…`, expected one of `name`",
        ),
        (
            "name of wrong type",
            with("name = \"Đảng bộ xã\"", "name = 5"),
            "line 6, column 8: invalid type: integer `5`, expected a string",
        ),
        (
            "count as text",
            with("count = 1", "count = \"Trần Bí Mật\""),
            "line 12, column 9: invalid type: string",
        ),
        (
            "negative count",
            with("count = 1", "count = -3"),
            "line 12, column 9: invalid value: integer `-3`",
        ),
        (
            "zero count",
            with("count = 1", "count = 0"),
            "admission record 1 has a count of 0",
        ),
        (
            "huge count",
            with("count = 1", "count = 99999999999999"),
            "record 1 is 99999999999999, more than 1000000000",
        ),
        (
            "count beyond i64",
            with("count = 1", "count = 99999999999999999999"),
            "line 12, column 9: invalid type: integer `99999999999999999999`",
        ),
        (
            "float count",
            with("count = 1", "count = 1.5"),
            "line 12, column 9: invalid type: floating point `1.5`",
        ),
        (
            "impossible date",
            with("2023-05-01", "2023-02-31"),
            "line 11, column 8: not a valid date",
        ),
        (
            "month 13",
            with("2023-05-01", "2023-13-01"),
            "line 11, column 8: not a valid date",
        ),
        (
            "day-first date in the file",
            with("2023-05-01", "31/02/2023"),
            "line 11, column 8: not a valid date",
        ),
        (
            "toml date-time",
            with("date = \"2023-05-01\"", "date = 2023-05-01T10:00:00"),
            "line 11, column 8: not a valid date",
        ),
        (
            "birth date impossible",
            with(
                "name = \"Trần Bí Mật\"",
                "name = \"Trần Bí Mật\"\nborn = \"1999-02-30\"",
            ),
            "line 16, column 8: not a valid date",
        ),
        (
            "duplicate org id",
            with(
                "[[admissions]]",
                "[[orgs]]\nid = \"xa\"\nname = \"Xã khác\"\n\n[[admissions]]",
            ),
            "lists the organisation 'xa' twice",
        ),
        (
            "invalid org id",
            with("id = \"xa\"", "id = \"Xã\""),
            "an organisation with the invalid id 'Xã'",
        ),
        (
            "org id in NFD",
            with("id = \"xa\"\nname", "id = \"xa\u{0300}\"\nname"),
            "an organisation with the invalid id 'xa\u{0300}'",
        ),
        (
            "control character in a name",
            with("Đảng bộ xã", "Đảng\u{7}bộ"),
            "line 6, column 13: invalid basic string",
        ),
        (
            "escape in a note",
            with("count = 1\n", "count = 1\nnote = \"a\\u001b[2Jb\"\n"),
            "The note of admission record 1 contains a control character",
        ),
        (
            "escape in a level",
            with(
                "name = \"Đảng bộ xã\"",
                "name = \"Đảng bộ xã\"\nlevel = \"x\\u001by\"",
            ),
            "The level of 'xa' contains a control character",
        ),
        (
            "C1 control in a decision number",
            with("count = 1\n", "count = 1\ndecision = \"1\\u009b2\"\n"),
            "The decision number of admission record 1 contains a control character",
        ),
        (
            "escape in a void reason",
            with(
                "count = 1\n",
                "count = 1\n\n[admissions.void]\nreason = \"x\\u001b\"\non = \"2023-06-01\"\n",
            ),
            "The reason of admission record 1 contains a control character",
        ),
        (
            "escape in an occupation",
            with(
                "name = \"Trần Bí Mật\"",
                "name = \"Trần Bí Mật\"\noccupation = \"n\\u001b\"",
            ),
            "The occupation of admission record 1 contains a control character",
        ),
        (
            "delete in a person's name",
            with("\"Trần Bí Mật\"", "\"Trần Bí Mật\\u007f\""),
            "The name of admission record 1 contains a control character",
        ),
        (
            "direction override in an org name",
            with("Đảng bộ xã", "Đảng bộ \\u202exã"),
            "The name of 'xa' contains the character U+202E",
        ),
        (
            "dangling parent",
            with(
                "name = \"Đảng bộ xã\"",
                "name = \"Đảng bộ xã\"\nparent = \"tinh\"",
            ),
            "'xa' has the parent 'tinh', which is not in the store",
        ),
        (
            "parent is itself",
            with(
                "name = \"Đảng bộ xã\"",
                "name = \"Đảng bộ xã\"\nparent = \"xa\"",
            ),
            "'xa' form a cycle of parents",
        ),
        (
            "cycle of two",
            with(
                "name = \"Đảng bộ xã\"",
                "name = \"Đảng bộ xã\"\nparent = \"b\"\n\n[[orgs]]\nid = \"b\"\nname = \"B\"\nparent = \"xa\"",
            ),
            "'xa' → 'b' form a cycle of parents",
        ),
        (
            "admission for unknown org",
            with("org = \"xa\"", "org = \"nowhere\""),
            "record 1 is for 'nowhere', which is not an organisation",
        ),
        (
            "duplicate admission id",
            with(
                "[admissions.person]",
                "[[admissions]]\nid = 1\norg = \"xa\"\ndate = \"2023-05-02\"\ncount = 2\n\n[[admissions]]\nid = 5\norg = \"xa\"\ndate = \"2023-05-02\"\ncount = 1\n\n[admissions.person]",
            ),
            "the admission id 1 twice",
        ),
        (
            "admission id zero",
            with("id = 1\norg", "id = 0\norg"),
            "an admission record with id 0",
        ),
        (
            "details with a count of 2",
            with("count = 1", "count = 2"),
            "record 1 has personal details but a count of 2",
        ),
        (
            "sex not known",
            with(
                "name = \"Trần Bí Mật\"",
                "name = \"Trần Bí Mật\"\nsex = \"other\"",
            ),
            "line 16, column 7: unknown variant `…`, expected `female` or `male`",
        ),
        (
            "quota with year and term",
            with(
                "[[admissions]]",
                "[[quotas]]\norg = \"xa\"\nyear = 2023\nterm = \"2020-2025\"\ntarget = 5\n\n[[admissions]]",
            ),
            "line 8, column 1: a quota needs exactly one of `year` and `term`",
        ),
        (
            "quota term backwards",
            with(
                "[[admissions]]",
                "[[quotas]]\norg = \"xa\"\nterm = \"2025-2020\"\ntarget = 5\n\n[[admissions]]",
            ),
            "line 8, column 1: '2025-2020' is not a term",
        ),
        (
            "quota for unknown org",
            with(
                "[[admissions]]",
                "[[quotas]]\norg = \"tinh\"\nyear = 2023\ntarget = 5\n\n[[admissions]]",
            ),
            "a quota for 'tinh', which is not an organisation",
        ),
        (
            "negative quota",
            with(
                "[[admissions]]",
                "[[quotas]]\norg = \"xa\"\nyear = 2023\ntarget = -5\n\n[[admissions]]",
            ),
            "line 11, column 10: invalid value: integer `-5`",
        ),
        (
            "two quotas for one year",
            with(
                "[[admissions]]",
                "[[quotas]]\norg = \"xa\"\nyear = 2023\ntarget = 5\n\n[[quotas]]\norg = \"xa\"\nyear = 2023\ntarget = 6\n\n[[admissions]]",
            ),
            "two admissions quotas for 'xa' in 2023",
        ),
        (
            "quota year 99999",
            with(
                "[[admissions]]",
                "[[quotas]]\norg = \"xa\"\nyear = 99999\ntarget = 5\n\n[[admissions]]",
            ),
            "line 8, column 1: The year 99999 is out of range",
        ),
        (
            "candidate for unknown org",
            with(
                "[[admissions]]",
                "[[candidates]]\nid = 7\norg = \"thon\"\nsource = \"2023-01-01\"\n\n[candidates.person]\nname = \"Trần Bí Mật\"\n\n[[admissions]]",
            ),
            "The candidate 7 is for 'thon', which is not an organisation",
        ),
        (
            "candidate stages back in time",
            with(
                "[[admissions]]",
                "[[candidates]]\nid = 7\norg = \"xa\"\nsource = \"2023-03-01\"\napplied = \"2023-01-01\"\n\n[[admissions]]",
            ),
            "candidate 7 has no steps, or steps out of order",
        ),
        (
            "class attendance with the id of an admission",
            with(
                "[[admissions]]",
                "[[trainings]]\nid = 1\norg = \"xa\"\ndate = \"2023-01-01\"\ncount = 4\n\n[[admissions]]",
            ),
            "gives the id 1 to two records",
        ),
        (
            "a holiday twice",
            with(
                "[[admissions]]",
                "[[holidays]]\ndate = \"2023-09-02\"\n\n[[holidays]]\ndate = \"2023-09-02\"\n\n[[admissions]]",
            ),
            "lists the holiday 2023-09-02 twice",
        ),
        (
            "a ceremony before the decision",
            with(
                "[admissions.person]",
                "[admissions.probation]\nceremony = \"2023-04-01\"\n\n[admissions.person]",
            ),
            "record 1 has its ceremony, confirmation or striking off out of order",
        ),
    ]
}

fn json_cases() -> Vec<Case> {
    vec![
        (
            "json: empty object",
            b"{}".to_vec(),
            "line 1, column 2: missing field `version`",
        ),
        (
            "json: truncated",
            b"{\"version\": 1, \"orgs\": [{\"id\": \"xa\", \"name\": \"Tr".to_vec(),
            "line 1, column 48: EOF while parsing a string",
        ),
        (
            "json: array",
            b"[1, 2]".to_vec(),
            "a JSON store is an object",
        ),
        (
            "json: wrong type",
            "{\"version\": 1, \"orgs\": [{\"id\": \"xa\", \"name\": [\"Trần Bí Mật\"]}]}"
                .as_bytes()
                .to_vec(),
            "line 1, column 45: invalid type: sequence, expected a string",
        ),
        (
            "json: unknown field",
            "{\"version\": 1, \"secret\": \"Trần Bí Mật\"}"
                .as_bytes()
                .to_vec(),
            "line 1, column 23: unknown field `…`",
        ),
        (
            "json: future version",
            b"{\"version\": 7}".to_vec(),
            "version 7, newer than this quota understands",
        ),
        (
            "json: escape in a note",
            br#"{"version": 1, "orgs": [{"id": "xa", "name": "X"}], "admissions": [{"id": 1, "org": "xa", "date": "2023-05-01", "count": 1, "note": "\u001b[31m"}]}"#.to_vec(),
            "The note of admission record 1 contains a control character",
        ),
        (
            "json: bom",
            [b"\xEF\xBB\xBF".as_slice(), b"{\"version\": 1}"].concat(),
            "starts with a byte-order mark",
        ),
    ]
}

/// Runs a write and a read on a broken store: both refuse, cleanly, with
/// a message that names the file and contains `expect`.
fn refuses(path: &Path, what: &str, expect: &str) {
    assert!(
        expect.trim().len() >= 8,
        "{what}: name the words the message must contain"
    );
    let before = fs::read(path).unwrap();
    let named = format!("quota: {}: ", path.display());
    for args in [
        &["admit", "xa", "--date", "2023-06-01"][..],
        &["report", "--year", "2023"][..],
    ] {
        let o = run(path, args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{what}: {args:?}: {err}");
        assert!(stdout(&o).is_empty(), "{what}");
        assert!(!err.contains("panicked"), "{what}: {err}");
        assert_eq!(err.lines().count(), 1, "{what}: not one line: {err}");
        assert!(err.starts_with(&named), "{what}: {err}");
        assert!(
            err.contains(expect),
            "{what}: {args:?}: expected {expect:?} in {err}"
        );
        assert!(
            !err.contains(SECRET) && !err.contains("Bí Mật"),
            "{what}: personal data in {err}"
        );
        assert_eq!(fs::read(path).unwrap(), before, "{what}: the store changed");
    }
}

#[test]
fn broken_stores_are_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    // The good store is accepted, so each case fails for its own reason.
    let good = dir.path().join("good.toml");
    fs::write(&good, GOOD).unwrap();
    let o = run(&good, &["report", "--year", "2023"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let mut n = 0;
    for (what, bytes, expect) in toml_cases() {
        let path = dir.path().join(format!("case{n}.toml"));
        fs::write(&path, &bytes).unwrap();
        refuses(&path, what, expect);
        n += 1;
    }
    for (what, bytes, expect) in json_cases() {
        let path = dir.path().join(format!("case{n}.json"));
        fs::write(&path, &bytes).unwrap();
        refuses(&path, what, expect);
        n += 1;
    }
    assert!(n >= 40, "only {n} cases");
}

#[test]
fn missing_odd_and_unreadable_paths() {
    let dir = tempfile::tempdir().unwrap();
    // No store at all; a directory; a path through a file.
    let file = dir.path().join("file.toml");
    fs::write(&file, GOOD).unwrap();
    let none = dir.path().join("none.toml");
    let through = file.join("x.toml");
    let no_store = format!("There is no store at {}", none.display());
    let a_directory = format!("{} is a directory, not a store file", dir.path().display());
    // A write names the part of the path that is not a directory.
    let not_a_dir = format!("{}", file.display());
    let cannot_read = format!("Cannot read the store {}", through.display());
    let cases: [(&Path, &[&str], &str); 6] = [
        (&none, &["admit", "xa"], &no_store),
        (&none, &["report"], &no_store),
        (dir.path(), &["admit", "xa"], &a_directory),
        (dir.path(), &["report"], &a_directory),
        (&through, &["admit", "xa"], &not_a_dir),
        (&through, &["report"], &cannot_read),
    ];
    for (path, args, expect) in cases {
        let o = run(path, args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{path:?} {args:?}: {err}");
        assert!(stdout(&o).is_empty(), "{path:?} {args:?}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("quota: "), "{err}");
        assert!(
            err.contains(expect),
            "{path:?} {args:?}: expected {expect:?} in {err}"
        );
    }
    assert!(!none.exists(), "a read or failed write created the store");

    // Unreadable: only meaningful when not running as root.
    use std::os::unix::fs::PermissionsExt;
    let locked = dir.path().join("locked.toml");
    fs::write(&locked, GOOD).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_err() {
        let o = run(&locked, &["report"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("Cannot read"), "{}", stderr(&o));
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o600)).unwrap();
}

#[test]
fn bad_arguments_on_a_good_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quota.toml");
    fs::write(&path, GOOD).unwrap();
    let before = fs::read(&path).unwrap();
    let nfd_id = "xa\u{0300}";
    // (arguments, exit status, the words the message must contain)
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            vec!["admit", "xa", "--date", "31/02/2023"],
            1,
            "There is no day '31/02/2023'",
        ),
        (
            vec!["admit", "xa", "--date", "2023-13-01"],
            1,
            "There is no day '2023-13-01'",
        ),
        (
            vec!["admit", "xa", "--date", "2999-01-01"],
            1,
            "2999-01-01 is after today",
        ),
        (
            vec!["admit", "xa", "--name", "Trần\u{1b}[31mBí Mật"],
            1,
            "name contains a control character",
        ),
        (
            vec!["admit", "xa", "99999999999999999999"],
            2,
            "count must be a whole number from 1 to 1,000,000,000",
        ),
        (vec!["add", nfd_id], 1, "is not a valid organisation id"),
        (vec!["add", "xa"], 1, "'xa' already exists"),
        (
            vec!["assign", "xa", "-1", "--year", "2023"],
            2,
            "quota must be a whole number from 0 to 1,000,000,000",
        ),
        (
            vec!["void", "1", "--reason", "\u{7}"],
            1,
            "reason contains a control character",
        ),
        (
            vec!["report", "--precision", "300"],
            2,
            "invalid value '300' for '--precision",
        ),
    ];
    for (args, code, expect) in cases {
        assert!(
            expect.trim().len() >= 8,
            "{args:?}: name the words the message must contain"
        );
        let o = run(&path, &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {err}");
        assert!(stdout(&o).is_empty(), "{args:?} printed to stdout");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            err.contains(expect),
            "{args:?}: expected {expect:?} in {err}"
        );
        if code == 1 {
            assert_eq!(err.lines().count(), 1, "{args:?}: not one line: {err}");
            assert!(err.starts_with("quota: "), "{args:?}: {err}");
        }
        assert!(!err.contains("Bí Mật"), "{args:?}: {err}");
        assert!(!err.contains('\u{1b}'), "{args:?}: escape echoed: {err}");
        assert_eq!(fs::read(&path).unwrap(), before, "{args:?}");
    }
}

#[test]
#[ignore = "prints the messages, for reading"]
fn show_messages() {
    let dir = tempfile::tempdir().unwrap();
    for (n, (what, bytes, _)) in toml_cases().into_iter().chain(json_cases()).enumerate() {
        let ext = if what.starts_with("json") {
            "json"
        } else {
            "toml"
        };
        let path = dir.path().join(format!("c{n}.{ext}"));
        fs::write(&path, &bytes).unwrap();
        let o = run(&path, &["report"]);
        eprintln!(
            "{what:32} {}",
            stderr(&o)
                .trim()
                .replace(&*dir.path().to_string_lossy(), "")
        );
    }
}

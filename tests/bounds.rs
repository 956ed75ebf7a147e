//! Bounded work on any input: huge or endless CSV files, trees deeper than
//! any real one, arguments of any length, and text meant for a terminal
//! rather than for a person. Each is refused (or shown harmless) with one
//! clear message, and the store is left byte-identical.

mod common;

use std::fs;
use std::path::Path;

use common::{fresh, ok, quota, run, stderr, stdout};

/// A store whose organisations form one chain `o1` ← `o2` ← … ← `oN`.
fn chain(n: usize) -> String {
    let mut s = String::from("version = 1\nnext_id = 1\n");
    for i in 1..=n {
        s += &format!("\n[[orgs]]\nid = \"o{i}\"\nname = \"Cấp {i}\"\n");
        if i > 1 {
            s += &format!("parent = \"o{}\"\n", i - 1);
        }
    }
    s
}

/// Runs `args` on `store`, which must refuse with exit 1 and `expect` in
/// its message, leaving the store as it was; returns the message.
fn refused(store: &Path, args: &[&str], expect: &str) -> String {
    assert!(expect.trim().len() >= 8, "name the words expected");
    let before = fs::read(store).unwrap();
    let o = run(store, args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
    assert!(stdout(&o).is_empty(), "{args:?}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert!(
        err.contains(expect),
        "{args:?}: expected {expect:?} in {err}"
    );
    assert_eq!(
        fs::read(store).unwrap(),
        before,
        "{args:?} changed the store"
    );
    err
}

#[cfg(target_os = "linux")]
#[test]
fn importing_dev_zero_stops_at_the_first_cell() {
    let (_dir, store) = fresh();
    let err = refused(
        &store,
        &["import", "/dev/zero"],
        "/dev/zero:1: a cell is longer than 64 KB",
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let err = refused(
        &store,
        &["import", "/dev/zero", "--encoding", "windows-1258"],
        "/dev/zero:1: a cell is longer than 64 KB",
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_row_or_a_cell_too_long_is_named_by_its_line() {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    let file = dir.path().join("long.csv");
    let f = file.to_str().unwrap();

    // Over 1 MB on one line, in cells of a few bytes each.
    let row = "xa,2023-01-01,1,".repeat(70_000);
    fs::write(&file, format!("org,date,count\nxa,2023-01-01,1\n{row}\n")).unwrap();
    refused(
        &store,
        &["import", f],
        &format!("{f}:3: the row is longer than 1 MB"),
    );

    // One cell of 100 KB, after a blank line.
    let cell = "x".repeat(100_000);
    fs::write(&file, format!("org,date,count\n\nxa,2023-01-01,{cell}\n")).unwrap();
    refused(
        &store,
        &["import", f],
        &format!("{f}:3: a cell is longer than 64 KB"),
    );

    // The same with no line break at all, as in the header.
    fs::write(&file, format!("org,date,{cell}")).unwrap();
    let err = refused(
        &store,
        &["--lang", "vi", "import", f],
        &format!("{f}:1: có ô dài hơn 64 KB"),
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn an_unclosed_quote_is_named_where_it_opens() {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    let file = dir.path().join("quote.csv");
    let f = file.to_str().unwrap();
    fs::write(
        &file,
        "org,date,count,note\nxa,2023-01-01,1,\nxa,2023-01-02,1,\"Chi bộ 3\nxa,2023-01-03,1,\n",
    )
    .unwrap();
    refused(
        &store,
        &["import", f],
        &format!("{f}:3: unclosed quote starting at line 3"),
    );
    refused(
        &store,
        &["--lang", "vi", "import", f],
        &format!("{f}:3: dấu ngoặc kép chưa được đóng, mở từ dòng 3"),
    );
    // A quoted cell that runs on past any real cell says the same.
    let long = "dòng\n".repeat(20_000);
    fs::write(
        &file,
        format!("org,date,count,note\nxa,2023-01-01,1,\n\nxa,2023-01-02,1,\"{long}"),
    )
    .unwrap();
    refused(
        &store,
        &["import", f],
        &format!("{f}:4: unclosed quote starting at line 4"),
    );
}

#[test]
fn a_store_forty_levels_deep_is_refused_on_load() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("deep.toml");
    fs::write(&store, chain(40)).unwrap();
    for args in [&["orgs", "--tree"][..], &["report"], &["add", "x"]] {
        let err = refused(
            &store,
            args,
            "The tree of 'o1' reaches 33 levels at 'o33', more than the 32 levels a tree may have",
        );
        assert!(
            err.starts_with(&format!("quota: {}: The tree", store.display())),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let err = refused(
        &store,
        &["--lang", "vi", "orgs"],
        "Cây của 'o1' có tới 33 tầng tại 'o33', vượt quá 32 tầng tối đa",
    );
    assert!(!err.contains("Cấp"), "a name in the message: {err}");
}

#[test]
fn the_thirty_third_level_is_refused_by_add_edit_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("quota.toml");
    fs::write(&store, chain(32)).unwrap();
    ok(&store, &["orgs", "--tree"]);

    refused(
        &store,
        &["add", "o33", "--parent", "o32"],
        "The tree of 'o1' reaches 33 levels at 'o33'",
    );
    ok(&store, &["add", "o32b", "--parent", "o31"]);

    // Moving a branch of two levels under level 31 makes 33.
    ok(&store, &["add", "side"]);
    ok(&store, &["add", "side-a", "--parent", "side"]);
    refused(
        &store,
        &["edit", "side", "--parent", "o31"],
        "'side' cannot go under 'o31': its tree would reach 33 levels, more than the 32 levels",
    );
    ok(&store, &["edit", "side", "--parent", "o30"]);

    // An import whose rows, in any order, go one level too far.
    let file = dir.path().join("orgs.csv");
    let f = file.to_str().unwrap();
    fs::write(&file, "id,name,parent\nnew-b,B,new-a\nnew-a,A,o32\n").unwrap();
    refused(
        &store,
        &["import", f],
        &format!(
            "{f}:3: column parent: the tree of 'o1' reaches 33 levels at 'new-a', more than the 32 levels"
        ),
    );
    fs::write(&file, "id,name,parent\nnew-a,A,o31\n").unwrap();
    ok(&store, &["import", f]);
}

#[test]
fn an_argument_of_any_length_is_looked_up_and_not_repeated_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("quota.toml");
    fs::write(&store, chain(30)).unwrap();
    let long = "o".repeat(100_000);
    for args in [
        &["admit", long.as_str()][..],
        &["add", "x", "--parent", long.as_str()],
    ] {
        let err = refused(&store, args, "no organisation 'oooooooo");
        assert!(err.contains("…'"), "{err}");
        assert!(err.len() < 400, "the argument repeated whole: {err}");
    }
    // Usage errors too.
    for (args, expect) in [
        (&[long.as_str()][..], "unrecognized subcommand 'oooooooo"),
        (
            &["orgs", "--format", long.as_str()],
            "invalid value 'oooooooo",
        ),
    ] {
        let o = run(&store, args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(expect) && err.contains("…'"), "{err}");
        assert!(err.len() < 400, "the argument repeated whole: {err}");
    }
}

#[test]
fn control_and_direction_characters_are_refused_in_every_text_field() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    for (args, expect) in [
        (
            &["admit", "xa", "--note", "a\u{1b}[2Jb"][..],
            "The note contains a control character",
        ),
        (
            &["admit", "xa", "--decision", "1\u{9b}2"],
            "The decision number contains a control character",
        ),
        (
            &["add", "xb", "--name", "Xã \u{202e}A"],
            "The name contains the character U+202E",
        ),
        (
            &["edit", "xa", "--level", "x\u{2066}y"],
            "The level contains the character U+2066",
        ),
    ] {
        let err = refused(&store, args, expect);
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{202e}'),
            "{err}"
        );
    }
}

#[test]
fn the_log_shows_control_characters_escaped() {
    let (_dir, store) = fresh();
    let add = quota()
        .env("USER", "evil\u{1b}]0;owned\u{7}\u{1b}[2J")
        .arg("--store")
        .arg(&store)
        .args(["add", "xa", "--name", "Xã A"])
        .output()
        .unwrap();
    assert!(add.status.success(), "{}", stderr(&add));
    for format in ["table", "csv", "json"] {
        let out = run(&store, &["log", "--format", format]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            !out.stdout.iter().any(|&b| b == 0x1b || b == 0x07),
            "{format}: a raw control character in {:?}",
            stdout(&out)
        );
        assert!(stdout(&out).contains("evil"), "{format}");
    }
    let log = ok(&store, &["log", "--format", "csv"]);
    assert!(log.contains("evil\\u{1b}]0;owned\\u{7}\\u{1b}[2J"), "{log}");
    let undo = ok(&store, &["undo"]);
    assert!(!undo.contains('\u{1b}'), "{undo:?}");
    assert!(undo.contains("evil\\u{1b}"), "{undo}");
}

#[test]
fn file_names_and_arguments_reach_the_terminal_escaped() {
    let (dir, store) = fresh();
    let csv = dir.path().join("a\u{1b}[2J.csv");
    for (args, code) in [
        (vec!["import", csv.to_str().unwrap()], 1),
        (vec!["orgs", "--format", "\u{1b}[2J"], 2),
    ] {
        let o = run(&store, &args);
        assert_eq!(o.status.code(), Some(code), "{}", stderr(&o));
        assert!(!o.stderr.contains(&0x1b), "{args:?}: {:?}", stderr(&o));
        assert!(stderr(&o).contains("\\u{1b}[2J"), "{}", stderr(&o));
    }
    fs::write(&csv, "id,name\nxb,Xã B\n").unwrap();
    let o = run(&store, &["import", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!o.stdout.contains(&0x1b), "{:?}", stdout(&o));
}

//! Each commune keeps its own store; the province syncs them under its own
//! organisations every month, counting nothing twice.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{content, ok, run, stderr};
use serde_json::Value;

/// A commune's store: the commune, one cell, a 2026 quota, admissions.
fn commune(dir: &Path, id: &str, admitted: &[(&str, &str)]) -> PathBuf {
    let store = dir.join(format!("{id}.toml"));
    ok(&store, &["init"]);
    ok(
        &store,
        &[
            "add",
            id,
            "--name",
            &format!("Đảng bộ xã {id}"),
            "--level",
            "commune",
        ],
    );
    let cell = format!("{id}-cb1");
    ok(&store, &["add", &cell, "--parent", id, "--level", "cell"]);
    ok(&store, &["assign", id, "10", "--year", "2026"]);
    for (count, date) in admitted {
        ok(&store, &["admit", &cell, count, "--date", date]);
    }
    store
}

fn admitted(store: &Path, org: &str) -> u64 {
    let r: Value = serde_json::from_str(&ok(
        store,
        &[
            "report", "--year", "2026", "--org", org, "--depth", "0", "--format", "json",
        ],
    ))
    .unwrap();
    r["rows"][0]["admitted"].as_u64().unwrap()
}

#[test]
fn a_province_syncs_three_communes_and_again_without_counting_twice() {
    let dir = tempfile::tempdir().unwrap();
    let province = dir.path().join("tinh.toml");
    ok(&province, &["init"]);
    ok(
        &province,
        &[
            "add",
            "tinh",
            "--name",
            "Đảng bộ tỉnh",
            "--level",
            "province",
        ],
    );
    ok(&province, &["assign", "tinh", "40", "--year", "2026"]);
    // The province's own record, never touched by a sync.
    ok(&province, &["admit", "tinh", "1", "--date", "2026-02-01"]);
    let a = commune(
        dir.path(),
        "xa-a",
        &[("3", "2026-03-01"), ("2", "2026-04-01")],
    );
    let b = commune(dir.path(), "xa-b", &[("4", "2026-03-15")]);
    let c = commune(dir.path(), "xa-c", &[]);
    ok(
        &c,
        &[
            "admit",
            "xa-c-cb1",
            "--date",
            "2026-05-05",
            "--name",
            "Lò Thị Hoa",
            "--sex",
            "nữ",
        ],
    );
    for s in [&a, &b, &c] {
        let out = ok(&province, &["sync", s.to_str().unwrap(), "--under", "tinh"]);
        assert!(out.contains("2 organisation(s), 1 quota(s)"), "{out}");
    }
    assert_eq!(admitted(&province, "tinh"), 1 + 5 + 4 + 1);
    assert_eq!(admitted(&province, "xa-a"), 5);
    // The categories come, the name does not.
    let b_json: Value = serde_json::from_str(&ok(
        &province,
        &[
            "breakdown",
            "--year",
            "2026",
            "--org",
            "xa-c",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_eq!(b_json["rows"][0]["female"], 1);
    let raw = fs::read_to_string(&province).unwrap();
    assert!(
        !raw.contains("Lò Thị Hoa"),
        "a name synced without --with-details"
    );
    // A month later: xa-a admitted more and corrected its quota.
    ok(&a, &["admit", "xa-a-cb1", "6", "--date", "2026-06-01"]);
    ok(&a, &["assign", "xa-a", "12", "--year", "2026"]);
    let out = ok(&province, &["sync", a.to_str().unwrap(), "--under", "tinh"]);
    assert!(
        out.contains("in place of the earlier sync of xa-a"),
        "{out}"
    );
    assert_eq!(admitted(&province, "xa-a"), 11);
    assert_eq!(admitted(&province, "tinh"), 1 + 11 + 4 + 1);
    let r: Value = serde_json::from_str(&ok(
        &province,
        &[
            "report", "--year", "2026", "--org", "xa-a", "--depth", "0", "--format", "json",
        ],
    ))
    .unwrap();
    assert_eq!(r["rows"][0]["quota"], 12);
    // Again with nothing new: nothing changes.
    let before = content(&province);
    ok(&province, &["sync", a.to_str().unwrap(), "--under", "tinh"]);
    assert_eq!(
        admitted(&province, "tinh"),
        1 + 11 + 4 + 1,
        "a sync run twice counts once"
    );
    let after = content(&province);
    assert_eq!(after.orgs, before.orgs);
    assert_eq!(after.quotas, before.quotas);
    // The subordinate stores were only read.
    assert_eq!(admitted(&a, "xa-a"), 11);
    // With details, the names come too.
    ok(
        &province,
        &[
            "sync",
            c.to_str().unwrap(),
            "--under",
            "tinh",
            "--with-details",
        ],
    );
    assert!(
        fs::read_to_string(&province)
            .unwrap()
            .contains("Lò Thị Hoa")
    );
    // And undo takes a sync back.
    ok(&province, &["undo"]);
    assert!(
        !fs::read_to_string(&province)
            .unwrap()
            .contains("Lò Thị Hoa")
    );
}

#[test]
fn a_clashing_store_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let province = dir.path().join("tinh.json");
    ok(&province, &["init"]);
    ok(&province, &["add", "tinh"]);
    ok(&province, &["add", "xa-b-cb1", "--parent", "tinh"]);
    let a = commune(dir.path(), "xa-a", &[("3", "2026-03-01")]);
    ok(&province, &["sync", a.to_str().unwrap(), "--under", "tinh"]);
    // xa-b's cell has an id the province has already.
    let b = commune(dir.path(), "xa-b", &[("4", "2026-03-15")]);
    let bytes = fs::read(&province).unwrap();
    let o = run(&province, &["sync", b.to_str().unwrap(), "--under", "tinh"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("has organisation ids this store has too: xa-b-cb1; nothing was synced"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(&province).unwrap(), bytes);
    // Other mistakes: the store itself, a store with two tops, a parent
    // that is the synced store's own.
    let two = dir.path().join("two.toml");
    ok(&two, &["init"]);
    ok(&two, &["add", "x1"]);
    ok(&two, &["add", "x2"]);
    for (args, words) in [
        (
            vec!["sync", province.to_str().unwrap(), "--under", "tinh"],
            "is this store itself",
        ),
        (
            vec!["sync", two.to_str().unwrap(), "--under", "tinh"],
            "has 2 organisations at the top",
        ),
        (
            vec!["sync", a.to_str().unwrap(), "--under", "xa-a-cb1"],
            "came from",
        ),
        (
            vec!["sync", "nowhere.toml", "--under", "tinh"],
            "There is no store at nowhere.toml",
        ),
    ] {
        let o = run(&province, &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
        assert_eq!(fs::read(&province).unwrap(), bytes, "{args:?} wrote");
    }
}

//! Many committees, each with its own store: the reports read several
//! stores together as one forest, read only; a commune's export goes into
//! the province's store with `import --prefix` (and `--under`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{ok, quota, run, stderr, stdout};
use serde_json::Value;

/// Runs `quota --store S1 --store S2 … ARGS…`.
fn run_all(stores: &[&Path], args: &[&str]) -> Output {
    let mut c = quota();
    for s in stores {
        c.arg("--store").arg(s);
    }
    c.args(args).output().expect("the binary runs")
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "failed: {}", stderr(o));
    serde_json::from_str(&stdout(o)).expect("JSON")
}

/// The files of a directory, each with a hash of its bytes: everything a
/// command could have written (store, backup, history, lock).
fn files(dir: &Path) -> Vec<(String, u64)> {
    use std::hash::{Hash, Hasher};
    let mut all: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let mut h = std::hash::DefaultHasher::new();
            std::fs::read(&p).unwrap().hash(&mut h);
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                h.finish(),
            )
        })
        .collect();
    all.sort();
    all
}

/// A commune's store made through the CLI: the commune (quota 9), a cell
/// under it (quota 4), `cell` admissions on the cell and one on the
/// commune, a woman of an ethnic minority.
fn commune(dir: &Path, file: &str, id: &str, name: &str, cell: &str) -> PathBuf {
    let store = dir.join(file);
    let cell_id = format!("{id}-cb1");
    ok(&store, &["init"]);
    ok(
        &store,
        &[
            "add", id, "--name", name, "--level", "commune", "--quota", "9", "--year", "2026",
        ],
    );
    ok(
        &store,
        &[
            "add",
            &cell_id,
            "--name",
            "Chi bộ thôn 1",
            "--parent",
            id,
            "--level",
            "cell",
            "--quota",
            "4",
            "--year",
            "2026",
        ],
    );
    ok(&store, &["admit", &cell_id, cell, "--date", "2026-03-10"]);
    ok(
        &store,
        &[
            "admit",
            id,
            "--date",
            "2026-05-02",
            "--name",
            "Nguyễn Thị A",
            "--sex",
            "female",
            "--ethnicity",
            "Ê Đê",
        ],
    );
    store
}

fn row<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no row {id}: {report}"))
}

#[test]
fn two_commune_stores_are_reported_together_and_left_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let a = commune(
        dir.path(),
        "cu-pui.toml",
        "cu-pui",
        "Đảng bộ xã Cư Pui",
        "2",
    );
    let b = commune(
        dir.path(),
        "yang-mao.json",
        "yang-mao",
        "Đảng bộ xã Yang Mao",
        "5",
    );
    let before = files(dir.path());
    let args = ["report", "--year", "2026", "--format", "json"];
    let r = json(&run_all(&[&a, &b], &args));
    let ids: Vec<&str> = r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // Each tree whole, in the order the stores were given.
    assert_eq!(ids, ["cu-pui", "cu-pui-cb1", "yang-mao", "yang-mao-cb1"]);
    assert_eq!(row(&r, "yang-mao-cb1")["parent"], "yang-mao");
    assert_eq!(row(&r, "cu-pui")["admitted"], 3);
    assert_eq!(row(&r, "yang-mao")["admitted"], 6);
    assert_eq!(row(&r, "yang-mao")["allocated"], 4);
    let roots = |r: &Value| -> u64 {
        r["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["depth"] == 0)
            .map(|r| r["admitted"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(roots(&r), 9);
    // Each store alone adds up to its part of the whole.
    let alone = |s: &Path| roots(&json(&run_all(&[s], &args)));
    assert_eq!(alone(&a) + alone(&b), roots(&r));
    // The stores given before the command and after it count alike.
    let mixed = quota()
        .arg("--store")
        .arg(&a)
        .args(args)
        .arg("--store")
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(json(&mixed), r);

    // The breakdown reads them together too, categories and all.
    let bd = json(&run_all(
        &[&a, &b],
        &["breakdown", "--year", "2026", "--format", "json"],
    ));
    assert_eq!(row(&bd, "cu-pui")["female"], 1);
    assert_eq!(row(&bd, "yang-mao")["ethnic_minority"], 1);
    assert_eq!(row(&bd, "yang-mao-cb1")["admitted"], 5);

    // The table names both trees' organisations.
    let table = run_all(&[&a, &b], &["report", "--year", "2026"]);
    let table = stdout(&table);
    assert!(
        table.contains("Đảng bộ xã Cư Pui") && table.contains("Đảng bộ xã Yang Mao"),
        "{table}"
    );

    // Read only: not a byte written, no lock, backup or history made.
    assert_eq!(files(dir.path()), before);
}

#[test]
fn stores_sharing_an_organisation_id_are_refused_with_the_ids() {
    let dir = tempfile::tempdir().unwrap();
    let a = commune(dir.path(), "a.toml", "xa", "Đảng bộ xã A", "1");
    let b = commune(dir.path(), "b.toml", "xa", "Đảng bộ xã A", "2");
    let before = files(dir.path());
    let o = run_all(&[&a, &b], &["report", "--year", "2026"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let e = stderr(&o);
    assert!(e.contains("'xa', 'xa-cb1'"), "{e}");
    assert!(e.contains("more than one of them"), "{e}");
    assert!(e.contains("quota import --prefix"), "{e}");
    assert_eq!(e.lines().count(), 1, "{e}");
    let vi = run_all(&[&a, &b], &["--lang", "vi", "breakdown"]);
    assert_eq!(vi.status.code(), Some(1));
    assert!(
        stderr(&vi).contains("mã tổ chức 'xa', 'xa-cb1' có trong nhiều hơn một tệp"),
        "{}",
        stderr(&vi)
    );
    assert_eq!(files(dir.path()), before);
}

#[test]
fn other_commands_take_one_store() {
    let dir = tempfile::tempdir().unwrap();
    let a = commune(dir.path(), "a.toml", "xa", "Đảng bộ xã A", "1");
    let b = commune(dir.path(), "b.toml", "xb", "Đảng bộ xã B", "1");
    let before = files(dir.path());
    for args in [
        &["admit", "xa", "--date", "2026-06-01"][..],
        &["orgs"],
        &["export", "--kind", "admissions"],
        &["undo"],
    ] {
        let o = run_all(&[&a, &b], args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert!(e.contains("--store is given 2 times"), "{e}");
        assert!(
            e.contains(&format!("give `quota {}` one --store", args[0])),
            "{e}"
        );
    }
    // The same store twice is one store given twice, not two.
    let twice = run_all(&[&a, &a], &["report"]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(
        stderr(&twice).contains("--store names"),
        "{}",
        stderr(&twice)
    );
    assert_eq!(files(dir.path()), before);
}

#[test]
fn a_communes_export_goes_into_the_province_store_one_command_a_kind() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let xa = commune(d, "cu-pui.toml", "xa", "Đảng bộ xã Cư Pui", "2");
    ok(&xa, &["train", "xa-cb1", "12", "--date", "2026-04-01"]);
    ok(
        &xa,
        &[
            "candidate",
            "add",
            "xa-cb1",
            "--name",
            "Y Bi",
            "--stage",
            "applied",
            "--date",
            "2026-06-01",
        ],
    );
    let province = d.join("dak-lak.toml");
    ok(&province, &["init"]);
    ok(
        &province,
        &[
            "add",
            "dak-lak",
            "--name",
            "Đảng bộ tỉnh Đắk Lắk",
            "--quota",
            "100",
            "--year",
            "2026",
        ],
    );
    ok(
        &province,
        &["admit", "dak-lak", "10", "--date", "2026-02-01"],
    );
    for kind in ["orgs", "quotas", "admissions", "training", "candidates"] {
        let file = d.join(format!("{kind}.csv"));
        let file = file.to_str().unwrap();
        ok(
            &xa,
            &["export", "--kind", kind, "--with-details", "--output", file],
        );
        let mut args = vec!["import", file, "--prefix", "cu-pui-", "--kind", kind];
        if kind == "orgs" {
            args.extend(["--under", "Đảng bộ tỉnh Đắk Lắk"]);
        }
        ok(&province, &args);
    }
    let r = json(&run(
        &province,
        &["report", "--year", "2026", "--format", "json"],
    ));
    let ids: Vec<&str> = r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["dak-lak", "cu-pui-xa", "cu-pui-xa-cb1"]);
    assert_eq!(row(&r, "cu-pui-xa")["parent"], "dak-lak");
    assert_eq!(row(&r, "cu-pui-xa-cb1")["parent"], "cu-pui-xa");
    assert_eq!(row(&r, "cu-pui-xa")["quota"], 9);
    assert_eq!(row(&r, "cu-pui-xa")["admitted"], 3);
    assert_eq!(row(&r, "dak-lak")["admitted"], 13);
    assert_eq!(row(&r, "dak-lak")["allocated"], 9);
    let trained = json(&run(
        &province,
        &[
            "report", "--year", "2026", "--metric", "trained", "--format", "json",
        ],
    ));
    assert_eq!(row(&trained, "dak-lak")["admitted"], 12);
    let people = ok(&province, &["candidate", "list", "--format", "csv"]);
    assert!(people.contains("cu-pui-xa-cb1,applied"), "{people}");
    // The details came along, under the new organisation.
    let details = ok(
        &province,
        &[
            "admissions",
            "--org",
            "cu-pui-xa",
            "--with-details",
            "--format",
            "csv",
        ],
    );
    assert!(details.contains("Nguyễn Thị A"), "{details}");
}

#[test]
fn a_prefix_is_checked_first_and_every_bad_row_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let xa = commune(d, "xa.toml", "xa", "Đảng bộ xã A", "1");
    let candidate = ok(
        &xa,
        &[
            "candidate",
            "add",
            "xa-cb1",
            "--name",
            "Y Bi",
            "--stage",
            "voted",
            "--date",
            "2026-06-01",
            "--born",
            "2000-01-01",
        ],
    );
    let admission = ok(
        &xa,
        &[
            "candidate",
            "admit",
            candidate.trim(),
            "--date",
            "2026-06-10",
        ],
    );
    let province = d.join("tinh.toml");
    ok(&province, &["init"]);
    ok(&province, &["add", "tinh", "--name", "Đảng bộ tỉnh"]);
    let file = |kind: &str| {
        let f = d.join(format!("{kind}.csv"));
        let f_str = f.to_str().unwrap();
        ok(
            &xa,
            &[
                "export",
                "--kind",
                kind,
                "--with-details",
                "--output",
                f_str,
            ],
        );
        f.to_str().unwrap().to_string()
    };
    let (orgs, quotas, candidates) = (file("orgs"), file("quotas"), file("candidates"));
    let named = d.join("named.csv");
    std::fs::write(
        &named,
        "org,date,count\nxa,2026-01-05,1\nĐảng bộ xã A,2026-01-06,1\nxa-cb1,2026-01-07,1\n",
    )
    .unwrap();
    let before = files(d);

    // Not the start of an id: a usage error, before the file is read.
    for bad in ["Cu-Pui-", "-x", "cư-pui-", ""] {
        let o = run(&province, &["import", &orgs, &format!("--prefix={bad}")]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let e = stderr(&o);
        assert!(
            e.contains("--prefix") && e.contains("cannot begin an organisation id"),
            "{e}"
        );
    }
    let o = run(&province, &["import", "nowhere.csv", "--prefix", "A"]);
    assert_eq!(o.status.code(), Some(2));

    // --under places organisations only.
    let o = run(
        &province,
        &["import", &quotas, "--prefix", "a-", "--under", "tinh"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--under only places"), "{}", stderr(&o));

    // A file naming organisations by name cannot be prefixed: each such
    // cell is named, by line and column.
    let o = run(
        &province,
        &["import", named.to_str().unwrap(), "--prefix", "a-"],
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    // The ids are prefixed before they are looked up.
    assert!(e.contains("3 bad row(s)"), "{e}");
    assert!(
        e.contains(":2: column org: there is no organisation 'a-xa'"),
        "{e}"
    );
    assert!(
        e.contains(":3: column org: 'Đảng bộ xã A' is not an organisation id; with --prefix"),
        "{e}"
    );

    // An admitted candidate names its record by the other store's id.
    let o = run(&province, &["import", &candidates, "--prefix", "a-"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    let want = format!(
        ":2: column admission: with --prefix, the admission record {} is numbered",
        admission.trim()
    );
    assert!(e.contains(&want), "{e}");
    // A prefix too long for the ids it makes.
    let long = format!("{}-", "p".repeat(60));
    let o = run(&province, &["import", &orgs, "--prefix", &long]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("use a shorter --prefix"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files(d), before, "a refused import changes nothing");

    // Without --under, the file's top organisation stands alone; its
    // parents are prefixed like its ids.
    ok(&province, &["import", &orgs, "--prefix", "a-"]);
    let tree = ok(&province, &["orgs", "--format", "csv"]);
    assert!(tree.contains("a-xa-cb1,Chi bộ thôn 1,a-xa,"), "{tree}");
    assert!(tree.contains("a-xa,Đảng bộ xã A,,"), "{tree}");
}

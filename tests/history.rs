//! The history kept small and private: what an undo records, `erase`,
//! `log --prune`, a history that cannot be read, and how much a writer
//! reads of a long one. Through the real binary, except the last.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use common::{fresh, ok, quota, run, stderr, stdout};

/// Counts the bytes each thread holds, and the most it held, so that a
/// test can tell how much memory one call took.
struct Counting;

thread_local! {
    static HELD: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed on to the system allocator unchanged; the
// counters are plain thread-local cells that never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = HELD.try_with(|h| {
            h.set(h.get() + layout.size());
            let _ = PEAK.try_with(|p| p.set(p.get().max(h.get())));
        });
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = HELD.try_with(|h| h.set(h.get().saturating_sub(layout.size())));
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// A writer holding the lock reads the number of the last entry from the
/// start of the last line: memory bounded by a chunk, whatever the line's
/// length (the last line of a history written by an older version could
/// be tens of megabytes after undoing a large import).
#[test]
fn the_next_number_is_found_without_holding_the_last_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("quota.toml");
    let mut f = fs::File::create(dir.path().join("quota.toml.history")).unwrap();
    writeln!(
        f,
        r#"{{"seq":1,"time":"","user":"","command":"","before":"","after":"a","changes":{{}}}}"#
    )
    .unwrap();
    write!(f, r#"{{"seq":2,"time":"","user":"","command":"","before":"a","after":"b","changes":{{"orgs":[{{"before":null,"after":{{"at":0,"org":{{"id":"x","name":""#).unwrap();
    let piece = "x".repeat(1 << 20);
    for _ in 0..24 {
        f.write_all(piece.as_bytes()).unwrap();
    }
    writeln!(f, r#""}}}}}}]}}}}"#).unwrap();
    drop(f);
    drop(piece);

    let base = HELD.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let next = quota::store::history::next_seq(&store).unwrap();
    let peak = PEAK.with(Cell::get) - base;
    assert_eq!(next, 3);
    assert!(peak < 1 << 20, "held {peak} bytes to read a number");
}

/// Undoing an import of rows with personal details records the ids it
/// took away, not the rows: an undo is never undone.
#[test]
fn an_undone_import_is_recorded_as_ids_not_rows() {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    let csv = dir.path().join("rows.csv");
    let mut text = String::from("org,date,count,name,born,religion\n");
    for i in 0..300 {
        text.push_str(&format!(
            "xa,2026-01-01,1,Người Thứ {i},1990-01-01,Công giáo\n"
        ));
    }
    fs::write(&csv, text).unwrap();
    ok(&store, &["import", csv.to_str().unwrap()]);
    fs::remove_file(&csv).unwrap();
    ok(&store, &["undo"]);
    let history = fs::read_to_string(history_of(&store)).unwrap();
    let undo = history.lines().last().unwrap();
    assert!(undo.len() < 400, "{} bytes: {undo:.400}", undo.len());
    assert!(undo.contains(r#""removed":[[1,300]]"#), "{undo}");
    assert!(
        !history.contains("Người Thứ"),
        "rows written into the history"
    );
    // `log` still tells how many records it touched.
    let log = ok(&store, &["log", "--last", "1", "--format", "csv"]);
    assert!(log.ends_with(",3,0,0,300,0\n"), "{log}");
}

fn history_of(store: &Path) -> PathBuf {
    let mut p = store.as_os_str().to_owned();
    p.push(".history");
    PathBuf::from(p)
}

/// The files of `dir` whose raw bytes hold any of `needles`.
fn holding(dir: &Path, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let bytes = fs::read(e.path()).unwrap();
        for n in needles {
            if bytes.windows(n.len()).any(|w| w == n.as_bytes()) {
                found.push(format!("{} holds {n}", e.file_name().to_string_lossy()));
            }
        }
    }
    found
}

/// What identifies the person erased in these tests, as it would be
/// written in any file.
const DETAILS: [&str; 6] = [
    "Lò Văn Zính",
    "1999-07-13",
    "Phật giáo Hòa Hảo",
    "Thái",
    "thợ rèn",
    "con ông Lò Văn Tư",
];

fn admit_the_person(store: &Path, date: &str) -> String {
    ok(
        store,
        &[
            "admit",
            "xa",
            "--date",
            date,
            "--name",
            "Lò Văn Zính",
            "--sex",
            "male",
            "--born",
            "13/07/1999",
            "--ethnicity",
            "Thái",
            "--religion",
            "Phật giáo Hòa Hảo",
            "--occupation",
            "thợ rèn",
            "--note",
            "con ông Lò Văn Tư",
        ],
    )
}

/// The admitted count of `org` in the 2026 report.
fn admitted(store: &Path, org: &str) -> String {
    let csv = ok(store, &["report", "--year", "2026", "--format", "csv"]);
    let row = csv
        .lines()
        .find(|l| l.starts_with(&format!("{org},")))
        .unwrap_or_else(|| panic!("no row {org}: {csv}"));
    row.split(',').nth(5).unwrap().to_string()
}

#[test]
fn erase_leaves_no_trace_of_the_person_in_any_file() {
    for name in ["quota.toml", "quota.json"] {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join(name);
        ok(&store, &["init"]);
        ok(&store, &["add", "tinh"]);
        ok(&store, &["add", "xa", "--parent", "tinh"]);
        assert_eq!(admit_the_person(&store, "2026-02-01"), "1\n");
        ok(
            &store,
            &[
                "admit",
                "xa",
                "--date",
                "2026-02-03",
                "--name",
                "Đinh Thị Yến",
            ],
        );
        ok(&store, &["admit", "xa", "3", "--date", "2026-02-02"]);
        ok(&store, &["edit", "xa", "--name", "Đảng bộ xã A"]);
        ok(&store, &["void", "1", "--reason", "nhập trùng"]);
        ok(&store, &["undo"]);
        assert_eq!(admit_the_person(&store, "2026-03-01"), "4\n");
        ok(&store, &["undo"]);
        ok(&store, &["void", "2", "--reason", "sai"]);
        // A writer killed while appending left part of a line that holds
        // the details.
        let mut h = fs::OpenOptions::new()
            .append(true)
            .open(history_of(&store))
            .unwrap();
        h.write_all(r#"{"seq":12,"changes":{"admissions":[{"before":{"id":1,"person":{"name":"Lò Văn Zính","born":"1999-07-13","religion":"Phật giáo Hòa Hảo","ethnicity":"Thái","occupation":"thợ rèn"},"note":"con ông Lò Văn Tư"#.as_bytes()).unwrap();
        drop(h);
        assert_eq!(admitted(&store, "xa"), "4", "{name}");
        assert!(!holding(dir.path(), &DETAILS).is_empty());

        let out = ok(&store, &["erase", "1", "4"]);
        assert!(
            out.starts_with("Erased the personal details of admission records 1, 4"),
            "{out}"
        );
        let left = holding(dir.path(), &DETAILS);
        assert!(left.is_empty(), "{name}: {left:?}");
        // Only the store's own files, no temporary one left behind.
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let expected: Vec<String> = ["", ".bak", ".history", ".lock"]
            .iter()
            .map(|s| format!("{name}{s}"))
            .collect();
        assert_eq!(names, expected);
        // The record still counts; the other person keeps her details.
        assert_eq!(admitted(&store, "xa"), "4", "{name}");
        let details = ok(&store, &["admissions", "--with-details"]);
        assert!(details.contains("Đinh Thị Yến"), "{details}");
        assert!(holding(dir.path(), &["Đinh Thị Yến"]).len() >= 2);

        // Undo cannot go back past the erase, and says why.
        let before = fs::read(&store).unwrap();
        let o = run(&store, &["undo"]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(
            stderr(&o).contains("Cannot undo change #13: it erased personal details"),
            "{}",
            stderr(&o)
        );
        let o = run(&store, &["--lang", "vi", "undo"]);
        assert!(
            stderr(&o).contains("đã xóa dữ liệu cá nhân, không thể khôi phục"),
            "{}",
            stderr(&o)
        );
        assert_eq!(fs::read(&store).unwrap(), before);
        // A later change can be undone, then undo stops there again.
        let erased = common::content(&store);
        ok(&store, &["admit", "xa", "--date", "2026-04-01"]);
        let out = ok(&store, &["undo"]);
        assert!(out.starts_with("Undid change #14"), "{out}");
        let o = run(&store, &["undo"]);
        assert!(
            stderr(&o).contains("Cannot undo change #13"),
            "{}",
            stderr(&o)
        );
        assert_eq!(common::content(&store), erased);
        let log = ok(&store, &["log"]);
        assert!(log.contains("personal details erased"), "{log}");

        // Again: nothing left to erase, and it says so.
        let out = ok(&store, &["erase", "1"]);
        assert!(
            out.contains("holds no personal details of admission record 1"),
            "{out}"
        );
        assert!(holding(dir.path(), &DETAILS).is_empty());
    }
}

/// `init` over a removed store sets its history aside as
/// `<store>.history.old`; its ids are another store's, so it is searched
/// for the erased details themselves.
#[test]
fn erase_reaches_an_earlier_history_by_the_details_only() {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    admit_the_person(&store, "2026-02-01");
    ok(
        &store,
        &[
            "admit",
            "xa",
            "--date",
            "2026-02-02",
            "--name",
            "Đinh Thị Yến",
        ],
    );
    ok(&store, &["void", "1", "--reason", "x"]);
    ok(&store, &["void", "2", "--reason", "y"]);
    // The same people typed into another spreadsheet.
    let elsewhere = tempfile::tempdir().unwrap();
    let csv = elsewhere.path().join("admissions.csv");
    fs::write(
        &csv,
        "org,date,name,sex,born,ethnicity,religion,occupation,note\n\
         xa,2026-02-01,Lò Văn Zính,male,1999-07-13,Thái,Phật giáo Hòa Hảo,thợ rèn,con ông Lò Văn Tư\n\
         xa,2026-02-02,Đinh Thị Yến,,,,,,\n",
    )
    .unwrap();
    fs::remove_file(&store).unwrap();
    fs::remove_file(dir.path().join("quota.toml.bak")).unwrap();
    ok(&store, &["init"]);
    ok(&store, &["add", "xa"]);
    // The same people, under other ids.
    ok(&store, &["admit", "xa", "--date", "2026-01-01"]);
    ok(&store, &["import", csv.to_str().unwrap()]);
    let details = ok(&store, &["admissions", "--with-details", "--format", "csv"]);
    let row = details.lines().find(|l| l.contains("Lò Văn Zính")).unwrap();
    assert!(row.starts_with("2,"), "{details}");
    let old = dir.path().join("quota.toml.history.old");
    assert!(!holding(dir.path(), &DETAILS).is_empty());

    ok(&store, &["erase", "2"]);
    let left = holding(dir.path(), &DETAILS);
    assert!(left.is_empty(), "{left:?}");
    // The other person's details in the earlier history are untouched.
    let old_text = fs::read_to_string(&old).unwrap();
    assert!(old_text.contains("Đinh Thị Yến"), "{old_text}");
}

/// Sets the time of the first `n` entries of the history to a day in 2020.
fn age_entries(store: &Path, n: u64) {
    let text = fs::read_to_string(history_of(store)).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let mut e: serde_json::Value = serde_json::from_str(line).unwrap();
        if e["seq"].as_u64().unwrap() <= n {
            e["time"] = "2020-05-01T10:00:00+07:00".into();
        }
        out.push_str(&serde_json::to_string(&e).unwrap());
        out.push('\n');
    }
    fs::write(history_of(store), out).unwrap();
}

#[test]
fn log_prune_drops_old_entries_and_undo_stops_there() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    ok(&store, &["admit", "xa", "2", "--date", "2026-01-01"]);
    ok(
        &store,
        &[
            "admit",
            "xa",
            "--date",
            "2026-01-02",
            "--name",
            "Lò Văn Zính",
        ],
    );
    ok(&store, &["add", "xb"]);
    ok(&store, &["assign", "xb", "5", "--year", "2026"]);
    age_entries(&store, 4);
    let history = fs::read(history_of(&store)).unwrap();

    let o = run(&store, &["log", "--prune", "2026-11-23"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is after today (2026-11-22)"),
        "{}",
        stderr(&o)
    );
    let out = ok(&store, &["log", "--prune", "30/04/2020"]);
    assert_eq!(
        out,
        "No recorded change is older than 2020-04-30; the history is as it was.\n"
    );
    assert_eq!(fs::read(history_of(&store)).unwrap(), history);

    let out = ok(&store, &["log", "--prune", "2021-01-01"]);
    assert_eq!(
        out,
        "Dropped 4 change(s) recorded before 2021-01-01 from the history; undo cannot go back past change #5 now.\n"
    );
    let log = ok(&store, &["log", "--format", "csv"]);
    let seqs: Vec<&str> = log
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(seqs, ["5", "6"]);
    assert!(
        !fs::read_to_string(history_of(&store))
            .unwrap()
            .contains("admit")
    );

    // Undo takes back what is left, then says there is no more.
    assert!(ok(&store, &["undo"]).starts_with("Undid change #6"));
    assert!(ok(&store, &["undo"]).starts_with("Undid change #5"));
    let before = fs::read(&store).unwrap();
    let o = run(&store, &["undo"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "quota: Nothing more to undo: the history does not go back before change #5.\n"
    );
    assert_eq!(fs::read(&store).unwrap(), before);
    // Everything dropped, said in Vietnamese.
    age_entries(&store, 8);
    let o = run(&store, &["--lang", "vi", "log", "--prune", "2026-11-22"]);
    assert_eq!(
        stdout(&o),
        "Đã bỏ 4 thay đổi được ghi trước 22/11/2026; lịch sử giờ trống, nên không còn gì để hoàn tác.\n",
        "{}",
        stderr(&o)
    );
    let o = run(&store, &["undo"]);
    assert!(stderr(&o).contains("Nothing to undo"), "{}", stderr(&o));
}

#[test]
fn a_history_that_cannot_be_read_is_named_with_the_reason() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    let history = history_of(&store);
    let kept = dir.path().join("kept");
    fs::rename(&history, &kept).unwrap();
    fs::create_dir(&history).unwrap();
    let before = fs::read(&store).unwrap();
    for args in [&["admit", "xa"][..], &["undo"], &["log"]] {
        let o = run(&store, args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("quota.toml.history is a directory where the history file should be"),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("os error") && !err.contains("damaged"),
            "{err}"
        );
    }
    assert_eq!(fs::read(&store).unwrap(), before);
    fs::remove_dir(&history).unwrap();
    fs::rename(&kept, &history).unwrap();

    // No permission to read it: as another user when the tests run as
    // root (who reads whatever the mode says).
    let root = fs::metadata(&store).unwrap().uid() == 0;
    let mode = |p: &Path, m: u32| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
    mode(dir.path(), 0o755);
    mode(&store, 0o644);
    mode(&dir.path().join("quota.toml.lock"), 0o666);
    mode(&history, if root { 0o600 } else { 0o000 });
    // As another user, `undo` stops earlier, at the lock file that user
    // does not own (a store belongs to one account); reading is `log`'s.
    let commands: &[&[&str]] = if root {
        &[&["log"]]
    } else {
        &[&["log"], &["undo"]]
    };
    for &args in commands {
        let mut cmd = quota();
        if root {
            // A copy of the binary the other user can surely run.
            let bin = dir.path().join("quota-bin");
            fs::copy(cmd.get_program(), &bin).unwrap();
            mode(&bin, 0o755);
            let base = cmd;
            cmd = std::process::Command::new("setpriv");
            cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&bin);
            for (k, v) in base.get_envs() {
                match v {
                    Some(v) => cmd.env(k, v),
                    None => cmd.env_remove(k),
                };
            }
        }
        let o = cmd
            .arg("--store")
            .arg(&store)
            .args(args)
            .output()
            .expect("the binary runs (as root, through setpriv from util-linux)");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("You have no permission to read the history")
                && err.contains("quota.toml.history"),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("damaged") && !err.contains("os error"),
            "{err}"
        );
    }
    assert_eq!(fs::read(&store).unwrap(), before);
}

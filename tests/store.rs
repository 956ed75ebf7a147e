//! The store under stress: concurrent writers, writers killed mid-save, the
//! lock, file modes, history and undo, all through the real binary.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{fresh, ok, quota, run, stderr};
use quota::model::{Admission, Org, Store};

/// A store with one org and `records` admissions, written by the library.
fn big_store(path: &Path, records: u64) {
    let mut s = Store::new();
    s.orgs.push(Org {
        id: "xa".into(),
        name: "Đảng bộ xã Cư Pui".into(),
        parent: None,
        level: None,
        members: None,
        merged: None,
        synced: None,
    });
    for id in 1..=records {
        s.admissions.push(Admission {
            id,
            org: "xa".into(),
            date: chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
                + chrono::Days::new(id % 300),
            count: 1,
            decision: Some(format!("{id}-QĐ/HU")),
            note: None,
            person: None,
            void: None,
            probation: None,
        });
    }
    s.next_id = records + 1;
    let text = quota::store::serialize(&mut s, quota::store::Format::of(path)).unwrap();
    fs::write(path, text).unwrap();
}

fn ids(path: &Path) -> Vec<u64> {
    let s = quota::store::load(path).expect("the store parses");
    s.admissions.iter().map(|a| a.id).collect()
}

#[test]
fn eight_writers_fifty_admissions_each_lose_nothing() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let store = store.clone();
            std::thread::spawn(move || {
                (0..50)
                    .map(|_| {
                        let o = quota()
                            .env("QUOTA_LOCK_TIMEOUT", "60")
                            .arg("--store")
                            .arg(&store)
                            .args(["admit", "xa", "--date", "2026-01-01"])
                            .output()
                            .unwrap();
                        assert!(o.status.success(), "{}", stderr(&o));
                        String::from_utf8(o.stdout)
                            .unwrap()
                            .trim()
                            .parse::<u64>()
                            .unwrap()
                    })
                    .collect::<Vec<u64>>()
            })
        })
        .collect();
    let mut printed: Vec<u64> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    printed.sort_unstable();
    let stored = ids(&store);
    assert_eq!(stored.len(), 400, "records lost");
    assert_eq!(
        printed,
        (1..=400).collect::<Vec<u64>>(),
        "ids printed twice or skipped"
    );
    assert_eq!(stored, printed);
    // Every write is in the history: init, add, 400 admissions.
    let log = ok(&store, &["log", "--format", "json"]);
    let entries: Vec<serde_json::Value> = serde_json::from_str(&log).unwrap();
    assert_eq!(entries.len(), 402);
}

/// A tiny deterministic generator: the moments of the kills.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Spins until `d` has passed: finer than a sleep, whose wake-up can be
/// late by more than a whole save window.
fn spin_for(d: Duration) {
    let until = Instant::now() + d;
    while Instant::now() < until {
        std::hint::spin_loop();
    }
}

/// The temporary files writers are saving through beside `store`:
/// `.quota.toml.tmp.` and a random part, renamed over the store once
/// written (the backup's temporaries, `…tmp.bak.…`, aside).
fn temps(store: &Path) -> Vec<PathBuf> {
    let name = store.file_name().unwrap().to_string_lossy();
    let prefix = format!(".{name}.tmp.");
    fs::read_dir(store.parent().unwrap())
        .unwrap()
        .filter_map(|e| {
            let n = e.ok()?.file_name().to_string_lossy().into_owned();
            let rest = n.strip_prefix(&prefix)?;
            (!rest.starts_with("bak.")).then(|| store.with_file_name(&n))
        })
        .collect()
}

/// Polls, as fast as it can while leaving the core to the writer if it
/// needs it, until a temporary file exists (true) or the writer has
/// exited (false).
fn wait_for_temp(child: &mut Child, store: &Path) -> bool {
    loop {
        if !temps(store).is_empty() {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return !temps(store).is_empty();
        }
        std::thread::yield_now();
    }
}

/// Runs a writer to the end, timing its save window: from the moment its
/// temporary file appears to the moment it is renamed away (None when the
/// polling missed it).
fn run_timing_the_window(mut cmd: Command, store: &Path) -> (Output, Option<u64>) {
    let mut child = cmd.spawn().unwrap();
    let mut window = None;
    if wait_for_temp(&mut child, store) {
        let opened = Instant::now();
        while !temps(store).is_empty() && child.try_wait().unwrap().is_none() {
            std::thread::yield_now();
        }
        window = Some(opened.elapsed().as_micros() as u64);
    }
    (child.wait_with_output().unwrap(), window)
}

/// The id a successful `admit` printed.
fn admitted(out: Output) -> u64 {
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// Writers killed with SIGKILL, most of them between creating their
/// temporary file and renaming it over the store (the save window), some
/// at any moment: the store always parses and keeps every acknowledged
/// record, and the next writer gets the lock at once and sweeps the
/// leftover.
#[test]
fn writers_killed_at_random_moments_never_tear_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("quota.toml");
    big_store(&store, 1_000);
    let admit = || {
        let mut c = quota();
        c.env("QUOTA_LOCK_TIMEOUT", "0")
            .arg("--store")
            .arg(&store)
            .args(["admit", "xa", "--date", "2026-01-01"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    };
    // How long a run and its save window take here. A save's fsyncs vary
    // with the load, so the window is the median of the last five timed,
    // and the next writer of every round is timed too.
    let mut acknowledged = ids(&store);
    let mut runs = Vec::new();
    let mut windows = std::collections::VecDeque::new();
    while windows.len() < 5 {
        assert!(runs.len() < 20, "the temporary file is never seen");
        let start = Instant::now();
        let (out, window) = run_timing_the_window(admit(), &store);
        runs.push(start.elapsed().as_micros() as u64);
        acknowledged.push(admitted(out));
        windows.extend(window);
    }
    runs.sort_unstable();
    let run_span = runs[runs.len() / 2];
    let median = |w: &std::collections::VecDeque<u64>| {
        let mut w: Vec<u64> = w.iter().copied().collect();
        w.sort_unstable();
        w[w.len() / 2]
    };
    eprintln!(
        "a run takes {run_span} µs, its save window {} µs",
        median(&windows)
    );

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut in_window, mut early, mut late) = (0, 0, 0);
    for round in 0..100 {
        let old = fs::read(&store).unwrap();
        let mut child = admit().spawn().unwrap();
        if round % 5 == 0 {
            // Now and then anywhere in the run, start-up included.
            std::thread::sleep(Duration::from_micros(rng.below(run_span * 6 / 5)));
        } else if wait_for_temp(&mut child, &store) {
            // Mostly within the save window, some just after it.
            let span = median(&windows) * 6 / 5;
            spin_for(Duration::from_micros(rng.below(span)));
        }
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        // The temporary file outlives a writer killed after creating it and
        // before renaming it; nothing else leaves it.
        let left = !temps(&store).is_empty();
        let replaced = fs::read(&store).unwrap() != old;
        if out.status.success() {
            // It finished before the kill: its record is acknowledged.
            assert!(replaced && !left, "round {round}");
            acknowledged.push(admitted(out));
            late += 1;
        } else if left {
            assert!(
                !replaced,
                "round {round}: the store changed, the temporary file stayed"
            );
            in_window += 1;
        } else if replaced {
            late += 1;
        } else {
            early += 1;
        }
        let now = ids(&store);
        for id in &acknowledged {
            assert!(
                now.contains(id),
                "round {round}: acknowledged record {id} lost"
            );
        }
        // The next writer gets the lock at once (QUOTA_LOCK_TIMEOUT=0) and
        // sweeps what the killed one left.
        let (next, window) = run_timing_the_window(admit(), &store);
        assert!(next.status.success(), "round {round}: {}", stderr(&next));
        assert!(!stderr(&next).contains("Waiting"), "round {round}");
        acknowledged.push(admitted(next));
        assert!(
            temps(&store).is_empty(),
            "round {round}: temporary file not swept"
        );
        if let Some(w) = window {
            windows.pop_front();
            windows.push_back(w);
        }
    }
    eprintln!(
        "of 100 kills, {in_window} landed between the temporary file and the rename, \
         {early} before it, {late} after the rename"
    );
    assert!(
        in_window > 20,
        "only {in_window} of 100 kills landed in the save window"
    );
    let now = ids(&store);
    for id in &acknowledged {
        assert!(now.contains(id));
    }
    // The sweeps left nothing behind.
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "quota.toml",
            "quota.toml.bak",
            "quota.toml.history",
            "quota.toml.lock"
        ]
    );
}

#[test]
fn a_waiting_writer_says_so_and_gives_up_after_the_timeout() {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    let before = fs::read(&store).unwrap();
    let lock = fs::File::options()
        .write(true)
        .open(dir.path().join("quota.toml.lock"))
        .unwrap();
    lock.lock().unwrap();
    let o = quota()
        .env("QUOTA_LOCK_TIMEOUT", "0.3")
        .arg("--store")
        .arg(&store)
        .args(["admit", "xa"])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("Waiting for another quota"), "{err}");
    assert!(err.contains("QUOTA_LOCK_TIMEOUT"), "{err}");
    assert_eq!(fs::read(&store).unwrap(), before);
    // Readers take no lock.
    ok(&store, &["report"]);
    // Once the lock is free, the writer goes through.
    let waiter = quota()
        .env("QUOTA_LOCK_TIMEOUT", "10")
        .arg("--store")
        .arg(&store)
        .args(["admit", "xa"])
        .stderr(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    drop(lock);
    let o = waiter.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn new_files_are_private_and_an_exposed_store_is_flagged() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    ok(&store, &["admit", "xa", "--name", "Lê Thị Hoa"]);
    let mode = |name: &str| {
        fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    for f in [
        "quota.toml",
        "quota.toml.bak",
        "quota.toml.history",
        "quota.toml.lock",
    ] {
        assert_eq!(mode(f), 0o600, "{f}");
    }
    fs::set_permissions(&store, fs::Permissions::from_mode(0o644)).unwrap();
    let o = run(&store, &["admit", "xa"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("can be read by other users"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("Lê Thị Hoa"));
    assert_eq!(
        mode("quota.toml"),
        0o644,
        "an existing store keeps its mode"
    );
    // The recorded command line leaves the name out.
    let history = fs::read_to_string(dir.path().join("quota.toml.history")).unwrap();
    assert!(history.contains("--name …"), "{history}");
    let log = ok(&store, &["log"]);
    assert!(!log.contains("Lê Thị Hoa"), "{log}");
}

#[test]
fn undo_walks_back_and_tells_what_it_reverted() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "tinh", "--name", "Đảng bộ tỉnh"]);
    let after_add = common::content(&store);
    ok(&store, &["add", "xa", "--parent", "tinh"]);
    ok(&store, &["assign", "xa", "12", "--year", "2026"]);
    ok(&store, &["admit", "xa", "3", "--date", "2026-02-01"]);
    ok(&store, &["void", "1", "--reason", "typo"]);
    ok(&store, &["edit", "tinh", "--name", "Đảng bộ tỉnh mới"]);
    let out = ok(&store, &["undo"]);
    assert!(out.starts_with("Undid change #7 (quota --store"), "{out}");
    assert!(
        out.contains("edit tinh --name 'Đảng bộ tỉnh mới', by "),
        "{out}"
    );
    for _ in 0..4 {
        ok(&store, &["undo"]);
    }
    assert_eq!(common::content(&store), after_add);
    // The undone admission's id is not handed out again.
    assert_eq!(
        ok(&store, &["admit", "tinh", "--date", "2026-03-01"]),
        "2\n"
    );
    ok(&store, &["undo"]);
    ok(&store, &["undo"]);
    let o = run(&store, &["undo"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Nothing to undo"), "{}", stderr(&o));

    // A change made by hand stops undo rather than being clobbered.
    ok(&store, &["add", "xa2"]);
    let edited = fs::read_to_string(&store)
        .unwrap()
        .replace("name = \"xa2\"", "name = \"Xã 2\"");
    fs::write(&store, &edited).unwrap();
    let o = run(&store, &["undo"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("changed outside quota"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&store).unwrap(), edited);
}

#[test]
fn leftover_temporaries_are_swept_by_the_next_writer() {
    let (dir, store) = fresh();
    let leftover = dir.path().join(".quota.toml.tmp.999999");
    fs::write(&leftover, "half").unwrap();
    ok(&store, &["report"]);
    assert!(leftover.exists(), "readers touch nothing");
    ok(&store, &["add", "xa"]);
    assert!(!leftover.exists());
}

#[test]
fn odd_arguments_and_free_text_stay_out_of_trouble() {
    use std::os::unix::ffi::OsStrExt;
    let (dir, store) = fresh();
    // A path that is not UTF-8: handled, never a panic.
    let odd = dir.path().join(std::ffi::OsStr::from_bytes(b"x\xff.toml"));
    let o = quota()
        .arg("--store")
        .arg(&odd)
        .arg("init")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = quota()
        .arg("--store")
        .arg(&odd)
        .args(["add", "xa"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    // A void reason may name someone: not in the history's command line.
    ok(&store, &["add", "xa"]);
    ok(&store, &["admit", "xa", "--date", "2026-01-01"]);
    ok(
        &store,
        &["void", "1", "--reason", "trùng hồ sơ Nguyễn Thị Mai"],
    );
    let log = ok(&store, &["log", "--format", "json"]);
    assert!(log.contains("--reason …"), "{log}");
    assert!(!log.contains("Nguyễn"), "{log}");
}

/// A history whose entries hold the byte-wise fingerprints of older
/// versions goes on: the next write links to it in its form, and undo
/// walks back through both kinds.
#[test]
fn a_history_with_older_fingerprints_goes_on() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    let history = {
        let mut p = store.clone().into_os_string();
        p.push(".history");
        PathBuf::from(p)
    };
    // What an older version would have written: fingerprints without the
    // `h2:` mark, computed byte by byte.
    let legacy = quota::store::history::legacy_fingerprint(&fs::read(&store).unwrap());
    let text = fs::read_to_string(&history).unwrap();
    let mut entries: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(entries[1]["after"].as_str().unwrap().starts_with("h2:"));
    entries[0]["after"] = "00000000000000aa".into();
    entries[1]["before"] = "00000000000000aa".into();
    entries[1]["after"] = legacy.clone().into();
    let lines: Vec<String> = entries.iter().map(|e| e.to_string() + "\n").collect();
    fs::write(&history, lines.concat()).unwrap();

    ok(&store, &["admit", "xa", "--date", "2026-03-02"]);
    let text = fs::read_to_string(&history).unwrap();
    let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(last["before"], legacy.as_str(), "{text}");
    assert!(last["after"].as_str().unwrap().starts_with("h2:"), "{text}");
    assert!(ok(&store, &["undo"]).starts_with("Undid change #3"));
    assert!(ok(&store, &["undo"]).starts_with("Undid change #2"));
    assert!(common::content(&store).orgs.is_empty());
}

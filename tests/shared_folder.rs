//! A store in a folder other people can write. Files planted beside it —
//! links, pipes, hard links, files of another user, files anyone can read
//! — are refused with a clear message or passed by, never followed; no
//! file outside the store's own four is ever written or chmod-ed; a store
//! reached through a link stays one store; a lock file deleted mid-write
//! never loses an acknowledged change.
//!
//! Where the tests run as root, files are also planted as another user
//! (uid 65534) with `setpriv`; without root or `setpriv` those cases are
//! skipped with a printed reason.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fresh, ok, quota, run, stderr};

const NAME: &str = "Nguyễn Thị Mai";

/// What a file is: its bytes (or link target), mode and owner.
type Snapshot = BTreeMap<String, (Vec<u8>, u32, u32)>;

/// Every file under `dir`, as it is.
fn snapshot(dir: &Path) -> Snapshot {
    let mut all = BTreeMap::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let m = fs::symlink_metadata(&p).unwrap();
        let bytes = if m.file_type().is_symlink() {
            fs::read_link(&p)
                .unwrap()
                .into_os_string()
                .into_encoded_bytes()
        } else if m.is_file() {
            fs::read(&p).unwrap()
        } else {
            Vec::new()
        };
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        all.insert(name, (bytes, m.mode(), m.uid()));
    }
    all
}

/// A store with one org in a folder of its own, and a folder elsewhere
/// holding a file someone would like the tool to overwrite or leak into.
struct Scene {
    _dir: tempfile::TempDir,
    store: PathBuf,
    outside: tempfile::TempDir,
    victim: PathBuf,
}

fn scene() -> Scene {
    let (dir, store) = fresh();
    ok(&store, &["add", "xa", "--name", "Chi bộ Xã A"]);
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    fs::write(&victim, "not the store's\n").unwrap();
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o644)).unwrap();
    Scene {
        _dir: dir,
        store,
        outside,
        victim,
    }
}

impl Scene {
    fn beside(&self, suffix: &str) -> PathBuf {
        let mut p = self.store.clone().into_os_string();
        p.push(suffix);
        PathBuf::from(p)
    }

    /// `admit` with a person's details: what a planted file would want.
    fn admit(&self) -> std::process::Output {
        run(
            &self.store,
            &["admit", "xa", "--date", "2026-03-02", "--name", NAME],
        )
    }
}

/// `admit` refused with `words`, the store and everything outside it as
/// they were.
fn refused(scene: &Scene, words: &str) {
    let store = fs::read(&scene.store).unwrap();
    let outside = snapshot(scene.outside.path());
    let o = scene.admit();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(words), "expected {words:?} in: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!err.contains(NAME), "{err}");
    assert_eq!(fs::read(&scene.store).unwrap(), store, "the store changed");
    assert_eq!(
        snapshot(scene.outside.path()),
        outside,
        "a file outside changed"
    );
}

/// Runs `script` with `sh -c` as uid/gid 65534 when this is root and
/// `setpriv` exists; says why not otherwise.
fn as_other_user(script: &str) -> bool {
    if rustix_euid() != 0 {
        eprintln!("skipped: planting as another user needs root");
        return false;
    }
    let o = Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "sh",
            "-c",
        ])
        .arg(script)
        .output();
    match o {
        Ok(o) if o.status.success() => true,
        Ok(o) => panic!("setpriv failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => {
            eprintln!("skipped: no setpriv ({e})");
            false
        }
    }
}

fn rustix_euid() -> u32 {
    fs::metadata("/proc/self").map_or(u32::MAX, |m| m.uid())
}

fn sh_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

#[test]
fn planted_temporary_names_are_never_followed_nor_swept() {
    let s = scene();
    let dir = s.store.parent().unwrap();
    // The names a writer of the next few processes would once have used
    // (`.quota.toml.tmp.<pid>`), and a few more, all links to the victim.
    let next_pid = Command::new("true").spawn().unwrap().id();
    let mut planted = Vec::new();
    for n in (next_pid..next_pid + 40)
        .map(|p| p.to_string())
        .chain(["x".into()])
    {
        for name in [
            format!(".quota.toml.tmp.{n}"),
            format!(".quota.toml.tmp.bak.{n}"),
        ] {
            symlink(&s.victim, dir.join(&name)).unwrap();
            planted.push(dir.join(name));
        }
    }
    let outside = snapshot(s.outside.path());
    let o = s.admit();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        snapshot(s.outside.path()),
        outside,
        "the victim was written"
    );
    for p in &planted {
        assert!(
            fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()),
            "the sweep removed the link {}",
            p.display()
        );
    }
    // A regular file of that name made by another user stays too; one of
    // this user's (a killed writer's) is swept.
    fs::write(dir.join(".quota.toml.tmp.mine"), "half").unwrap();
    let theirs = dir.join(".quota.toml.tmp.theirs");
    fs::set_permissions(dir, fs::Permissions::from_mode(0o777)).unwrap();
    let other = as_other_user(&format!("echo half > {}", sh_quote(&theirs)));
    ok(&s.store, &["admit", "xa", "--date", "2026-03-03"]);
    assert!(!dir.join(".quota.toml.tmp.mine").exists());
    if other {
        assert_eq!(fs::read_to_string(&theirs).unwrap(), "half\n");
    }
}

#[test]
fn planted_links_beside_the_store_are_refused() {
    for suffix in [".history", ".lock", ".bak"] {
        let s = scene();
        let _ = fs::remove_file(s.beside(suffix));
        symlink(&s.victim, s.beside(suffix)).unwrap();
        refused(&s, "is a symbolic link");
        // Links to nowhere too: nothing is created where they lead.
        fs::remove_file(s.beside(suffix)).unwrap();
        let nowhere = s.outside.path().join("new.txt");
        symlink(&nowhere, s.beside(suffix)).unwrap();
        refused(&s, "is a symbolic link");
        assert!(!nowhere.exists(), "{suffix}: a file was created outside");
    }
}

#[test]
fn planted_files_that_are_not_private_regular_files_are_refused() {
    // A history anyone can read would receive the person's details.
    let s = scene();
    fs::set_permissions(s.beside(".history"), fs::Permissions::from_mode(0o666)).unwrap();
    let history = fs::read(s.beside(".history")).unwrap();
    refused(&s, "chmod 600");
    assert_eq!(fs::read(s.beside(".history")).unwrap(), history);
    fs::set_permissions(s.beside(".history"), fs::Permissions::from_mode(0o600)).unwrap();
    assert!(s.admit().status.success());

    // A pipe: refused at once rather than waited on.
    let s = scene();
    fs::remove_file(s.beside(".history")).unwrap();
    let o = Command::new("mkfifo")
        .arg(s.beside(".history"))
        .output()
        .unwrap();
    assert!(o.status.success());
    refused(&s, "not a regular file");

    // A hard link to a file elsewhere: writing to it would write there.
    let s = scene();
    fs::remove_file(s.beside(".history")).unwrap();
    fs::set_permissions(&s.victim, fs::Permissions::from_mode(0o600)).unwrap();
    fs::hard_link(&s.victim, s.beside(".history")).unwrap();
    refused(&s, "another name (a hard link)");

    // A directory where the backup goes.
    let s = scene();
    fs::remove_file(s.beside(".bak")).unwrap();
    fs::create_dir(s.beside(".bak")).unwrap();
    refused(&s, "is a directory where the backup file should be");
}

#[test]
fn files_another_user_planted_are_refused() {
    for suffix in [".history", ".lock", ".bak"] {
        let s = scene();
        let dir = s.store.parent().unwrap();
        fs::set_permissions(dir, fs::Permissions::from_mode(0o777)).unwrap();
        let _ = fs::remove_file(s.beside(suffix));
        // Private and regular, but not this user's.
        let script = format!("umask 077; : > {}", sh_quote(&s.beside(suffix)));
        if !as_other_user(&script) {
            return;
        }
        refused(&s, "belongs to another user");
        // And a link planted by another user.
        fs::remove_file(s.beside(suffix)).unwrap();
        let script = format!(
            "ln -s {} {}",
            sh_quote(&s.victim),
            sh_quote(&s.beside(suffix))
        );
        assert!(as_other_user(&script));
        refused(&s, "is a symbolic link");
    }
}

#[test]
fn an_export_with_details_over_an_existing_file_is_made_private() {
    let s = scene();
    ok(
        &s.store,
        &["admit", "xa", "--date", "2026-03-02", "--name", NAME],
    );
    let out = s.outside.path().join("export.csv");
    fs::write(&out, "old").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o644)).unwrap();
    let path = out.to_str().unwrap();
    ok(
        &s.store,
        &["export", "--kind", "admissions", "--output", path],
    );
    assert_eq!(fs::metadata(&out).unwrap().mode() & 0o777, 0o644);
    ok(
        &s.store,
        &[
            "export",
            "--kind",
            "admissions",
            "--with-details",
            "--output",
            path,
        ],
    );
    assert!(fs::read_to_string(&out).unwrap().contains(NAME));
    assert_eq!(fs::metadata(&out).unwrap().mode() & 0o777, 0o600);
}

#[test]
fn a_store_reached_through_a_link_stays_one_store() {
    let (real_dir, real) = fresh();
    ok(&real, &["add", "xa"]);
    let other = tempfile::tempdir().unwrap();
    let link = other.path().join("link.toml");
    symlink(&real, &link).unwrap();
    let first = ok(&link, &["admit", "xa", "--date", "2026-03-02"]);
    let second = ok(&real, &["admit", "xa", "--date", "2026-03-03"]);
    let third = ok(&link, &["admit", "xa", "--date", "2026-03-04"]);
    assert_eq!([first.trim(), second.trim(), third.trim()], ["1", "2", "3"]);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // The link's folder holds the link alone: lock, history and backup
    // are beside the real file.
    let names: Vec<String> = snapshot(other.path()).into_keys().collect();
    assert_eq!(names, ["link.toml"]);
    let names: Vec<String> = snapshot(real_dir.path()).into_keys().collect();
    assert_eq!(
        names,
        [
            "quota.toml",
            "quota.toml.bak",
            "quota.toml.history",
            "quota.toml.lock"
        ]
    );
    // One history: undo through the link takes back the last change,
    // whichever name made it.
    ok(&link, &["undo"]);
    let ids: Vec<u64> = common::content(&real)
        .admissions
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids, [1, 2]);
    let log = ok(&real, &["log", "--format", "json"]);
    assert_eq!(log.matches("\"seq\"").count(), 6, "{log}");
}

fn writer(notify: &dyn Fn(&quota::lang::Text)) -> quota::store::Writer<'_> {
    quota::store::Writer {
        notify,
        timeout: std::time::Duration::from_secs(5),
        command: "quota test".into(),
    }
}

fn admission(id: u64) -> quota::model::Admission {
    quota::model::Admission {
        id,
        org: "xa".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        count: 1,
        decision: None,
        note: None,
        person: None,
        void: None,
        probation: None,
    }
}

/// A writer whose lock file is deleted while it works, and another
/// `quota` that then takes "the" lock and writes: the first must not
/// save, so the second's acknowledged record stays and no id is handed
/// out twice.
#[test]
fn a_removed_lock_never_loses_an_acknowledged_change() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    let lock = {
        let mut p = store.clone().into_os_string();
        p.push(".lock");
        PathBuf::from(p)
    };
    let result = quota::store::update(
        &store,
        quota::store::Mode::Change,
        &writer(&|_| {}),
        |s, _| {
            fs::remove_file(&lock).unwrap();
            let other = quota()
                .env("QUOTA_LOCK_TIMEOUT", "0")
                .arg("--store")
                .arg(&store)
                .args(["admit", "xa", "--date", "2026-03-02"])
                .output()
                .unwrap();
            assert!(other.status.success(), "{}", stderr(&other));
            assert_eq!(String::from_utf8_lossy(&other.stdout).trim(), "1");
            // This writer loaded the store before, so it would use id 1 too.
            s.admissions.push(admission(s.next_id));
            s.next_id += 1;
            Ok(())
        },
    );
    let err = result.unwrap_err().to_string();
    assert!(err.contains("was removed or replaced"), "{err}");
    let now = common::content(&store);
    assert_eq!(now.admissions.len(), 1);
    assert_eq!(now.admissions[0].date.to_string(), "2026-03-02");
    // The history holds the acknowledged change, not the aborted one.
    let log = ok(&store, &["log", "--format", "json"]);
    assert!(!log.contains("quota test"), "{log}");
    ok(&store, &["admit", "xa", "--date", "2026-03-05"]);
    assert_eq!(quota::store::load(&store).unwrap().next_id, 3);
}

/// The store replaced behind the lock's back while a writer works (by
/// hand, or by a tool that does not take the lock): the writer does not
/// save over it.
#[test]
fn a_store_changed_behind_the_lock_is_not_overwritten() {
    let (_dir, store) = fresh();
    ok(&store, &["add", "xa"]);
    let replaced = std::cell::RefCell::new(Vec::new());
    let result = quota::store::update(
        &store,
        quota::store::Mode::Change,
        &writer(&|_| {}),
        |s, _| {
            let mut other = quota::store::load(&store).unwrap();
            other.admissions.push(admission(1));
            other.next_id = 2;
            let text = quota::store::serialize(&mut other, quota::store::Format::Toml).unwrap();
            quota::store::write(&store, text.as_bytes()).unwrap();
            *replaced.borrow_mut() = text.into_bytes();
            s.orgs[0].members = Some(12);
            Ok(())
        },
    );
    let err = result.unwrap_err().to_string();
    assert!(err.contains("changed by something else"), "{err}");
    assert_eq!(fs::read(&store).unwrap(), *replaced.borrow());
}

/// A store laid out by hand: a command that changes nothing leaves it as
/// it is and records nothing, so `undo` has nothing to go round in.
#[test]
fn a_change_of_nothing_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("quota.toml");
    let text = "# Kept by hand.\nversion = 1\n\n[[orgs]]\nname = \"Chi bộ Xã A\"\nid = \"xa\"\n";
    fs::write(&store, text).unwrap();
    ok(&store, &["edit", "xa", "--name", "Chi bộ Xã A"]);
    ok(&store, &["edit", "xa", "--name", "Chi bộ Xã A"]);
    assert_eq!(fs::read_to_string(&store).unwrap(), text);
    let log = ok(&store, &["log", "--format", "json"]);
    assert!(!log.contains("\"seq\""), "{log}");
    let o = run(&store, &["undo"]);
    assert!(stderr(&o).contains("Nothing to undo"), "{}", stderr(&o));
    // A real change is written, and recorded once.
    ok(&store, &["edit", "xa", "--members", "12"]);
    let log = ok(&store, &["log", "--format", "json"]);
    assert_eq!(log.matches("\"seq\"").count(), 1, "{log}");
}

/// A device or a pipe given as the store is refused at once, not read
/// for ever or waited on.
#[test]
fn a_store_that_is_not_a_regular_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.toml");
    let o = Command::new("mkfifo").arg(&fifo).output().unwrap();
    assert!(o.status.success());
    for store in [Path::new("/dev/zero"), fifo.as_path()] {
        for args in [&["report"][..], &["admit", "xa"]] {
            let o = run(store, args);
            assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
            assert!(
                stderr(&o).contains("is not a regular file"),
                "{}",
                stderr(&o)
            );
        }
    }
    assert!(!Path::new("/dev/zero.lock").exists());
    assert!(!dir.path().join("pipe.toml.lock").exists());
}

//! Running the real binary with a pinned environment.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Today, for every test run.
pub const TODAY: &str = "2026-11-22";

/// `quota` with a pinned environment: no colour, 80 columns, English, a
/// fixed today, no store from the caller's environment.
pub fn quota() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_quota"));
    c.env("QUOTA_TODAY", TODAY)
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("QUOTA_STORE");
    c
}

/// Runs `quota --store STORE ARGS…`.
pub fn run(store: &Path, args: &[&str]) -> Output {
    quota()
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 output")
}

/// Runs a command that must succeed and returns its stdout.
pub fn ok(store: &Path, args: &[&str]) -> String {
    let o = run(store, args);
    assert!(o.status.success(), "quota {args:?} failed: {}", stderr(&o));
    stdout(&o)
}

/// The path of a sample store in `data/`.
pub fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

/// A new empty store made by `quota init` in a temporary directory (kept
/// alive by the returned guard).
pub fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = dir.path().join("quota.toml");
    ok(&store, &["init"]);
    (dir, store)
}

/// The store's records, without `next_id`: an undo takes records back but
/// never hands out an id twice, so `next_id` stays where it was.
pub fn content(path: &Path) -> quota::model::Store {
    let mut s = quota::store::load(path).expect("the store loads");
    s.next_id = 0;
    s
}

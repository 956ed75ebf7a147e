//! `examples/monthly-report.sh`, the cron job: run with bash against a copy
//! of a sample store, with the real binary as `$QUOTA`.
// The monthly script writes workbooks among its files: without the xlsx
// feature (`--no-default-features`) there is nothing here to test.
#![cfg(feature = "xlsx")]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{TODAY, data, stderr, stdout};
use serde_json::Value;

/// The ten files of February 2024, in the order the script writes them.
const FILES: [&str; 10] = [
    "report-2024-02.txt",
    "report-2024-02.csv",
    "report-2024-02.xlsx",
    "report-2024-02.html",
    "report-2024-02.json",
    "breakdown-2024-02.txt",
    "breakdown-2024-02.csv",
    "breakdown-2024-02.xlsx",
    "breakdown-2024-02.html",
    "breakdown-2024-02.json",
];

/// A temporary directory holding a copy of Thanh Hóa's store; the reports
/// go to `out/` inside it, which the script has to create.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().expect("a temporary directory");
        std::fs::copy(
            data("thanh-hoa-2023-2024.toml"),
            dir.path().join("store.toml"),
        )
        .expect("the sample store copies");
        Setup { dir }
    }

    fn store(&self) -> PathBuf {
        self.dir.path().join("store.toml")
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// `bash examples/monthly-report.sh ARGS…` with a pinned environment.
    fn script(&self, args: &[&str]) -> Command {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/monthly-report.sh");
        let mut c = Command::new("bash");
        c.arg(script)
            .args(args)
            .current_dir(self.dir.path())
            .env("QUOTA", env!("CARGO_BIN_EXE_quota"))
            .env("QUOTA_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("QUOTA_STORE")
            .env_remove("QUOTA_LANG");
        c
    }

    /// Runs the script on the store for `month` into `out/`, plus `extra`.
    fn run(&self, month: &str, extra: &[&str]) -> Output {
        let store = self.store();
        let out = self.out();
        let mut args = vec![store.to_str().unwrap(), month, out.to_str().unwrap()];
        args.extend_from_slice(extra);
        self.script(&args).output().expect("bash runs")
    }

    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.out().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// The names in `out/`, sorted.
    fn written(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.out())
            .map(|d| {
                d.map(|e| e.unwrap().file_name().into_string().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn writes_report_and_breakdown_in_five_formats_each() {
    let s = Setup::new();
    // Day first, as Vietnamese write it: the files are still named 2024-02.
    let o = s.run("02/2024", &[]);
    assert!(o.status.success(), "the script failed: {}", stderr(&o));
    assert_eq!(s.written(), sorted(&FILES));
    for name in FILES {
        assert!(!s.read(name).is_empty(), "{name} is empty");
    }
    // A note per file on stderr, none on stdout.
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    for name in FILES {
        let note = format!("Wrote {}.", s.out().join(name).display());
        assert!(err.contains(&note), "no note for {name}: {err}");
    }
    // Reports only read: nothing but the store and the reports beside it.
    let mut beside: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    beside.sort();
    assert_eq!(beside, ["out", "store.toml"]);
}

#[test]
fn the_report_is_february_with_last_year_and_the_outlook() {
    let s = Setup::new();
    let o = s.run("2024-02", &[]);
    assert!(o.status.success(), "the script failed: {}", stderr(&o));
    let v: Value = serde_json::from_slice(&s.read("report-2024-02.json")).expect("JSON");
    assert_eq!(v["period"], "2024");
    assert_eq!(v["as_of"], "2024-02-29");
    let top = &v["rows"][0];
    assert_eq!(top["id"], "thanh-hoa");
    assert_eq!(top["admitted"], 231);
    assert_eq!(top["quota"], 817);
    // --compare and --forecast were passed.
    assert_eq!(top["prev_quota"], 707);
    assert!(top["forecast"].is_u64(), "no forecast: {top}");
    let table = String::from_utf8(s.read("report-2024-02.txt")).unwrap();
    assert!(table.starts_with("Admissions, year 2024, as of 2024-02-29\n"));
    for word in ["Last", "Forecast"] {
        assert!(table.contains(word), "no {word} column:\n{table}");
    }
    let b: Value = serde_json::from_slice(&s.read("breakdown-2024-02.json")).expect("JSON");
    assert_eq!(b["as_of"], "2024-02-29");
    assert_eq!(b["rows"][0]["admitted"], 231);
}

#[test]
fn pages_have_no_scripts_and_workbooks_are_zips() {
    let s = Setup::new();
    let o = s.run("2024-02", &[]);
    assert!(o.status.success(), "the script failed: {}", stderr(&o));
    for name in ["report-2024-02.html", "breakdown-2024-02.html"] {
        let page = String::from_utf8(s.read(name)).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"), "{name}: {page:.80}");
        assert!(
            !page.to_ascii_lowercase().contains("<script"),
            "{name} has a script"
        );
    }
    // The report's page carries the burn-up chart.
    let page = String::from_utf8(s.read("report-2024-02.html")).unwrap();
    assert!(page.contains("<svg"), "no chart in the report's page");
    for name in ["report-2024-02.xlsx", "breakdown-2024-02.xlsx"] {
        assert!(s.read(name).starts_with(b"PK"), "{name} is not a zip");
    }
}

#[test]
fn quiet_prints_nothing_on_success() {
    let s = Setup::new();
    let o = s.run("2024-02", &["--quiet"]);
    assert!(o.status.success(), "the script failed: {}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "");
    assert_eq!(s.written(), sorted(&FILES));
}

#[test]
fn quota_lang_sets_the_language() {
    let s = Setup::new();
    let o = s
        .script(&[
            s.store().to_str().unwrap(),
            "2024-02",
            s.out().to_str().unwrap(),
        ])
        .env("QUOTA_LANG", "vi")
        .output()
        .expect("bash runs");
    assert!(o.status.success(), "the script failed: {}", stderr(&o));
    let table = String::from_utf8(s.read("report-2024-02.txt")).unwrap();
    assert!(
        table.starts_with("Kết nạp đảng viên, năm 2024, tính đến ngày 29/02/2024\n"),
        "{table}"
    );
    assert!(stderr(&o).contains("Đã ghi"), "{}", stderr(&o));
}

#[test]
fn a_bad_month_stops_with_quotas_message() {
    let s = Setup::new();
    let o = s.run("2024-13", &[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.starts_with("quota: "), "not quota's message: {err}");
    assert!(err.contains("--month") && err.contains("2024-13"), "{err}");
    // It stopped at the first command: one message, no file.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(s.written(), Vec::<String>::new());
}

#[test]
fn a_failing_command_stops_the_rest() {
    let s = Setup::new();
    // A directory where the breakdown's CSV should go: the seventh command
    // fails, and the last three never run.
    std::fs::create_dir_all(s.out().join("breakdown-2024-02.csv")).unwrap();
    let o = s.run("2024-02", &["--quiet"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with("quota: ") && err.contains("breakdown-2024-02.csv"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(s.out().join("breakdown-2024-02.txt").is_file());
    for name in &FILES[7..] {
        assert!(!s.out().join(name).exists(), "{name} was written");
    }
}

#[test]
fn a_missing_argument_prints_the_usage() {
    let s = Setup::new();
    let o = s
        .script(&[s.store().to_str().unwrap(), "2024-02"])
        .output()
        .expect("bash runs");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).starts_with("usage: monthly-report.sh STORE MONTH OUTDIR [--quiet]\n"),
        "{}",
        stderr(&o)
    );
    // So does a fourth argument that is not --quiet.
    let o = s.run("2024-02", &["--loud"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("usage: "), "{}", stderr(&o));
    assert!(!s.out().exists(), "the script went on");
}

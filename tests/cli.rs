//! CLI cases (`tests/cmd/*.trycmd`) and the README's walk-through, run
//! against the real binary with a pinned environment.

use std::path::Path;

fn cases() -> trycmd::TestCases {
    let t = trycmd::TestCases::new();
    t.register_bin("quota", Path::new(env!("CARGO_BIN_EXE_quota")))
        .env("QUOTA_TODAY", "2026-11-22")
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "")
        .env("QUOTA_STORE", "");
    t
}

#[test]
fn cli_cases() {
    cases().case("tests/cmd/*.trycmd").run();
}

/// The README's `console` blocks run in order in one empty directory, as a
/// new user would type them.
#[test]
fn readme_walk_through() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    let original = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    std::fs::copy(&original, &readme).unwrap();
    // An `.out` directory beside the file makes trycmd run every block in
    // one fresh sandbox.
    std::fs::create_dir(dir.path().join("README.out")).unwrap();
    cases().case(&readme).run();
    // `TRYCMD=overwrite` updated the copy: bring the new outputs home.
    if std::env::var("TRYCMD").as_deref() == Ok("overwrite") {
        std::fs::copy(&readme, &original).unwrap();
    }
}

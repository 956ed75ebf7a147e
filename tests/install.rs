//! `cargo install` of this checkout works and gives a working `quota`.
//! A full release build takes minutes, so the test is ignored by default;
//! run it with `cargo test --locked --test install -- --ignored`.

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "a full release build; run with: cargo test --test install -- --ignored"]
fn cargo_install_works() {
    let root = tempfile::tempdir().unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let o = Command::new(cargo)
        .args(["install", "--locked", "--quiet", "--path"])
        .arg(env!("CARGO_MANIFEST_DIR"))
        .arg("--root")
        .arg(root.path())
        .output()
        .expect("cargo runs");
    assert!(
        o.status.success(),
        "cargo install: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bin = root.path().join("bin").join("quota");
    assert!(Path::new(&bin).is_file());
    let o = Command::new(&bin).arg("--version").output().unwrap();
    assert!(o.status.success());
    let version = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        version.trim(),
        format!("quota {}", env!("CARGO_PKG_VERSION"))
    );
    let o = Command::new(&bin)
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(o.status.success() && !o.stdout.is_empty());
}

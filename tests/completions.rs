//! `quota completions` and `quota man`: every shell's script generates,
//! and bash, run interactively as a user's would be, offers a store's
//! organisation ids where an organisation goes.

mod common;

use std::path::Path;
use std::process::Command;

use common::{fresh, ok, quota, stderr, stdout};

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

#[test]
fn every_shell_gets_a_script() {
    for shell in SHELLS {
        let o = quota().args(["completions", shell]).output().unwrap();
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(script.len() > 1000, "{shell}: {script}");
        assert!(script.contains("quota"), "{shell}");
        assert!(script.contains("report"), "{shell}");
        // The hidden command scripts call is not offered (bash's wrapper
        // calls it).
        let offered = |l: &&str| {
            let word = l
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|w| w == "__orgs");
            word && !l.trim_start().starts_with('#') && !l.contains("__orgs 2>/dev/null")
        };
        assert!(!script.lines().any(|l| offered(&l)), "{shell}");
    }
    let o = quota().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn man_page_lists_the_commands() {
    let o = quota().arg("man").output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.starts_with(".TH quota 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for sub in ["report", "breakdown", "import", "completions"] {
        assert!(page.contains(&format!("quota\\-{sub}(1)")), "{sub}");
    }
    assert!(!page.contains("__orgs"));
}

/// A store with two organisations, one with a long Vietnamese name.
fn store() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, store) = fresh();
    ok(
        &store,
        &["add", "dak-lak", "--name", "Đảng bộ tỉnh Đắk Lắk"],
    );
    ok(
        &store,
        &[
            "add",
            "cu-pui",
            "--name",
            "Đảng bộ xã Cư Pui",
            "--parent",
            "dak-lak",
        ],
    );
    (dir, store)
}

/// Sources `quota completions bash` in an interactive bash without any
/// start-up file, in an empty HOME, then completes the last of `words`
/// through the function registered for `quota`, as bash does on TAB.
fn complete(home: &Path, words: &[&str], env: &[(&str, &str)]) -> Vec<String> {
    let bin = Path::new(env!("CARGO_BIN_EXE_quota")).parent().unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let quoted: Vec<String> = words
        .iter()
        .map(|w| format!("'{}'", w.replace('\'', r"'\''")))
        .collect();
    let script = format!(
        r#"source <(quota completions bash) || exit 3
f=$(complete -p quota | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
[ -n "$f" ] || exit 4
COMP_WORDS=({words})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="${{COMP_WORDS[*]}}"
COMP_POINT=${{#COMP_LINE}}
"$f" quota "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}"
"#,
        words = quoted.join(" ")
    );
    let mut c = Command::new("bash");
    c.args(["--norc", "--noprofile", "-i", "-c", &script])
        .env_clear()
        .env("HOME", home)
        .env("PATH", path)
        .env("LANG", "C.UTF-8");
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().expect("bash runs");
    assert!(o.status.success(), "{words:?}: {}", stderr(&o));
    let mut offered: Vec<String> = stdout(&o)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    offered.sort();
    offered
}

#[test]
fn bash_offers_the_org_ids_of_the_store() {
    let home = tempfile::tempdir().unwrap();
    let (_dir, store) = store();
    let s = store.to_str().unwrap();
    let both = ["cu-pui", "dak-lak"];
    // quota report --org <TAB>
    assert_eq!(
        complete(
            home.path(),
            &["quota", "--store", s, "report", "--org", ""],
            &[]
        ),
        both
    );
    assert_eq!(
        complete(
            home.path(),
            &["quota", "report", "--store", s, "--org", "c"],
            &[]
        ),
        ["cu-pui"]
    );
    // --store=PATH, which bash splits at the '='.
    assert_eq!(
        complete(
            home.path(),
            &["quota", "--store", "=", s, "report", "--org", ""],
            &[]
        ),
        both
    );
    // The store from QUOTA_STORE; an organisation as the first argument.
    let env = [("QUOTA_STORE", s)];
    assert_eq!(complete(home.path(), &["quota", "admit", ""], &env), both);
    assert_eq!(
        complete(
            home.path(),
            &["quota", "admit", "--date", "2026-01-02", "d"],
            &env
        ),
        ["dak-lak"]
    );
    assert_eq!(
        complete(home.path(), &["quota", "candidate", "add", ""], &env),
        both
    );
    assert_eq!(
        complete(home.path(), &["quota", "add", "x", "--parent", ""], &env),
        both
    );
    // Elsewhere, the generated completion: commands, options.
    assert_eq!(complete(home.path(), &["quota", "repo"], &env), ["report"]);
    let after_org = complete(home.path(), &["quota", "admit", "cu-pui", ""], &env);
    assert!(!after_org.contains(&"dak-lak".to_string()), "{after_org:?}");
    // A store that cannot be read offers nothing, quietly.
    let missing = home.path().join("none.toml");
    let env = [("QUOTA_STORE", missing.to_str().unwrap())];
    assert!(complete(home.path(), &["quota", "report", "--org", ""], &env).is_empty());
    let o = quota()
        .env("QUOTA_STORE", &missing)
        .arg("__orgs")
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(o.stdout.is_empty() && o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn the_man_page_speaks_the_users_language() {
    let o = common::quota()
        .args(["--lang", "vi", "man"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(page.starts_with(".TH"), "{page:.200}");
    assert!(
        page.contains("Theo dõi chỉ tiêu kết nạp đảng viên"),
        "{page:.400}"
    );
    assert!(!page.contains("Track party-member recruitment quotas"));
}

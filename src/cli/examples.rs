//! Real invocations for every command's `--help` (not `-h`, which stays
//! short), with Vietnamese names: the same lines in both languages, under
//! "Examples:" or "Ví dụ:". A test parses each one as the command line it
//! shows.

use clap::Command;

/// The examples of each command, by its path ("" for `quota` itself).
pub const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "quota --store data/dak-lak-2023.toml report --year 2023 --as-of 10/10/2023 --precision 2 --depth 1",
            "quota --lang vi report --month 2026-06 --compare --forecast",
        ],
    ),
    (
        "init",
        &["quota init", "quota --store tinh-thai-nguyen.toml init"],
    ),
    (
        "add",
        &[
            "quota add thai-nguyen --name \"Đảng bộ tỉnh Thái Nguyên\" --level province",
            "quota add phu-binh --name \"Đảng bộ xã Phú Bình\" --parent thai-nguyen --level commune --members 320",
        ],
    ),
    (
        "edit",
        &[
            "quota edit phu-binh --parent thai-nguyen",
            "quota edit \"Đảng bộ xã Phú Bình\" --name \"Đảng bộ xã Phú Bình (mới)\"",
        ],
    ),
    (
        "merge",
        &["quota merge huong-son --into phu-binh --date 01/07/2025"],
    ),
    (
        "sync",
        &[
            "quota sync ../xa-cu-pui/quota.toml --under krong-bong",
            "quota sync xa-cu-pui.json --under krong-bong --with-details",
        ],
    ),
    ("remove", &["quota remove dong-quan"]),
    (
        "assign",
        &[
            "quota assign thai-nguyen 120 --year 2026",
            "quota assign \"Đảng bộ xã Hương Sơn\" 25 --year 2026",
            "quota assign sa-thay 550 --term 2020-2025",
            "quota assign thanh-hoa 1071 --year 2023 --metric trained",
        ],
    ),
    (
        "admit",
        &[
            "quota admit dong-quan 3 --date 15/03/2026",
            "quota admit phu-binh --date 20/05/2026 --name \"Nguyễn Thị Mai\" --sex nữ --born 12/08/2001 --ethnicity Tày --youth-union --decision 123-QĐ/ĐU",
        ],
    ),
    (
        "admissions",
        &[
            "quota admissions --org phu-binh --year 2026",
            "quota admissions --with-details --format csv",
        ],
    ),
    (
        "train",
        &[
            "quota train thanh-hoa 312 --date 24/03/2023 --note \"Lớp bồi dưỡng nhận thức về Đảng, khóa 1\"",
        ],
    ),
    (
        "candidate",
        &[
            "quota candidate add tan-an --name \"Y Khuê Niê\" --born 14/03/2001 --sex nữ --ethnicity \"Ê Đê\"",
            "quota candidate list --org buon-ma-thuot",
        ],
    ),
    (
        "candidate add",
        &[
            "quota candidate add tan-an --name \"Y Khuê Niê\" --born 14/03/2001 --sex nữ --ethnicity \"Ê Đê\" --youth-union",
            "quota candidate add tan-an --name \"Nguyễn Văn Hùng\" --stage applied --date 08/07/2023",
        ],
    ),
    (
        "candidate advance",
        &[
            "quota candidate advance 171 verifying --date 13/09/2023",
            "quota candidate advance 172 voted --date 2026-06-05 --exception \"Già làng có uy tín\"",
        ],
    ),
    (
        "candidate drop",
        &["quota candidate drop 173 --reason \"Chuyển công tác\""],
    ),
    (
        "candidate list",
        &[
            "quota candidate list --org tan-an --stage verifying",
            "quota candidate list --all --with-details --format csv",
        ],
    ),
    (
        "candidate admit",
        &["quota candidate admit 171 --date 2026-07-01 --decision 45-QĐ/ĐU --ceremony 2026-07-15"],
    ),
    (
        "pipeline",
        &[
            "quota pipeline --year 2023 --as-of 10/10/2023 --org tan-an",
            "quota --lang vi pipeline --depth 1",
        ],
    ),
    (
        "due",
        &[
            "quota due",
            "quota due --within 60 --org phu-binh --with-details",
        ],
    ),
    (
        "probation",
        &[
            "quota probation --within 90",
            "quota probation --all --format csv",
        ],
    ),
    ("ceremony", &["quota ceremony 8 --date 20/10/2026"]),
    ("confirm", &["quota confirm 8 --date 21/10/2027"]),
    (
        "strike",
        &["quota strike 8 --reason \"Vi phạm tư cách đảng viên\" --date 2027-03-01"],
    ),
    (
        "holiday",
        &[
            "quota holiday add 02/09/2026 --name \"Quốc khánh\"",
            "quota holiday list",
        ],
    ),
    (
        "holiday add",
        &["quota holiday add 02/09/2026 --name \"Quốc khánh\""],
    ),
    ("holiday remove", &["quota holiday remove 2026-09-02"]),
    ("holiday list", &["quota holiday list"]),
    ("void", &["quota void 3 --reason \"Ghi trùng\""]),
    ("erase", &["quota erase 4", "quota erase 4 9 12"]),
    ("orgs", &["quota orgs --tree", "quota orgs --format csv"]),
    (
        "report",
        &[
            "quota report --year 2026 --as-of 30/06/2026",
            "quota report --month 2026-06 --compare --forecast",
            "quota report --year 2023 --org krong-bong --sort percent --top 3",
            "quota report --quarter 2026-Q2 --by month --status behind",
            "quota --lang vi report --year 2026 --format html --output bao-cao.html",
            "quota --store tinh.toml --store xa-cu-pui.toml report --year 2026",
        ],
    ),
    (
        "breakdown",
        &[
            "quota breakdown --term 2020-2025 --as-of 30/06/2023 --depth 1",
            "quota --lang vi breakdown --month 2026-06 --output co-cau.xlsx",
        ],
    ),
    (
        "import",
        &[
            "quota import don-vi.csv",
            "quota import ket-nap.csv --encoding windows-1258",
            "quota import lop-hoc.csv --kind training",
            "quota import orgs.csv --prefix cu-pui- --under krong-bong",
        ],
    ),
    (
        "export",
        &[
            "quota export --kind admissions --output ket-nap.csv",
            "quota --lang vi export --kind candidates --with-details --output nguon.csv",
        ],
    ),
    ("check", &["quota check", "quota check --format json"]),
    (
        "log",
        &["quota log --last 5", "quota log --prune 2025-01-01"],
    ),
    ("undo", &["quota undo"]),
    (
        "completions",
        &["quota completions bash", "quota completions zsh"],
    ),
    ("man", &["quota man"]),
];

/// The examples of the command at `path`, under `heading`.
pub fn of(path: &str, heading: &str) -> Option<String> {
    let (_, lines) = EXAMPLES.iter().find(|(p, _)| *p == path)?;
    let mut text = format!("{heading}\n");
    for l in *lines {
        text.push_str("  ");
        text.push_str(l);
        text.push('\n');
    }
    Some(text.trim_end().to_string())
}

/// `cmd` and its subcommands with their examples after the long help,
/// under `heading`; `before` is what the root already shows after its help
/// (the environment), kept before them.
pub fn apply(cmd: Command, heading: &str, before: Option<&str>) -> Command {
    add(cmd, "", heading, before)
}

fn add(cmd: Command, path: &str, heading: &str, before: Option<&str>) -> Command {
    let cmd = match (of(path, heading), before) {
        (Some(ex), Some(b)) => cmd.after_long_help(format!("{ex}\n\n{b}")),
        (Some(ex), None) => cmd.after_long_help(ex),
        (None, _) => cmd,
    };
    cmd.mut_subcommands(|sub| {
        let path = match path {
            "" => sub.get_name().to_string(),
            _ => format!("{path} {}", sub.get_name()),
        };
        add(sub, &path, heading, None)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::{CommandFactory, Parser};

    /// The words of a command line as a shell splits them (double quotes
    /// only: the examples use nothing else).
    fn words(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        let (mut quoted, mut any) = (false, false);
        for c in line.chars() {
            match c {
                '"' => {
                    quoted = !quoted;
                    any = true;
                }
                ' ' if !quoted => {
                    if any {
                        out.push(std::mem::take(&mut word));
                        any = false;
                    }
                }
                c => {
                    word.push(c);
                    any = true;
                }
            }
        }
        if any {
            out.push(word);
        }
        out
    }

    fn paths(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        out.push(path.to_string());
        // A hidden command is for scripts, not people: no examples.
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let p = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            paths(sub, &p, out);
        }
    }

    #[test]
    fn every_command_has_examples_and_nothing_else_does() {
        let mut all = Vec::new();
        paths(&Cli::command(), "", &mut all);
        for p in &all {
            assert!(
                EXAMPLES.iter().any(|(e, _)| e == p),
                "no examples for '{p}'"
            );
        }
        for (e, lines) in EXAMPLES {
            assert!(all.iter().any(|p| p == e), "examples for no command: '{e}'");
            assert!(!lines.is_empty(), "{e}");
        }
    }

    /// Each example is a command line the parser takes, of its command.
    #[test]
    fn every_example_parses_as_its_command() {
        for (path, lines) in EXAMPLES {
            for line in *lines {
                let w = words(line);
                assert_eq!(w[0], "quota", "{line}");
                if let Err(e) = Cli::try_parse_from(&w) {
                    panic!("{line}: {e}");
                }
                let named: Vec<&str> = path.split(' ').filter(|s| !s.is_empty()).collect();
                let typed: Vec<&str> = w.iter().map(String::as_str).collect();
                assert!(
                    named.is_empty() || typed.windows(named.len()).any(|x| x == named.as_slice()),
                    "'{line}' is not an example of '{path}'"
                );
            }
        }
    }

    #[test]
    fn words_split_as_a_shell_splits_them() {
        assert_eq!(
            words("quota add x --name \"Đảng bộ xã A\" --level cell"),
            [
                "quota",
                "add",
                "x",
                "--name",
                "Đảng bộ xã A",
                "--level",
                "cell"
            ]
        );
    }
}

//! The report in a real terminal: tmux (Debian package `tmux`) runs
//! `quota report` in an 80-column pane on a store of long Vietnamese
//! names, and the screen it leaves is read back. `.ci/run` installs tmux;
//! where it is missing the test says so and passes, unless `CI` is set,
//! where a missing tmux fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthChar;

const WIDTH: usize = 80;

fn tmux_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("tmux"))
        .find(|p| p.is_file())
}

/// A tmux server of the test's own, on a socket in a temporary directory,
/// killed when dropped.
struct Tmux {
    bin: PathBuf,
    dir: tempfile::TempDir,
}

impl Tmux {
    fn start(bin: PathBuf) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        // Panes stay once their command is over, to be read.
        std::fs::write(
            dir.path().join("tmux.conf"),
            "set -g remain-on-exit on\nset -g history-limit 10000\n",
        )
        .unwrap();
        Tmux { bin, dir }
    }

    fn tmux(&self) -> Command {
        let mut c = Command::new(&self.bin);
        c.arg("-u")
            .arg("-S")
            .arg(self.dir.path().join("socket"))
            .arg("-f")
            .arg(self.dir.path().join("tmux.conf"))
            .env("TERM", "xterm-256color");
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let o = self.tmux().args(args).output().expect("tmux runs");
        assert!(
            o.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// Runs `command` (a shell line) in a new 80×40 pane, waits for it to
    /// end and returns the pane's lines, history included, escapes kept.
    fn screen(&self, name: &str, command: &str) -> Vec<Vec<u8>> {
        let x = WIDTH.to_string();
        self.run(&[
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            &x,
            "-y",
            "40",
            command,
        ]);
        let start = Instant::now();
        while self
            .run(&["display-message", "-p", "-t", name, "#{pane_dead}"])
            .trim()
            != "1"
        {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "`{command}` did not end"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let o = self
            .tmux()
            .args(["capture-pane", "-p", "-e", "-J", "-S", "-", "-t", name])
            .output()
            .unwrap();
        assert!(o.status.success());
        o.stdout
            .split(|&b| b == b'\n')
            .map(<[u8]>::to_vec)
            .collect()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").output();
    }
}

fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The shell line that runs the report in the pane: the width is the
/// terminal's, not COLUMNS.
fn report(extra_env: &str, args: &str) -> String {
    let bin = quoted(env!("CARGO_BIN_EXE_quota"));
    let store = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/dak-lak-2023.toml");
    format!(
        "env -u COLUMNS -u LC_ALL -u NO_COLOR -u QUOTA_STORE QUOTA_TODAY=2026-11-22 \
         LANG=C.UTF-8 {extra_env} {bin} -q --store {} report --year 2023 --as-of 10/10/2023 \
         --depth 2 {args}",
        quoted(store.to_str().unwrap())
    )
}

/// A line without its escape sequences (CSI … final byte).
fn plain(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('\x40'..='\x7e').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The words of a line (split at ASCII spaces), each with the display
/// columns it starts and ends at.
fn words(line: &str) -> Vec<(usize, usize, String)> {
    let mut words = Vec::new();
    let mut col = 0;
    let mut current: Option<(usize, String)> = None;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if c == ' ' {
            if let Some((start, word)) = current.take() {
                words.push((start, col, word));
            }
        } else {
            current.get_or_insert((col, String::new())).1.push(c);
        }
        col += w;
    }
    if let Some((start, word)) = current {
        words.push((start, col, word));
    }
    words
}

/// The labels of a heading line: words one space apart are one label
/// ("Tỷ lệ"); columns are at least two apart.
fn labels(line: &str) -> Vec<(usize, usize, String)> {
    let mut labels: Vec<(usize, usize, String)> = Vec::new();
    for (start, end, word) in words(line) {
        match labels.last_mut() {
            Some(last) if start == last.1 + 1 => {
                last.1 = end;
                last.2 = format!("{} {word}", last.2);
            }
            _ => labels.push((start, end, word)),
        }
    }
    labels
}

fn is_number(word: &str) -> bool {
    word == "—"
        || word
            .chars()
            .all(|c| c.is_ascii_digit() || ",.%".contains(c))
}

/// The indentation of a name: the spaces, plain or non-breaking, before it.
fn indent(line: &str) -> usize {
    line.chars()
        .take_while(|&c| c == ' ' || c == '\u{a0}')
        .count()
}

/// Checks the table on a screen: every line whole UTF-8 and within the
/// width, the numbers of every row ending where their column's heading
/// ends, the status where its heading starts, wrapped names indented as
/// the line they continue. Returns the lines without escapes.
fn check_table(raw: &[Vec<u8>]) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, bytes) in raw.iter().enumerate() {
        let line = String::from_utf8(bytes.clone())
            .unwrap_or_else(|e| panic!("line {i} is not UTF-8 (a character split): {e}"));
        let line = plain(&line).trim_end().to_string();
        if line.starts_with("Pane is dead") {
            continue;
        }
        let width: usize = line.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert!(width <= WIDTH, "line {i} is {width} wide: {line}");
        let body = line.trim_start_matches([' ', '\u{a0}']);
        for first in [line.chars().next(), body.chars().next()]
            .into_iter()
            .flatten()
        {
            assert!(
                !unicode_normalization::char::is_combining_mark(first),
                "line {i} starts with a combining mark: {line}"
            );
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let sep = lines
        .iter()
        .position(|l| !l.is_empty() && l.chars().all(|c| c == '─'))
        .unwrap_or_else(|| panic!("no rule under the heading:\n{}", lines.join("\n")));
    let heading = &lines[1..sep];
    let body = &lines[sep + 1..];
    assert!(body.len() > 20, "{}", lines.join("\n"));

    // The rows: a line with numbers starts one, a line without continues
    // its name.
    let mut edges: Option<Vec<usize>> = None;
    let mut status_start = None;
    let mut name_end = 0;
    let mut row_indent = None;
    let mut wrapped = 0;
    for line in body {
        let ws = words(line);
        let first_number = ws.iter().position(|(_, _, w)| is_number(w));
        let Some(first_number) = first_number else {
            wrapped += 1;
            let row = row_indent.unwrap_or_else(|| panic!("a name before any row: {line}"));
            assert_eq!(indent(line), row, "a wrapped name moved: {line}");
            name_end = name_end.max(ws.last().map_or(0, |w| w.1));
            continue;
        };
        row_indent = Some(indent(line));
        name_end = name_end.max(first_number.checked_sub(1).map_or(0, |i| ws[i].1));
        let last_number = ws.iter().rposition(|(_, _, w)| is_number(w)).unwrap();
        let ends: Vec<usize> = ws[first_number..=last_number].iter().map(|w| w.1).collect();
        assert!(
            ws[first_number..=last_number]
                .iter()
                .all(|w| is_number(&w.2)),
            "{line}"
        );
        match &edges {
            None => edges = Some(ends),
            Some(e) => assert_eq!(&ends, e, "numbers out of their columns: {line}"),
        }
        let status = ws.get(last_number + 1).map(|w| w.0).expect("a status");
        assert_eq!(*status_start.get_or_insert(status), status, "{line}");
    }
    assert!(
        wrapped > 0,
        "no long name was wrapped:\n{}",
        lines.join("\n")
    );
    let edges = edges.expect("rows with numbers");
    let status_start = status_start.unwrap();
    assert!(edges.len() >= 6, "{edges:?}");

    // The heading: each word right of the names ends with a column of
    // numbers, or starts the status column; each column has a heading.
    let mut headed = Vec::new();
    for line in heading {
        for (start, end, word) in labels(line) {
            if start <= name_end {
                continue;
            }
            if start >= status_start {
                continue;
            }
            assert!(
                edges.contains(&end),
                "heading '{word}' ends at {end}, no column of numbers does ({edges:?}):\n{}",
                lines.join("\n")
            );
            headed.push(end);
        }
    }
    for e in &edges {
        assert!(
            headed.contains(e),
            "no heading over the column ending at {e}"
        );
    }
    let status_heading = labels(&heading[0])
        .into_iter()
        .find(|w| w.0 >= status_start);
    assert_eq!(
        status_heading.map(|w| w.0),
        Some(status_start),
        "the status heading is not over the status:\n{}",
        lines.join("\n")
    );
    lines
}

fn has_escapes(raw: &[Vec<u8>]) -> bool {
    raw.iter().any(|l| l.windows(2).any(|w| w == b"\x1b["))
}

#[test]
fn report_in_a_real_terminal() {
    let Some(bin) = tmux_path() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is missing; .ci/run installs it (Debian package tmux)"
        );
        println!("skipped: tmux is not installed");
        return;
    };
    let tmux = Tmux::start(bin);
    for lang in ["en", "vi"] {
        let colour = tmux.screen(
            &format!("colour-{lang}"),
            &report("", &format!("--lang {lang} --color always")),
        );
        assert!(has_escapes(&colour), "no colour with --color always");
        let coloured = check_table(&colour);

        let plain = tmux.screen(
            &format!("plain-{lang}"),
            &report("NO_COLOR=1", &format!("--lang {lang}")),
        );
        assert!(!has_escapes(&plain), "colour despite NO_COLOR=1");
        let uncoloured = check_table(&plain);
        // The colour changes nothing else.
        assert_eq!(coloured, uncoloured);
        // The terminal's width was found without COLUMNS.
        assert!(uncoloured.iter().any(|l| l.chars().count() == WIDTH));
    }
}

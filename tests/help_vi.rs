//! The Vietnamese help: a catalogue entry for every command and argument,
//! and help and usage errors under `--lang vi` free of English words.

use std::process::{Command, Output};

use clap::CommandFactory;
use quota::cli::{Cli, vi};

/// Every command below `cmd`, with its path ("candidate add").
fn commands(cmd: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
    out.push((path.to_string(), cmd.clone()));
    for sub in cmd.get_subcommands() {
        let p = match path {
            "" => sub.get_name().to_string(),
            _ => format!("{path} {}", sub.get_name()),
        };
        commands(sub, &p, out);
    }
}

fn all_commands() -> Vec<(String, clap::Command)> {
    let mut out = Vec::new();
    commands(&Cli::command(), "", &mut out);
    out
}

#[test]
fn catalogue_covers_every_command_and_argument_and_nothing_else() {
    let cmds = all_commands();
    let mut missing = Vec::new();
    for (path, cmd) in &cmds {
        if vi::about(path).is_none() {
            missing.push(format!("about of '{path}'"));
        }
        for a in cmd.get_arguments() {
            if vi::arg_help(path, a.get_id().as_str()).is_none() {
                missing.push(format!("'{path}' {}", a.get_id()));
            }
        }
    }
    assert!(missing.is_empty(), "no Vietnamese text for: {missing:?}");

    let mut unused = Vec::new();
    for (path, _) in vi::ABOUT {
        if !cmds.iter().any(|(p, _)| p == path) {
            unused.push(format!("about of '{path}'"));
        }
    }
    for (path, id, _) in vi::ARGS {
        let exists = cmds
            .iter()
            .any(|(p, c)| p == path && c.get_arguments().any(|a| a.get_id() == id));
        if !exists {
            unused.push(format!("'{path}' {id}"));
        }
    }
    let values: Vec<String> = cmds
        .iter()
        .flat_map(|(_, c)| c.get_arguments().cloned().collect::<Vec<_>>())
        .flat_map(|a| a.get_possible_values())
        .filter(|v| v.get_help().is_some())
        .map(|v| v.get_name().to_string())
        .collect();
    for v in &values {
        assert!(
            vi::VALUES.iter().any(|(n, _)| n == v),
            "no Vietnamese text for the value {v}"
        );
    }
    for (v, _) in vi::VALUES {
        if !values.iter().any(|n| n == v) {
            unused.push(format!("value {v}"));
        }
    }
    assert!(unused.is_empty(), "no such command or argument: {unused:?}");
}

/// The catalogue is NFC, as a Vietnamese keyboard types it, and repeats
/// none of clap's brackets that the rewrite adds.
#[test]
fn catalogue_texts_are_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let texts = vi::ABOUT
        .iter()
        .map(|(_, t)| *t)
        .chain(vi::ARGS.iter().map(|(_, _, t)| *t))
        .chain(vi::VALUES.iter().map(|(_, t)| *t));
    for t in texts {
        assert_eq!(t.nfc().collect::<String>(), t, "not NFC: {t}");
        assert!(!t.is_empty());
    }
}

/// The parsed command still matches what the derive expects, in either
/// language.
#[test]
fn vietnamese_command_is_well_formed() {
    vi::command().debug_assert();
}

fn quota(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quota"))
        .args(args)
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "")
        .env("QUOTA_STORE", "")
        .env("QUOTA_TODAY", "2026-11-22")
        .output()
        .expect("quota runs")
}

/// English words that never belong in a Vietnamese help or message.
const STOP: &[&str] = &[
    "the",
    "and",
    "of",
    "or",
    "to",
    "for",
    "with",
    "from",
    "this",
    "that",
    "is",
    "are",
    "not",
    "when",
    "only",
    "print",
    "help",
    "usage",
    "options",
    "option",
    "commands",
    "command",
    "arguments",
    "argument",
    "default",
    "possible",
    "values",
    "value",
    "organisation",
    "organisations",
    "admission",
    "record",
    "records",
    "store",
    "year",
    "version",
    "see",
    "more",
    "invalid",
    "unexpected",
    "found",
    "required",
    "error",
];

/// Removes what is typed rather than read: `code`, 'quoted' words,
/// --options, <VALUE> and [VALUE] placeholders, values after "giá trị:"
/// and "mặc định:", and the name that starts a line of a command list.
fn prose(text: &str, names: &[String]) -> String {
    let mut kept = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("Cách dùng:") {
            continue;
        }
        let mut line = trimmed.to_string();
        // "  report      Tiến độ …" in a list of commands
        if let Some(first) = line.split_whitespace().next()
            && names.iter().any(|n| n == first)
        {
            line = line[first.len()..].to_string();
        }
        // "- source: …" in a list of values
        if let Some(rest) = line.strip_prefix("- ") {
            line = rest.split_once(':').map_or("", |(_, r)| r).to_string();
        }
        kept.push_str(&line);
        kept.push(' ');
    }
    let kept = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    let mut rest = kept.as_str();
    while let Some(c) = rest.chars().next() {
        let close = match c {
            '`' => Some('`'),
            '\'' => Some('\''),
            '<' => Some('>'),
            '[' => Some(']'),
            _ => None,
        };
        if let Some(close) = close
            && let Some(end) = rest[1..].find(close)
        {
            rest = &rest[end + 2..];
            out.push(' ');
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.split_whitespace()
        .filter(|w| !w.starts_with('-'))
        .collect::<Vec<_>>()
        .join(" ")
}

fn english_words(text: &str, names: &[String]) -> Vec<String> {
    prose(text, names)
        .split(|c: char| !c.is_alphabetic() && c != '_')
        // QUOTA_STORE and the like name variables.
        .filter(|w| !w.contains('_'))
        .filter(|w| STOP.contains(&w.to_lowercase().as_str()))
        .map(str::to_string)
        .collect()
}

fn command_names() -> Vec<String> {
    let mut names: Vec<String> = all_commands()
        .iter()
        .filter_map(|(p, _)| p.rsplit(' ').next().map(str::to_string))
        .filter(|n| !n.is_empty())
        .collect();
    names.push("help".to_string());
    names
}

#[test]
fn every_help_is_vietnamese() {
    let names = command_names();
    for (path, _) in all_commands() {
        for flag in ["--help", "-h"] {
            let mut args = vec!["--lang", "vi"];
            args.extend(path.split_whitespace());
            args.push(flag);
            let out = quota(&args);
            assert!(out.status.success(), "{args:?}");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains("Cách dùng: quota"), "{args:?}:\n{text}");
            let english = english_words(&text, &names);
            assert!(english.is_empty(), "{args:?}: {english:?} in\n{text}");
        }
    }
    for args in [
        &["--lang", "vi", "help"][..],
        &["--lang", "vi", "help", "help"],
    ] {
        let out = quota(args);
        let text = String::from_utf8(out.stdout).unwrap();
        let english = english_words(&text, &names);
        assert!(english.is_empty(), "{args:?}: {english:?} in\n{text}");
    }
}

/// The check itself finds the English help English.
#[test]
fn english_help_fails_the_check() {
    let out = quota(&["--lang", "en", "report", "--help"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let english = english_words(&text, &command_names());
    for w in ["usage", "options", "the", "print", "default", "possible"] {
        assert!(
            english.iter().any(|e| e.to_lowercase() == w),
            "{w} not found in {english:?}"
        );
    }
}

#[test]
fn a_vietnamese_locale_gives_vietnamese_help() {
    let out = Command::new(env!("CARGO_BIN_EXE_quota"))
        .args(["report", "--help"])
        .env("LANG", "vi_VN.UTF-8")
        .env("LC_ALL", "")
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Tiến độ so với chỉ tiêu"), "{text}");
    assert!(
        text.contains("Cách dùng: quota report [TÙY CHỌN]"),
        "{text}"
    );
    // English stays English.
    let out = quota(&["report", "--help"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Usage: quota report [OPTIONS]"), "{text}");
}

#[test]
fn usage_errors_are_vietnamese() {
    let names = command_names();
    let cases: &[&[&str]] = &[
        &["report", "--nosuch"],                             // unknown option
        &["report", "--year"],                               // missing value
        &["report", "--sort", "bogus"],                      // bad value for an enum
        &["purge"],                                          // unknown command
        &["void", "3"],                                      // missing required argument
        &["init", "extra"],                                  // extra argument
        &["void", "abc", "--reason", "x"],                   // not a number
        &["report", "--year", "2026", "--month", "2026-06"], // conflict
        &["help", "nosuch"],                                 // help on no command
        &[],                                                 // no command at all
    ];
    for case in cases {
        let mut args = vec!["--lang", "vi"];
        args.extend(*case);
        let out = quota(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let text = String::from_utf8(out.stderr).unwrap();
        assert!(text.starts_with("quota: "), "{args:?}: {text}");
        assert_eq!(text.lines().count(), 1, "{args:?}: {text}");
        let english = english_words(&text, &names);
        assert!(english.is_empty(), "{args:?}: {english:?} in {text}");
        // A Vietnamese sentence: at least one letter with a diacritic.
        assert!(
            text.chars().any(
                |c| "ăâđêôơưạảấầẩậắằẳặẹẻếềểệịỉọỏốồổộớờởợụủứừửựỳỷ".contains(c)
                    || "áàãéèẽíìĩóòõúùũýỹ".contains(c)
            ),
            "{args:?}: {text}"
        );
    }
}

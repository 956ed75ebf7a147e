//! From the words typed to a command: the parsed [`Cli`], the language to
//! speak, the command line as the history records it (personal values
//! hidden, decided from the parsed command, not by scanning the words),
//! and usage errors rendered by us as one line.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};

use crate::cli::{Cli, LangArg, PRIVATE_ARGS};
use crate::lang::{Lang, Text};

/// A parsed command line.
pub struct Invocation {
    pub cli: Cli,
    lang: Lang,
    /// The words as recorded, a hidden value as `None`.
    words: Vec<Option<String>>,
    /// The subcommand's name, as typed (`report`).
    name: String,
}

impl Invocation {
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The subcommand's name (`report`; `candidate` for `candidate add`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The command line as the history records it.
    pub fn recorded(&self) -> String {
        crate::store::history::command_line(&self.words)
    }
}

/// Why there is nothing to run.
pub enum Usage {
    /// Help or version text was asked for: print it on stdout, exit 0.
    Show(String),
    /// A mistake in the command line: one line on stderr, exit 2.
    Error(Text),
}

/// The language before the command line is understood: `--lang` if it is
/// there, else the locale. Usage errors need it too.
pub fn early_lang(argv: &[OsString]) -> Lang {
    let words: Vec<String> = argv
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let value = match w.strip_prefix("--lang") {
            Some("") => words.get(i + 1).map(String::as_str),
            Some(v) => v.strip_prefix('='),
            None => None,
        };
        match value {
            Some("vi") => return Lang::Vi,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    crate::env::lang()
}

/// Parses the command line.
pub fn parse(argv: &[OsString]) -> Result<Invocation, Usage> {
    let lang = early_lang(argv);
    let command = match lang {
        Lang::En => {
            crate::cli::examples::apply(Cli::command(), "Examples:", Some(crate::cli::ENVIRONMENT))
        }
        Lang::Vi => crate::cli::vi::command(),
    };
    let matches = command.try_get_matches_from(argv).map_err(|e| usage(&e))?;
    let mut cli = Cli::from_arg_matches(&matches).map_err(|e| usage(&e))?;
    // Given both before and after the subcommand, a global option keeps
    // only the values after it (clap-rs/clap#1570): the stores are then
    // read from the words themselves, every one in the order typed.
    if let Some(typed) = stores_typed(argv)
        && typed.len() > cli.store.len()
    {
        cli.store = typed;
    }
    let lang = match cli.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Vi) => Lang::Vi,
        None => lang,
    };
    Ok(Invocation {
        cli,
        lang,
        words: recorded_words(&matches),
        name: matches.subcommand_name().unwrap_or_default().to_string(),
    })
}

/// The values of every `--store` typed, in order; `None` when one cannot
/// be read back from the words (a `--store=` joined to a value that is not
/// UTF-8). Only for a command line clap accepted: no option takes a value
/// that starts with `--` unless joined to it by `=`, so a word `--store`
/// is the option, up to a `--` that ends the options.
fn stores_typed(argv: &[OsString]) -> Option<Vec<std::path::PathBuf>> {
    let mut stores = Vec::new();
    let mut words = argv.iter().skip(1);
    while let Some(w) = words.next() {
        if w == "--" {
            break;
        }
        if w == "--store" {
            stores.extend(words.next().map(std::path::PathBuf::from));
        } else if w.as_encoded_bytes().starts_with(b"--store=") {
            let value = w.to_str()?.strip_prefix("--store=")?;
            stores.push(std::path::PathBuf::from(value));
        }
    }
    Some(stores)
}

/// The words of a command line rebuilt from what was parsed: global
/// options, the subcommand, then its arguments in the order typed; values
/// of [`PRIVATE_ARGS`] hidden.
fn recorded_words(top: &ArgMatches) -> Vec<Option<String>> {
    let command = Cli::command();
    let mut words = vec![Some("quota".to_string())];
    words.extend(arg_words(&command, top, &[]));
    sub_words(&command, top, "", &mut words);
    words
}

/// The subcommand chosen under `m` and its arguments, and so on down
/// (`candidate add …`); `path` names the levels above, as
/// [`PRIVATE_ARGS`] does ("candidate add").
fn sub_words(command: &clap::Command, m: &ArgMatches, path: &str, words: &mut Vec<Option<String>>) {
    let Some((name, sub)) = m.subcommand() else {
        return;
    };
    words.push(Some(name.to_string()));
    let Some(sub_command) = command.find_subcommand(name) else {
        return;
    };
    let path = if path.is_empty() {
        name.to_string()
    } else {
        format!("{path} {name}")
    };
    let private: Vec<&str> = PRIVATE_ARGS
        .iter()
        .filter(|(s, _)| *s == path)
        .map(|(_, a)| *a)
        .collect();
    words.extend(arg_words(sub_command, sub, &private));
    sub_words(sub_command, sub, &path, words);
}

/// The arguments of one level, typed on the command line (not defaults or
/// environment), in the order typed.
fn arg_words(command: &clap::Command, m: &ArgMatches, private: &[&str]) -> Vec<Option<String>> {
    let mut args: Vec<(usize, Vec<Option<String>>)> = Vec::new();
    for id in m.ids() {
        let id = id.as_str();
        let Some(arg) = command.get_arguments().find(|a| a.get_id() == id) else {
            continue; // a group, not an argument
        };
        if m.value_source(id) != Some(ValueSource::CommandLine) {
            continue;
        }
        let hide = private.contains(&id);
        let values: Vec<String> = m
            .get_raw(id)
            .into_iter()
            .flatten()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        let flag = arg.get_long().map(|l| format!("--{l}"));
        let mut words = Vec::new();
        match flag {
            None => words.extend(values.into_iter().map(|v| (!hide).then_some(v))),
            Some(flag) if !arg.get_action().takes_values() => words.push(Some(flag)),
            Some(flag) => {
                for v in values {
                    words.push(Some(flag.clone()));
                    words.push((!hide).then_some(v));
                }
            }
        }
        args.push((m.index_of(id).unwrap_or(usize::MAX), words));
    }
    args.sort_by_key(|(i, _)| *i);
    args.into_iter().flat_map(|(_, w)| w).collect()
}

/// Commands never suggested for a mistyped one: they remove, cancel or
/// erase.
const DESTRUCTIVE: [&str; 4] = ["remove", "void", "undo", "erase"];

/// A parser error as one line (exit 2), or help and version text.
fn usage(e: &clap::Error) -> Usage {
    let rendered = e.render().to_string();
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return Usage::Show(rendered),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            return Usage::Error(t!(
                "a command is missing; `quota --help` lists them.",
                "thiếu lệnh; `quota --help` liệt kê các lệnh."
            ));
        }
        _ => {}
    }
    // What was typed is repeated cut short, and its control characters
    // shown: an argument may be of any length and hold anything.
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(crate::text::printable(s)),
        Some(ContextValue::Strings(v)) => Some(crate::text::printable(&v.join(", "))),
        _ => None,
    };
    let hint = t!(
        "`quota --help` or `quota COMMAND --help` says more.",
        "xem thêm `quota --help` hoặc `quota LỆNH --help`."
    );
    let line = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let typed = get(ContextKind::InvalidSubcommand).unwrap_or_default();
            // Each suggestion on its own: clap may offer several.
            let suggested: Vec<String> = match e.get(ContextKind::SuggestedSubcommand) {
                Some(ContextValue::String(s)) => vec![s.clone()],
                Some(ContextValue::Strings(v)) => v.clone(),
                _ => Vec::new(),
            };
            let suggested: Vec<String> = suggested
                .into_iter()
                .filter(|s| !DESTRUCTIVE.contains(&s.as_str()))
                .collect();
            let suggested = (!suggested.is_empty()).then(|| suggested.join("', '"));
            match suggested {
                Some(s) => t!(
                    "unrecognized subcommand '{typed}'; did you mean '{s}'? `quota --help` lists the commands.",
                    "không có lệnh '{typed}'; có phải bạn muốn '{s}'? `quota --help` liệt kê các lệnh."
                ),
                None => t!(
                    "unrecognized subcommand '{typed}'; `quota --help` lists the commands.",
                    "không có lệnh '{typed}'; `quota --help` liệt kê các lệnh."
                ),
            }
        }
        ErrorKind::UnknownArgument => match get(ContextKind::InvalidArg) {
            Some(a) if a.starts_with('-') => t!(
                "unexpected argument '{a}' found; {hint}",
                "không có tùy chọn '{a}'; {hint}"
            ),
            // A stray word may be part of a name typed without quotes:
            // not repeated.
            _ => t!(
                "unexpected extra word on the command line; put a text with spaces in quotes. {hint}",
                "thừa một từ trên dòng lệnh; hãy đặt văn bản có dấu cách trong ngoặc kép. {hint}"
            ),
        },
        ErrorKind::InvalidValue => {
            let arg = get(ContextKind::InvalidArg).unwrap_or_default();
            let value = get(ContextKind::InvalidValue).unwrap_or_default();
            match get(ContextKind::ValidValue) {
                // An option given last with no value.
                _ if value.is_empty() => t!(
                    "a value is required for '{arg}'; {hint}",
                    "thiếu giá trị cho '{arg}'; {hint}"
                ),
                Some(valid) => t!(
                    "invalid value '{value}' for '{arg}'; possible values: {valid}.",
                    "giá trị '{value}' không hợp lệ cho '{arg}'; các giá trị được dùng: {valid}."
                ),
                None => t!(
                    "invalid value for '{arg}'; {hint}",
                    "giá trị không hợp lệ cho '{arg}'; {hint}"
                ),
            }
        }
        ErrorKind::ArgumentConflict => {
            let arg = get(ContextKind::InvalidArg).unwrap_or_default();
            let other = get(ContextKind::PriorArg).unwrap_or_default();
            t!(
                "the argument '{arg}' cannot be used with '{other}'; give one of them.",
                "không dùng '{arg}' cùng với '{other}'; hãy chọn một."
            )
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = get(ContextKind::InvalidArg).unwrap_or_default();
            t!(
                "the following required arguments were not provided: {missing}; {hint}",
                "thiếu đối số bắt buộc: {missing}; {hint}"
            )
        }
        // Not a number, say: clap's reason is in English only.
        ErrorKind::ValueValidation => {
            let arg = get(ContextKind::InvalidArg).unwrap_or_default();
            let value = get(ContextKind::InvalidValue).unwrap_or_default();
            let first = rendered.lines().next().unwrap_or_default();
            let first = first.strip_prefix("error: ").unwrap_or(first);
            Text::new(
                format!("{first}; {hint}", hint = hint.get(Lang::En)),
                format!(
                    "giá trị '{value}' không hợp lệ cho '{arg}'; {hint}",
                    hint = hint.get(Lang::Vi)
                ),
            )
        }
        // The rarer mistakes: clap's words in English, ours in Vietnamese.
        _ => {
            let first = rendered.lines().next().unwrap_or_default();
            let first = first.strip_prefix("error: ").unwrap_or(first);
            let vi = match get(ContextKind::InvalidArg) {
                Some(arg) => format!("dùng sai '{arg}'; {}", hint.get(Lang::Vi)),
                None => format!("dòng lệnh không hợp lệ; {}", hint.get(Lang::Vi)),
            };
            Text::new(format!("{first}; {}", hint.get(Lang::En)), vi)
        }
    };
    Usage::Error(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(words: &[&str]) -> String {
        let argv: Vec<OsString> = words.iter().map(OsString::from).collect();
        match parse(&argv) {
            Ok(inv) => inv.recorded(),
            Err(_) => panic!("{words:?} should parse"),
        }
    }

    #[test]
    fn personal_values_are_hidden_by_what_they_are() {
        assert_eq!(
            recorded(&[
                "quota",
                "--store",
                "s.toml",
                "admit",
                "xa",
                "--name",
                "Nguyễn Thị Mai",
                "--born=2001-08-12",
                "--sex",
                "female",
                "--decision",
                "12-QĐ/ĐU",
                "--note",
                "x y",
                "--youth-union",
            ]),
            "quota --store s.toml admit xa --name … --born … --sex … --decision 12-QĐ/ĐU --note … --youth-union"
        );
        // The same option of another command is not personal.
        assert_eq!(
            recorded(&["quota", "edit", "xa", "--name", "Đảng bộ xã A"]),
            "quota edit xa --name 'Đảng bộ xã A'"
        );
        // A value that looks like an option is still a value.
        assert_eq!(
            recorded(&["quota", "void", "3", "--reason=--name"]),
            "quota void 3 --reason …"
        );
    }

    /// Stores given on both sides of the command are all kept.
    #[test]
    fn every_store_counts_wherever_it_is_typed() {
        let stores = |words: &[&str]| {
            let argv: Vec<OsString> = words.iter().map(OsString::from).collect();
            match parse(&argv) {
                Ok(inv) => inv.cli.store,
                Err(_) => panic!("{words:?} should parse"),
            }
        };
        let want: Vec<std::path::PathBuf> = ["a", "b", "c"].iter().map(Into::into).collect();
        for words in [
            &[
                "quota",
                "--store",
                "a",
                "--store=b",
                "report",
                "--store",
                "c",
            ][..],
            &[
                "quota", "--store", "a", "report", "--store", "b", "--store", "c",
            ],
            &[
                "quota",
                "report",
                "--store",
                "a",
                "--store",
                "b",
                "--store=c",
            ],
        ] {
            assert_eq!(stores(words), want, "{words:?}");
        }
        assert_eq!(
            stores(&["quota", "--store", "a", "edit", "x", "--name=--store"]),
            ["a"].map(std::path::PathBuf::from)
        );
    }

    #[test]
    fn every_private_argument_exists() {
        let cli = Cli::command();
        for (path, id) in PRIVATE_ARGS {
            let mut sub = &cli;
            for name in path.split(' ') {
                sub = sub.find_subcommand(name).expect("a subcommand");
            }
            assert!(
                sub.get_arguments().any(|a| a.get_id() == id),
                "{id} is not an argument of {}",
                sub.get_name()
            );
        }
    }

    #[test]
    fn no_destructive_suggestion() {
        let argv: Vec<OsString> = ["quota", "purge", "a", "b"].map(OsString::from).to_vec();
        let Err(Usage::Error(e)) = parse(&argv) else {
            panic!("purge is not a command");
        };
        assert!(e.get(Lang::En).contains("'purge'"), "{e}");
        assert!(!e.get(Lang::En).contains("remove"), "{e}");
        assert!(!e.get(Lang::En).contains("erase"), "{e}");
        assert!(e.get(Lang::Vi).contains("không có lệnh"), "{e}");
    }
}

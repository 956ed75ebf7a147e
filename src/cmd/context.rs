//! What every subcommand shares: its context (store path, view, a way to
//! tell the user something), its output, the round trip through the store
//! (lock, load, change, history, save), and argument helpers.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::{Cli, ColorArg, LangArg, PeriodArgs};
use crate::date::Period;
use crate::lang::{self, Lang};
use crate::model::Store;
use crate::render::{self, View};
use crate::{history, lock, store};

/// What a command hands back to `main` to print.
#[derive(Debug, Default)]
pub struct Output {
    /// Results, for stdout.
    pub stdout: String,
    /// Notes for the user, one per line on stderr.
    pub notes: Vec<String>,
}

impl Output {
    pub fn text(s: impl Into<String>) -> Output {
        Output {
            stdout: s.into(),
            ..Output::default()
        }
    }
}

/// A mistake in how the command was called, caught after parsing: exit 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// What every command needs besides its own arguments.
pub struct Ctx<'a> {
    pub path: PathBuf,
    pub view: View,
    /// Tells the user something while the command runs (stderr).
    pub notify: &'a dyn Fn(&str),
    /// The command line, for the history.
    pub args: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(cli: &Cli, notify: &'a dyn Fn(&str)) -> Ctx<'a> {
        let lang = match cli.lang {
            Some(LangArg::En) => Lang::En,
            Some(LangArg::Vi) => Lang::Vi,
            None => crate::env::lang(),
        };
        lang::set(lang);
        let color = match cli.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => std::io::stdout().is_terminal() && !crate::env::no_color(),
        };
        let width = crate::env::columns()
            .or_else(render::terminal_width)
            .unwrap_or(80);
        Ctx {
            path: store::resolve(cli.store.clone()),
            view: View { lang, color, width },
            notify,
            // Recorded as typed, whatever path the binary was run by.
            args: std::iter::once("quota".to_string())
                .chain(
                    std::env::args_os()
                        .skip(1)
                        .map(|a| a.to_string_lossy().into_owned()),
                )
                .collect(),
        }
    }

    /// Loads the store for reading: no lock.
    pub fn load(&self) -> Result<Store> {
        store::load(&self.path)
    }

    /// Warns when personal details are being kept in a file other users
    /// can read.
    fn warn_if_exposed(&self, s: &Store) {
        if s.admissions.iter().any(|a| a.person.is_some())
            && let Some(w) = store::exposure(&self.path)
        {
            (self.notify)(&w);
        }
    }

    /// Changes the store: takes the writers' lock, loads, applies `change`,
    /// checks the result, records it in the history and saves it
    /// atomically. On any error nothing is written.
    pub fn change(&self, change: impl FnOnce(&mut Store) -> Result<Output>) -> Result<Output> {
        self.change_recorded(|s, _| Ok((change(s)?, None)))
    }

    /// [`Ctx::change`] for a change that needs the fingerprint of the store
    /// as loaded, and may be an undo of an earlier entry (the `u64`).
    pub(super) fn change_recorded(
        &self,
        change: impl FnOnce(&mut Store, &str) -> Result<(Output, Option<u64>)>,
    ) -> Result<Output> {
        let _lock = lock::acquire(&self.path, crate::env::lock_timeout()?, self.notify)?;
        store::sweep(&self.path);
        let (mut s, bytes) = store::load_raw(&self.path)?;
        let before = s.clone();
        let (out, undoes) = change(&mut s, &history::fingerprint(&bytes))?;
        s.validate()?;
        self.warn_if_exposed(&s);
        let text = store::serialize(&mut s, store::Format::of(&self.path))?;
        if text.as_bytes() == bytes.as_slice() {
            return Ok(out);
        }
        let entry = history::Entry {
            seq: history::next_seq(&self.path)?,
            time: history::now(),
            user: crate::env::user(),
            command: history::command_line(&self.args),
            undoes,
            before: history::fingerprint(&bytes),
            after: history::fingerprint(text.as_bytes()),
            changes: history::Changes::between(&before, &s),
        };
        let mark = history::append(&self.path, &entry)?;
        match store::write(&self.path, text.as_bytes()) {
            Err(e) => {
                history::truncate(&self.path, mark);
                Err(e)
            }
            Ok(warning) => {
                let mut out = out;
                out.notes.extend(warning);
                Ok(out)
            }
        }
    }
}

/// The period named by `--year` or `--term`, if any.
pub(super) fn period(args: &PeriodArgs) -> Result<Option<Period>> {
    match (args.year, &args.term) {
        (Some(y), _) => Period::year(y).map(Some),
        (None, Some(t)) => Period::term(t).map(Some),
        (None, None) => Ok(None),
    }
}

/// The period, which this command cannot do without.
pub(super) fn required_period(args: &PeriodArgs) -> Result<Period> {
    period(args)?.ok_or_else(|| {
        UsageError(t!(
            "Give the period with --year Y or --term A-B.",
            "Hãy cho biết kỳ bằng --year Y hoặc --term A-B."
        ))
        .into()
    })
}

/// The kind a user named.
pub(super) fn kind(k: crate::cli::KindArg) -> crate::exchange::Kind {
    match k {
        crate::cli::KindArg::Orgs => crate::exchange::Kind::Orgs,
        crate::cli::KindArg::Quotas => crate::exchange::Kind::Quotas,
        crate::cli::KindArg::Admissions => crate::exchange::Kind::Admissions,
    }
}

/// Writes a command's result to `--output FILE`, and says so.
pub(super) fn to_file(path: &std::path::Path, bytes: &[u8], private: bool) -> Result<Output> {
    let written = if private {
        store::open_private(path, false).and_then(|mut f| std::io::Write::write_all(&mut f, bytes))
    } else {
        std::fs::write(path, bytes)
    };
    written.map_err(|e| {
        anyhow::anyhow!(t!(
            "Cannot write {} ({e}); check the path and permissions.",
            "Không ghi được {} ({e}); hãy kiểm tra đường dẫn và quyền ghi.",
            path.display()
        ))
    })?;
    Ok(Output {
        notes: vec![t!("Wrote {}.", "Đã ghi {}.", path.display())],
        ..Output::default()
    })
}

/// Parses an optional date argument.
pub(super) fn date_arg(s: Option<&str>) -> Result<Option<NaiveDate>> {
    s.map(crate::date::parse).transpose()
}

/// An optional free-text argument, cleaned; `what` names it in errors.
pub(super) fn text_arg(what: &str, s: Option<&str>) -> Result<Option<String>> {
    s.map(|s| crate::text::clean(what, s)).transpose()
}

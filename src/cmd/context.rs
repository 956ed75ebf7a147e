//! What every subcommand shares: its context (store path, view, the user
//! interface the binary provides), its output, and the way it changes the
//! store (through [`store::update`], the one write path).

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;

use super::parse::Invocation;
use crate::cli::ColorArg;
use crate::lang::{Lang, Text};
use crate::model::Store;
use crate::render::{self, View};
use crate::store::{self, Edit, Mode, Writer};

/// What a command hands back to `main` to print.
#[derive(Debug, Default)]
pub struct Output {
    /// Results, for stdout.
    pub stdout: String,
    /// Notes for the user, one per line on stderr, in the user's language
    /// when `main` prints them.
    pub notes: Vec<Text>,
    /// Set when the command did its work but the result is a failure
    /// (`check` found errors): `main` prints the results all the same,
    /// then this sentence on stderr, and exits 1.
    pub failed: Option<Text>,
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
pub struct UsageError(pub Text);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for UsageError {}

/// How far a long job has come, for a progress bar the binary may draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// A job over this many bytes starts.
    Start(u64),
    /// This many bytes are done so far.
    At(u64),
    Done,
}

/// What the binary provides: a way to tell the user something while a
/// command runs, and to show progress.
pub struct Ui<'a> {
    pub notify: &'a dyn Fn(&Text),
    pub progress: &'a dyn Fn(Progress),
}

/// What every command needs besides its own arguments.
pub struct Ctx<'a> {
    /// The store, or the first of the stores read together.
    pub path: PathBuf,
    /// Every store given, in the order given: one, except for the reports
    /// that read several together.
    stores: Vec<PathBuf>,
    pub view: View,
    pub ui: &'a Ui<'a>,
    /// The command line as the history records it.
    command: String,
    /// `--color always`: colour even in a file.
    color_always: bool,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(inv: &Invocation, ui: &'a Ui<'a>) -> Ctx<'a> {
        let color = match inv.cli.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => std::io::stdout().is_terminal() && !crate::env::no_color(),
        };
        let width = crate::env::columns()
            .or_else(render::terminal_width)
            .unwrap_or(80);
        // A store reached through a link is the file it leads to: its
        // history and lock are beside that file.
        let real = |path: PathBuf| store::real_path(&path).unwrap_or(path);
        let stores: Vec<PathBuf> = match inv.cli.store.as_slice() {
            [] => vec![real(store::resolve(None))],
            given => given.iter().map(|p| real(p.clone())).collect(),
        };
        Ctx {
            path: stores[0].clone(),
            stores,
            view: View {
                lang: inv.lang(),
                color,
                width,
            },
            ui,
            command: inv.recorded(),
            color_always: inv.cli.color == ColorArg::Always,
        }
    }

    /// The view for a result sent to `output` (stdout when none): a file
    /// gets colour only when `--color always` asks for it, as `auto` looks
    /// at the terminal, not at the file.
    pub fn view_for(&self, output: Option<&std::path::Path>) -> View {
        View {
            color: self.view.color && (output.is_none() || self.color_always),
            ..self.view
        }
    }

    pub fn lang(&self) -> Lang {
        self.view.lang
    }

    /// Loads the store for reading: no lock.
    pub fn load(&self) -> Result<Store> {
        store::load(&self.path)
    }

    /// Loads the stores given, for reading only: one as [`Ctx::load`]
    /// does, several as one forest (see [`store::together`]), which is
    /// never written.
    pub fn load_all(&self) -> Result<Store> {
        match self.stores.as_slice() {
            [_] => self.load(),
            several => store::together::load(several),
        }
    }

    /// Refuses several `--store` for a command that reads or writes one
    /// store (`read_several` false), and the same store given twice.
    pub(super) fn check_stores(&self, command: &str, read_several: bool) -> Result<()> {
        let n = self.stores.len();
        if n < 2 {
            return Ok(());
        }
        if !read_several {
            Err(UsageError(t!(
                "--store is given {n} times, but only `quota report` and `quota breakdown` read several stores together; give `quota {command}` one --store.",
                "--store được cho {n} lần, nhưng chỉ `quota report` và `quota breakdown` đọc nhiều tệp dữ liệu cùng lúc; hãy cho `quota {command}` một --store."
            )))?;
        }
        let mut seen = std::collections::HashSet::new();
        for path in &self.stores {
            let same = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            if !seen.insert(same) {
                Err(UsageError(t!(
                    "--store names {} twice; give each store once.",
                    "--store chỉ đến {} hai lần; hãy cho mỗi tệp dữ liệu một lần.",
                    path.display()
                )))?;
            }
        }
        Ok(())
    }

    fn writer(&self) -> Result<Writer<'_>> {
        Ok(Writer {
            notify: self.ui.notify,
            timeout: crate::env::lock_timeout()?,
            command: self.command.clone(),
        })
    }

    /// Changes the store through the one write path: on any error nothing
    /// is written.
    pub fn change<T>(&self, change: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.change_with(Mode::Change, |s, _| change(s))
    }

    /// [`Ctx::change`] for a change that needs to know about the write
    /// (`init` creates the store, `undo` names the entry it reverts).
    pub(super) fn change_with<T>(
        &self,
        mode: Mode,
        change: impl FnOnce(&mut Store, &mut Edit) -> Result<T>,
    ) -> Result<T> {
        store::update(&self.path, mode, &self.writer()?, change)
    }
}

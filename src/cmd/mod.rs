//! Dispatch from the parsed command line to one module per subcommand, and
//! what they share: the context, the output, the store round trip.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::{Cli, ColorArg, Command, LangArg, PeriodArgs};
use crate::date::Period;
use crate::lang::{self, Lang};
use crate::model::Store;
use crate::render::{self, View};
use crate::store;

mod add;
mod admissions;
mod admit;
mod assign;
mod edit;
mod init;
mod orgs;
mod remove;
mod report;
mod void;

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
            notes: Vec::new(),
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
pub struct Ctx {
    pub path: PathBuf,
    pub view: View,
}

impl Ctx {
    fn new(cli: &Cli) -> Ctx {
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
        }
    }

    /// Loads the store, applies `change`, checks the result and saves it.
    /// On any error nothing is written.
    pub fn change(&self, change: impl FnOnce(&mut Store) -> Result<Output>) -> Result<Output> {
        let mut s = store::load(&self.path)?;
        let out = change(&mut s)?;
        s.validate()?;
        store::save(&self.path, &mut s)?;
        Ok(out)
    }
}

pub fn run(cli: Cli) -> Result<Output> {
    let ctx = Ctx::new(&cli);
    match cli.command {
        Command::Init => init::run(&ctx),
        Command::Add(a) => add::run(&ctx, a),
        Command::Edit(a) => edit::run(&ctx, a),
        Command::Remove { org } => remove::run(&ctx, &org),
        Command::Assign(a) => assign::run(&ctx, a),
        Command::Admit(a) => admit::run(&ctx, a),
        Command::Admissions(a) => admissions::run(&ctx, a),
        Command::Void { id, reason } => void::run(&ctx, id, &reason),
        Command::Orgs(a) => orgs::run(&ctx, a),
        Command::Report(a) => report::run(&ctx, a),
    }
}

/// The period named by `--year` or `--term`, if any.
fn period(args: &PeriodArgs) -> Result<Option<Period>> {
    match (args.year, &args.term) {
        (Some(y), _) => Period::year(y).map(Some),
        (None, Some(t)) => Period::term(t).map(Some),
        (None, None) => Ok(None),
    }
}

/// The period, which this command cannot do without.
fn required_period(args: &PeriodArgs) -> Result<Period> {
    period(args)?.ok_or_else(|| {
        UsageError(t!(
            "Give the period with --year Y or --term A-B.",
            "Hãy cho biết kỳ bằng --year Y hoặc --term A-B."
        ))
        .into()
    })
}

/// Parses an optional date argument.
fn date_arg(s: Option<&str>) -> Result<Option<NaiveDate>> {
    s.map(crate::date::parse).transpose()
}

/// An optional free-text argument, cleaned; `what` names it in errors.
fn text_arg(what: &str, s: Option<&str>) -> Result<Option<String>> {
    s.map(|s| crate::text::clean(what, s)).transpose()
}

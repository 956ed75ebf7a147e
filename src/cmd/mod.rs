//! Dispatch from the parsed command line to one module per subcommand.

use anyhow::Result;

use crate::cli::{Cli, Command};

mod add;
mod admissions;
mod admit;
mod assign;
mod context;
mod edit;
mod export;
mod import;
mod init;
mod log;
mod orgs;
mod remove;
mod report;
mod undo;
mod void;

use context::{Ctx, date_arg, kind, period, required_period, text_arg, to_file};
pub use context::{Output, UsageError};

/// Runs a parsed command line; `notify` tells the user something while it
/// runs (on stderr).
pub fn run(cli: Cli, notify: &dyn Fn(&str)) -> Result<Output> {
    let ctx = Ctx::new(&cli, notify);
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
        Command::Import(a) => import::run(&ctx, a),
        Command::Export(a) => export::run(&ctx, a),
        Command::Log(a) => log::run(&ctx, a),
        Command::Undo => undo::run(&ctx),
    }
}

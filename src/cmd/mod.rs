//! Dispatch from the parsed command line to one module per subcommand.

use anyhow::Result;

use crate::cli::Command;

mod add;
mod admissions;
mod admit;
mod args;
mod assign;
mod breakdown;
mod candidate;
mod check;
mod completions;
mod context;
mod edit;
mod erase;
mod export;
mod follow;
mod import;
mod init;
mod log;
mod merge;
mod orgs;
mod parse;
mod pipeline;
mod remove;
mod report;
mod sync;
mod train;
mod undo;
mod void;

use context::Ctx;
pub use context::{Output, Progress, Ui, UsageError};
pub use parse::{Invocation, Usage, early_lang, parse};

/// Runs a parsed command line.
pub fn run(inv: Invocation, ui: &Ui) -> Result<Output> {
    let ctx = Ctx::new(&inv, ui);
    // Only the reports read several stores, together and read only.
    let read_several = matches!(inv.cli.command, Command::Report(_) | Command::Breakdown(_));
    ctx.check_stores(inv.name(), read_several)?;
    // Every command's notes go through here: `--quiet` drops them for all
    // at once. Errors are not notes, and warnings told while a command
    // runs (a lock awaited, a store others can read) are not either.
    let quiet = inv.cli.quiet;
    let mut out = match inv.cli.command {
        Command::Init => init::run(&ctx),
        Command::Add(a) => add::run(&ctx, a),
        Command::Edit(a) => edit::run(&ctx, a),
        Command::Merge(a) => merge::run(&ctx, a),
        Command::Sync(a) => sync::run(&ctx, a),
        Command::Remove { org } => remove::run(&ctx, &org),
        Command::Assign(a) => assign::run(&ctx, a),
        Command::Admit(a) => admit::run(&ctx, a),
        Command::Admissions(a) => admissions::run(&ctx, a),
        Command::Train(a) => train::run(&ctx, a),
        Command::Candidate(c) => candidate::run(&ctx, c),
        Command::Pipeline(a) => pipeline::run(&ctx, a),
        Command::Due(a) => follow::list(&ctx, a, &follow::EVERY_DEADLINE),
        Command::Probation(a) => follow::list(&ctx, a, &[follow::OFFICIAL_VOTE]),
        Command::Ceremony(a) => follow::record(&ctx, follow::Step::Ceremony, a),
        Command::Confirm(a) => follow::record(&ctx, follow::Step::Confirm, a),
        Command::Strike(a) => follow::strike(&ctx, a),
        Command::Holiday(c) => follow::holiday(&ctx, c),
        Command::Void { id, reason } => void::run(&ctx, id, &reason),
        Command::Erase { ids } => erase::run(&ctx, &ids),
        Command::Orgs(a) => orgs::run(&ctx, a),
        Command::Report(a) => report::run(&ctx, a),
        Command::Breakdown(a) => breakdown::run(&ctx, a),
        Command::Check(a) => check::run(&ctx, a),
        Command::Import(a) => import::run(&ctx, a),
        Command::Export(a) => export::run(&ctx, a),
        Command::Log(a) => log::run(&ctx, a),
        Command::Undo => undo::run(&ctx),
        Command::Completions { shell } => completions::script(shell),
        Command::Man => completions::man(ctx.lang()),
        Command::OrgIds => Ok(completions::org_ids(&ctx)),
    }?;
    // What look-ups noted on the way comes first.
    out.notes.splice(0..0, crate::notes::take());
    if quiet {
        out.notes.clear();
    }
    Ok(out)
}

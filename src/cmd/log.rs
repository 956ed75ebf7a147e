//! `quota log`: the history of changes.

use anyhow::Result;

use super::admissions::list_format;
use super::{Ctx, Output};
use crate::cli::LogArgs;
use crate::render;
use crate::store::history;

pub fn run(ctx: &Ctx, args: LogArgs) -> Result<Output> {
    // The store must exist: a history alone says nothing useful.
    ctx.load()?;
    let mut entries = history::read_all(&ctx.path)?;
    // The user comes from $USER and the command line may name any file:
    // control characters in them are shown, not sent to the terminal.
    for e in &mut entries {
        for s in [&mut e.user, &mut e.command, &mut e.time] {
            *s = crate::text::escaped(s);
        }
    }
    let skip = args.last.map_or(0, |n| entries.len().saturating_sub(n));
    let text = render::lists::log(&entries[skip..], list_format(args.format), &ctx.view)?;
    Ok(Output::text(text))
}

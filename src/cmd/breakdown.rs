//! `quota breakdown`: new members by category, per organisation.

use anyhow::Result;

use super::args::{Until, chosen_format, counted_period, cut_off, send};
use super::{Ctx, Output};
use crate::cli::BreakdownArgs;
use crate::report::breakdown::{self, Spec};
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: BreakdownArgs) -> Result<Output> {
    // Before the store is read: a usage mistake costs no load.
    let format = chosen_format(args.format, args.output.as_deref())?;
    let today = crate::date::today()?;
    let cut_off = cut_off(
        Until {
            as_of: args.as_of.as_deref(),
            month: args.month.as_deref(),
            quarter: args.quarter.as_deref(),
        },
        today,
    )?;
    let as_of = cut_off.as_of;
    let period = counted_period(&args.period, cut_off.dated, today)?;
    let store = ctx.load_all()?;
    let tree = Tree::new(&store);
    let org = args.org.as_deref().map(|o| tree.resolve(o)).transpose()?;
    let spec = Spec {
        period,
        as_of,
        org,
        depth: args.depth,
        today,
    };
    let b = breakdown::compute(&store, &tree, &spec)?;
    let mut out = send(ctx, args.output.as_deref(), format, &b)?;
    out.notes.splice(0..0, cut_off.note);
    Ok(out)
}

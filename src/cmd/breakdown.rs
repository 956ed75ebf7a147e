//! `quota breakdown`: new members by category, per organisation.

use anyhow::Result;

use super::args::{Until, counted_period, cut_off};
use super::{Ctx, Output};
use crate::cli::{BreakdownArgs, BreakdownFormat};
use crate::render;
use crate::report::breakdown::{self, Spec};
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: BreakdownArgs) -> Result<Output> {
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
    let store = ctx.load()?;
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
    let format = match args.format {
        BreakdownFormat::Table => render::Format::Table,
        BreakdownFormat::Json => render::Format::Json,
        BreakdownFormat::Csv => render::Format::Csv,
        BreakdownFormat::Markdown => render::Format::Markdown,
    };
    let mut out = Output::text(render::breakdown::render(&b, format, &ctx.view)?);
    out.notes = cut_off.note.into_iter().collect();
    Ok(out)
}

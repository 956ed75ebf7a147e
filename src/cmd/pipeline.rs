//! `quota pipeline`: will the quota be met.

use anyhow::Result;

use super::args::{as_of, year};
use super::{Ctx, Output};
use crate::cli::PipelineArgs;
use crate::render;
use crate::report::pipeline::{self, Spec};
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: PipelineArgs) -> Result<Output> {
    let today = crate::date::today()?;
    let as_of = as_of(args.as_of.as_deref())?;
    let period = match args.year.as_deref() {
        Some(y) => year(y)?,
        None => crate::date::Period::year(chrono::Datelike::year(&as_of.unwrap_or(today)))?,
    };
    let store = ctx.load()?;
    let tree = Tree::new(&store);
    let org = args.org.as_deref().map(|o| tree.resolve(o)).transpose()?;
    let p = pipeline::compute(
        &store,
        &tree,
        &Spec {
            period,
            as_of,
            org,
            depth: args.depth,
            today,
        },
    )?;
    let format = super::admissions::list_format(args.format);
    Ok(Output::text(render::pipeline::pipeline(
        &p, format, &ctx.view,
    )?))
}

//! `quota admissions`: the records, with their ids.

use anyhow::Result;

use super::{Ctx, Output};
use crate::cli::{AdmissionsArgs, ListFormat};
use crate::render;
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: AdmissionsArgs) -> Result<Output> {
    let year = args.year.as_deref().map(super::args::year).transpose()?;
    let store = ctx.load()?;
    let tree = Tree::new(&store);
    let top = args.org.as_deref().map(|o| tree.resolve(o)).transpose()?;
    let records: Vec<_> = store
        .admissions
        .iter()
        .filter(|a| year.is_none_or(|y| y.start() <= a.date && a.date <= y.end()))
        .filter(|a| {
            top.is_none_or(|t| {
                tree.get(&a.org)
                    .is_some_and(|i| tree.is_ancestor_or_self(t, i))
            })
        })
        .collect();
    let text = render::lists::admissions(
        &records,
        args.with_details,
        list_format(args.format),
        &ctx.view,
    )?;
    Ok(Output::text(text))
}

pub fn list_format(f: ListFormat) -> render::Format {
    match f {
        ListFormat::Table => render::Format::Table,
        ListFormat::Json => render::Format::Json,
        ListFormat::Csv => render::Format::Csv,
    }
}

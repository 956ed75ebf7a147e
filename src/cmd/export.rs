//! `quota export`: organisations, quotas, admissions, class attendance or
//! candidates as CSV for Excel.

use anyhow::Result;

use super::args::{kind, to_file};
use super::{Ctx, Output};
use crate::cli::ExportArgs;
use crate::exchange;

pub fn run(ctx: &Ctx, args: ExportArgs) -> Result<Output> {
    let store = ctx.load()?;
    let csv = exchange::export(&store, kind(args.kind), args.with_details)?;
    match &args.output {
        Some(path) => to_file(path, csv.as_bytes(), args.with_details),
        None => Ok(Output::text(csv)),
    }
}

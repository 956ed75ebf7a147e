//! `quota export`: organisations, quotas, admissions, class attendance or
//! candidates as CSV for Excel.

use anyhow::Result;

use super::args::{kind, to_file};
use super::{Ctx, Output};
use crate::cli::ExportArgs;
use crate::exchange;

pub fn run(ctx: &Ctx, args: ExportArgs) -> Result<Output> {
    let store = ctx.load()?;
    let kind = kind(args.kind);
    let csv = exchange::export(&store, kind, args.with_details)?;
    match &args.output {
        // A file is for Excel: in Vietnamese, the form a Vietnamese
        // Windows opens into columns, with the headers a department
        // types (which `import` reads back). Stdout stays the same for
        // scripts in every language.
        Some(path) if ctx.lang() == crate::lang::Lang::Vi => {
            let vi = exchange::vietnamese::for_excel(
                &csv,
                |c| exchange::vietnamese::header(kind, c).to_string(),
                |_, v| v.to_string(),
            )?;
            to_file(path, vi.as_bytes(), args.with_details)
        }
        Some(path) => to_file(path, csv.as_bytes(), args.with_details),
        None => Ok(Output::text(csv)),
    }
}

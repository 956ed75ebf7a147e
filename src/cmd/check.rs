//! `quota check`: what in the store would trouble a report. A store that
//! does not load fails as every command fails on it, with the loader's
//! own message.

use anyhow::Result;

use super::admissions::list_format;
use super::{Ctx, Output};
use crate::cli::CheckArgs;
use crate::render;
use crate::report::check;

pub fn run(ctx: &Ctx, args: CheckArgs) -> Result<Output> {
    let today = crate::date::today()?;
    let store = ctx.load()?;
    let findings = check::check(&store, today);
    let shown = ctx.path.display().to_string();
    let stdout = render::check::check(&findings, &shown, list_format(args.format), &ctx.view)?;
    let (errors, _) = render::check::counts(&findings);
    let failed = match errors {
        0 => None,
        1 => Some(t!(
            "1 error found in {shown}; fix it and run `quota check` again.",
            "Có 1 lỗi trong {shown}; hãy sửa rồi chạy lại `quota check`."
        )),
        n => Some(t!(
            "{n} errors found in {shown}; fix them and run `quota check` again.",
            "Có {n} lỗi trong {shown}; hãy sửa rồi chạy lại `quota check`."
        )),
    };
    Ok(Output {
        stdout,
        failed,
        ..Output::default()
    })
}

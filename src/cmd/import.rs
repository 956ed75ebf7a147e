//! `quota import`: a CSV file into the store, all or nothing.

use std::io::{IsTerminal, Read};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use super::{Ctx, Output, kind};
use crate::cli::ImportArgs;
use crate::exchange::Kind;
use crate::import;

pub fn run(ctx: &Ctx, args: ImportArgs) -> Result<Output> {
    let today = crate::date::today()?;
    let lang = ctx.view.lang;
    ctx.change(|store| {
        let bar = progress_bar(&args.file);
        let wrap = |f: std::fs::File| -> Box<dyn Read> { Box::new(bar.wrap_read(f)) };
        let result = import::import(
            store,
            &args.file,
            args.kind.map(kind),
            args.allow_duplicates,
            today,
            &wrap,
        );
        bar.finish_and_clear();
        let done = result?;
        let n = lang.int(done.added as u64);
        let file = args.file.display();
        Ok(Output::text(match done.kind {
            Kind::Orgs => t!(
                "Imported {n} organisation(s) from {file}.\n",
                "Đã nhập {n} tổ chức từ {file}.\n"
            ),
            Kind::Quotas => t!(
                "Set {n} quota(s) from {file}.\n",
                "Đã đặt {n} chỉ tiêu từ {file}.\n"
            ),
            Kind::Admissions => t!(
                "Imported {n} admission record(s) from {file}.\n",
                "Đã nhập {n} bản ghi kết nạp từ {file}.\n"
            ),
        }))
    })
}

/// A bar on stderr when stderr is a terminal; nothing otherwise.
fn progress_bar(file: &std::path::Path) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let len = std::fs::metadata(file).map_or(0, |m| m.len());
    let bar = ProgressBar::new(len);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {bytes}/{total_bytes} {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    bar
}

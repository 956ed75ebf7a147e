//! `quota import`: a CSV file into the store, all or nothing.

use anyhow::Result;

use super::args::kind;
use super::{Ctx, Output, Progress, UsageError};
use crate::cli::{EncodingArg, ImportArgs};
use crate::encoding::Encoding;
use crate::exchange::{self, Kind};

pub fn run(ctx: &Ctx, args: ImportArgs) -> Result<Output> {
    if let Some(p) = &args.prefix {
        exchange::import::check_prefix(p).map_err(UsageError)?;
    }
    let opts = exchange::import::Options {
        kind: args.kind.map(kind),
        allow_duplicates: args.allow_duplicates,
        today: crate::date::today()?,
        encoding: match args.encoding {
            None => None,
            Some(EncodingArg::Utf8) => Some(Encoding::Utf8),
            Some(EncodingArg::Windows1258) => Some(Encoding::Windows1258),
        },
        prefix: args.prefix.as_deref(),
        under: args.under.as_deref(),
    };
    let lang = ctx.lang();
    let progress = ctx.ui.progress;
    let file = crate::text::escaped(&args.file.display().to_string());
    let (out, training_columns) = ctx.change(|store| {
        progress(Progress::Start(
            std::fs::metadata(&args.file).map_or(0, |m| m.len()),
        ));
        let result = exchange::import(
            store,
            &args.file,
            &opts,
            &|n| progress(Progress::At(n)),
            ctx.ui.notify,
        );
        progress(Progress::Done);
        let done = result?;
        let n = lang.int(done.added as u64);
        let out = Output::text(match done.kind {
            Kind::Orgs => tl!(
                lang,
                "Imported {n} organisation(s) from {file}.\n",
                "Đã nhập {n} tổ chức từ {file}.\n"
            ),
            Kind::Quotas => tl!(
                lang,
                "Set {n} quota(s) from {file}.\n",
                "Đã đặt {n} chỉ tiêu từ {file}.\n"
            ),
            Kind::Admissions => tl!(
                lang,
                "Imported {n} admission record(s) from {file}.\n",
                "Đã nhập {n} bản ghi kết nạp từ {file}.\n"
            ),
            Kind::Training => tl!(
                lang,
                "Imported {n} training record(s) from {file}.\n",
                "Đã nhập {n} bản ghi học lớp từ {file}.\n"
            ),
            Kind::Candidates => tl!(
                lang,
                "Imported {n} candidate(s) from {file}.\n",
                "Đã nhập {n} người vào nguồn kết nạp từ {file}.\n"
            ),
        });
        Ok((out, done.training_columns))
    })?;
    // A warning, not a note: `--quiet` keeps it. Told once the import is
    // written, so that the undo it suggests takes back this import.
    if training_columns {
        (ctx.ui.notify)(&t!(
            "{file} has the columns of a training export and was read as admissions; if it holds class attendance, run quota undo and import it again with --kind training.",
            "{file} có các cột của tệp học lớp xuất ra và đã được đọc là kết nạp; nếu tệp ghi học lớp, hãy chạy quota undo rồi nhập lại với --kind training."
        ));
    }
    Ok(out)
}

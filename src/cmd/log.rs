//! `quota log`: the history of changes, and `--prune` to drop its oldest.

use anyhow::Result;

use super::admissions::list_format;
use super::{Ctx, Output};
use crate::cli::LogArgs;
use crate::lang::Date;
use crate::render;
use crate::store::history;

pub fn run(ctx: &Ctx, args: LogArgs) -> Result<Output> {
    // The store must exist: a history alone says nothing useful.
    ctx.load()?;
    if let Some(date) = args.prune {
        return prune(ctx, &date);
    }
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

/// Drops what was recorded before `date`, under the writers' lock.
fn prune(ctx: &Ctx, date: &str) -> Result<Output> {
    let date = crate::date::parse(date)?;
    let today = crate::date::today()?;
    if date > today {
        bail_t!(
            "The date {} is after today ({}); --prune takes a date that has come, and drops what was recorded before it.",
            "Ngày {} là sau hôm nay ({}); --prune nhận một ngày đã đến và bỏ những gì được ghi trước ngày đó.",
            Date(date),
            Date(today)
        );
    }
    let pruned = history::prune(&ctx.path, date, crate::env::lock_timeout()?, ctx.ui.notify)?;
    let lang = ctx.lang();
    let (n, d) = (pruned.dropped, Date(date));
    let text = match (n, pruned.first) {
        (0, _) => tl!(
            lang,
            "No recorded change is older than {d}; the history is as it was.\n",
            "Không có thay đổi nào được ghi trước {d}; lịch sử được giữ nguyên.\n"
        ),
        (_, Some(first)) => tl!(
            lang,
            "Dropped {n} change(s) recorded before {d} from the history; undo cannot go back past change #{first} now.\n",
            "Đã bỏ {n} thay đổi được ghi trước {d} khỏi lịch sử; từ nay undo không thể quay lại trước thay đổi #{first}.\n"
        ),
        (_, None) => tl!(
            lang,
            "Dropped {n} change(s) recorded before {d}; the history is empty now, so there is nothing to undo.\n",
            "Đã bỏ {n} thay đổi được ghi trước {d}; lịch sử giờ trống, nên không còn gì để hoàn tác.\n"
        ),
    };
    Ok(Output::text(text))
}

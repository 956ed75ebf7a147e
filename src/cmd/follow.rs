//! After the decision: `ceremony`, `confirm`, `strike`, the lists of what
//! falls due (`due`, `probation`) and the holidays deadlines skip. Each
//! change goes through the store's one write path and the rules of
//! [`crate::model::Admission`].

use anyhow::Result;

use super::args::date;
use super::{Ctx, Output};
use crate::cli::{DueArgs, FollowArgs, HolidayCommand, StrikeArgs};
use crate::lang::Text;
use crate::model::{Admission, Holiday, Store};
use crate::render;
use crate::report::due::{self, Kind};
use crate::tree::Tree;

/// Which step of the follow-up a command records.
pub enum Step {
    Ceremony,
    Confirm,
}

pub fn record(ctx: &Ctx, step: Step, args: FollowArgs) -> Result<Output> {
    let today = crate::date::today()?;
    let on = date(args.date.as_deref())?.unwrap_or(today);
    ctx.change(|store| {
        let a = admission(store, args.id)?;
        let done = match step {
            Step::Ceremony => a.set_ceremony(on, today),
            Step::Confirm => a.confirm(on, today),
        };
        done.map_err(|mut p| p.remove(0))?;
        Ok(said(
            ctx,
            match step {
                Step::Ceremony => t!(
                    "Recorded the ceremony of admission record {} on {}; the probation ends on {}.",
                    "Đã ghi lễ kết nạp của bản ghi {} ngày {}; thời gian dự bị kết thúc ngày {}.",
                    args.id,
                    crate::lang::Date(on),
                    crate::lang::Date(a.probation_end())
                ),
                Step::Confirm => t!(
                    "Admission record {}: an official member from {}.",
                    "Bản ghi {}: là đảng viên chính thức từ ngày {}.",
                    args.id,
                    crate::lang::Date(on)
                ),
            },
        ))
    })
}

pub fn strike(ctx: &Ctx, args: StrikeArgs) -> Result<Output> {
    let today = crate::date::today()?;
    let on = date(args.date.as_deref())?.unwrap_or(today);
    ctx.change(|store| {
        admission(store, args.id)?
            .strike(args.reason.clone(), on, today)
            .map_err(|mut p| p.remove(0))?;
        Ok(said(
            ctx,
            t!(
                "Struck admission record {} off; it still counts for the year it was made.",
                "Đã xóa tên theo bản ghi {}; bản ghi vẫn được tính cho năm kết nạp.",
                args.id
            ),
        ))
    })
}

/// What `due` lists.
pub const EVERY_DEADLINE: [Kind; 3] = [Kind::Decision, Kind::Ceremony, Kind::OfficialVote];
/// What `probation` lists.
pub const OFFICIAL_VOTE: Kind = Kind::OfficialVote;

/// `due` (every kind) or `probation` (the official-membership vote only).
pub fn list(ctx: &Ctx, args: DueArgs, kinds: &[Kind]) -> Result<Output> {
    let today = crate::date::today()?;
    let store = ctx.load()?;
    let tree = Tree::new(&store);
    let look_back = (!args.all).then_some(365);
    let mut items = due::due(&store, today, args.within, look_back, kinds);
    if let Some(o) = args.org.as_deref() {
        let top = tree.resolve(o)?;
        let within: rustc_hash::FxHashSet<&str> = tree
            .preorder(&[top], None)
            .into_iter()
            .map(|(i, _)| store.orgs[i].id.as_str())
            .collect();
        items.retain(|i| within.contains(i.org.as_str()));
    }
    let format = super::admissions::list_format(args.format);
    Ok(Output::text(render::pipeline::due(
        &items,
        args.with_details,
        format,
        &ctx.view,
    )?))
}

pub fn holiday(ctx: &Ctx, command: HolidayCommand) -> Result<Output> {
    match command {
        HolidayCommand::Add { date: day, name } => {
            let day = crate::date::parse(&day)?;
            ctx.change(|store| {
                if store.holidays.iter().any(|h| h.date == day) {
                    bail_t!(
                        "{} is already a holiday.",
                        "{} đã là ngày nghỉ.",
                        crate::lang::Date(day)
                    );
                }
                let name = name.map(|n| crate::text::nfc(n.trim().to_string()));
                if let Some(wrong) = name.as_deref().and_then(crate::text::forbidden) {
                    return Err(wrong.into());
                }
                store.holidays.push(Holiday {
                    date: day,
                    name: name.filter(|n| !n.is_empty()),
                });
                Ok(said(
                    ctx,
                    t!(
                        "Added the holiday {}.",
                        "Đã thêm ngày nghỉ {}.",
                        crate::lang::Date(day)
                    ),
                ))
            })
        }
        HolidayCommand::Remove { date: day } => {
            let day = crate::date::parse(&day)?;
            ctx.change(|store| {
                let before = store.holidays.len();
                store.holidays.retain(|h| h.date != day);
                if store.holidays.len() == before {
                    bail_t!(
                        "{} is not among the holidays; `quota holiday list` shows them.",
                        "{} không có trong danh sách ngày nghỉ; lệnh `quota holiday list` liệt kê chúng.",
                        crate::lang::Date(day)
                    );
                }
                Ok(said(
                    ctx,
                    t!(
                        "Removed the holiday {}.",
                        "Đã bỏ ngày nghỉ {}.",
                        crate::lang::Date(day)
                    ),
                ))
            })
        }
        HolidayCommand::List => {
            let store = ctx.load()?;
            let lang = ctx.lang();
            let mut out = String::new();
            for h in &store.holidays {
                out += &lang.date(h.date);
                if let Some(n) = &h.name {
                    out += "  ";
                    out += n;
                }
                out += "\n";
            }
            Ok(Output::text(out))
        }
    }
}

fn admission(store: &mut Store, id: u64) -> Result<&mut Admission> {
    match store.admissions.iter_mut().find(|a| a.id == id) {
        Some(a) => Ok(a),
        None => bail_t!(
            "There is no admission record {id}; `quota admissions` lists the ids.",
            "Không có bản ghi kết nạp {id}; lệnh `quota admissions` liệt kê các mã."
        ),
    }
}

/// A one-line confirmation on stdout, in the user's language.
fn said(ctx: &Ctx, text: Text) -> Output {
    Output::text(format!("{}\n", text.get(ctx.lang())))
}

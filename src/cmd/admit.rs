//! `quota admit`: record admissions and print the new record's id.

use anyhow::Result;
use chrono::NaiveDate;

use super::{Ctx, Output, date_arg, text_arg};
use crate::cli::{AdmitArgs, SexArg};
use crate::model::{Admission, Person, Sex, check_input_number};
use crate::tree::Tree;

/// Admissions before the Party's founding are surely typing mistakes.
const EARLIEST: (i32, u32, u32) = (1930, 2, 3);

pub fn run(ctx: &Ctx, args: AdmitArgs) -> Result<Output> {
    if args.count == 0 {
        bail_t!(
            "The count is 0; an admission record admits at least 1 person.",
            "Số lượng là 0; mỗi bản ghi kết nạp phải có ít nhất 1 người."
        );
    }
    check_input_number("count", args.count)?;
    let today = crate::date::today()?;
    let date = date_arg(args.date.as_deref())?.unwrap_or(today);
    let lang = ctx.view.lang;
    if date > today {
        bail_t!(
            "The date {} is after today ({}); admissions are recorded once decided.",
            "Ngày {} muộn hơn hôm nay ({}); chỉ ghi nhận kết nạp đã có quyết định.",
            lang.date(date),
            lang.date(today)
        );
    }
    let earliest = NaiveDate::from_ymd_opt(EARLIEST.0, EARLIEST.1, EARLIEST.2).expect("a date");
    if date < earliest {
        bail_t!(
            "The date {} is before 1930; check the year.",
            "Ngày {} trước năm 1930; hãy kiểm tra lại năm.",
            lang.date(date)
        );
    }
    let person = person(&args, date)?;
    if person.is_some() && args.count != 1 {
        bail_t!(
            "Personal details go with one person, but the count is {}; record people one at a time.",
            "Thông tin cá nhân chỉ dành cho một người, nhưng số lượng là {}; hãy ghi từng người một.",
            args.count
        );
    }
    let decision = text_arg("decision", args.decision.as_deref())?;
    let note = text_arg("note", args.note.as_deref())?;
    ctx.change(|store| {
        let tree = Tree::new(store);
        let org = store.orgs[tree.resolve(&args.org)?].id.clone();
        let id = store.next_id;
        store.admissions.push(Admission {
            id,
            org,
            date,
            count: args.count,
            decision,
            note,
            person: person.map(Box::new),
            void: None,
        });
        store.next_id = id + 1;
        Ok(Output::text(format!("{id}\n")))
    })
}

/// The personal details given, if any; never echoed in messages.
fn person(args: &AdmitArgs, admitted: NaiveDate) -> Result<Option<Person>> {
    let born = date_arg(args.born.as_deref())?;
    if let Some(b) = born
        && b >= admitted
    {
        bail_t!(
            "The birth date is not before the admission date; check --born and --date.",
            "Ngày sinh không trước ngày kết nạp; hãy kiểm tra --born và --date."
        );
    }
    let p = Person {
        name: text_arg("name", args.name.as_deref())?,
        sex: args.sex.map(|s| match s {
            SexArg::Female => Sex::Female,
            SexArg::Male => Sex::Male,
        }),
        born,
        ethnicity: text_arg("ethnicity", args.ethnicity.as_deref())?,
        religion: text_arg("religion", args.religion.as_deref())?,
        youth_union: args.youth_union,
        occupation: text_arg("occupation", args.occupation.as_deref())?,
    };
    Ok((!p.is_empty()).then_some(p))
}

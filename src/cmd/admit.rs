//! `quota admit`: record admissions and print the new record's id.

use anyhow::Result;
use chrono::NaiveDate;

use super::{Ctx, Output, date_arg, text_arg};
use crate::cli::AdmitArgs;
use crate::model::{Admission, Person, Sex, check_input_number};
use crate::tree::Tree;

/// Admissions before the Party's founding are surely typing mistakes.
const EARLIEST: (i32, u32, u32) = (1930, 2, 3);

/// The youngest a new member may be, at the admission date.
const MIN_AGE: u32 = 18;
/// Beyond this age an admission needs an exception: said, not refused.
const MAX_AGE: u32 = 60;

pub fn run(ctx: &Ctx, args: AdmitArgs) -> Result<Output> {
    // Parsed here rather than by clap, whose messages would repeat what was
    // typed: a name put where the count belongs is personal data.
    let count = match args.count.as_deref().map(str::trim) {
        None => 1,
        Some(c) => match c.parse::<u64>() {
            Ok(n) => n,
            Err(_) => bail_t!(
                "The count must be a whole number of people, like 3; names go with --name.",
                "Số lượng phải là số nguyên, ví dụ 3; họ tên ghi bằng --name."
            ),
        },
    };
    if count == 0 {
        bail_t!(
            "The count is 0; an admission record admits at least 1 person.",
            "Số lượng là 0; mỗi bản ghi kết nạp phải có ít nhất 1 người."
        );
    }
    check_input_number("count", count)?;
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
    let (person, notes) = person(&args, date)?;
    if person.is_some() && count != 1 {
        bail_t!(
            "Personal details go with one person, but the count is {}; record people one at a time.",
            "Thông tin cá nhân chỉ dành cho một người, nhưng số lượng là {}; hãy ghi từng người một.",
            count
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
            count,
            decision,
            note,
            person: person.map(Box::new),
            void: None,
        });
        store.next_id = id + 1;
        Ok(Output {
            stdout: format!("{id}\n"),
            notes,
        })
    })
}

/// The personal details given, if any, and notes about them; never
/// echoed in messages.
fn person(args: &AdmitArgs, admitted: NaiveDate) -> Result<(Option<Person>, Vec<String>)> {
    let born = match args.born.as_deref() {
        None => None,
        Some(b) => Some(crate::date::parse(b).map_err(|_| {
            anyhow::anyhow!(t!(
                "The birth date is not a valid date; write it as 2000-10-10 or 10/10/2000.",
                "Ngày sinh không hợp lệ; hãy viết dạng 2000-10-10 hoặc 10/10/2000."
            ))
        })?),
    };
    let mut notes = Vec::new();
    if let Some(b) = born {
        let age = admitted.years_since(b).unwrap_or(0);
        if b >= admitted || age < MIN_AGE {
            bail_t!(
                "By the birth date given, the member would be under {MIN_AGE} on the admission date; check --born and --date.",
                "Theo ngày sinh đã nhập, người này chưa đủ {MIN_AGE} tuổi vào ngày kết nạp; hãy kiểm tra --born và --date."
            );
        }
        if age > MAX_AGE {
            notes.push(t!(
                "Note: the member is over {MAX_AGE} on the admission date, which needs an exception.",
                "Lưu ý: người này trên {MAX_AGE} tuổi vào ngày kết nạp, cần được xét ngoại lệ."
            ));
        }
    }
    let sex = match args.sex.as_deref().map(|s| crate::text::fold(s.trim())) {
        None => None,
        Some(s) => Some(match s.as_str() {
            "female" | "f" | "nữ" | "nu" => Sex::Female,
            "male" | "m" | "nam" => Sex::Male,
            _ => bail_t!(
                "--sex takes female or male (nữ or nam).",
                "--sex nhận female hoặc male (nữ hoặc nam)."
            ),
        }),
    };
    let p = Person {
        name: text_arg("name", args.name.as_deref())?,
        sex,
        born,
        ethnicity: text_arg("ethnicity", args.ethnicity.as_deref())?,
        religion: text_arg("religion", args.religion.as_deref())?,
        youth_union: args.youth_union,
        occupation: text_arg("occupation", args.occupation.as_deref())?,
    };
    Ok(((!p.is_empty()).then_some(p), notes))
}

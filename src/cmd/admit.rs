//! `quota admit`: record admissions and print the new record's id.

use anyhow::Result;

use super::args::{date, number, person};
use super::{Ctx, Output};
use crate::cli::AdmitArgs;
use crate::model::{Field, NewAdmission};
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: AdmitArgs) -> Result<Output> {
    // Parsed here rather than by clap, whose messages would repeat what was
    // typed: a name put where the count belongs is personal data.
    let count = match args.count.as_deref() {
        None => 1,
        Some(c) => number(Field::Count, c, 1)?,
    };
    let today = crate::date::today()?;
    let admitted = date(args.date.as_deref())?.unwrap_or(today);
    let ceremony = date(args.ceremony.as_deref())?;
    let new = NewAdmission {
        org: String::new(),
        date: Some(admitted),
        count,
        decision: args.decision.clone(),
        note: args.note.clone(),
        person: person(&args.person)?,
        void: None,
    };
    // The rules are checked before the store is read, with a stand-in id;
    // again inside the write with the real one.
    new.clone().check(1, today).map_err(|mut p| p.remove(0))?;
    ctx.change(|store| {
        let tree = Tree::new(store);
        let org = store.orgs[tree.resolve(&args.org)?].id.clone();
        let id = store.next_id;
        let checked = NewAdmission { org, ..new }
            .check(id, today)
            .map_err(|mut p| p.remove(0))?;
        let mut a = checked.value;
        if let Some(day) = ceremony {
            a.set_ceremony(day, today).map_err(|mut p| p.remove(0))?;
        }
        store.admissions.push(a);
        store.next_id = id + 1;
        Ok(Output {
            stdout: format!("{id}\n"),
            notes: checked.notes,
            ..Output::default()
        })
    })
}

//! `quota train`: record attendance of an awareness class and print the
//! new record's id.

use anyhow::Result;

use super::args::{date, number};
use super::{Ctx, Output};
use crate::cli::TrainArgs;
use crate::model::{Field, NewTraining};
use crate::tree::Tree;

pub fn run(ctx: &Ctx, args: TrainArgs) -> Result<Output> {
    let count = number(Field::Count, &args.count, 1)?;
    let today = crate::date::today()?;
    let new = NewTraining {
        org: String::new(),
        date: Some(date(args.date.as_deref())?.unwrap_or(today)),
        count,
        note: args.note.clone(),
    };
    // The rules are checked before the store is read, with a stand-in id;
    // again inside the write with the real one.
    new.clone().check(1, today).map_err(|mut p| p.remove(0))?;
    ctx.change(|store| {
        let tree = Tree::new(store);
        let org = store.orgs[tree.resolve(&args.org)?].id.clone();
        let id = store.next_id;
        let checked = NewTraining { org, ..new }
            .check(id, today)
            .map_err(|mut p| p.remove(0))?;
        store.trainings.push(checked.value);
        store.next_id = id + 1;
        Ok(Output::text(format!("{id}\n")))
    })
}

//! `quota candidate …`: the people on the way to admission. Every change
//! goes through the store's one write path and the record rules of
//! [`crate::model`]; the admission a candidate ends in is built by
//! [`NewAdmission`] like any other.

use anyhow::Result;

use super::args::{date, person};
use super::{Ctx, Output};
use crate::cli::{CandidateCommand, StageArg};
use crate::model::{NewAdmission, NewCandidate, Stage, Store};
use crate::render;
use crate::tree::Tree;

pub fn run(ctx: &Ctx, command: CandidateCommand) -> Result<Output> {
    let today = crate::date::today()?;
    match command {
        CandidateCommand::Add(a) => {
            let new = NewCandidate {
                org: String::new(),
                stage: a.stage.map(stage),
                date: Some(date(a.date.as_deref())?.unwrap_or(today)),
                person: person(&a.person)?,
                exception: a.exception.clone(),
            };
            new.clone().check(1, today).map_err(|mut p| p.remove(0))?;
            ctx.change(|store| {
                let tree = Tree::new(store);
                let org = store.orgs[tree.resolve(&a.org)?].id.clone();
                let id = store.next_id;
                let c = NewCandidate { org, ..new }
                    .check(id, today)
                    .map_err(|mut p| p.remove(0))?;
                store.candidates.push(c.value);
                store.next_id = id + 1;
                Ok(Output::text(format!("{id}\n")))
            })
        }
        CandidateCommand::Advance(a) => {
            let on = date(a.date.as_deref())?.unwrap_or(today);
            ctx.change(|store| {
                let c = find(store, a.id)?;
                c.advance(stage(a.stage), on, a.exception.clone(), today)
                    .map_err(|mut p| p.remove(0))?;
                Ok(said(
                    ctx,
                    t!(
                        "Candidate {} is now at '{}'.",
                        "Người {} nay ở giai đoạn '{}'.",
                        a.id,
                        stage(a.stage).word()
                    ),
                ))
            })
        }
        CandidateCommand::Drop(a) => {
            let on = date(a.date.as_deref())?.unwrap_or(today);
            ctx.change(|store| {
                find(store, a.id)?
                    .drop_out(a.reason.clone(), on)
                    .map_err(|mut p| p.remove(0))?;
                Ok(said(
                    ctx,
                    t!(
                        "Dropped candidate {}.",
                        "Đã loại người {} khỏi nguồn.",
                        a.id
                    ),
                ))
            })
        }
        CandidateCommand::Admit(a) => {
            let decided = date(a.date.as_deref())?.unwrap_or(today);
            let ceremony = date(a.ceremony.as_deref())?;
            ctx.change(|store| {
                let id = store.next_id;
                let c = find(store, a.id)?;
                let person = c.admit(id, decided).map_err(|mut p| p.remove(0))?;
                let admission = NewAdmission {
                    org: c.org.clone(),
                    date: Some(decided),
                    count: 1,
                    decision: a.decision.clone(),
                    note: None,
                    person,
                    void: None,
                }
                .check(id, today)
                .map_err(|mut p| p.remove(0))?;
                let mut record = admission.value;
                if let Some(day) = ceremony {
                    record
                        .set_ceremony(day, today)
                        .map_err(|mut p| p.remove(0))?;
                }
                store.admissions.push(record);
                store.next_id = id + 1;
                Ok(Output {
                    stdout: format!("{id}\n"),
                    notes: admission.notes,
                    ..Output::default()
                })
            })
        }
        CandidateCommand::List(a) => {
            let store = ctx.load()?;
            let tree = Tree::new(&store);
            let within = match a.org.as_deref() {
                Some(o) => {
                    let top = tree.resolve(o)?;
                    Some(
                        tree.preorder(&[top], None)
                            .into_iter()
                            .map(|(i, _)| store.orgs[i].id.as_str())
                            .collect::<rustc_hash::FxHashSet<&str>>(),
                    )
                }
                None => None,
            };
            let list: Vec<_> = store
                .candidates
                .iter()
                .filter(|c| a.all || c.is_open())
                .filter(|c| a.stage.is_none_or(|s| c.stage() == stage(s)))
                .filter(|c| within.as_ref().is_none_or(|w| w.contains(c.org.as_str())))
                .collect();
            let format = super::admissions::list_format(a.format);
            Ok(Output::text(render::pipeline::candidates(
                &list,
                a.with_details,
                format,
                &ctx.view,
            )?))
        }
    }
}

fn stage(s: StageArg) -> Stage {
    match s {
        StageArg::Source => Stage::Source,
        StageArg::Trained => Stage::Trained,
        StageArg::Applied => Stage::Applied,
        StageArg::Verifying => Stage::Verifying,
        StageArg::Voted => Stage::Voted,
    }
}

fn find(store: &mut Store, id: u64) -> Result<&mut crate::model::Candidate> {
    match store.candidates.iter_mut().find(|c| c.id == id) {
        Some(c) => Ok(c),
        None => bail_t!(
            "There is no candidate {id}; `quota candidate list` shows their ids.",
            "Không có người {id} trong nguồn; lệnh `quota candidate list` cho biết các mã."
        ),
    }
}

/// A one-line confirmation on stdout, in the user's language.
fn said(ctx: &Ctx, text: crate::lang::Text) -> Output {
    Output::text(format!("{}\n", text.get(ctx.lang())))
}

//! Will the quota be met: per organisation, what is left of its quota and
//! the candidates at each stage as of a date, rolled up the tree like
//! admissions; coverage = candidates from the application on ÷ what is
//! left. An organisation whose candidates cannot cover what is left is
//! flagged, in time to find more.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Percent, Window, add_up_the_tree, roll_up};
use crate::date::Period;
use crate::model::{Candidate, Metric, Stage, Store};
use crate::tree::Tree;

/// What to look at.
#[derive(Clone, Debug)]
pub struct Spec {
    pub period: Period,
    /// Default: today, or the period's end if that is earlier.
    pub as_of: Option<NaiveDate>,
    pub org: Option<usize>,
    pub depth: Option<usize>,
    pub today: NaiveDate,
}

/// Candidates at each stage, in the order of [`Stage::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stages(pub [u64; 5]);

impl Stages {
    /// Those from the application on: the ones that can still be admitted
    /// in time.
    pub fn covering(&self) -> u64 {
        Stage::ALL
            .iter()
            .zip(self.0)
            .filter(|(s, _)| s.covers())
            .map(|(_, n)| n)
            .sum()
    }

    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }
}

impl Serialize for Stages {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(5))?;
        for (stage, n) in Stage::ALL.iter().zip(self.0) {
            m.serialize_entry(stage.as_str(), &n)?;
        }
        m.end()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub depth: usize,
    pub quota: Option<u64>,
    pub admitted: u64,
    pub remaining: Option<u64>,
    pub stages: Stages,
    /// Candidates from the application on.
    pub pipeline: u64,
    /// `pipeline` ÷ `remaining`, as a percent to one decimal; none without
    /// a quota or with nothing left.
    pub coverage: Option<Percent>,
    /// The candidates cannot cover what is left.
    pub flagged: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pipeline {
    #[serde(serialize_with = "super::serialize_display")]
    pub period: Period,
    pub as_of: NaiveDate,
    pub rows: Vec<Row>,
}

/// The stage a candidate was at on `day`, if it was in the pipeline then:
/// its first step taken, not dropped, not yet admitted.
pub fn stage_on(c: &Candidate, day: NaiveDate, admitted_on: Option<NaiveDate>) -> Option<Stage> {
    if c.dropped.as_ref().is_some_and(|d| d.on <= day) || admitted_on.is_some_and(|a| a <= day) {
        return None;
    }
    c.steps.iter().rev().find(|s| s.on <= day).map(|s| s.stage)
}

pub fn compute(store: &Store, tree: &Tree, spec: &Spec) -> anyhow::Result<Pipeline> {
    let window = Window::new(spec.period, spec.as_of, None, spec.today)?;
    let admitted = roll_up(store, tree, &window, Metric::Admissions);
    let mut quota = vec![None; store.orgs.len()];
    for q in &store.quotas {
        if q.period == spec.period
            && q.metric == Metric::Admissions
            && let Some(i) = tree.get(&q.org)
        {
            quota[i] = Some(q.target);
        }
    }
    // When each admission a candidate became was decided: one pass over
    // the admissions for the few ids wanted.
    let mut decided_on: rustc_hash::FxHashMap<u64, NaiveDate> = store
        .candidates
        .iter()
        .filter_map(|c| c.admission)
        .map(|id| (id, NaiveDate::MAX))
        .collect();
    if !decided_on.is_empty() {
        for a in &store.admissions {
            if let Some(d) = decided_on.get_mut(&a.id) {
                *d = a.date;
            }
        }
    }
    let decided = |id: u64| decided_on.get(&id).copied();
    let mut stages = vec![Stages::default(); store.orgs.len()];
    for c in &store.candidates {
        let Some(i) = tree.get(&c.org) else { continue };
        if let Some(stage) = stage_on(c, window.end, c.admission.and_then(decided)) {
            stages[i].0[stage as usize] += 1;
        }
    }
    add_up_the_tree(tree, &mut stages, |p, c| {
        for (p, c) in p.0.iter_mut().zip(c.0) {
            *p += c;
        }
    });
    let tops = match spec.org {
        Some(i) => vec![i],
        None => tree.roots().to_vec(),
    };
    let rows = tree
        .preorder(&tops, spec.depth)
        .into_iter()
        .map(|(i, depth)| {
            let remaining = quota[i].map(|q| q.saturating_sub(admitted[i]));
            let pipeline = stages[i].covering();
            Row {
                id: store.orgs[i].id.clone(),
                name: store.orgs[i].name.clone(),
                depth,
                quota: quota[i],
                admitted: admitted[i],
                remaining,
                stages: stages[i],
                pipeline,
                coverage: remaining.and_then(|r| Percent::of(pipeline, r, 1)),
                flagged: remaining.is_some_and(|r| pipeline < r),
            }
        })
        .collect();
    Ok(Pipeline {
        period: spec.period,
        as_of: window.end,
        rows,
    })
}

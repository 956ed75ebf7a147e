//! Admissions month by month or quarter by quarter: the columns of
//! `report --by`, and the burn-up of the year that the page and the
//! workbook draw.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Window, add_up_the_tree, each_counted};
use crate::date::{Months, days_through};
use crate::model::{Metric, Store};
use crate::tree::Tree;

/// The span of `report --by`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    Month,
    Quarter,
}

/// One month's or quarter's admissions of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PeriodCount {
    pub period: Months,
    pub admitted: u64,
}

/// The spans of the window, from its first day through its last.
pub fn spans(window: &Window, by: By) -> Vec<Months> {
    Months::through(window.start, window.end, by == By::Quarter)
}

/// Each org's admissions in each span of `spans` (which cover the
/// window), its own plus its descendants'. One pass over the records.
pub fn roll_up(
    store: &Store,
    tree: &Tree,
    window: &Window,
    spans: &[Months],
    metric: Metric,
) -> Vec<Vec<u64>> {
    let mut own = vec![vec![0u64; spans.len()]; store.orgs.len()];
    let Some(first) = spans.first() else {
        return own;
    };
    let quarters = first.is_quarter();
    each_counted(store, tree, window, metric, |i, date, count| {
        if let Some(n) = own[i].get_mut(index(*first, date, quarters)) {
            *n += count;
        }
    });
    add_up_the_tree(tree, &mut own, |p, c| {
        for (p, c) in p.iter_mut().zip(c) {
            *p += c;
        }
    });
    own
}

/// Which span after `first` holds `d` (`d` not before `first`).
fn index(first: Months, d: NaiveDate, quarters: bool) -> usize {
    let months = (i64::from(d.year()) - i64::from(first.year)) * 12 + i64::from(d.month0())
        - i64::from(first.first - 1);
    let k = if quarters { months / 3 } else { months };
    usize::try_from(k).unwrap_or(usize::MAX)
}

/// The year (or term) month by month for the organisations at the top of
/// a report: cumulative admissions to each month's end (none after the
/// as-of date), against the pace line of the quota.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BurnUp {
    /// The quota of the top (the sum when several tops all have one).
    pub quota: Option<u64>,
    pub points: Vec<Point>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Point {
    pub month: Months,
    /// Admissions from the period's start to the month's end, or to the
    /// as-of date in its month; none for a month after it.
    pub admitted: Option<u64>,
    /// Where the pace says the count should be at the month's end.
    pub expected: Option<u64>,
}

/// The burn-up of the tops `tops` with their quotas `quota` (by org index).
pub fn burn_up(
    store: &Store,
    tree: &Tree,
    window: &Window,
    spec: &super::Spec,
    tops: &[usize],
    quota: &[Option<u64>],
) -> BurnUp {
    let done = spans(window, By::Month);
    let counts = roll_up(store, tree, window, &done, spec.metric);
    let quota = (!tops.is_empty()).then_some(()).and(
        tops.iter()
            .map(|&t| quota[t])
            .try_fold(0u64, |sum, q| q.map(|q| sum.saturating_add(q))),
    );
    let mut total = 0u64;
    let points = Months::through(window.start, spec.period.end(), false)
        .into_iter()
        .enumerate()
        .map(|(k, month)| {
            let admitted = (k < done.len()).then(|| {
                total += tops.iter().map(|&t| counts[t][k]).sum::<u64>();
                total
            });
            let elapsed = days_through(window.start, month.end()).min(window.plan_days);
            let expected = quota.map(|q| {
                let e = u128::from(q) * u128::from(elapsed) / u128::from(window.plan_days);
                u64::try_from(e).unwrap_or(u64::MAX)
            });
            Point {
                month,
                admitted,
                expected,
            }
        })
        .collect();
    BurnUp { quota, points }
}

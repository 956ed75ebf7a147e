//! Progress against quotas: roll-up, window, percent, pace and status,
//! computed from integers only. Pure: a store and a spec in, rows out.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::date::{Period, days_through};
use crate::model::{Admission, Metric, Store};
use crate::tree::Tree;

/// The largest `--precision` accepted.
pub const MAX_PRECISION: u8 = 6;

/// How report rows are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Parents before children, siblings in store order.
    #[default]
    Tree,
    /// Highest percent first; rows without a quota last.
    Percent,
    /// Most remaining first; rows without a quota last.
    Remaining,
    /// By name in Vietnamese alphabetical order, then id.
    Name,
}

/// What to report on.
#[derive(Clone, Debug)]
pub struct Spec {
    pub period: Period,
    /// The cut-off date; `None` means today, or the period's end if that
    /// is earlier.
    pub as_of: Option<NaiveDate>,
    /// The org at the top of the report (an index into `store.orgs`);
    /// `None` means every top-level org.
    pub org: Option<usize>,
    /// How many levels below the top to show; `None` means all.
    pub depth: Option<usize>,
    pub sort: Sort,
    /// The date the quota is due, when earlier than the period's end.
    pub deadline: Option<NaiveDate>,
    pub precision: u8,
    pub today: NaiveDate,
    /// Add last year's quota and admissions as of the same day (a year
    /// period only).
    pub compare: bool,
    /// Add the forecast and the admissions needed a month.
    pub forecast: bool,
    /// Keep only the first N rows after ranking (a single top stays first
    /// besides them).
    pub top: Option<usize>,
    /// Show only organisations of this level ("cell", "commune"…),
    /// compared folded.
    pub level: Option<String>,
    /// Add each row's admissions month by month or quarter by quarter.
    pub by: Option<By>,
    /// Show only the organisations of this status (in tree order with
    /// their ancestors, marked as context).
    pub status: Option<Status>,
    /// Add the burn-up of the tops (for the page and the workbook).
    pub burn_up: bool,
    /// What is counted against which plan: admissions, or class
    /// attendance against the `trained` plan.
    pub metric: Metric,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Met,
    OnTrack,
    Behind,
    NoQuota,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::OnTrack => "on-track",
            Status::Behind => "behind",
            Status::NoQuota => "no-quota",
        }
    }
}

/// A percentage exactly as rounded: `scaled / 10^precision`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Percent {
    pub scaled: u128,
    pub precision: u8,
}

impl Percent {
    /// `part / whole × 100`, rounded half away from zero to `precision`
    /// decimals; `None` when `whole` is 0.
    pub fn of(part: u64, whole: u64, precision: u8) -> Option<Percent> {
        if whole == 0 {
            return None;
        }
        let num = u128::from(part) * 100 * 10u128.pow(u32::from(precision));
        let den = u128::from(whole);
        Some(Percent {
            scaled: (2 * num + den) / (2 * den),
            precision,
        })
    }

    /// The value as a float, for JSON; exact to the printed digits because
    /// both parts are exact integers and the division is correctly rounded.
    pub fn to_f64(self) -> f64 {
        self.scaled as f64 / 10f64.powi(i32::from(self.precision))
    }

    /// The value as a fraction of 1 (72.06% → 0.7206), for spreadsheet
    /// percent cells; as exact as [`Percent::to_f64`].
    pub fn fraction(self) -> f64 {
        self.scaled as f64 / 10f64.powi(i32::from(self.precision) + 2)
    }

    /// Plain digits with `.` and exactly `precision` decimals: "72.06".
    pub fn plain(self) -> String {
        let (int, frac) = crate::lang::split_scaled(self.scaled, self.precision);
        if frac.is_empty() {
            int
        } else {
            format!("{int}.{frac}")
        }
    }
}

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.precision == 0 {
            s.serialize_u128(self.scaled)
        } else {
            s.serialize_f64(self.to_f64())
        }
    }
}

/// One organisation's line in the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    pub depth: usize,
    pub quota: Option<u64>,
    pub admitted: u64,
    pub percent: Option<Percent>,
    pub remaining: Option<u64>,
    pub allocated: Option<u64>,
    pub expected: Option<u64>,
    pub status: Status,
    /// Last year as of the same day, with `--compare`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Previous>,
    /// Where the run rate leads, with `--forecast`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub outlook: Option<Outlook>,
    /// Month by month or quarter by quarter, with `--by`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub periods: Option<Vec<PeriodCount>>,
    /// Shown only as the ancestor of a row `--status` chose.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub context: bool,
    /// Of those admitted, how many were struck off in their probation
    /// (they still count); present when any record in the window was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub struck: Option<u64>,
}

/// What `--forecast` adds to a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Outlook {
    /// Admissions at the period's end if they go on at the rate so far
    /// (rounded to the nearest whole).
    pub forecast: u64,
    /// Admissions needed a month from the as-of date to the deadline to
    /// meet the quota (rounded up; a month is 30.436875 days, a twelfth of
    /// the Gregorian year); 0 when it is met, none without a quota or
    /// when no day is left.
    pub needed_per_month: Option<u64>,
}

impl Window {
    /// The row's outlook: `period_days` is the whole period's length.
    pub fn outlook(&self, admitted: u64, quota: Option<u64>, period_days: u64) -> Outlook {
        let forecast = if self.elapsed == 0 {
            admitted
        } else {
            let e = u128::from(self.elapsed);
            let f = (u128::from(admitted) * u128::from(period_days) + e / 2) / e;
            u64::try_from(f).unwrap_or(u64::MAX)
        };
        let left = self.plan_days.saturating_sub(self.elapsed);
        let needed_per_month = quota.and_then(|q| {
            let remaining = q.saturating_sub(admitted);
            if remaining == 0 {
                return Some(0);
            }
            // remaining ÷ (left ÷ 30.436875), rounded up, in integers.
            let num = u128::from(remaining) * 30_436_875;
            let den = u128::from(left) * 1_000_000;
            (left > 0).then(|| u64::try_from(num.div_ceil(den)).unwrap_or(u64::MAX))
        });
        Outlook {
            forecast,
            needed_per_month,
        }
    }
}

/// An organisation's year before, as of the same day: what `--compare`
/// adds to a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Previous {
    pub prev_quota: Option<u64>,
    pub prev_admitted: u64,
    /// This year's quota less last year's, as the press writes it
    /// ("+867"); only when both are set.
    pub quota_change: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    #[serde(serialize_with = "serialize_display")]
    pub period: Period,
    pub as_of: NaiveDate,
    pub precision: u8,
    /// Class attendance (`trained`); admissions when absent.
    #[serde(skip_serializing_if = "is_admissions")]
    pub metric: Metric,
    pub rows: Vec<Row>,
    /// Whether rows are in tree order, so that indentation shows the tree.
    #[serde(skip)]
    pub tree_order: bool,
    /// The months or quarters of `--by`, in order (empty without it).
    #[serde(skip)]
    pub spans: Vec<crate::date::Months>,
    /// The status `--status` kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The tops month by month, for a chart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub burn_up: Option<BurnUp>,
}

fn is_admissions(m: &Metric) -> bool {
    *m == Metric::Admissions
}

fn serialize_display<S: serde::Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(p)
}

/// The pace of one period: the counting window and the days of the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: NaiveDate,
    /// The last day counted: the as-of date, clamped to the period.
    pub end: NaiveDate,
    /// Days elapsed, `start` through `end`, at most `plan_days`.
    pub elapsed: u64,
    /// Days in the plan: through the deadline or the period's end.
    pub plan_days: u64,
}

impl Window {
    /// The window of `period` as of `as_of` (default: `today`, or the
    /// period's end when that is earlier).
    pub fn new(
        period: Period,
        as_of: Option<NaiveDate>,
        deadline: Option<NaiveDate>,
        today: NaiveDate,
    ) -> anyhow::Result<Window> {
        let start = period.start();
        let end = as_of.unwrap_or(today).min(period.end());
        let due = deadline.unwrap_or(period.end());
        if due < start || due > period.end() {
            bail_t!(
                "The deadline {due} is outside the period {period}; give a date within it.",
                "Hạn {due} nằm ngoài kỳ {period}; hãy chọn một ngày trong kỳ."
            );
        }
        let plan_days = days_through(start, due);
        Ok(Window {
            start,
            end,
            elapsed: days_through(start, end).min(plan_days),
            plan_days,
        })
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// What should be done by now: quota × elapsed / plan days, rounded down.
    pub fn expected(&self, quota: u64) -> u64 {
        let e = u128::from(quota) * u128::from(self.elapsed) / u128::from(self.plan_days);
        u64::try_from(e).expect("expected never exceeds the quota")
    }

    /// Met, on track or behind, decided in exact integers.
    pub fn status(&self, admitted: u64, quota: Option<u64>) -> Status {
        match quota {
            None => Status::NoQuota,
            Some(q) if admitted >= q => Status::Met,
            Some(q)
                if u128::from(admitted) * u128::from(self.plan_days)
                    >= u128::from(q) * u128::from(self.elapsed) =>
            {
                Status::OnTrack
            }
            Some(_) => Status::Behind,
        }
    }
}

/// Computes the report. Linear in orgs plus records.
pub fn compute(store: &Store, tree: &Tree, spec: &Spec) -> anyhow::Result<Report> {
    let window = Window::new(spec.period, spec.as_of, spec.deadline, spec.today)?;
    let admitted = roll_up(store, tree, &window, spec.metric);

    let n = store.orgs.len();
    let mut quota: Vec<Option<u64>> = vec![None; n];
    for q in &store.quotas {
        if q.period == spec.period
            && q.metric == spec.metric
            && let Some(i) = tree.get(&q.org)
        {
            quota[i] = Some(q.target);
        }
    }

    let previous = if spec.compare {
        Some(previous_year(store, tree, spec, &window)?)
    } else {
        None
    };

    let tops = match spec.org {
        Some(i) => vec![i],
        None => tree.roots().to_vec(),
    };
    let spans = spec
        .by
        .map(|by| periods::spans(&window, by))
        .unwrap_or_default();
    let struck = struck_off(store, tree, &window, spec.metric);
    let by_span = spec
        .by
        .map(|_| periods::roll_up(store, tree, &window, &spans, spec.metric));
    let mut rows: Vec<Row> = tree
        .preorder(&tops, spec.depth)
        .into_iter()
        .filter(|&(i, _)| match &spec.level {
            None => true,
            // As stored, or as Vietnamese say a level stored in English.
            Some(l) => store.orgs[i].level.as_deref().is_some_and(|x| {
                let wanted = crate::text::fold(l);
                crate::text::fold(x) == wanted
                    || crate::text::fold(&crate::lang::level_word(x, crate::lang::Lang::Vi))
                        == wanted
            }),
        })
        .map(|(i, depth)| {
            let org = &store.orgs[i];
            let q = quota[i];
            let done = admitted[i];
            let allocated = tree
                .children(i)
                .iter()
                .filter_map(|&c| quota[c])
                .reduce(|a, b| a + b);
            Row {
                id: org.id.clone(),
                name: org.name.clone(),
                parent: org.parent.clone(),
                depth,
                quota: q,
                admitted: done,
                percent: q.and_then(|q| Percent::of(done, q, spec.precision)),
                remaining: q.map(|q| q.saturating_sub(done)),
                allocated,
                expected: q.map(|q| window.expected(q)),
                status: window.status(done, q),
                outlook: spec.forecast.then(|| {
                    window.outlook(
                        done,
                        q,
                        days_through(spec.period.start(), spec.period.end()),
                    )
                }),
                previous: previous.as_ref().map(|(quotas, admitted)| Previous {
                    prev_quota: quotas[i],
                    prev_admitted: admitted[i],
                    quota_change: q.zip(quotas[i]).map(|(now, then)| {
                        i64::try_from(now).unwrap_or(i64::MAX)
                            - i64::try_from(then).unwrap_or(i64::MAX)
                    }),
                }),
                periods: by_span.as_ref().map(|counts| {
                    spans
                        .iter()
                        .zip(&counts[i])
                        .map(|(&period, &admitted)| PeriodCount { period, admitted })
                        .collect()
                }),
                context: false,
                struck: struck.as_ref().map(|s| s[i]),
            }
        })
        .collect();
    if let Some(status) = spec.status {
        // In tree order a row keeps its ancestors, to show where it sits.
        let context = spec.sort == Sort::Tree && spec.level.is_none();
        rows = only_status(rows, status, context);
    }
    // A single top is the total of what is ranked: it stays first, and
    // only the rows below it are ranked.
    let total_first =
        tops.len() == 1 && rows.first().is_some_and(|r| r.id == store.orgs[tops[0]].id);
    let ranked = if total_first {
        &mut rows[1..]
    } else {
        &mut rows[..]
    };
    sort_rows(ranked, spec.sort);
    if let Some(n) = spec.top {
        rows.truncate(n + usize::from(total_first));
    }

    let burn_up = spec
        .burn_up
        .then(|| periods::burn_up(store, tree, &window, spec, &tops, &quota));
    Ok(Report {
        period: spec.period,
        as_of: window.end,
        precision: spec.precision,
        metric: spec.metric,
        rows,
        // One level alone is not a tree: no indentation.
        tree_order: spec.sort == Sort::Tree && spec.level.is_none(),
        spans,
        status: spec.status,
        burn_up,
    })
}

/// The rows of `status`; with `context`, each with its ancestors among the
/// rows (tree order: an ancestor comes before its descendants, at a
/// lesser depth), those marked as context.
fn only_status(rows: Vec<Row>, status: Status, context: bool) -> Vec<Row> {
    if !context {
        return rows.into_iter().filter(|r| r.status == status).collect();
    }
    let mut kept: Vec<Row> = Vec::new();
    // The ancestors of the row being looked at, not yet kept.
    let mut path: Vec<Row> = Vec::new();
    for row in rows {
        path.retain(|a| a.depth < row.depth);
        if row.status == status {
            for mut a in path.drain(..) {
                a.context = true;
                kept.push(a);
            }
            kept.push(row);
        } else {
            path.push(row);
        }
    }
    kept
}

/// Each org's admissions in the window, its own plus its descendants'.
/// One pass over the records, one pass up the tree.
/// Why a term cannot be compared: there is no "same day last year".
pub fn compare_needs_a_year() -> crate::lang::Text {
    t!(
        "--compare sets a year beside the one before it; give --year (or --month, --quarter), not a term.",
        "--compare so sánh một năm với năm trước; hãy dùng --year (hoặc --month, --quarter), không dùng nhiệm kỳ."
    )
}

/// Each org's quota of the year before `spec`'s, and its admissions that
/// year up to the same day (29 February counting to the 28th).
fn previous_year(
    store: &Store,
    tree: &Tree,
    spec: &Spec,
    window: &Window,
) -> anyhow::Result<(Vec<Option<u64>>, Vec<u64>)> {
    let Period::Year(y) = spec.period else {
        return Err(compare_needs_a_year().into());
    };
    let period = Period::year(y - 1)?;
    let (m, d) = (window.end.month(), window.end.day());
    let same_day = NaiveDate::from_ymd_opt(y - 1, m, d)
        .or_else(|| NaiveDate::from_ymd_opt(y - 1, m, d - 1))
        .unwrap_or(period.end());
    let before = Window::new(period, Some(same_day), None, spec.today)?;
    let mut quotas = vec![None; store.orgs.len()];
    for q in &store.quotas {
        if q.period == period
            && q.metric == spec.metric
            && let Some(i) = tree.get(&q.org)
        {
            quotas[i] = Some(q.target);
        }
    }
    Ok((quotas, roll_up(store, tree, &before, spec.metric)))
}

pub fn roll_up(store: &Store, tree: &Tree, window: &Window, metric: Metric) -> Vec<u64> {
    let mut sums = vec![0u64; store.orgs.len()];
    each_counted(store, tree, window, metric, |i, _, n| sums[i] += n);
    add_up_the_tree(tree, &mut sums, |p, c| *p += *c);
    sums
}

/// Each org's admissions in the window struck off since, rolled up; none
/// when there are none (or the report is not of admissions).
fn struck_off(store: &Store, tree: &Tree, window: &Window, metric: Metric) -> Option<Vec<u64>> {
    if metric != Metric::Admissions {
        return None;
    }
    let mut sums = vec![0u64; store.orgs.len()];
    let mut any = false;
    for (i, a) in counted(store, tree, window) {
        if a.probation.as_ref().is_some_and(|p| p.struck_on.is_some()) {
            sums[i] += a.count;
            any = true;
        }
    }
    any.then(|| {
        add_up_the_tree(tree, &mut sums, |p, c| *p += *c);
        sums
    })
}

/// Calls `each(org index, date, count)` for every record a report of
/// `metric` counts: admissions as [`counted`] gives them, or the class
/// attendance dated in the window.
pub fn each_counted(
    store: &Store,
    tree: &Tree,
    window: &Window,
    metric: Metric,
    mut each: impl FnMut(usize, NaiveDate, u64),
) {
    match metric {
        Metric::Admissions => {
            for (i, a) in counted(store, tree, window) {
                each(i, a.date, a.count);
            }
        }
        Metric::Trained => {
            for t in &store.trainings {
                if window.contains(t.date)
                    && let Some(i) = tree.get(&t.org)
                {
                    each(i, t.date, t.count);
                }
            }
        }
    }
}

/// The records a report counts, with the index of their org: not void,
/// dated in the window, of an org in the tree.
pub fn counted<'a>(
    store: &'a Store,
    tree: &'a Tree,
    window: &'a Window,
) -> impl Iterator<Item = (usize, &'a Admission)> + 'a {
    store.admissions.iter().filter_map(move |a| {
        if a.is_void() || !window.contains(a.date) {
            return None;
        }
        tree.get(&a.org).map(|i| (i, a))
    })
}

/// Turns each org's own figures into its own plus its descendants':
/// children are added to their parents from the bottom of the tree up.
pub fn add_up_the_tree<T: Clone>(tree: &Tree, own: &mut [T], add: impl Fn(&mut T, &T)) {
    let order = tree.preorder(tree.roots(), None);
    for &(i, _) in order.iter().rev() {
        if let Some(p) = tree.parent(i) {
            let child = own[i].clone();
            add(&mut own[p], &child);
        }
    }
}

fn sort_rows(rows: &mut [Row], sort: Sort) {
    // Rows without a quota sort last; ties keep tree order (stable sort).
    match sort {
        Sort::Tree => {}
        Sort::Percent => rows.sort_by(|a, b| {
            let key = |r: &Row| r.percent.map(|p| std::cmp::Reverse(p.scaled));
            key(a)
                .is_none()
                .cmp(&key(b).is_none())
                .then(key(a).cmp(&key(b)))
        }),
        Sort::Remaining => rows.sort_by(|a, b| {
            let key = |r: &Row| r.remaining.map(std::cmp::Reverse);
            key(a)
                .is_none()
                .cmp(&key(b).is_none())
                .then(key(a).cmp(&key(b)))
        }),
        Sort::Name => {
            rows.sort_by_cached_key(|r| (crate::text::collation_key(&r.name), r.id.clone()))
        }
    }
}

pub mod breakdown;
pub mod check;
pub mod due;
pub mod periods;
pub mod pipeline;

pub use periods::{BurnUp, By, PeriodCount};

#[cfg(test)]
mod tests;

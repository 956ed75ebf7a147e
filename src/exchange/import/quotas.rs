//! Quota rows: set, or set again, for a year or a term.

use std::collections::HashMap;

use super::{Importer, Problems, Row, cell};
use crate::date::Period;
use crate::exchange::cells::number_cell;
use crate::model::{Metric, Quota, Store};
use crate::tree::Resolver;

pub struct Quotas {
    orgs: Resolver,
    rows: Vec<Quota>,
    lines: HashMap<(String, Period, Metric), u64>,
}

impl Quotas {
    pub fn new(store: &Store) -> Self {
        Quotas {
            orgs: Resolver::new(&store.orgs),
            rows: Vec::new(),
            lines: HashMap::new(),
        }
    }
}

fn period(row: &Row, problems: &mut Problems) -> Option<Period> {
    let year = row.get("year").trim();
    let term = row.get("term").trim();
    let text = crate::text::printable;
    match (year.is_empty(), term.is_empty()) {
        (false, true) => match year.parse::<i32>().ok().map(Period::year) {
            Some(Ok(p)) => Some(p),
            _ => {
                let what = t!(
                    "'{}' is not a year like 2023",
                    "'{}' không phải năm dạng 2023",
                    text(year)
                );
                problems.add(row.line, "year", &what);
                None
            }
        },
        (true, false) => match Period::term(term) {
            Ok(p) => Some(p),
            Err(_) => {
                let what = t!(
                    "'{}' is not a term like 2020-2025",
                    "'{}' không phải nhiệm kỳ dạng 2020-2025",
                    text(term)
                );
                problems.add(row.line, "term", &what);
                None
            }
        },
        _ => {
            problems.row(
                row.line,
                &t!(
                    "give exactly one of year and term",
                    "hãy ghi đúng một trong hai cột year và term"
                ),
            );
            None
        }
    }
}

impl Importer for Quotas {
    fn row(&mut self, _: &Store, row: &Row, problems: &mut Problems) {
        let org = match self.orgs.resolve(row.get("org")) {
            Ok(o) => Some(o),
            Err(e) => {
                problems.add(row.line, "org", &e);
                None
            }
        };
        let period = period(row, problems);
        let target = match cell(row, "target", problems, |c| number_cell(c, 0)) {
            Some(Some(t)) => Some(t),
            Some(None) => {
                problems.add(
                    row.line,
                    "target",
                    &t!("is empty; give a number", "đang trống; hãy ghi số"),
                );
                None
            }
            None => None,
        };
        let metric = match crate::text::fold(row.get("metric").trim()).as_str() {
            "" | "admissions" | "kết nạp" => Some(Metric::Admissions),
            "trained" | "bồi dưỡng" => Some(Metric::Trained),
            other => {
                problems.add(
                    row.line,
                    "metric",
                    &t!(
                        "'{}' is not admissions or trained",
                        "'{}' không phải admissions hay trained",
                        crate::text::printable(other)
                    ),
                );
                None
            }
        };
        let (Some(org), Some(period), Some(target), Some(metric)) = (org, period, target, metric)
        else {
            return;
        };
        let key = (org.clone(), period, metric);
        if let Some(first) = self.lines.get(&key) {
            problems.row(
                row.line,
                &t!(
                    "the quota of '{org}' for {period} is already on line {first}",
                    "chỉ tiêu của '{org}' kỳ {period} đã có ở dòng {first}"
                ),
            );
            return;
        }
        match Quota::check(org, period, metric, target) {
            Ok(q) => {
                self.lines.insert(key, row.line);
                self.rows.push(q.value);
            }
            Err(broken) => problems.rules(row.line, &broken),
        }
    }

    fn finish(&mut self, _: &mut Problems) -> (usize, usize) {
        (self.rows.len(), 0)
    }

    fn apply(self: Box<Self>, store: &mut Store) {
        let mut at: HashMap<(String, Period, Metric), usize> = store
            .quotas
            .iter()
            .enumerate()
            .map(|(i, q)| ((q.org.clone(), q.period, q.metric), i))
            .collect();
        for q in self.rows {
            match at.get(&(q.org.clone(), q.period, q.metric)) {
                Some(&i) => store.quotas[i] = q,
                None => {
                    at.insert((q.org.clone(), q.period, q.metric), store.quotas.len());
                    store.quotas.push(q);
                }
            }
        }
    }
}

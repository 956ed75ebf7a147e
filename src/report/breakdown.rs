//! Who was admitted: the categories of the official statistics (women,
//! ethnic minority, religious, youth-union members, aged 18–30, occupation)
//! per organisation, rolled up the tree and counted in the report's window.
//! Aggregates only: no name is ever read.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::{Window, add_up_the_tree, counted};
use crate::date::Period;
use crate::model::{Admission, Person, Sex, Store};
use crate::text::fold;
use crate::tree::Tree;

/// What to break down.
#[derive(Clone, Debug)]
pub struct Spec {
    pub period: Period,
    /// The cut-off date; `None` means today, or the period's end if that
    /// is earlier (as in the report).
    pub as_of: Option<NaiveDate>,
    /// The org at the top (an index into `store.orgs`); `None`: every root.
    pub org: Option<usize>,
    /// How many levels below the top to show; `None` means all.
    pub depth: Option<usize>,
    pub today: NaiveDate,
}

/// The youngest and oldest age, at admission, of the "aged 18–30" group.
pub const YOUTH_AGES: (u32, u32) = (18, 30);

/// The people of one org (and all below it) in each category.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub admitted: u64,
    pub female: u64,
    pub ethnic_minority: u64,
    pub religious: u64,
    pub youth_union: u64,
    pub age_18_30: u64,
    pub occupations: Occupations,
    /// People whose record has no personal details (a record of several
    /// people, or of one without details): in no category, and not "no".
    pub unknown: u64,
}

impl Tally {
    /// Counts one record.
    fn record(&mut self, a: &Admission) {
        self.admitted += a.count;
        let Some(p) = a
            .person
            .as_deref()
            .filter(|p| a.count == 1 && has_details(p))
        else {
            self.unknown += a.count;
            return;
        };
        let yes = |b: bool| u64::from(b);
        self.female += yes(p.sex == Some(Sex::Female));
        self.ethnic_minority += yes(p.ethnicity.as_deref().is_some_and(is_minority));
        self.religious += yes(p.religion.as_deref().is_some_and(is_religious));
        self.youth_union += yes(p.youth_union);
        self.age_18_30 += yes(p.born.is_some_and(|b| in_youth_ages(b, a.date)));
        if let Some(o) = p
            .occupation
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
        {
            self.occupations.add(o, 1);
        }
    }

    fn add(&mut self, other: &Tally) {
        self.admitted += other.admitted;
        self.female += other.female;
        self.ethnic_minority += other.ethnic_minority;
        self.religious += other.religious;
        self.youth_union += other.youth_union;
        self.age_18_30 += other.age_18_30;
        for (key, (name, n)) in &other.occupations.0 {
            self.occupations.add_folded(key, name, *n);
        }
        self.unknown += other.unknown;
    }

    /// The people whose details are known: what the shares are of.
    pub fn known(&self) -> u64 {
        self.admitted - self.unknown
    }
}

/// Whether a person carries any detail the statistics use; a name alone
/// (or nothing) tells none of them.
fn has_details(p: &Person) -> bool {
    p.sex.is_some()
        || p.born.is_some()
        || p.ethnicity.is_some()
        || p.religion.is_some()
        || p.youth_union
        || p.occupation.is_some()
}

/// Anyone not Kinh, the ethnicity given (case and tone placement ignored).
pub fn is_minority(ethnicity: &str) -> bool {
    let e = fold(ethnicity.trim());
    !e.is_empty() && e != "kinh"
}

/// A religion given, and not a way of saying "none".
pub fn is_religious(religion: &str) -> bool {
    const NONE: [&str; 7] = [
        "none",
        "no",
        "không",
        "khong",
        "không có",
        "không tôn giáo",
        "-",
    ];
    let r = fold(religion.trim());
    !r.is_empty() && !NONE.contains(&r.as_str())
}

/// Aged 18 to 30 (inclusive) on the admission date.
fn in_youth_ages(born: NaiveDate, admitted: NaiveDate) -> bool {
    admitted
        .years_since(born)
        .is_some_and(|age| (YOUTH_AGES.0..=YOUTH_AGES.1).contains(&age))
}

/// People per occupation; spellings that differ only in case or tone
/// placement are one occupation, named as first met.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Occupations(BTreeMap<String, (String, u64)>);

impl Occupations {
    fn add(&mut self, name: &str, n: u64) {
        self.add_folded(&fold(name), name, n);
    }

    fn add_folded(&mut self, key: &str, name: &str, n: u64) {
        match self.0.get_mut(key) {
            Some((_, count)) => *count += n,
            None => {
                self.0.insert(key.to_string(), (name.to_string(), n));
            }
        }
    }

    /// Each occupation and its people, in the order of the folded names.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.0.values().map(|(name, n)| (name.as_str(), *n))
    }

    /// The people of the occupation named (any spelling); 0 if none.
    pub fn get(&self, name: &str) -> u64 {
        self.0.get(&fold(name)).map_or(0, |(_, n)| *n)
    }
}

impl Serialize for Occupations {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// One organisation's line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub depth: usize,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Breakdown {
    #[serde(serialize_with = "super::serialize_display")]
    pub period: Period,
    pub as_of: NaiveDate,
    pub rows: Vec<Row>,
}

impl Breakdown {
    /// Every occupation of the rows, most people first (at the top rows),
    /// then by name: the columns of a table.
    pub fn occupations(&self) -> Vec<String> {
        let mut all = Occupations::default();
        for r in self.rows.iter().filter(|r| r.depth == 0) {
            for (key, (name, n)) in &r.tally.occupations.0 {
                all.add_folded(key, name, *n);
            }
        }
        // Occupations seen only below the top rows (never, when rolled up,
        // but kept for safety) come last.
        for r in &self.rows {
            for (key, (name, _)) in &r.tally.occupations.0 {
                all.add_folded(key, name, 0);
            }
        }
        let mut v: Vec<(String, u64, String)> = all
            .0
            .into_iter()
            .map(|(key, (name, n))| (key, n, name))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.into_iter().map(|(_, _, name)| name).collect()
    }
}

/// Computes the breakdown. Linear in orgs plus records.
pub fn compute(store: &Store, tree: &Tree, spec: &Spec) -> anyhow::Result<Breakdown> {
    let window = Window::new(spec.period, spec.as_of, None, spec.today)?;
    let mut tallies = vec![Tally::default(); store.orgs.len()];
    for (i, a) in counted(store, tree, &window) {
        tallies[i].record(a);
    }
    add_up_the_tree(tree, &mut tallies, Tally::add);
    let tops = match spec.org {
        Some(i) => vec![i],
        None => tree.roots().to_vec(),
    };
    let rows = tree
        .preorder(&tops, spec.depth)
        .into_iter()
        .map(|(i, depth)| Row {
            id: store.orgs[i].id.clone(),
            name: store.orgs[i].name.clone(),
            depth,
            tally: std::mem::take(&mut tallies[i]),
        })
        .collect();
    Ok(Breakdown {
        period: spec.period,
        as_of: window.end,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories() {
        assert!(is_minority("Ê Đê"));
        assert!(is_minority("Xơ Đăng"));
        assert!(!is_minority("Kinh"));
        assert!(!is_minority(" KINH "));
        assert!(!is_minority(""));
        assert!(is_religious("Công giáo"));
        assert!(!is_religious("Không"));
        assert!(!is_religious("none"));
        assert!(!is_religious(""));
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(in_youth_ages(d(2000, 5, 1), d(2018, 5, 1)));
        assert!(!in_youth_ages(d(2000, 5, 2), d(2018, 5, 1)));
        assert!(in_youth_ages(d(1990, 5, 2), d(2021, 5, 1)));
        assert!(!in_youth_ages(d(1990, 5, 1), d(2021, 5, 1)));
    }

    #[test]
    fn occupations_are_one_whatever_the_case() {
        let mut o = Occupations::default();
        o.add("Nông dân", 1);
        o.add("nông dân", 2);
        o.add("công nhân", 1);
        assert_eq!(o.get("NÔNG DÂN"), 3);
        let v: Vec<_> = o.iter().collect();
        assert_eq!(v, vec![("công nhân", 1), ("Nông dân", 3)]);
    }
}

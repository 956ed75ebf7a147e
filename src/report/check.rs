//! What `quota check` finds in a store that loads: the things that would
//! make a report wrong or puzzling, each an error or a warning. Pure: a
//! validated store and today in, findings out.
//!
//! What makes a store unreadable (an unknown organisation, a quota or a
//! record of an organisation not in the store, two records with one id, a
//! cycle of parents…) is [`Store::validate`]'s to refuse; nothing here
//! repeats it. Findings name ids, organisation ids, periods and dates only,
//! never personal details.

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;

use crate::date::Period;
use crate::lang::{Date, Num, Text};
use crate::model::{Metric, Store};
use crate::tree::Tree;

/// How bad a finding is. Errors come first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A report is wrong because of it: `quota check` exits 1.
    Error,
    /// Worth a look, but may be meant: the exit status stays 0.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The word a table shows.
    pub fn word(self) -> Text {
        match self {
            Severity::Error => t!("error", "lỗi"),
            Severity::Warning => t!("warning", "cảnh báo"),
        }
    }
}

/// What kind of trouble a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The quotas handed down to an organisation's children add up to more
    /// than its own, for one period and metric.
    OverAllocated,
    /// An organisation admitted people in a year it has no quota for.
    NoQuota,
    /// A record on a merged organisation, dated on or after the merge.
    MergedOrg,
    /// Two quotas that a report reads as one organisation's.
    MergedQuota,
    /// A record dated after today.
    FutureDate,
    /// A candidate's admission record is not in the store.
    DanglingAdmission,
    /// Two candidates became the same admission record.
    SharedAdmission,
    /// A candidate's admission record was voided.
    VoidAdmission,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::OverAllocated => "over-allocated",
            Kind::NoQuota => "no-quota",
            Kind::MergedOrg => "merged-org",
            Kind::MergedQuota => "merged-quota",
            Kind::FutureDate => "future-date",
            Kind::DanglingAdmission => "dangling-admission",
            Kind::SharedAdmission => "shared-admission",
            Kind::VoidAdmission => "void-admission",
        }
    }

    /// How bad each kind is, and why.
    pub fn severity(self) -> Severity {
        match self {
            // DOMAIN.md: the parts need not add up to the whole, so handing
            // down more than was given may be meant (a margin against cells
            // that fall short); worth a look, not wrong.
            Kind::OverAllocated => Severity::Warning,
            // The records still count up the tree, and an organisation
            // may simply not have been given a quota; its row just shows
            // no percent.
            Kind::NoQuota => Severity::Warning,
            // A merged organisation stands for the one it went into, so
            // its earlier records rightly stay on it; one dated on or after
            // the merge was recorded on an organisation that no longer
            // existed (an import naming the old id, a hand edit, a wrong
            // date): the record or its date is wrong.
            Kind::MergedOrg => Severity::Error,
            // A report takes one quota per organisation: which of the two
            // it shows depends on the order of the ids.
            Kind::MergedQuota => Severity::Error,
            // Every command refuses such a date, so it comes from a hand
            // edit or a wrong clock; reports as of today count it already.
            Kind::FutureDate => Severity::Error,
            // The pipeline keeps such a candidate at the vote for ever,
            // waiting for an admission that is not there.
            Kind::DanglingAdmission => Severity::Error,
            // One admission record is one person: the other candidates
            // vanish from the pipeline without being counted anywhere.
            Kind::SharedAdmission => Severity::Error,
            // Voiding the record was a decision someone took; the candidate
            // is then counted neither as admitted nor in the pipeline,
            // which may or may not be what was meant.
            Kind::VoidAdmission => Severity::Warning,
        }
    }
}

/// One thing found.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub kind: Kind,
    /// The organisation concerned, by id.
    pub org: Option<String>,
    /// The record concerned (an admission, training or candidate id).
    pub id: Option<u64>,
    pub period: Option<Period>,
    /// A sentence: what is wrong and what to do.
    pub what: Text,
}

impl Finding {
    fn new(kind: Kind, org: &str, what: Text) -> Finding {
        Finding {
            severity: kind.severity(),
            kind,
            org: Some(org.to_string()),
            id: None,
            period: None,
            what,
        }
    }

    fn id(mut self, id: u64) -> Finding {
        self.id = Some(id);
        self
    }

    fn period(mut self, period: Period) -> Finding {
        self.period = Some(period);
        self
    }
}

/// Everything found in `store` (which passed [`Store::validate`]) as of
/// `today`: errors first, then by organisation, kind, record and period.
pub fn check(store: &Store, today: NaiveDate) -> Vec<Finding> {
    let tree = Tree::new(store);
    let mut found = Vec::new();
    let quotas = quotas(store, &tree, &mut found);
    over_allocated(store, &tree, &quotas, &mut found);
    no_quota(store, &tree, &quotas, &mut found);
    merged_records(store, &mut found);
    future_dates(store, today, &mut found);
    candidate_links(store, &mut found);
    // The sentence last: two findings alike but for the metric.
    let en = |f: &Finding| f.what.get(crate::lang::Lang::En).to_string();
    found.sort_by_cached_key(|f| (f.severity, f.org.clone(), f.kind, f.id, f.period, en(f)));
    found
}

/// The quota of each organisation of the tree by period and metric, as a
/// report reads them: a merged organisation's quota is the one it went
/// into. Where two quotas fall on one, a report shows the last in store
/// order, as kept here; that is an error.
fn quotas<'a>(
    store: &'a Store,
    tree: &Tree,
    found: &mut Vec<Finding>,
) -> FxHashMap<(usize, Period, Metric), u64> {
    let mut by: FxHashMap<(usize, Period, Metric), Vec<&'a str>> = FxHashMap::default();
    let mut target = FxHashMap::default();
    for q in &store.quotas {
        if let Some(i) = tree.get(&q.org) {
            by.entry((i, q.period, q.metric)).or_default().push(&q.org);
            target.insert((i, q.period, q.metric), q.target);
        }
    }
    for ((i, period, metric), orgs) in by {
        if orgs.len() > 1 {
            let into = &store.orgs[i].id;
            found.push(
                Finding::new(
                    Kind::MergedQuota,
                    into,
                    t!(
                        "'{into}' has {} {} for {} (of '{}', all read as '{into}' since the merge); a report shows only one of them: keep the one that applies.",
                        "'{into}' có {} {} cho {} (của '{}', từ khi hợp nhất đều được tính là của '{into}'); báo cáo chỉ lấy một trong số đó: hãy chỉ giữ lại cái đang áp dụng.",
                        orgs.len(),
                        plans(metric),
                        period_words(period),
                        orgs.join("', '")
                    ),
                )
                .period(period),
            );
        }
    }
    target
}

/// "quotas" or "training plans", for a sentence.
fn plans(metric: Metric) -> Text {
    match metric {
        Metric::Admissions => t!("quotas", "chỉ tiêu"),
        Metric::Trained => t!("training plans", "kế hoạch học lớp"),
    }
}

fn period_words(period: Period) -> Text {
    match period {
        Period::Year(y) => t!("the year {y}", "năm {y}"),
        term => t!("the term {term}", "nhiệm kỳ {term}"),
    }
}

/// Quotas handed down beyond the parent's own, per period and metric (as
/// the report's `allocated` adds them up).
fn over_allocated(
    store: &Store,
    tree: &Tree,
    quotas: &FxHashMap<(usize, Period, Metric), u64>,
    found: &mut Vec<Finding>,
) {
    let mut allocated: FxHashMap<(usize, Period, Metric), u64> = FxHashMap::default();
    for (&(i, period, metric), &target) in quotas {
        if let Some(p) = tree.parent(i) {
            *allocated.entry((p, period, metric)).or_default() += target;
        }
    }
    for ((i, period, metric), sum) in allocated {
        if let Some(&own) = quotas.get(&(i, period, metric))
            && sum > own
        {
            let org = &store.orgs[i].id;
            found.push(
                Finding::new(
                    Kind::OverAllocated,
                    org,
                    t!(
                        "The {} of the organisations under '{org}' for {} add up to {}, more than its own {}; check how it was split.",
                        "Tổng {} cho {} giao cho các tổ chức trực thuộc '{org}' là {}, nhiều hơn mức {} của chính tổ chức này; hãy kiểm tra lại việc phân bổ.",
                        plans(metric),
                        period_words(period),
                        Num(sum),
                        Num(own)
                    ),
                )
                .period(period),
            );
        }
    }
}

/// Organisations with admissions (their own or those below them, not
/// void) in a year that neither a quota for the year nor one for a term
/// covering it is set for: the report of that year shows them without a
/// percent.
fn no_quota(
    store: &Store,
    tree: &Tree,
    quotas: &FxHashMap<(usize, Period, Metric), u64>,
    found: &mut Vec<Finding>,
) {
    // Each organisation's own by year, then added up the tree: a million
    // records fall into a few thousand sums before any walk up.
    let mut own: FxHashMap<(usize, i32), u64> = FxHashMap::default();
    for a in store.admissions.iter().filter(|a| !a.is_void()) {
        if let Some(i) = tree.get(&a.org) {
            *own.entry((i, a.date.year())).or_default() += a.count;
        }
    }
    let mut admitted: FxHashMap<(usize, i32), u64> = FxHashMap::default();
    for ((i, year), n) in own {
        let mut at = Some(i);
        while let Some(j) = at {
            *admitted.entry((j, year)).or_default() += n;
            at = tree.parent(j);
        }
    }
    // The years each organisation's terms cover.
    let mut terms: FxHashMap<usize, Vec<(i32, i32)>> = FxHashMap::default();
    for &(i, period, metric) in quotas.keys() {
        if let (Period::Term(a, b), Metric::Admissions) = (period, metric) {
            terms.entry(i).or_default().push((a, b));
        }
    }
    let own_quota = |i: usize, year: i32| {
        quotas.contains_key(&(i, Period::Year(year), Metric::Admissions))
            || terms
                .get(&i)
                .is_some_and(|t| t.iter().any(|&(a, b)| (a..=b).contains(&year)))
    };
    for ((i, year), n) in admitted {
        // A cell counts towards the quota of its commune: only admissions
        // no quota above them covers are worth a word.
        let covered =
            std::iter::successors(Some(i), |&j| tree.parent(j)).any(|j| own_quota(j, year));
        if !covered {
            let org = &store.orgs[i].id;
            let who = if tree.children(i).is_empty() {
                t!("'{org}' admitted", "'{org}' kết nạp")
            } else {
                t!(
                    "'{org}' and the organisations under it admitted",
                    "'{org}' và các tổ chức trực thuộc kết nạp"
                )
            };
            found.push(
                Finding::new(
                    Kind::NoQuota,
                    org,
                    t!(
                        "{who} {} in {year}, but neither '{org}' nor any organisation above it has a quota for that year or for a term covering it; assign one, or check the organisation of the records.",
                        "{who} {} đảng viên năm {year}, nhưng cả '{org}' lẫn các tổ chức cấp trên đều chưa có chỉ tiêu cho năm đó hay cho nhiệm kỳ bao gồm năm đó; hãy giao chỉ tiêu, hoặc kiểm tra tổ chức của các bản ghi.",
                        Num(n)
                    ),
                )
                .period(Period::Year(year)),
            );
        }
    }
}

/// A record a finding is about.
#[derive(Clone, Copy)]
enum Record {
    Admission(u64),
    Training(u64),
    Candidate(u64),
}

impl Record {
    fn id(self) -> u64 {
        match self {
            Record::Admission(id) | Record::Training(id) | Record::Candidate(id) => id,
        }
    }

    /// What a finding calls it (capitalised to start a sentence): only
    /// put into words for a record found wanting, as a store may hold a
    /// million.
    fn word(self) -> Text {
        match self {
            Record::Admission(id) => t!("admission record {id}", "bản ghi kết nạp {id}"),
            Record::Training(id) => t!("training record {id}", "bản ghi học lớp {id}"),
            Record::Candidate(id) => t!("candidate {id}", "người {id} trong nguồn"),
        }
    }
}

/// Records on a merged organisation dated on or after the day it was
/// merged (a candidate by its latest date).
fn merged_records(store: &Store, found: &mut Vec<Finding>) {
    let merged: FxHashMap<&str, &crate::model::Merged> = store
        .orgs
        .iter()
        .filter_map(|o| o.merged.as_ref().map(|m| (o.id.as_str(), m)))
        .collect();
    if merged.is_empty() {
        return;
    }
    let records = store
        .admissions
        .iter()
        .map(|a| (&a.org, Some(a.date), Record::Admission(a.id)))
        .chain(
            store
                .trainings
                .iter()
                .map(|t| (&t.org, Some(t.date), Record::Training(t.id))),
        )
        .chain(store.candidates.iter().map(|c| {
            let last = c
                .steps
                .iter()
                .map(|s| s.on)
                .chain(c.dropped.as_ref().map(|d| d.on));
            (&c.org, last.max(), Record::Candidate(c.id))
        }));
    for (org, date, record) in records {
        let Some(m) = merged.get(org.as_str()) else {
            continue;
        };
        let Some(date) = date.filter(|&d| d >= m.on) else {
            continue;
        };
        found.push(
            Finding::new(
                Kind::MergedOrg,
                org,
                t!(
                    "{} is on '{org}' and dated {}, but '{org}' was merged into '{}' on {}; record it on '{}', or fix its date.",
                    "{} thuộc '{org}' với ngày {}, nhưng '{org}' đã được hợp nhất vào '{}' từ ngày {}; hãy ghi nhận cho '{}', hoặc sửa ngày.",
                    record.word().capitalised(),
                    Date(date),
                    m.into,
                    Date(m.on),
                    m.into
                ),
            )
            .id(record.id()),
        );
    }
}

/// What happened on a date of a record, for a sentence that starts with
/// the record.
#[derive(Clone, Copy)]
enum Happened {
    Decided,
    Ceremony,
    Confirmed,
    Struck,
    Voided,
    Dated,
    Reached(crate::model::Stage),
    Dropped,
}

impl Happened {
    fn on(self, day: NaiveDate) -> Text {
        let day = Date(day);
        match self {
            Happened::Decided => t!("is dated {day}", "có ngày quyết định {day}"),
            Happened::Ceremony => t!("has its ceremony on {day}", "có ngày lễ kết nạp {day}"),
            Happened::Confirmed => t!(
                "was made an official member on {day}",
                "được công nhận đảng viên chính thức ngày {day}"
            ),
            Happened::Struck => t!("was struck off on {day}", "bị xóa tên ngày {day}"),
            Happened::Voided => t!("was voided on {day}", "bị hủy ngày {day}"),
            Happened::Dated => t!("is dated {day}", "ghi ngày {day}"),
            Happened::Reached(stage) => t!(
                "reached '{}' on {day}",
                "đạt giai đoạn '{}' ngày {day}",
                stage.word()
            ),
            Happened::Dropped => t!("left the pipeline on {day}", "ra khỏi nguồn ngày {day}"),
        }
    }
}

/// Records dated after today: one finding per record, for its first such
/// date.
fn future_dates(store: &Store, today: NaiveDate, found: &mut Vec<Finding>) {
    let mut later = |org: &str, record: Record, dates: &[(Option<NaiveDate>, Happened)]| {
        if let Some(&(Some(day), happened)) =
            dates.iter().find(|(d, _)| d.is_some_and(|d| d > today))
        {
            found.push(
                Finding::new(
                    Kind::FutureDate,
                    org,
                    t!(
                        "{} {}, after today ({}); fix the date, or the clock of the computer that recorded it.",
                        "{} {}, sau ngày hôm nay ({}); hãy sửa ngày, hoặc đồng hồ của máy đã ghi nhận.",
                        record.word().capitalised(),
                        happened.on(day),
                        Date(today)
                    ),
                )
                .id(record.id()),
            );
        }
    };
    for a in &store.admissions {
        let p = a.probation.as_deref();
        later(
            &a.org,
            Record::Admission(a.id),
            &[
                (Some(a.date), Happened::Decided),
                (p.and_then(|p| p.ceremony), Happened::Ceremony),
                (p.and_then(|p| p.confirmed), Happened::Confirmed),
                (p.and_then(|p| p.struck_on), Happened::Struck),
                (a.void.as_ref().map(|v| v.on), Happened::Voided),
            ],
        );
    }
    for t in &store.trainings {
        later(
            &t.org,
            Record::Training(t.id),
            &[(Some(t.date), Happened::Dated)],
        );
    }
    for c in &store.candidates {
        let mut dates: Vec<(Option<NaiveDate>, Happened)> = c
            .steps
            .iter()
            .map(|s| (Some(s.on), Happened::Reached(s.stage)))
            .collect();
        dates.push((c.dropped.as_ref().map(|d| d.on), Happened::Dropped));
        later(&c.org, Record::Candidate(c.id), &dates);
    }
}

/// A candidate's link to the admission record it became: there, not
/// shared, not void.
fn candidate_links(store: &Store, found: &mut Vec<Finding>) {
    let mut by_admission: FxHashMap<u64, Vec<&crate::model::Candidate>> = FxHashMap::default();
    for c in &store.candidates {
        if let Some(a) = c.admission {
            by_admission.entry(a).or_default().push(c);
        }
    }
    if by_admission.is_empty() {
        return;
    }
    let records: FxHashMap<u64, &crate::model::Admission> = store
        .admissions
        .iter()
        .filter(|a| by_admission.contains_key(&a.id))
        .map(|a| (a.id, a))
        .collect();
    for (id, linked) in by_admission {
        let first = linked[0];
        match records.get(&id) {
            None => {
                for c in &linked {
                    found.push(
                        Finding::new(
                            Kind::DanglingAdmission,
                            &c.org,
                            t!(
                                "{} became {}, which is not in the store; the pipeline keeps waiting for it: fix the candidate's admission id.",
                                "{} đã thành {}, bản ghi không có trong tệp; nguồn kết nạp vẫn chờ bản ghi đó: hãy sửa mã bản ghi kết nạp của người này.",
                                Record::Candidate(c.id).word().capitalised(),
                                Record::Admission(id).word()
                            ),
                        )
                        .id(c.id),
                    );
                }
            }
            Some(a) => {
                if linked.len() > 1 {
                    let ids: Vec<String> = linked.iter().map(|c| c.id.to_string()).collect();
                    found.push(
                        Finding::new(
                            Kind::SharedAdmission,
                            &first.org,
                            t!(
                                "The candidates {} all became {}, which is one person; fix the admission ids of those it is not.",
                                "Những người {} trong nguồn cùng thành {}, bản ghi của một người; hãy sửa mã bản ghi kết nạp của những người không phải.",
                                ids.join(", "),
                                Record::Admission(id).word()
                            ),
                        )
                        .id(id),
                    );
                }
                if let Some(v) = &a.void {
                    for c in &linked {
                        found.push(
                            Finding::new(
                                Kind::VoidAdmission,
                                &c.org,
                                t!(
                                    "{} became {}, voided on {}; the candidate now counts neither as admitted nor in the pipeline: check that this is meant.",
                                    "{} đã thành {}, bản ghi đã bị hủy ngày {}; người này nay không được tính là đã kết nạp, cũng không còn trong nguồn: hãy kiểm tra lại.",
                                    Record::Candidate(c.id).word().capitalised(),
                                    Record::Admission(id).word(),
                                    Date(v.on)
                                ),
                            )
                            .id(c.id),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(toml: &str) -> Store {
        let mut s = crate::store::parse(toml.as_bytes(), crate::store::Format::Toml).unwrap();
        s.validate().unwrap();
        s.sort();
        s
    }

    fn day(s: &str) -> NaiveDate {
        crate::date::parse(s).unwrap()
    }

    fn keys(found: &[Finding]) -> Vec<(Severity, Kind, Option<&str>, Option<u64>)> {
        found
            .iter()
            .map(|f| (f.severity, f.kind, f.org.as_deref(), f.id))
            .collect()
    }

    /// Every date of a record is looked at, not only the decision's; a
    /// candidate is on a merged organisation by its latest date.
    #[test]
    fn later_dates_of_records_and_candidates() {
        let s = store(
            r#"
version = 1

[[orgs]]
id = "cu"
name = "Xã Cũ"

[orgs.merged]
into = "moi"
on = "2025-07-01"

[[orgs]]
id = "moi"
name = "Xã Mới"

[[quotas]]
org = "moi"
term = "2025-2030"
target = 40

[[candidates]]
id = 1
org = "cu"
source = "2025-01-05"
applied = "2025-03-01"

[candidates.dropped]
reason = "chuyển đi"
on = "2025-08-01"

[[candidates]]
id = 2
org = "moi"
source = "2025-01-05"
verifying = "2026-12-01"

[[candidates]]
id = 3
org = "cu"
source = "2025-01-05"

[[admissions]]
id = 4
org = "moi"
date = "2026-05-01"
count = 1

[admissions.probation]
ceremony = "2026-12-02"
"#,
        );
        let found = check(&s, day("2026-11-22"));
        assert_eq!(
            keys(&found),
            [
                (Severity::Error, Kind::MergedOrg, Some("cu"), Some(1)),
                (Severity::Error, Kind::FutureDate, Some("moi"), Some(2)),
                (Severity::Error, Kind::FutureDate, Some("moi"), Some(4)),
            ]
        );
        assert_eq!(
            found[1].what.get(crate::lang::Lang::En),
            "Candidate 2 reached 'verifying' on 2026-12-01, after today (2026-11-22); fix the date, or the clock of the computer that recorded it."
        );
        assert_eq!(
            found[2].what.get(crate::lang::Lang::Vi),
            "Bản ghi kết nạp 4 có ngày lễ kết nạp 02/12/2026, sau ngày hôm nay (22/11/2026); hãy sửa ngày, hoặc đồng hồ của máy đã ghi nhận."
        );
    }
}

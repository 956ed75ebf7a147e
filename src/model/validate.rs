//! The invariants every store keeps, checked on every load and before every
//! save. Messages name ids and fields, never personal details.

use rustc_hash::{FxHashMap, FxHashSet};

use anyhow::Result;

use super::{Field, MAX_ID, MAX_LEVELS, MAX_NUMBER, Metric, Store, VERSION};
use crate::date::Period;
use crate::lang::Text;
use crate::text;

impl Store {
    /// An empty store of the current version.
    pub fn new() -> Store {
        Store {
            version: VERSION,
            next_id: 1,
            ..Store::default()
        }
    }

    /// Normalises every text to NFC and checks every invariant a store must
    /// keep. Messages name ids and fields, never personal details.
    pub fn validate(&mut self) -> Result<()> {
        if self.version > VERSION {
            bail_t!(
                "The store has version {}, newer than this quota understands ({VERSION}); upgrade quota.",
                "Tệp dữ liệu có phiên bản {}, mới hơn phiên bản quota này hiểu được ({VERSION}); hãy nâng cấp quota.",
                self.version
            );
        }
        if self.version == 0 {
            bail_t!(
                "The store's `version` must be {VERSION}; fix the first line of the file.",
                "Trường `version` của tệp dữ liệu phải là {VERSION}; hãy sửa dòng đầu của tệp."
            );
        }
        self.normalise();
        let max_id = {
            let ids = self.check_orgs()?;
            self.check_quotas(&ids)?;
            self.check_holidays()?;
            self.check_trainings(&ids)?
                .max(self.check_candidates(&ids)?)
                .max(self.check_admissions(&ids)?)
        };
        self.check_ids_apart()?;
        if self.next_id > MAX_ID {
            bail_t!(
                "The store's next_id is above {MAX_ID}; fix it.",
                "Trường next_id của tệp dữ liệu lớn hơn {MAX_ID}; hãy sửa lại."
            );
        }
        self.next_id = self.next_id.max(max_id + 1);
        Ok(())
    }

    fn normalise(&mut self) {
        let fix = |s: &mut String| *s = text::nfc(std::mem::take(s));
        let fix_opt = |s: &mut Option<String>| {
            if let Some(s) = s {
                fix(s);
            }
        };
        for o in &mut self.orgs {
            fix(&mut o.name);
            fix_opt(&mut o.level);
        }
        for t in &mut self.trainings {
            fix_opt(&mut t.note);
        }
        for h in &mut self.holidays {
            fix_opt(&mut h.name);
        }
        for c in &mut self.candidates {
            fix_opt(&mut c.exception);
            if let Some(p) = &mut c.person {
                fix_opt(&mut p.name);
                fix_opt(&mut p.ethnicity);
                fix_opt(&mut p.religion);
                fix_opt(&mut p.occupation);
            }
            if let Some(d) = &mut c.dropped {
                fix(&mut d.reason);
            }
        }
        for a in &mut self.admissions {
            fix_opt(&mut a.decision);
            fix_opt(&mut a.note);
            if let Some(p) = &mut a.person {
                fix_opt(&mut p.name);
                fix_opt(&mut p.ethnicity);
                fix_opt(&mut p.religion);
                fix_opt(&mut p.occupation);
            }
            if let Some(v) = &mut a.void {
                fix(&mut v.reason);
            }
            if let Some(p) = &mut a.probation {
                fix_opt(&mut p.struck_reason);
            }
        }
    }

    /// Checks the organisations; gives each one's index by id.
    fn check_orgs(&self) -> Result<FxHashMap<&str, usize>> {
        let mut seen: FxHashMap<&str, usize> =
            FxHashMap::with_capacity_and_hasher(self.orgs.len(), Default::default());
        for (i, o) in self.orgs.iter().enumerate() {
            if !text::is_valid_id(&o.id) {
                bail_t!(
                    "The store has an organisation with the invalid id '{}'; ids are lower-case ASCII letters, digits and '-'.",
                    "Tệp dữ liệu có tổ chức mang mã không hợp lệ '{}'; mã chỉ gồm chữ thường không dấu, chữ số và '-'.",
                    text::printable(&o.id)
                );
            }
            if seen.insert(&o.id, i).is_some() {
                bail_t!(
                    "The store lists the organisation '{}' twice; keep one of them.",
                    "Tệp dữ liệu có tổ chức '{}' hai lần; hãy giữ lại một.",
                    o.id
                );
            }
            if o.name.trim().is_empty() {
                bail_t!(
                    "The organisation '{}' has no name; give it one.",
                    "Tổ chức '{}' chưa có tên; hãy đặt tên.",
                    o.id
                );
            }
            for (field, value) in [
                (Field::Name, Some(&o.name)),
                (Field::Level, o.level.as_ref()),
            ] {
                if let Some(v) = value {
                    check_text(v, || t!("{field} of '{}'", "{field} của '{}'", o.id))?;
                }
            }
            check_number(
                o.members,
                || t!("organisation '{}'", "tổ chức '{}'", o.id),
                Field::Members,
            )?;
        }
        for o in &self.orgs {
            // A merged organisation is another name of one that is not
            // merged itself, and has no organisation under it.
            if let Some(m) = &o.merged {
                let into = seen.get(m.into.as_str()).map(|&j| &self.orgs[j]);
                if into.is_none_or(|t| t.merged.is_some() || t.id == o.id) {
                    bail_t!(
                        "The organisation '{}' is merged into '{}', which is not an organisation of the store that stands on its own; fix the merge.",
                        "Tổ chức '{}' được hợp nhất vào '{}', không phải tổ chức đang hoạt động trong tệp; hãy sửa lại việc hợp nhất.",
                        o.id,
                        text::printable(&m.into)
                    );
                }
            }
            if let Some(p) = &o.parent
                && seen
                    .get(p.as_str())
                    .is_some_and(|&j| self.orgs[j].merged.is_some())
                && o.merged.is_none()
            {
                bail_t!(
                    "The organisation '{}' is under '{}', which was merged into another; move it under that one.",
                    "Tổ chức '{}' trực thuộc '{}', tổ chức đã được hợp nhất; hãy chuyển nó về tổ chức mới.",
                    o.id,
                    text::printable(p)
                );
            }
            if let Some(p) = &o.parent
                && !seen.contains_key(p.as_str())
            {
                bail_t!(
                    "The organisation '{}' has the parent '{}', which is not in the store; add that organisation or fix the parent.",
                    "Tổ chức '{}' có tổ chức cấp trên '{}' không có trong tệp; hãy thêm tổ chức đó hoặc sửa lại.",
                    o.id,
                    text::printable(p)
                );
            }
        }
        let parents: Vec<Option<usize>> = self
            .orgs
            .iter()
            .map(|o| o.parent.as_deref().map(|p| seen[p]))
            .collect();
        let levels = levels(&parents).map_err(|cycle| {
            err_t!(
                "The organisations '{}' form a cycle of parents; give one of them another parent.",
                "Các tổ chức '{}' tạo thành vòng lặp cấp trên; hãy sửa cấp trên của một tổ chức.",
                cycle
                    .iter()
                    .map(|&j| self.orgs[j].id.as_str())
                    .collect::<Vec<_>>()
                    .join("' → '")
            )
        })?;
        // The topmost org past the limit: where the tree must be cut.
        if let Some(i) = levels.iter().position(|&l| l == MAX_LEVELS + 1) {
            let mut top = i;
            while let Some(p) = parents[top] {
                top = p;
            }
            let wrong = too_deep(&self.orgs[i].id, MAX_LEVELS + 1, &self.orgs[top].id);
            bail_t!("{}.", "{}.", wrong.capitalised());
        }
        Ok(seen)
    }

    fn check_quotas(&self, ids: &FxHashMap<&str, usize>) -> Result<()> {
        let mut seen = FxHashSet::with_capacity_and_hasher(self.quotas.len(), Default::default());
        for q in &self.quotas {
            if !ids.contains_key(q.org.as_str()) {
                bail_t!(
                    "The store has a quota for '{}', which is not an organisation in it; add the organisation or remove the quota.",
                    "Tệp dữ liệu có chỉ tiêu cho '{}', không phải tổ chức trong tệp; hãy thêm tổ chức hoặc xóa chỉ tiêu.",
                    text::printable(&q.org)
                );
            }
            check_number(
                Some(q.target),
                || t!("a quota of '{}'", "một chỉ tiêu của '{}'", q.org),
                Field::Target,
            )?;
            if !seen.insert((q.org.as_str(), q.period, q.metric)) {
                bail_t!(
                    "The store has two {} quotas for '{}' in {}; keep one of them.",
                    "Tệp dữ liệu có hai chỉ tiêu {} cho '{}' kỳ {}; hãy giữ lại một.",
                    q.metric.as_str(),
                    q.org,
                    q.period
                );
            }
        }
        Ok(())
    }

    /// Checks the admission records; gives the highest id.
    fn check_admissions(&self, ids: &FxHashMap<&str, usize>) -> Result<u64> {
        // Ids in increasing order (as the store writes them) cannot repeat;
        // only records out of order need remembering.
        let mut seen = FxHashSet::default();
        let mut max_id = 0;
        for (i, a) in self.admissions.iter().enumerate() {
            if !ids.contains_key(a.org.as_str()) {
                bail_t!(
                    "The admission record {} is for '{}', which is not an organisation in the store; add the organisation or fix the record.",
                    "Bản ghi kết nạp {} thuộc '{}', không phải tổ chức trong tệp; hãy thêm tổ chức hoặc sửa bản ghi.",
                    a.id,
                    text::printable(&a.org)
                );
            }
            if a.id > MAX_ID {
                bail_t!(
                    "The store has an admission id above {MAX_ID}; fix the id.",
                    "Tệp dữ liệu có mã bản ghi lớn hơn {MAX_ID}; hãy sửa mã."
                );
            }
            if a.id == 0 {
                bail_t!(
                    "The store has an admission record with id 0; ids start at 1.",
                    "Tệp dữ liệu có bản ghi kết nạp mang mã 0; mã bắt đầu từ 1."
                );
            }
            let repeated = if a.id > max_id && seen.is_empty() {
                false
            } else {
                if seen.is_empty() {
                    seen.extend(self.admissions[..i].iter().map(|b| b.id));
                }
                !seen.insert(a.id)
            };
            if repeated {
                bail_t!(
                    "The store has the admission id {} twice; every record needs its own id.",
                    "Tệp dữ liệu có mã bản ghi {} hai lần; mỗi bản ghi cần một mã riêng.",
                    a.id
                );
            }
            if a.count == 0 {
                bail_t!(
                    "The admission record {} has a count of 0; a record admits at least 1 person.",
                    "Bản ghi kết nạp {} có số lượng 0; mỗi bản ghi phải có ít nhất 1 người.",
                    a.id
                );
            }
            check_number(
                Some(a.count),
                || t!("admission record {}", "bản ghi kết nạp {}", a.id),
                Field::Count,
            )?;
            if a.person.is_some() && a.count != 1 {
                bail_t!(
                    "The admission record {} has personal details but a count of {}; details belong to one-person records.",
                    "Bản ghi kết nạp {} có thông tin cá nhân nhưng số lượng là {}; thông tin cá nhân chỉ dành cho bản ghi một người.",
                    a.id,
                    a.count
                );
            }
            let person = a.person.as_deref();
            for (field, value) in [
                (Field::Decision, a.decision.as_ref()),
                (Field::Note, a.note.as_ref()),
                (Field::VoidReason, a.void.as_ref().map(|v| &v.reason)),
                (
                    Field::Reason,
                    a.probation.as_ref().and_then(|p| p.struck_reason.as_ref()),
                ),
                (Field::PersonName, person.and_then(|p| p.name.as_ref())),
                (Field::Ethnicity, person.and_then(|p| p.ethnicity.as_ref())),
                (Field::Religion, person.and_then(|p| p.religion.as_ref())),
                (
                    Field::Occupation,
                    person.and_then(|p| p.occupation.as_ref()),
                ),
            ] {
                if let Some(v) = value {
                    check_text(v, || {
                        t!(
                            "{field} of admission record {}",
                            "{field} của bản ghi kết nạp {}",
                            a.id
                        )
                    })?;
                }
            }
            if let Some(p) = &a.probation {
                let start = p.ceremony.unwrap_or(a.date);
                let in_order = start >= a.date
                    && p.confirmed.is_none_or(|c| c >= start)
                    && p.struck_on.is_none_or(|s| s >= start)
                    && p.struck_on.is_some() == p.struck_reason.is_some();
                if !in_order {
                    bail_t!(
                        "The admission record {} has its ceremony, confirmation or striking off out of order, or struck without a reason; fix the record.",
                        "Bản ghi kết nạp {} có ngày lễ kết nạp, công nhận chính thức hoặc xóa tên sai thứ tự, hoặc xóa tên mà không có lý do; hãy sửa bản ghi.",
                        a.id
                    );
                }
            }
            max_id = max_id.max(a.id);
        }
        Ok(max_id)
    }

    /// Candidates: a known org, an id of its own from 1, at least one
    /// step, stages forward and dates never back, clean text. Returns the
    /// largest id.
    fn check_candidates(&self, ids: &FxHashMap<&str, usize>) -> Result<u64> {
        let mut seen = FxHashSet::default();
        for c in &self.candidates {
            let what = || t!("candidate {}", "Người {} trong nguồn", c.id);
            known_org_and_new_id(ids, &c.org, c.id, &mut seen, what)?;
            let in_order = !c.steps.is_empty()
                && c.steps
                    .windows(2)
                    .all(|w| w[0].stage < w[1].stage && w[0].on <= w[1].on);
            if !in_order {
                bail_t!(
                    "The candidate {} has no steps, or steps out of order; each step must be a later stage on the same day or later.",
                    "Người {} trong nguồn không có bước nào, hoặc các bước sai thứ tự; mỗi bước phải là giai đoạn sau, cùng ngày hoặc muộn hơn.",
                    c.id
                );
            }
            let person = c.person.as_deref();
            for (field, value) in [
                (Field::Exception, c.exception.as_ref()),
                (Field::Reason, c.dropped.as_ref().map(|d| &d.reason)),
                (Field::PersonName, person.and_then(|p| p.name.as_ref())),
                (Field::Ethnicity, person.and_then(|p| p.ethnicity.as_ref())),
                (Field::Religion, person.and_then(|p| p.religion.as_ref())),
                (
                    Field::Occupation,
                    person.and_then(|p| p.occupation.as_ref()),
                ),
            ] {
                if let Some(v) = value {
                    check_text(v, || {
                        t!(
                            "{field} of candidate {}",
                            "{field} của người {} trong nguồn",
                            c.id
                        )
                    })?;
                }
            }
        }
        Ok(seen.into_iter().max().unwrap_or(0))
    }

    /// Admissions, class attendance and candidates take their ids from one
    /// counter: no two records of any kinds share one. The few records of
    /// the other kinds are gathered; the admissions are looked up in them.
    fn check_ids_apart(&self) -> Result<()> {
        if self.trainings.is_empty() && self.candidates.is_empty() {
            return Ok(());
        }
        let mut others = FxHashSet::default();
        let ids = self
            .trainings
            .iter()
            .map(|t| t.id)
            .chain(self.candidates.iter().map(|c| c.id))
            .chain(self.admissions.iter().map(|a| a.id));
        for (n, id) in ids.enumerate() {
            let other_kind = n < self.trainings.len() + self.candidates.len();
            let repeated = if other_kind {
                !others.insert(id)
            } else {
                others.contains(&id)
            };
            if repeated {
                bail_t!(
                    "The store gives the id {} to two records; every record needs its own id.",
                    "Tệp dữ liệu dùng mã {} cho hai bản ghi; mỗi bản ghi cần một mã riêng.",
                    id
                );
            }
        }
        Ok(())
    }

    /// Holidays: each day once, clean names.
    fn check_holidays(&self) -> Result<()> {
        let mut seen = FxHashSet::default();
        for h in &self.holidays {
            if !seen.insert(h.date) {
                bail_t!(
                    "The store lists the holiday {} twice; keep one.",
                    "Tệp dữ liệu ghi ngày nghỉ {} hai lần; hãy giữ một.",
                    crate::lang::Date(h.date)
                );
            }
            if let Some(name) = &h.name {
                check_text(name, || {
                    t!(
                        "name of the holiday {}",
                        "tên ngày nghỉ {}",
                        crate::lang::Date(h.date)
                    )
                })?;
            }
        }
        Ok(())
    }

    /// Class attendance: a known org, an id of its own from 1, a count
    /// from 1, clean text. Returns the largest id. There are few such
    /// records: a set of ids costs nothing.
    fn check_trainings(&self, ids: &FxHashMap<&str, usize>) -> Result<u64> {
        let mut seen = FxHashSet::default();
        for t in &self.trainings {
            let what = || t!("training record {}", "Bản ghi học lớp {}", t.id);
            known_org_and_new_id(ids, &t.org, t.id, &mut seen, what)?;
            if t.count == 0 {
                bail_t!(
                    "The training record {} has a count of 0; a record counts at least 1 person.",
                    "Bản ghi học lớp {} có số lượng 0; mỗi bản ghi phải có ít nhất 1 người.",
                    t.id
                );
            }
            check_number(
                Some(t.count),
                || t!("training record {}", "bản ghi học lớp {}", t.id),
                Field::Count,
            )?;
            if let Some(note) = &t.note {
                check_text(note, || {
                    t!(
                        "note of training record {}",
                        "ghi chú của bản ghi học lớp {}",
                        t.id
                    )
                })?;
            }
        }
        Ok(seen.into_iter().max().unwrap_or(0))
    }

    /// Puts records in the order they are written in, so that a store kept
    /// in git diffs cleanly: orgs as added, quotas by org and period,
    /// admissions by id.
    pub fn sort(&mut self) {
        self.quotas
            .sort_by(|a, b| (&a.org, a.period, a.metric).cmp(&(&b.org, b.period, b.metric)));
        if !self.admissions.is_sorted_by_key(|a| a.id) {
            self.admissions.sort_by_key(|a| a.id);
        }
        self.trainings.sort_by_key(|t| t.id);
        self.candidates.sort_by_key(|c| c.id);
        self.holidays.sort_by_key(|h| h.date);
    }

    /// The quota of `org` for `period` and `metric`, if one is set.
    pub fn quota_index(&self, org: &str, period: Period, metric: Metric) -> Option<usize> {
        self.quotas
            .iter()
            .position(|q| q.org == org && q.period == period && q.metric == metric)
    }
}

/// A record of a kind kept by id (named by `what`, built only when
/// something is wrong): of an organisation in the store, with an id from 1
/// to [`MAX_ID`] not `seen` before.
fn known_org_and_new_id(
    orgs: &FxHashMap<&str, usize>,
    org: &str,
    id: u64,
    seen: &mut FxHashSet<u64>,
    what: impl Fn() -> crate::lang::Text,
) -> Result<()> {
    if !orgs.contains_key(org) {
        bail_t!(
            "The {} is for '{}', which is not an organisation in the store; add the organisation or fix the record.",
            "{} thuộc '{}', không phải tổ chức trong tệp; hãy thêm tổ chức hoặc sửa bản ghi.",
            what(),
            text::printable(org)
        );
    }
    if id == 0 || id > MAX_ID || !seen.insert(id) {
        bail_t!(
            "The {} has an id used twice or out of range; every record needs its own id from 1 to {MAX_ID}.",
            "{} có mã bị trùng hoặc ngoài phạm vi; mỗi bản ghi cần một mã riêng từ 1 đến {MAX_ID}.",
            what()
        );
    }
    Ok(())
}

/// The level of each organisation in its tree (a root is at level 1),
/// given each one's parent as an index; or the organisations of a cycle of
/// parents, in order. Linear and without recursion, so that a chain of
/// any length, even a broken store's, costs no more than a list.
pub fn levels(parents: &[Option<usize>]) -> Result<Vec<usize>, Vec<usize>> {
    const UNKNOWN: usize = 0;
    let mut level = vec![UNKNOWN; parents.len()];
    // Which walk last passed each org: meeting the current walk's own
    // mark again means a cycle.
    let mut walk_of = vec![usize::MAX; parents.len()];
    let mut path = Vec::new();
    for start in 0..parents.len() {
        path.clear();
        let mut above = 0;
        let mut at = Some(start);
        while let Some(i) = at {
            if level[i] != UNKNOWN {
                above = level[i];
                break;
            }
            if walk_of[i] == start {
                let from = path.iter().position(|&j| j == i).unwrap_or(0);
                return Err(path[from..].to_vec());
            }
            walk_of[i] = start;
            path.push(i);
            at = parents[i];
        }
        for &i in path.iter().rev() {
            above += 1;
            level[i] = above;
        }
    }
    Ok(level)
}

/// What is wrong with the organisation `id` at `level`, past
/// [`MAX_LEVELS`], in the tree whose root is `root`: a fragment ("the tree
/// of … reaches …").
pub fn too_deep(id: &str, level: usize, root: &str) -> Text {
    t!(
        "the tree of '{root}' reaches {level} levels at '{id}', more than the {MAX_LEVELS} levels a tree may have; give '{id}' a parent higher up",
        "cây của '{root}' có tới {level} tầng tại '{id}', vượt quá {MAX_LEVELS} tầng tối đa của một cây; hãy đặt '{id}' dưới một tổ chức ở tầng cao hơn"
    )
}

/// Checks that a number read from the store is within [`MAX_NUMBER`];
/// `owner` says whose number it is ("organisation 'xa'").
/// Refuses forbidden characters in `v`; `what` (the field and record) is
/// only put into words when there are some: validation runs over every
/// text of every record on every load.
fn check_text(v: &str, what: impl FnOnce() -> Text) -> Result<()> {
    if text::forbidden(v).is_some() {
        text::check_chars(what(), v)?;
    }
    Ok(())
}

fn check_number(n: Option<u64>, owner: impl FnOnce() -> Text, field: Field) -> Result<()> {
    if let Some(n) = n
        && n > MAX_NUMBER
    {
        let owner = owner();
        bail_t!(
            "The {field} of {owner} is {n}, more than {MAX_NUMBER}; fix the number.",
            "Giá trị {field} của {owner} là {n}, lớn hơn {MAX_NUMBER}; hãy sửa lại.",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids are checked for repeats without a set while they increase, and
    /// with one from the first that does not.
    #[test]
    fn a_repeated_admission_id_is_found_in_any_order() {
        let store = |ids: &[u64]| {
            let mut s = Store::new();
            s.orgs.push(crate::model::Org {
                id: "xa".into(),
                name: "Xã A".into(),
                parent: None,
                level: None,
                members: None,
                merged: None,
                synced: None,
            });
            for &id in ids {
                s.admissions.push(crate::model::Admission {
                    id,
                    org: "xa".into(),
                    date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                    count: 1,
                    decision: None,
                    note: None,
                    person: None,
                    void: None,
                    probation: None,
                });
            }
            s
        };
        for ids in [&[1, 2, 5][..], &[5, 1, 2], &[1, 3, 2, 4]] {
            let mut s = store(ids);
            s.validate().unwrap();
            assert_eq!(s.next_id, ids.iter().max().unwrap() + 1);
        }
        for (ids, twice) in [
            (&[1, 2, 2][..], 2),
            (&[1, 3, 2, 3], 3),
            (&[4, 1, 4], 4),
            (&[2, 1, 3, 1], 1),
        ] {
            let err = store(ids).validate().unwrap_err().to_string();
            assert!(
                err.contains(&format!("admission id {twice} twice")),
                "{ids:?}: {err}"
            );
        }
    }

    #[test]
    fn levels_of_a_forest_and_its_cycles() {
        // 0 ← 1 ← 2, 3 alone, 4 ← 5 given child first.
        let parents = [None, Some(0), Some(1), None, Some(5), None];
        assert_eq!(levels(&parents), Ok(vec![1, 2, 3, 1, 2, 1]));
        assert_eq!(levels(&[Some(0)]), Err(vec![0]));
        // A tail leading into a cycle: only the cycle is named.
        assert_eq!(levels(&[Some(1), Some(2), Some(1)]), Err(vec![1, 2]));
    }

    #[test]
    fn levels_of_a_long_chain_need_no_deep_stack() {
        // A million links, each child before its parent: one walk up, then
        // every other org meets a known level at once.
        let n = 1_000_000;
        let parents: Vec<Option<usize>> = (0..n).map(|i| (i + 1 < n).then_some(i + 1)).collect();
        let l = levels(&parents).unwrap();
        assert_eq!((l[0], l[n - 1]), (n, 1));
    }
}

//! Several stores read as one, for the reports of a committee above
//! several that each keep their own: one forest, never written.

use std::path::PathBuf;

use anyhow::Result;
use rustc_hash::FxHashMap;

use crate::lang::Text;
use crate::model::{MAX_ID, Store, VERSION};

/// How many clashing organisation ids a refusal lists before it counts
/// the rest.
const SHOWN: usize = 10;

/// Loads each store as [`super::load`] does, with the same checks, and
/// puts them together as one (see [`combine`]).
pub fn load(paths: &[PathBuf]) -> Result<Store> {
    let stores = paths
        .iter()
        .map(|p| super::load(p))
        .collect::<Result<Vec<_>>>()?;
    combine(stores)
}

/// The stores as one, read only: their organisations, quotas and records
/// one after the other, in the order given; each store's trees stay
/// whole, side by side. An organisation id in more than one store is
/// refused, as its records could not be told apart.
///
/// Record ids are only unique within a store, so each store's records
/// (admissions, class attendance and candidates, which share a counter)
/// are moved past the ids of the stores before it: the whole passes
/// [`Store::validate`] as any store does, and nothing downstream meets an
/// id twice. Holidays are taken once per day. The result must never be
/// written: its ids are not the stores'.
pub fn combine(stores: Vec<Store>) -> Result<Store> {
    clashes(&stores)?;
    let mut all = Store::new();
    all.version = VERSION;
    let mut offset = 0u64;
    for mut s in stores {
        let top = s
            .admissions
            .iter()
            .map(|a| a.id)
            .chain(s.trainings.iter().map(|t| t.id))
            .chain(s.candidates.iter().map(|c| c.id))
            .max()
            .unwrap_or(0);
        if top > MAX_ID - offset {
            bail_t!(
                "The stores together have more record ids than one store may ({MAX_ID}); report on fewer stores at once.",
                "Các tệp dữ liệu gộp lại có nhiều mã bản ghi hơn một tệp được phép ({MAX_ID}); hãy báo cáo ít tệp hơn mỗi lần."
            );
        }
        if offset > 0 {
            for a in &mut s.admissions {
                a.id += offset;
            }
            for t in &mut s.trainings {
                t.id += offset;
            }
            for c in &mut s.candidates {
                c.id += offset;
                if let Some(a) = &mut c.admission {
                    *a += offset;
                }
            }
        }
        offset += top;
        all.orgs.append(&mut s.orgs);
        all.quotas.append(&mut s.quotas);
        all.trainings.append(&mut s.trainings);
        all.candidates.append(&mut s.candidates);
        // The first store's admissions are taken as they are: no copy.
        if all.admissions.is_empty() {
            all.admissions = s.admissions;
        } else {
            all.admissions.append(&mut s.admissions);
        }
        for h in s.holidays {
            if !all.holidays.iter().any(|k| k.date == h.date) {
                all.holidays.push(h);
            }
        }
    }
    all.next_id = offset + 1;
    // Each store's records were in id order, and each store's ids are
    // above the one's before: only the quotas and holidays need sorting.
    all.sort();
    Ok(all)
}

/// Refuses organisation ids found in more than one store, listing them.
fn clashes(stores: &[Store]) -> Result<()> {
    let mut owner: FxHashMap<&str, usize> = FxHashMap::default();
    let mut clashing: Vec<&str> = Vec::new();
    for (n, s) in stores.iter().enumerate() {
        for o in &s.orgs {
            match owner.insert(&o.id, n) {
                Some(m) if m != n && !clashing.contains(&o.id.as_str()) => clashing.push(&o.id),
                _ => {}
            }
        }
    }
    if clashing.is_empty() {
        return Ok(());
    }
    let listed = clashing
        .iter()
        .take(SHOWN)
        .map(|id| format!("'{id}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let more = match clashing.len().saturating_sub(SHOWN) {
        0 => Text::same(String::new()),
        n => t!(" and {n} more", " và {n} mã khác"),
    };
    bail_t!(
        "The stores cannot be read together: the organisation id(s) {listed}{more} are in more than one of them; if one store was synced into another, report on that one alone, else bring one store's organisations in under other ids with `quota export` and `quota import --prefix`.",
        "Không thể đọc các tệp dữ liệu cùng nhau: mã tổ chức {listed}{more} có trong nhiều hơn một tệp; nếu một tệp đã được đồng bộ vào tệp kia, hãy chỉ báo cáo trên tệp đó, nếu không hãy đưa các tổ chức của một tệp vào với mã khác bằng `quota export` và `quota import --prefix`."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Admission, Org};

    fn org(id: &str, parent: Option<&str>) -> Org {
        Org {
            id: id.into(),
            name: format!("Tổ chức {id}"),
            parent: parent.map(Into::into),
            level: None,
            members: None,
            merged: None,
            synced: None,
        }
    }

    fn store(orgs: &[&str], records: u64) -> Store {
        let mut s = Store::new();
        s.orgs = orgs
            .iter()
            .enumerate()
            .map(|(i, id)| org(id, (i > 0).then_some(orgs[0])))
            .collect();
        for id in 1..=records {
            s.admissions.push(Admission {
                id,
                org: orgs[orgs.len() - 1].into(),
                date: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
                count: 1,
                decision: None,
                note: None,
                person: None,
                void: None,
                probation: None,
            });
        }
        s.validate().unwrap();
        s
    }

    /// Two stores numbered from 1 make one valid store, every record kept.
    #[test]
    fn the_same_record_ids_in_two_stores_are_told_apart() {
        let mut all = combine(vec![store(&["xa", "xa-cb"], 3), store(&["xb"], 2)]).unwrap();
        let ids: Vec<u64> = all.admissions.iter().map(|a| a.id).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5]);
        assert_eq!(all.orgs.len(), 3);
        all.validate().unwrap();
        assert_eq!(all.next_id, 6);
    }

    /// Every kind of record, numbered from 1 in each store, and the same
    /// holiday in both: the whole is a valid store, each candidate still
    /// pointing at its own admission.
    #[test]
    fn every_kind_of_record_is_told_apart() {
        let text = |org: &str| {
            format!(
                r#"version = 1
next_id = 4

[[orgs]]
id = "{org}"
name = "Xã {org}"

[[holidays]]
date = "2026-09-02"

[[trainings]]
id = 2
org = "{org}"
date = "2026-04-01"
count = 12

[[candidates]]
id = 3
org = "{org}"
voted = "2026-06-01"
admission = 1

[[admissions]]
id = 1
org = "{org}"
date = "2026-06-10"
count = 1
"#
            )
        };
        let load = |org: &str| {
            let mut s =
                super::super::parse(text(org).as_bytes(), super::super::Format::Toml).unwrap();
            s.validate().unwrap();
            s.sort();
            s
        };
        let mut all = combine(vec![load("xa"), load("xb"), load("xc")]).unwrap();
        all.validate().unwrap();
        assert_eq!(all.holidays.len(), 1);
        let ids = |all: &Store| -> Vec<(u64, String)> {
            all.admissions
                .iter()
                .map(|a| (a.id, a.org.clone()))
                .collect()
        };
        assert_eq!(
            ids(&all),
            [(1, "xa".into()), (4, "xb".into()), (7, "xc".into())]
        );
        for c in &all.candidates {
            let a = all.admissions.iter().find(|a| Some(a.id) == c.admission);
            assert_eq!(a.map(|a| &a.org), Some(&c.org));
        }
        assert_eq!(all.next_id, 10);
    }

    #[test]
    fn a_clash_lists_ten_ids_then_counts() {
        let ids: Vec<String> = (0..13).map(|i| format!("o{i:02}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let err = combine(vec![store(&ids, 0), store(&ids, 0)])
            .unwrap_err()
            .to_string();
        assert!(err.contains("'o00', 'o01'"), "{err}");
        assert!(err.contains("'o09' and 3 more"), "{err}");
        assert!(!err.contains("o10"), "{err}");
        assert!(err.contains("import --prefix"), "{err}");
    }
}

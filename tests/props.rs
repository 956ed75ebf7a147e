//! Properties of the roll-up on random stores.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use quota::date::Period;
use quota::model::{Admission, Org, Store, Void};
use quota::report::{self, Sort, Spec, Window};
use quota::tree::Tree;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + Days::new(offset)
}

/// A random forest (each org's parent is an earlier org, or none) with
/// random records over 2022–2024, some of them void.
fn stores() -> impl Strategy<Value = Store> {
    (1usize..25)
        .prop_flat_map(|n| {
            let parents = proptest::collection::vec(
                proptest::option::weighted(0.8, any::<prop::sample::Index>()),
                n,
            );
            let records = proptest::collection::vec(
                (
                    any::<prop::sample::Index>(),
                    0u64..1096,
                    1u64..20,
                    any::<bool>(),
                ),
                0..80,
            );
            (Just(n), parents, records)
        })
        .prop_map(|(n, parents, records)| {
            let mut s = Store::new();
            for (i, p) in parents.iter().enumerate() {
                s.orgs.push(Org {
                    id: format!("o{i}"),
                    name: format!("Tổ chức {i}"),
                    parent: p.filter(|_| i > 0).map(|p| format!("o{}", p.index(i))),
                    level: None,
                    members: None,
                });
            }
            for (k, (org, offset, count, void)) in records.into_iter().enumerate() {
                s.admissions.push(Admission {
                    id: k as u64 + 1,
                    org: format!("o{}", org.index(n)),
                    date: day(offset),
                    count,
                    decision: None,
                    note: None,
                    person: None,
                    void: void.then(|| Void {
                        reason: "typo".into(),
                        on: day(0),
                    }),
                });
            }
            s.validate().expect("generated stores are valid");
            s
        })
}

proptest! {
    #[test]
    fn roots_add_up_to_every_record_in_the_window(store in stores(), year in 2022i32..2025, as_of in 0u64..1096) {
        let tree = Tree::new(&store);
        let as_of = day(as_of);
        let spec = Spec {
            period: Period::Year(year),
            as_of: Some(as_of),
            org: None,
            depth: None,
            sort: Sort::Tree,
            deadline: None,
            precision: 1,
            today: day(2000),
        };
        let rep = report::compute(&store, &tree, &spec).unwrap();
        let window = Window::new(spec.period, spec.as_of, None, spec.today).unwrap();
        let in_window: u64 = store
            .admissions
            .iter()
            .filter(|a| !a.is_void() && window.contains(a.date))
            .map(|a| a.count)
            .sum();
        let roots: u64 = rep.rows.iter().filter(|r| r.depth == 0).map(|r| r.admitted).sum();
        prop_assert_eq!(roots, in_window);
        prop_assert_eq!(rep.rows.len(), store.orgs.len());
        // Every org: its own records plus its children's roll-ups.
        for r in &rep.rows {
            let own: u64 = store
                .admissions
                .iter()
                .filter(|a| a.org == r.id && !a.is_void() && window.contains(a.date))
                .map(|a| a.count)
                .sum();
            let children: u64 = rep
                .rows
                .iter()
                .filter(|c| c.parent.as_deref() == Some(r.id.as_str()))
                .map(|c| c.admitted)
                .sum();
            prop_assert_eq!(r.admitted, own + children, "{}", r.id);
        }
    }

    #[test]
    fn percent_matches_exact_rational_rounding(part in 0u64..1_000_000_000, whole in 1u64..1_000_000_000, precision in 0u8..7) {
        let p = report::Percent::of(part, whole, precision).unwrap();
        // scaled is the integer nearest to part*100*10^p/whole, ties up.
        let num = u128::from(part) * 100 * 10u128.pow(u32::from(precision));
        let den = u128::from(whole);
        let below = num / den;
        let rem = num % den;
        let expected = if 2 * rem >= den { below + 1 } else { below };
        prop_assert_eq!(p.scaled, expected);
    }
}

//! Properties of the roll-up on random stores.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use quota::date::Period;
use quota::model::{Admission, Org, Store, Void};
use quota::report::{self, By, Sort, Spec, Window};
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
                    merged: None,
                    synced: None,
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
                    probation: None,
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
 compare: false,
 forecast: false,
 top: None,
 level: None,
            by: Some(By::Month),
            status: None,
            burn_up: true,
            metric: quota::model::Metric::Admissions,
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
        // Month by month, each row adds up to its total, and the burn-up
        // ends at the total of the tops.
        for r in &rep.rows {
            let months: u64 = r.periods.as_ref().unwrap().iter().map(|p| p.admitted).sum();
            prop_assert_eq!(months, r.admitted, "{}", r.id);
        }
        let burn = rep.burn_up.as_ref().unwrap();
        prop_assert_eq!(burn.points.len(), 12);
        let last = burn.points.iter().rev().find_map(|p| p.admitted).unwrap_or(0);
        prop_assert_eq!(last, roots);
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

mod store_format {
    use super::*;
    use quota::model::{Metric, Person, Quota, Sex};
    use quota::store::{Format, parse, serialize};

    fn text() -> impl Strategy<Value = String> {
        // Vietnamese letters, quotes, backslashes, symbols: no controls.
        "[a-zA-Z0-9 ĐđăâêôơưÁàảãạẮằẳẵặẤầẩẫậÉèẻẽẹẾềểễệÍìỉĩịÓòỏõọỐồổỗộỚờởỡợÚùủũụỨừửữựÝỳỷỹỵ\"'\\\\#=\\[\\]{}.,/–—…-]{1,24}"
    }

    fn person() -> impl Strategy<Value = Option<Box<Person>>> {
        proptest::option::of(
            (
                proptest::option::of(text()),
                proptest::option::of(prop_oneof![Just(Sex::Female), Just(Sex::Male)]),
                proptest::option::of(0u64..30_000),
                proptest::option::of(text()),
                any::<bool>(),
            )
                .prop_map(|(name, sex, born, ethnicity, youth_union)| {
                    Box::new(Person {
                        name,
                        sex,
                        born: born
                            .map(|b| NaiveDate::from_ymd_opt(1960, 1, 1).unwrap() + Days::new(b)),
                        ethnicity,
                        religion: None,
                        youth_union,
                        occupation: Some("nông dân".into()),
                    })
                }),
        )
    }

    fn full_stores() -> impl Strategy<Value = Store> {
        (
            proptest::collection::vec(
                (
                    text(),
                    proptest::option::of(0u64..5000),
                    proptest::option::of(text()),
                ),
                1..8,
            ),
            proptest::collection::vec(
                (
                    0usize..8,
                    1990i32..2030,
                    0u64..5000,
                    any::<bool>(),
                    any::<bool>(),
                ),
                0..10,
            ),
            proptest::collection::vec(
                (
                    0usize..8,
                    0u64..3000,
                    person(),
                    proptest::option::of(text()),
                    proptest::option::of(text()),
                ),
                0..12,
            ),
        )
            .prop_map(|(orgs, quotas, admissions)| {
                let mut s = Store::new();
                for (i, (name, members, level)) in orgs.iter().enumerate() {
                    s.orgs.push(Org {
                        id: format!("org-{i}"),
                        name: name.trim().to_string() + "x",
                        parent: (i > 0).then(|| format!("org-{}", i / 2)),
                        level: level.clone(),
                        members: *members,
                        merged: None,
                        synced: None,
                    });
                }
                let n = orgs.len();
                for (o, year, target, term, trained) in quotas {
                    let q = Quota {
                        org: format!("org-{}", o % n),
                        period: if term {
                            Period::Term(year, year + 5)
                        } else {
                            Period::Year(year)
                        },
                        metric: if trained {
                            Metric::Trained
                        } else {
                            Metric::Admissions
                        },
                        target,
                    };
                    if !s
                        .quotas
                        .iter()
                        .any(|x| (&x.org, x.period, x.metric) == (&q.org, q.period, q.metric))
                    {
                        s.quotas.push(q);
                    }
                }
                for (k, (o, day_offset, person, decision, void)) in
                    admissions.into_iter().enumerate()
                {
                    s.admissions.push(Admission {
                        id: k as u64 * 3 + 1,
                        org: format!("org-{}", o % n),
                        date: day(day_offset),
                        count: if person.is_some() { 1 } else { k as u64 + 1 },
                        decision,
                        note: None,
                        person,
                        void: void.map(|reason| Void {
                            reason,
                            on: day(day_offset + 1),
                        }),
                        probation: None,
                    });
                }
                s.validate().expect("valid");
                s.sort();
                s
            })
    }

    /// A change to one line of a store's text.
    #[derive(Clone, Debug)]
    enum Mutation {
        /// The line becomes this one.
        Replace(&'static str),
        /// The character goes in at this place.
        Insert(char, Place),
    }

    #[derive(Clone, Debug)]
    enum Place {
        Start,
        End,
        /// Right before or right after the first `=`, or at the end.
        BeforeEq,
        AfterEq,
        /// At any character boundary: inside strings, keys, headers.
        Anywhere(prop::sample::Index),
    }

    impl Mutation {
        fn apply(&self, line: &mut String) {
            let (c, place) = match self {
                Mutation::Replace(edit) => {
                    *line = edit.to_string();
                    return;
                }
                Mutation::Insert(c, place) => (*c, place),
            };
            let eq = line.find('=');
            let at = match place {
                Place::Start => 0,
                Place::End => line.len(),
                Place::BeforeEq => eq.unwrap_or(line.len()),
                Place::AfterEq => eq.map_or(line.len(), |e| e + 1),
                Place::Anywhere(i) => {
                    let bounds: Vec<usize> = line
                        .char_indices()
                        .map(|(b, _)| b)
                        .chain([line.len()])
                        .collect();
                    bounds[i.index(bounds.len())]
                }
            };
            line.insert(at, c);
        }
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        let replace = prop_oneof![
            Just(""),
            Just("# note"),
            Just("x = 1"),
            Just("count = 1_0"),
            Just("id = 0x10"),
            Just("name = 'a\"b'"),
            Just("name = \"a\\u00e0\""),
            Just("name = \"\\U0001F600\""),
            Just("date = 2023-01-01"),
            Just("[admissions.person]"),
            Just("[[orgs]]"),
            Just("[[quotas]]"),
            Just("count = 99999999999999999999"),
            Just("name = \"a\" # c"),
            Just("members = -1"),
            Just("youth_union = true"),
            Just("[admissions.void]"),
            Just("year = 2024"),
            Just("term = '2020-2025'"),
            Just("name = \"\"\"x\"\"\""),
            Just("members = -0"),
            Just("members ="),
            Just("[[ orgs ]]"),
            Just("[[orgs]] "),
            Just("members = 1\r"),
            Just("\u{a0}"),
            Just("# note\u{7f}"),
            Just("#\u{a0}note"),
            // TOML beyond what we write, that the fast path reads too.
            Just("members = +5"),
            Just("members = 1_000"),
            Just("count = 0_1"),
            Just("count = 1__0"),
            Just("members = 9223372036854775807"),
            Just("members = -9223372036854775808"),
            Just("members = 9223372036854775808"),
            Just("count = 1 # c"),
            Just("count = 1#c"),
            Just("[[orgs]] # c"),
            Just("[admissions.person]#c"),
            Just(r#"name = "\x41\e""#),
            Just(r#"name = "\u00e0\uD800""#),
            Just(r#"name = """a""""""#),
            Just(r#"name = """a"""""""#),
            Just("name = '''a'''''"),
            Just("name = 'a' 'b'"),
            Just(r#"name = "a\"""#),
            // Tables and values the model may refuse.
            Just("[[admissions]]"),
            Just("person = 'x'"),
            Just("on = \"2023-02-30\""),
            Just("sex = \"nam\""),
            Just("void = true"),
        ]
        .prop_map(Mutation::Replace);
        // What str::trim, str::lines or char::is_whitespace take for
        // whitespace or a line end, controls TOML forbids, and tab.
        let c = prop::sample::select(vec![
            '\u{a0}', '\u{3000}', '\x0b', '\x0c', '\r', '\u{85}', '\u{2028}', '\0', '\x7f', '\t',
        ]);
        let place = prop_oneof![
            Just(Place::Start),
            Just(Place::End),
            Just(Place::BeforeEq),
            Just(Place::AfterEq),
            any::<prop::sample::Index>().prop_map(Place::Anywhere),
        ];
        prop_oneof![
            1 => replace,
            3 => (c, place).prop_map(|(c, p)| Mutation::Insert(c, p)),
        ]
    }

    proptest! {
        #[test]
        fn toml_and_json_round_trip_preserves_everything(store in full_stores()) {
            let mut s = store.clone();
            let toml = serialize(&mut s, Format::Toml).unwrap();
            let mut from_toml = parse(toml.as_bytes(), Format::Toml).unwrap();
            from_toml.validate().unwrap();
            prop_assert_eq!(&from_toml, &store);
            let json = serialize(&mut from_toml, Format::Json).unwrap();
            let mut from_json = parse(json.as_bytes(), Format::Json).unwrap();
            from_json.validate().unwrap();
            prop_assert_eq!(&from_json, &store);
            // And back: the same TOML, byte for byte.
            prop_assert_eq!(serialize(&mut from_json, Format::Toml).unwrap(), toml);
        }

        /// The fast reader of our own layout agrees with the full parser,
        /// on what we write and on that text with lines changed or with
        /// characters put in that Rust but not TOML takes for whitespace
        /// or line ends, inside strings and out.
        #[test]
        fn fast_toml_reader_agrees_with_the_full_parser(
            store in full_stores(),
            mutations in proptest::collection::vec(
                (any::<prop::sample::Index>(), mutation()),
                1..4,
            ),
        ) {
            let mut s = store.clone();
            let text = serialize(&mut s, Format::Toml).unwrap();
            let fast = quota::fasttoml::read(&text).expect("our own layout");
            let full: Store = toml::from_str(&text).unwrap();
            prop_assert_eq!(&fast, &full);

            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            for (line, m) in &mutations {
                let i = line.index(lines.len());
                m.apply(&mut lines[i]);
            }
            let changed = lines.join("\n");
            // The layout alone: what the fast path reads as a table is
            // TOML, and the same table.
            if let Ok(fast) = quota::fasttoml::from_str::<toml::Table>(&changed) {
                let syntax = toml::from_str::<toml::Table>(&changed);
                prop_assert_eq!(syntax.ok(), Some(fast), "{:?}", changed);
            }
            // The store: read fast, it is the one the full parser reads;
            // refused by the full parser, it is refused fast.
            let full: Result<Store, _> = toml::from_str(&changed);
            let fast = quota::fasttoml::read(&changed);
            if fast.is_some() {
                prop_assert_eq!(fast.as_ref(), full.as_ref().ok(), "{:?}", changed);
            }
            if full.is_err() {
                prop_assert!(fast.is_none(), "read fast, refused by TOML: {:?}", changed);
            }
        }

        #[test]
        fn nfc_is_idempotent(s in "\\PC{0,40}") {
            use unicode_normalization::UnicodeNormalization;
            let decomposed: String = s.nfd().collect();
            let once = quota::text::nfc(decomposed);
            prop_assert_eq!(quota::text::nfc(once.clone()), once.clone());
            prop_assert_eq!(once, quota::text::nfc(s));
        }
    }
}

mod undo {
    use super::*;
    use std::process::Command;

    fn content(path: &std::path::Path) -> Store {
        quota::store::load(path).unwrap()
    }

    fn quota(store: &std::path::Path, args: &[String]) -> bool {
        Command::new(env!("CARGO_BIN_EXE_quota"))
            .env("QUOTA_TODAY", "2026-11-22")
            .env("LANG", "C")
            .env_remove("QUOTA_STORE")
            .arg("--store")
            .arg(store)
            .args(args)
            .output()
            .unwrap()
            .status
            .success()
    }

    /// Commands a user might type, some of which fail (and so must not
    /// count as changes to undo).
    fn command() -> impl Strategy<Value = Vec<String>> {
        let org = prop_oneof![Just("xa"), Just("cb"), Just("moi"), Just("khong-co")];
        prop_oneof![
            org.clone()
                .prop_map(|o| vec!["add".into(), o.into(), "--parent".into(), "xa".into()]),
            (org.clone(), 0u64..50).prop_map(|(o, n)| vec![
                "assign".into(),
                o.into(),
                n.to_string(),
                "--year".into(),
                "2026".into()
            ]),
            (org.clone(), 0u64..4).prop_map(|(o, n)| vec![
                "admit".into(),
                o.into(),
                n.to_string(),
                "--date".into(),
                "2026-03-01".into()
            ]),
            org.clone().prop_map(|o| vec![
                "admit".into(),
                o.into(),
                "--name".into(),
                "Lê Thị Hoa".into(),
                "--date".into(),
                "2026-04-01".into()
            ]),
            (1u64..6).prop_map(|id| vec![
                "void".into(),
                id.to_string(),
                "--reason".into(),
                "nhầm".into()
            ]),
            org.clone().prop_map(|o| vec![
                "edit".into(),
                o.into(),
                "--name".into(),
                "Tên mới".into()
            ]),
            org.prop_map(|o| vec!["remove".into(), o.into()]),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        #[test]
        fn commands_then_as_many_undos_give_back_the_store(cmds in proptest::collection::vec(command(), 1..7)) {
            let dir = tempfile::tempdir().unwrap();
            let store = dir.path().join("quota.toml");
            let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
            prop_assert!(quota(&store, &s(&["init"])));
            prop_assert!(quota(&store, &s(&["add", "xa", "--name", "Đảng bộ xã"])));
            prop_assert!(quota(&store, &s(&["add", "cb", "--parent", "xa"])));
            prop_assert!(quota(&store, &s(&["admit", "cb", "2", "--date", "2026-01-01"])));
            let original = content(&store);
            let mut changes = 0;
            for c in &cmds {
                let before = std::fs::read(&store).unwrap();
                if quota(&store, c) && std::fs::read(&store).unwrap() != before {
                    changes += 1;
                }
            }
            for _ in 0..changes {
                prop_assert!(quota(&store, &s(&["undo"])));
            }
            let now = content(&store);
            prop_assert_eq!(&now.orgs, &original.orgs);
            prop_assert_eq!(&now.quotas, &original.quotas);
            prop_assert_eq!(&now.admissions, &original.admissions);
            // Undo takes records back but never hands an id out twice.
            prop_assert!(now.next_id >= original.next_id);
        }
    }
}

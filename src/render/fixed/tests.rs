//! The fixed-width writer against comfy-table: the same reports rendered
//! both ways must give the same bytes.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{sgr, split_line};
use crate::date::Period;
use crate::lang::Lang;
use crate::render::View;
use crate::render::table::{Engine, report_by};
use crate::report::{self, MAX_PRECISION, Percent, Report, Row, Sort, Spec, Status};
use crate::tree::Tree;

fn both_ways(report: &Report, view: &View) -> (String, String) {
    (
        report_by(report, view, Engine::Comfy),
        report_by(report, view, Engine::Fixed),
    )
}

fn assert_same(report: &Report, view: &View) {
    let (comfy, fixed) = both_ways(report, view);
    assert!(
        comfy == fixed,
        "{view:?}, {} rows\n--- comfy-table\n{comfy}\n--- fixed\n{fixed}",
        report.rows.len()
    );
}

/// Words of names: Vietnamese in NFC, long words that must be cut, wide
/// and zero-width characters, combining marks not composed, no-break
/// spaces, and what a name in a store never holds (line breaks, tabs).
const WORDS: &[&str] = &[
    "Đảng",
    "bộ",
    "xã",
    "Hợp",
    "Châu",
    "Chi",
    "thôn",
    "Nghĩa",
    "Trường",
    "Cơ",
    "quan",
    "chính",
    "quyền",
    "huyện",
    "Tam",
    "Đảo",
    "Khối",
    "doanh",
    "nghiệp",
    "tỉnh",
    "Đắk",
    "Lắk",
    "số",
    "12",
    "Đảngbộxãrấtdàikhôngcódấucách",
    "Organisationwithaverylongname",
    "中文名字",
    "🙂‍↕️",
    "e\u{301}",
    "\u{200b}",
    "a\u{a0}b",
    "\u{a0}",
    "",
    "x\ny",
    "\t",
];

fn name() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(proptest::sample::select(WORDS), 0..14),
        proptest::sample::select(&[" ", " ", " ", "  "][..]),
    )
        .prop_map(|(words, sep)| words.join(sep))
}

fn amount() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..200, 0u64..10_000_000, Just(u64::MAX)]
}

fn status() -> impl Strategy<Value = Status> {
    proptest::sample::select(
        &[
            Status::Met,
            Status::OnTrack,
            Status::Behind,
            Status::NoQuota,
        ][..],
    )
}

fn row(precision: u8) -> impl Strategy<Value = Row> {
    (
        name(),
        0usize..8,
        proptest::option::of(amount()),
        amount(),
        proptest::option::of(prop_oneof![0u128..1_000_000, any::<u128>()]),
        proptest::option::of(amount()),
        proptest::option::of(amount()),
        proptest::option::of(amount()),
        status(),
    )
        .prop_map(
            move |(
                name,
                depth,
                quota,
                admitted,
                percent,
                remaining,
                allocated,
                expected,
                status,
            )| {
                Row {
                    id: String::new(),
                    name,
                    parent: None,
                    depth,
                    quota,
                    admitted,
                    percent: percent.map(|scaled| Percent { scaled, precision }),
                    remaining,
                    allocated,
                    expected,
                    status,
                    previous: None,
                    outlook: None,
                    periods: None,
                    context: false,
                    struck: None,
                }
            },
        )
}

fn reports() -> impl Strategy<Value = Report> {
    (0..=MAX_PRECISION, any::<bool>(), 1930i32..2200, 0u64..400).prop_flat_map(
        |(precision, tree_order, year, day)| {
            let rows = proptest::collection::vec(row(precision), 0..30);
            let period = if day % 3 == 0 {
                Period::Term(year, year + 4)
            } else {
                Period::Year(year)
            };
            let as_of = NaiveDate::from_ymd_opt(year, 1, 1).unwrap() + chrono::Days::new(day);
            rows.prop_map(move |rows| Report {
                period,
                as_of,
                precision,
                metric: crate::model::Metric::Admissions,
                rows,
                tree_order,
                spans: Vec::new(),
                status: None,
                burn_up: None,
            })
        },
    )
}

fn views() -> impl Strategy<Value = View> {
    (
        prop_oneof![0u16..40, 40u16..200, Just(u16::MAX)],
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(width, vi, color)| View {
            lang: if vi { Lang::Vi } else { Lang::En },
            color,
            width,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn fixed_writes_what_comfy_table_writes(report in reports(), view in views()) {
        let (comfy, fixed) = both_ways(&report, &view);
        prop_assert_eq!(comfy, fixed);
    }

    /// The split of an over-wide line, alone, on text made to need it.
    #[test]
    fn lines_split_as_comfy_table_splits_them(text in name(), width in 1usize..30) {
        let line = text.replace('\n', " ");
        let mut table = comfy_table::Table::new();
        table
            .load_style(comfy_table::TableStyle::new())
            .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
            .set_width(u16::MAX)
            .force_no_tty()
            .add_row(vec![line.clone()]);
        let w = u16::try_from(width).unwrap();
        if let Some(c) = table.column_mut(0) {
            c.set_padding((0, 0));
            c.set_constraint(comfy_table::ColumnConstraint::Absolute(
                comfy_table::Width::Fixed(w),
            ));
        }
        let theirs: Vec<String> = table.lines().map(|l| l.trim_end().to_string()).collect();
        let ours: Vec<String> = if unicode_width::UnicodeWidthStr::width(line.as_str()) > width {
            split_line(&line, width)
        } else {
            vec![line.clone()]
        }
        .iter()
        .map(|l| l.trim_end().to_string())
        .collect();
        prop_assert_eq!(theirs, ours);
    }
}

/// Views a test renders each report in: widths as `COLUMNS` gives them
/// (and narrower), both languages, colour on and off.
fn all_views() -> Vec<View> {
    let mut views = Vec::new();
    for width in [0, 12, 20, 30, 40, 50, 60, 72, 80, 100, 120, 160, 250] {
        for lang in [Lang::En, Lang::Vi] {
            for color in [false, true] {
                views.push(View { lang, color, width });
            }
        }
    }
    views
}

#[test]
fn sample_stores_render_the_same_both_ways() {
    let today = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut stores: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    stores.sort();
    assert!(!stores.is_empty());
    for path in stores {
        let store = crate::store::load(&path).unwrap();
        let tree = Tree::new(&store);
        let mut periods: Vec<Period> = store.quotas.iter().map(|q| q.period).collect();
        periods.sort();
        periods.dedup();
        for period in periods {
            for (sort, precision) in [
                (Sort::Tree, 1),
                (Sort::Tree, 0),
                (Sort::Percent, 3),
                (Sort::Name, MAX_PRECISION),
            ] {
                let spec = Spec {
                    period,
                    as_of: None,
                    org: None,
                    depth: None,
                    sort,
                    deadline: None,
                    precision,
                    today,
                    compare: false,
                    forecast: false,
                    top: None,
                    level: None,
                    // Months or quarters as columns, and the laggards
                    // with their parents as context.
                    by: match precision {
                        0 => Some(report::By::Month),
                        3 => Some(report::By::Quarter),
                        _ => None,
                    },
                    status: (precision == 0).then_some(Status::Behind),
                    burn_up: false,
                    metric: crate::model::Metric::Admissions,
                };
                let report = report::compute(&store, &tree, &spec).unwrap();
                for view in all_views() {
                    assert_same(&report, &view);
                }
            }
        }
    }
}

#[test]
fn empty_reports_render_the_same_both_ways() {
    for tree_order in [false, true] {
        let report = Report {
            period: Period::Year(2024),
            as_of: NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(),
            precision: 1,
            metric: crate::model::Metric::Admissions,
            rows: Vec::new(),
            tree_order,
            spans: Vec::new(),
            status: None,
            burn_up: None,
        };
        for view in all_views() {
            assert_same(&report, &view);
        }
    }
}

/// A report as large as the ones [`crate::render::table::report`] sends to
/// the fixed writer: a tree of communes and cells with long names.
#[test]
fn large_reports_render_the_same_both_ways() {
    let mut rows = vec![Row {
        id: "tinh".into(),
        name: "Đảng bộ tỉnh Đắk Lắk".into(),
        parent: None,
        depth: 0,
        quota: Some(12_000),
        admitted: 9_876,
        percent: Percent::of(9_876, 12_000, 2),
        remaining: Some(2_124),
        allocated: Some(11_500),
        expected: Some(10_000),
        status: Status::Behind,
        previous: None,
        outlook: None,
        periods: None,
        context: false,
        struck: None,
    }];
    for commune in 0..40u64 {
        rows.push(Row {
            id: format!("xa-{commune}"),
            name: format!("Đảng bộ xã Ea Kiết Cư M'gar Krông Búk số {commune}"),
            parent: Some("tinh".into()),
            depth: 1,
            quota: Some(300),
            admitted: commune * 9,
            percent: Percent::of(commune * 9, 300, 2),
            remaining: Some(300u64.saturating_sub(commune * 9)),
            allocated: None,
            expected: Some(250),
            status: [Status::Met, Status::OnTrack, Status::Behind][commune as usize % 3],
            previous: None,
            outlook: None,
            periods: None,
            context: false,
            struck: None,
        });
        for cell in 0..30u64 {
            rows.push(Row {
                id: format!("xa-{commune}-cb-{cell}"),
                name: format!("Chi bộ thôn Buôn Hồ Nghĩa Trường Đoàn Kết số {cell}"),
                parent: Some(format!("xa-{commune}")),
                depth: 2,
                quota: None,
                admitted: cell % 4,
                percent: None,
                remaining: None,
                allocated: None,
                expected: None,
                status: Status::NoQuota,
                previous: None,
                outlook: None,
                periods: None,
                context: false,
                struck: None,
            });
        }
    }
    let report = Report {
        period: Period::Year(2024),
        as_of: NaiveDate::from_ymd_opt(2024, 10, 14).unwrap(),
        precision: 2,
        metric: crate::model::Metric::Admissions,
        rows,
        tree_order: true,
        spans: Vec::new(),
        status: None,
        burn_up: None,
    };
    for width in [20, 60, 80, 120] {
        for lang in [Lang::En, Lang::Vi] {
            for color in [false, true] {
                let view = View { lang, color, width };
                let (comfy, _) = both_ways(&report, &view);
                assert_eq!(crate::render::table::report(&report, &view), comfy);
            }
        }
    }
    // With last year beside (`--compare`): three more columns, numbers
    // right-aligned after the status, the same both ways.
    let mut compared = report.clone();
    for (i, r) in compared.rows.iter_mut().enumerate() {
        let i = i as u64;
        r.previous = Some(report::Previous {
            prev_quota: (!i.is_multiple_of(4)).then_some(i * 7),
            prev_admitted: i * 3,
            quota_change: (!i.is_multiple_of(4)).then(|| i as i64 * 5 - 300),
        });
    }
    for width in [20, 80, 160] {
        for lang in [Lang::En, Lang::Vi] {
            assert_same(
                &compared,
                &View {
                    lang,
                    color: true,
                    width,
                },
            );
        }
    }
}

/// The shortcut of `text_width` for printable ASCII is what unicode-width
/// says: one column a character, also next to any other (unicode-width
/// reads a character's width in the light of the one after it).
#[test]
fn printable_ascii_is_one_column_a_character() {
    let printable = (0x20u8..0x7f).map(char::from);
    for a in printable.clone() {
        for b in printable.clone() {
            let pair = format!("{a}{b}");
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(pair.as_str()),
                2,
                "{pair:?}"
            );
        }
    }
}

#[test]
fn colours_as_crossterm_writes_them() {
    use comfy_table::Color;
    assert_eq!(
        sgr(Color::Green, false),
        ("\x1b[38;5;10m".to_string(), "\x1b[39m")
    );
    assert_eq!(
        sgr(Color::Rgb { r: 1, g: 2, b: 3 }, false).0,
        "\x1b[38;2;1;2;3m"
    );
    assert_eq!(sgr(Color::Red, true), ("\x1b[m".to_string(), "\x1b[m"));
}

/// Colour with `NO_COLOR` set and unset: crossterm reads it once per
/// process, so each case runs this test binary again.
#[test]
fn colour_with_and_without_no_color() {
    let exe = std::env::current_exe().unwrap();
    for no_color in [true, false] {
        let mut cmd = std::process::Command::new(&exe);
        cmd.args([
            "render::fixed::tests::colour_in_this_environment",
            "--exact",
            "--ignored",
            "--quiet",
        ]);
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success() && String::from_utf8_lossy(&out.stdout).contains("1 passed"),
            "NO_COLOR {no_color}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
#[ignore = "run by colour_with_and_without_no_color"]
fn colour_in_this_environment() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
    let views = views().prop_map(|v| View { color: true, ..v });
    runner
        .run(&(reports(), views), |(report, view)| {
            let (comfy, fixed) = both_ways(&report, &view);
            prop_assert_eq!(comfy, fixed);
            Ok(())
        })
        .unwrap();
}

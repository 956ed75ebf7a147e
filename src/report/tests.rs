//! Tests of `report`.

use super::*;

fn p(part: u64, whole: u64, precision: u8) -> String {
    Percent::of(part, whole, precision).unwrap().plain()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn percent_rounds_half_away_from_zero_exactly() {
    assert_eq!(p(161, 150, 1), "107.3");
    assert_eq!(p(1994, 2767, 2), "72.06");
    assert_eq!(p(117, 115, 2), "101.74");
    assert_eq!(p(12, 9, 1), "133.3");
    assert_eq!(p(31, 253, 2), "12.25");
    assert_eq!(p(19, 25, 1), "76.0");
    assert_eq!(p(735, 707, 0), "104");
    // Ties: a float would print 6.2 and 18.7.
    assert_eq!(p(1, 16, 1), "6.3");
    assert_eq!(p(3, 16, 1), "18.8");
    assert_eq!(p(1, 8, 0), "13");
    assert_eq!(p(1, 200, 0), "1");
    assert_eq!(p(0, 5, 2), "0.00");
    assert_eq!(Percent::of(5, 0, 1), None);
}

#[test]
fn percent_in_json_is_a_plain_number() {
    let j = |x: u64, y: u64, pr: u8| serde_json::to_string(&Percent::of(x, y, pr)).unwrap();
    assert_eq!(j(1994, 2767, 2), "72.06");
    assert_eq!(j(735, 707, 0), "104");
    assert_eq!(j(19, 25, 1), "76.0");
    assert_eq!(j(1, 3, 6), "33.333333");
}

#[test]
fn window_edges() {
    let y = Period::Year(2024);
    let today = d(2026, 1, 1);
    // The first day counts.
    let w = Window::new(y, Some(d(2024, 1, 1)), None, today).unwrap();
    assert!(w.contains(d(2024, 1, 1)));
    assert!(!w.contains(d(2023, 12, 31)));
    assert!(!w.contains(d(2024, 1, 2)));
    assert_eq!((w.elapsed, w.plan_days), (1, 366));
    // 29 February of a leap year.
    let w = Window::new(y, Some(d(2024, 2, 29)), None, today).unwrap();
    assert!(w.contains(d(2024, 2, 29)));
    assert_eq!(w.elapsed, 60);
    // A year already over defaults to 31 December.
    let w = Window::new(y, None, None, today).unwrap();
    assert_eq!(w.end, d(2024, 12, 31));
    assert!(w.contains(d(2024, 12, 31)));
    assert!(!w.contains(d(2025, 1, 1)));
    // A later as-of is clamped to the period.
    let w = Window::new(y, Some(d(2025, 3, 1)), None, today).unwrap();
    assert_eq!(w.end, d(2024, 12, 31));
    // A current year defaults to today.
    let w = Window::new(Period::Year(2025), None, None, d(2025, 6, 30)).unwrap();
    assert_eq!(w.end, d(2025, 6, 30));
    // A term runs from the first 1 January to the last 31 December.
    let w = Window::new(Period::Term(2020, 2025), None, None, today).unwrap();
    assert_eq!((w.start, w.end), (d(2020, 1, 1), d(2025, 12, 31)));
    assert!(w.contains(d(2022, 7, 1)));
}

#[test]
fn pace_and_status() {
    let w = Window::new(
        Period::Year(2021),
        Some(d(2021, 10, 14)),
        None,
        d(2022, 1, 1),
    )
    .unwrap();
    assert_eq!(w.expected(150), 117);
    assert_eq!(w.status(161, Some(150)), Status::Met);
    assert_eq!(w.status(118, Some(150)), Status::OnTrack);
    // 150 × 287 / 365 = 117.94…: 117 admitted is behind.
    assert_eq!(w.status(117, Some(150)), Status::Behind);
    assert_eq!(w.status(5, None), Status::NoQuota);
    assert_eq!(w.status(0, Some(0)), Status::Met);
    // Exactly on the line counts as on track: 365 × 73 = 365 × 73.
    let w = Window::new(
        Period::Year(2021),
        Some(d(2021, 3, 14)),
        None,
        d(2022, 1, 1),
    )
    .unwrap();
    assert_eq!(w.elapsed, 73);
    assert_eq!(w.status(73, Some(365)), Status::OnTrack);
    assert_eq!(w.status(72, Some(365)), Status::Behind);
}

#[test]
fn deadline_shortens_the_plan() {
    let w = Window::new(
        Period::Year(2023),
        Some(d(2023, 10, 10)),
        Some(d(2023, 11, 15)),
        d(2024, 1, 1),
    )
    .unwrap();
    assert_eq!(w.plan_days, 319);
    assert_eq!(w.elapsed, 283);
    // Past the deadline, everything is expected.
    let w = Window::new(
        Period::Year(2023),
        Some(d(2023, 12, 1)),
        Some(d(2023, 11, 15)),
        d(2024, 1, 1),
    )
    .unwrap();
    assert_eq!(w.expected(30), 30);
    assert_eq!(w.status(29, Some(30)), Status::Behind);
    assert!(Window::new(Period::Year(2023), None, Some(d(2022, 1, 1)), d(2024, 1, 1)).is_err());
}

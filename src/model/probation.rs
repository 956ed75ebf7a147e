//! After the decision: the deadlines in working days, the ceremony, the
//! twelve months of probation and how they end. The rules of each step
//! live here, so that every command applies the same ones.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::rules::{Problem, free_text, past_date};
use super::{Admission, Field, Holiday, Probation};
use crate::lang::Date;

/// Working days from the cell's vote to the admission decision.
pub const DECISION_DAYS: u32 = 60;
/// Working days from the decision to the ceremony.
pub const CEREMONY_DAYS: u32 = 30;
/// Months of probation from the ceremony (or the decision).
pub const PROBATION_MONTHS: u32 = 12;
/// Working days from the end of probation to the cell's vote on the
/// official membership.
pub const OFFICIAL_VOTE_DAYS: u32 = 30;

/// The day `n` working days after `from` (Monday to Friday, not a
/// holiday); `from` itself does not count. `holidays` sorted by date.
pub fn working_days_after(from: NaiveDate, n: u32, holidays: &[Holiday]) -> NaiveDate {
    let mut day = from;
    let mut left = n;
    while left > 0 {
        day = day.checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX);
        if day == NaiveDate::MAX {
            break;
        }
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let holiday = holidays.binary_search_by_key(&day, |h| h.date).is_ok();
        if !weekend && !holiday {
            left -= 1;
        }
    }
    day
}

impl Admission {
    /// When the probation started: the ceremony, or the decision when no
    /// ceremony is known.
    pub fn probation_start(&self) -> NaiveDate {
        self.probation
            .as_ref()
            .and_then(|p| p.ceremony)
            .unwrap_or(self.date)
    }

    /// When the twelve months of probation are over.
    pub fn probation_end(&self) -> NaiveDate {
        self.probation_start()
            .checked_add_months(Months::new(PROBATION_MONTHS))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Confirmed or struck off: nothing left to follow.
    pub fn is_settled(&self) -> bool {
        self.probation.as_ref().is_some_and(|p| p.is_closed())
    }

    fn follow_up(&mut self, today: NaiveDate, on: NaiveDate, p: &mut Vec<Problem>) -> NaiveDate {
        if self.is_void() {
            p.push(Problem::new(
                Field::Void,
                t!(
                    "record {} is void: a mistake, not an admission to follow",
                    "bản ghi {} đã hủy: là bản ghi nhầm, không phải kết nạp để theo dõi",
                    self.id
                ),
            ));
        } else if self.is_settled() {
            p.push(Problem::new(
                Field::Date,
                t!(
                    "cannot be set: the probation of record {} is over (confirmed or struck off)",
                    "không đặt được: thời gian dự bị của bản ghi {} đã kết thúc (đã công nhận hoặc đã xóa tên)",
                    self.id
                ),
            ));
        }
        past_date(
            Some(on),
            today,
            t!("is empty; give a date", "đang trống; hãy ghi ngày"),
            t!(
                "a step is recorded once it is taken",
                "chỉ ghi nhận bước đã diễn ra"
            ),
            p,
        )
    }

    /// Records the ceremony on `on`: not before the decision.
    pub fn set_ceremony(&mut self, on: NaiveDate, today: NaiveDate) -> Result<(), Vec<Problem>> {
        let mut p = Vec::new();
        let on = self.follow_up(today, on, &mut p);
        if on < self.date {
            p.push(Problem::new(
                Field::Date,
                t!(
                    "{} is before the decision ({}); the ceremony follows it",
                    "{} sớm hơn ngày quyết định ({}); lễ kết nạp diễn ra sau quyết định",
                    Date(on),
                    Date(self.date)
                ),
            ));
        }
        if !p.is_empty() {
            return Err(p);
        }
        self.probation.get_or_insert_default().ceremony = Some(on);
        Ok(())
    }

    /// Records the official membership from `on`: not before the twelve
    /// months are over.
    pub fn confirm(&mut self, on: NaiveDate, today: NaiveDate) -> Result<(), Vec<Problem>> {
        let mut p = Vec::new();
        let on = self.follow_up(today, on, &mut p);
        let end = self.probation_end();
        if on < end {
            p.push(Problem::new(
                Field::Date,
                t!(
                    "{} is before the probation is over ({}); the official membership is voted after twelve months",
                    "{} sớm hơn ngày hết thời gian dự bị ({}); chỉ xét công nhận đảng viên chính thức sau mười hai tháng",
                    Date(on),
                    Date(end)
                ),
            ));
        }
        if !p.is_empty() {
            return Err(p);
        }
        self.probation.get_or_insert_default().confirmed = Some(on);
        Ok(())
    }

    /// Strikes the name off on `on` for `reason`: not before the probation
    /// started.
    pub fn strike(
        &mut self,
        reason: String,
        on: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), Vec<Problem>> {
        let mut p = Vec::new();
        let on = self.follow_up(today, on, &mut p);
        let start = self.probation_start();
        if on < start {
            p.push(Problem::new(
                Field::Date,
                t!(
                    "{} is before the probation started ({})",
                    "{} sớm hơn ngày bắt đầu dự bị ({})",
                    Date(on),
                    Date(start)
                ),
            ));
        }
        let reason = free_text(Field::Reason, Some(reason), &mut p);
        if reason.is_none() && p.iter().all(|x| x.field != Field::Reason) {
            p.push(Problem::new(
                Field::Reason,
                t!("is empty; say why", "đang trống; hãy ghi lý do"),
            ));
        }
        if !p.is_empty() {
            return Err(p);
        }
        let probation = self.probation.get_or_insert_with(Box::<Probation>::default);
        probation.struck_on = Some(on);
        probation.struck_reason = reason;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        // Friday 2 January 2026, plus one working day: Monday the 5th.
        assert_eq!(working_days_after(d(2026, 1, 2), 1, &[]), d(2026, 1, 5));
        assert_eq!(working_days_after(d(2026, 1, 2), 5, &[]), d(2026, 1, 9));
        assert_eq!(working_days_after(d(2026, 1, 2), 0, &[]), d(2026, 1, 2));
        let tet = [
            Holiday {
                date: d(2026, 1, 5),
                name: None,
            },
            Holiday {
                date: d(2026, 1, 6),
                name: None,
            },
        ];
        assert_eq!(working_days_after(d(2026, 1, 2), 1, &tet), d(2026, 1, 7));
        // 60 working days of weeks alone: twelve weeks.
        assert_eq!(working_days_after(d(2026, 3, 2), 60, &[]), d(2026, 5, 25));
    }
}

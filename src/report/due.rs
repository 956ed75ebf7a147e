//! What falls due: the admission decision after the cell's vote, the
//! ceremony after the decision, the vote on the official membership after
//! the probation. Each deadline is counted in working days (Monday to
//! Friday, less the store's holidays).

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::model::{
    Admission, CEREMONY_DAYS, DECISION_DAYS, OFFICIAL_VOTE_DAYS, Stage, Store, working_days_after,
};

/// What is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The admission decision on a candidate the cell voted for.
    Decision,
    /// The ceremony of an admission decided.
    Ceremony,
    /// The cell's vote on the official membership, the probation over.
    OfficialVote,
}

impl Kind {
    pub fn word(self) -> crate::lang::Text {
        match self {
            Kind::Decision => t!("admission decision", "quyết định kết nạp"),
            Kind::Ceremony => t!("ceremony", "lễ kết nạp"),
            Kind::OfficialVote => t!("official-membership vote", "xét công nhận chính thức"),
        }
    }
}

/// One thing due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    pub kind: Kind,
    /// The candidate's id (a decision) or the admission record's.
    pub id: u64,
    pub org: String,
    /// What the deadline counts from: the vote, the decision, the end of
    /// probation.
    #[serde(with = "crate::date::iso")]
    pub from: NaiveDate,
    #[serde(with = "crate::date::iso")]
    pub due: NaiveDate,
    /// Days from today to the deadline; below zero when overdue.
    pub days_left: i64,
    #[serde(skip)]
    pub person: Option<String>,
}

/// Everything overdue or due within `within` days of `today`, earliest
/// first. Admissions settled or void are done with; an admission decided
/// more than `look_back` days before today with nothing recorded since is
/// taken as followed up before the store was kept (none if `None`).
pub fn due(
    store: &Store,
    today: NaiveDate,
    within: u64,
    look_back: Option<u64>,
    kinds: &[Kind],
) -> Vec<Item> {
    let horizon = today
        .checked_add_days(Days::new(within))
        .unwrap_or(NaiveDate::MAX);
    let oldest = look_back.map(|d| {
        today
            .checked_sub_days(Days::new(d))
            .unwrap_or(NaiveDate::MIN)
    });
    let holidays = &store.holidays;
    let mut items = Vec::new();
    // `from` for the official vote, which is due to be held from the day
    // the probation ends; the deadline for the others.
    let mut push = |kind, id, org: &str, from: NaiveDate, due: NaiveDate, person: Option<&str>| {
        let shown = if kind == Kind::OfficialVote {
            from
        } else {
            due
        };
        if shown <= horizon && oldest.is_none_or(|o| due >= o) {
            items.push(Item {
                kind,
                id,
                org: org.to_string(),
                from,
                due,
                days_left: (due - today).num_days(),
                person: person.map(str::to_string),
            });
        }
    };
    if kinds.contains(&Kind::Decision) {
        for c in store.candidates.iter().filter(|c| c.is_open()) {
            if let Some(voted) = c.reached(Stage::Voted) {
                let name = c.person.as_ref().and_then(|p| p.name.as_deref());
                let due = working_days_after(voted, DECISION_DAYS, holidays);
                push(Kind::Decision, c.id, &c.org, voted, due, name);
            }
        }
    }
    let open = |a: &&Admission| !a.is_void() && !a.is_settled();
    for a in store.admissions.iter().filter(open) {
        let name = a.person.as_ref().and_then(|p| p.name.as_deref());
        let ceremony = a.probation.as_ref().and_then(|p| p.ceremony);
        if kinds.contains(&Kind::Ceremony) && ceremony.is_none() {
            let due = working_days_after(a.date, CEREMONY_DAYS, holidays);
            push(Kind::Ceremony, a.id, &a.org, a.date, due, name);
        }
        if kinds.contains(&Kind::OfficialVote) {
            let end = a.probation_end();
            let due = working_days_after(end, OFFICIAL_VOTE_DAYS, holidays);
            push(Kind::OfficialVote, a.id, &a.org, end, due, name);
        }
    }
    items.sort_by_key(|i| (i.due, i.id));
    items
}

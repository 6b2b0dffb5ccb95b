//! Cadence adherence: each gap between consecutive held meetings against the rhythm in force.

use chrono::{Datelike, Duration, NaiveDate};

use crate::journal::{Journal, Meeting, MeetingStatus};
use crate::validate::cadence::{allowed_gap, held_pairs};

/// The time between two consecutive held meetings.
#[derive(Clone, Copy, Debug)]
pub struct Gap<'a> {
    pub from: &'a Meeting,
    pub to: &'a Meeting,
    pub days: i64,
    /// The planned gap of the cadence in force at the later meeting.
    pub planned: i64,
    /// The planned gap plus half of it: the most the checklist accepts.
    pub allowed: i64,
    pub within: bool,
}

pub fn gaps(j: &Journal) -> Vec<Gap<'_>> {
    held_pairs(j)
        .map(|(from, to)| {
            let days = (to.date - from.date).num_days();
            let allowed = allowed_gap(j, to.date);
            Gap {
                from,
                to,
                days,
                planned: j.config.cadence.on(to.date).days(),
                allowed,
                within: days <= allowed,
            }
        })
        .collect()
}

/// What one calendar week (Monday to Sunday) of the mentoring looked like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeekState {
    /// At least one meeting was held.
    Held,
    /// No meeting was held and one was cancelled.
    Cancelled,
    /// No meeting, and by the week's end the last one was longer ago than the cadence allows.
    Missed,
    /// No meeting, and none was due yet.
    Quiet,
}

impl WeekState {
    pub fn as_str(self) -> &'static str {
        match self {
            WeekState::Held => "held",
            WeekState::Cancelled => "cancelled",
            WeekState::Missed => "missed",
            WeekState::Quiet => "no meeting due",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Week {
    /// The Monday the week starts on.
    pub monday: NaiveDate,
    pub state: WeekState,
}

/// One entry a week from the week of the start to the week of today, like a contribution
/// calendar of the meetings.
pub fn weeks(j: &Journal) -> Vec<Week> {
    let start = super::start_of(j);
    if start > j.today {
        return Vec::new();
    }
    let monday_of =
        |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let mut out = Vec::new();
    let mut monday = monday_of(start);
    while monday <= j.today {
        let sunday = monday + Duration::days(6);
        let in_week = |m: &&Meeting| m.date >= monday && m.date <= sunday && m.date <= j.today;
        let held = j
            .meetings
            .iter()
            .filter(in_week)
            .any(|m| m.status == MeetingStatus::Held);
        let cancelled = j
            .meetings
            .iter()
            .filter(in_week)
            .any(|m| m.status == MeetingStatus::Cancelled);
        let end = sunday.min(j.today);
        let last = j
            .meetings
            .iter()
            .filter(|m| m.status == MeetingStatus::Held && m.date <= end)
            .map(|m| m.date)
            .max()
            .unwrap_or(start);
        let state = if held {
            WeekState::Held
        } else if cancelled {
            WeekState::Cancelled
        } else if (end - last).num_days() > allowed_gap(j, end) {
            WeekState::Missed
        } else {
            WeekState::Quiet
        };
        out.push(Week { monday, state });
        monday += Duration::days(7);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    #[test]
    fn gaps_are_judged_against_cadence_plus_half() {
        let mut j = journal();
        j.meetings = vec![
            meeting("2026-01-05"),
            meeting("2026-01-15"),
            meeting("2026-01-26"),
        ];
        let got: Vec<_> = gaps(&j).iter().map(|g| (g.days, g.within)).collect();
        assert_eq!(got, [(10, true), (11, false)]);
    }

    #[test]
    fn weeks_run_from_the_start_to_today() {
        let mut j = journal(); // weekly from 2026-01-05 (a Monday), today 2026-03-01
        let mut cancelled = meeting("2026-01-13");
        cancelled.status = MeetingStatus::Cancelled;
        j.meetings = vec![
            meeting("2026-01-05"),
            cancelled,
            meeting("2026-02-10"),
            meeting("2026-02-19"),
        ];
        let got: Vec<_> = weeks(&j).iter().map(|w| w.state).collect();
        use WeekState::*;
        assert_eq!(got.len(), 8);
        assert_eq!(got[0], Held);
        assert_eq!(got[1], Cancelled);
        // 5 January to 25 January is 20 days, more than a week and a half.
        assert_eq!(&got[2..], [Missed, Missed, Missed, Held, Held, Quiet]);
    }
}

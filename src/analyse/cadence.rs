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
///
/// One pass over the meetings in date order beside the weeks: O(meetings + weeks), or
/// O(meetings log meetings) in the rare case the list is not already in date order.
pub fn weeks(j: &Journal) -> Vec<Week> {
    let start = super::start_of(j);
    if start > j.today {
        return Vec::new();
    }
    let monday_of =
        |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let mut dated: Vec<(NaiveDate, MeetingStatus)> = j
        .meetings
        .iter()
        .filter(|m| m.date <= j.today)
        .map(|m| (m.date, m.status))
        .collect();
    if !dated.is_sorted_by_key(|d| d.0) {
        dated.sort_by_key(|d| d.0);
    }
    let mut next = dated.iter().peekable();
    // The latest held meeting up to the end of the week being looked at.
    let mut last_held: Option<NaiveDate> = None;
    let mut out = Vec::new();
    let mut monday = monday_of(start);
    while monday <= j.today {
        let end = (monday + Duration::days(6)).min(j.today);
        let (mut held, mut cancelled) = (false, false);
        while let Some(&&(date, status)) = next.peek() {
            if date > end {
                break;
            }
            next.next();
            let in_week = date >= monday;
            match status {
                MeetingStatus::Held => {
                    held |= in_week;
                    last_held = Some(date);
                }
                MeetingStatus::Cancelled => cancelled |= in_week,
                MeetingStatus::Planned => {}
            }
        }
        let last = last_held.unwrap_or(start);
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
        ]
        .into_iter()
        .map(Into::into)
        .collect();
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
        ]
        .into_iter()
        .map(Into::into)
        .collect();
        let got: Vec<_> = weeks(&j).iter().map(|w| w.state).collect();
        use WeekState::*;
        assert_eq!(got.len(), 8);
        assert_eq!(got[0], Held);
        assert_eq!(got[1], Cancelled);
        // 5 January to 25 January is 20 days, more than a week and a half.
        assert_eq!(&got[2..], [Missed, Missed, Missed, Held, Held, Quiet]);
    }

    /// The week-by-week scan `weeks` replaced: every meeting looked at for every week.
    fn weeks_by_rescanning(j: &Journal) -> Vec<Week> {
        let start = crate::analyse::start_of(j);
        let mut out = Vec::new();
        let mut monday = start - Duration::days(i64::from(start.weekday().num_days_from_monday()));
        while start <= j.today && monday <= j.today {
            let end = (monday + Duration::days(6)).min(j.today);
            let any = |s| {
                j.meetings
                    .iter()
                    .any(|m| m.status == s && m.date >= monday && m.date <= end)
            };
            let last = j
                .meetings
                .iter()
                .filter(|m| m.status == MeetingStatus::Held && m.date <= end)
                .map(|m| m.date)
                .max()
                .unwrap_or(start);
            let state = if any(MeetingStatus::Held) {
                WeekState::Held
            } else if any(MeetingStatus::Cancelled) {
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

    #[test]
    fn one_pass_agrees_with_rescanning_every_week() {
        let mut j = journal(); // start 2026-01-05, today 2026-03-01
        j.today = date("2027-06-30");
        let statuses = [
            MeetingStatus::Held,
            MeetingStatus::Held,
            MeetingStatus::Cancelled,
            MeetingStatus::Planned,
        ];
        // Irregular gaps, out of date order, some before the start and after today.
        let mut day = date("2025-12-01");
        for i in 0..120u32 {
            day += Duration::days(i64::from(1 + (i * 7919) % 23));
            let mut m = meeting(&day.to_string());
            m.status = statuses[(i as usize * 5) % statuses.len()];
            j.meetings.push(m.into());
        }
        j.meetings.swap(3, 40);
        j.meetings.swap(70, 10);
        let got = weeks(&j);
        assert_eq!(got, weeks_by_rescanning(&j));
        assert!(got.iter().any(|w| w.state == WeekState::Missed));
        assert!(got.iter().any(|w| w.state == WeekState::Cancelled));

        j.config.start = None;
        j.meetings.sort_by_key(|m| m.date);
        assert_eq!(weeks(&j), weeks_by_rescanning(&j));
    }
}

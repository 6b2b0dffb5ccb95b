//! When the next meeting is: the rule `agenda`, `new meeting`, `summary` and the dashboard
//! share, so the site proposes the same date the mentee's tools do.

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::journal::{Journal, Meeting, MeetingStatus};

/// When the next meeting is: the first planned one from today on, or else the next date the
/// cadence gives after the last held meeting (never before today).
#[derive(Clone, Debug)]
pub struct NextMeeting<'a> {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub planned: Option<&'a Meeting>,
}

pub fn next_meeting(j: &Journal) -> NextMeeting<'_> {
    if let Some(m) = j
        .meetings
        .iter()
        .find(|m| m.status == MeetingStatus::Planned && m.date >= j.today)
    {
        return NextMeeting {
            date: m.date,
            time: m.time,
            planned: Some(m),
        };
    }
    let last_held = j
        .meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
        .map(|m| m.date)
        .max();
    NextMeeting {
        date: next_by_cadence(j, last_held, j.today),
        time: None,
        planned: None,
    }
}

/// The first date on the cadence after `last` that is not before `not_before`.
pub fn next_by_cadence(j: &Journal, last: Option<NaiveDate>, not_before: NaiveDate) -> NaiveDate {
    let Some(mut date) = last else {
        return not_before;
    };
    loop {
        date += Duration::days(j.config.cadence.on(date).days().max(1));
        if date >= not_before {
            return date;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    #[test]
    fn a_planned_meeting_first_else_the_cadence_after_the_last_held() {
        let mut j = journal();
        j.meetings = vec![meeting("2026-02-16")]
            .into_iter()
            .map(Into::into)
            .collect();
        let next = next_meeting(&j);
        assert_eq!(
            (next.date, next.planned.is_none()),
            (date("2026-03-02"), true)
        );
        let mut planned = meeting("2026-03-04");
        planned.status = MeetingStatus::Planned;
        j.meetings.push(planned.into());
        assert_eq!(next_meeting(&j).date, date("2026-03-04"));
    }
}

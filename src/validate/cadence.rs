//! Regular meeting times: the gap between held meetings against the cadence in force.

use crate::diagnostics::{Code, Diagnostic};
use crate::journal::{Journal, Meeting, MeetingStatus};

/// The longest gap the cadence in force on `date` allows: the period plus half of it.
pub fn allowed_gap(j: &Journal, date: chrono::NaiveDate) -> i64 {
    let days = j.config.cadence.on(date).days();
    days + days / 2
}

/// Consecutive pairs of held meetings, in date order.
pub fn held_pairs(j: &Journal) -> impl Iterator<Item = (&Meeting, &Meeting)> {
    let held: Vec<&Meeting> = j
        .meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
        .collect();
    (1..held.len()).map(move |i| (held[i - 1], held[i]))
}

/// The date a held meeting was first planned for: the date of a cancelled meeting, after
/// `prev`, that was rescheduled to it; else its own date. A meeting moved is not a meeting
/// skipped, so the gap runs to the date it was first planned for.
fn first_planned(j: &Journal, prev: &Meeting, next: &Meeting) -> chrono::NaiveDate {
    j.meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Cancelled && m.date > prev.date)
        .filter(|m| {
            m.cancellation
                .as_ref()
                .is_some_and(|c| c.rescheduled_to == Some(next.date))
        })
        .map(|m| m.date)
        .min()
        .unwrap_or(next.date)
}

pub fn w207_gap_too_long(j: &Journal, out: &mut Vec<Diagnostic>) {
    for (prev, next) in held_pairs(j) {
        let gap = (first_planned(j, prev, next) - prev.date).num_days();
        let every = j.config.cadence.on(next.date);
        if gap > allowed_gap(j, next.date) {
            let message = format!(
                "{} passed since the meeting of {}, against a {} cadence",
                crate::english::count(gap as usize, "day"),
                prev.date,
                every.label()
            );
            let hint = "keep to the agreed rhythm, or record a new one under `cadence:` in mentorfolio.yaml";
            out.push(Diagnostic::new(
                Code::W207,
                next.source.at("date"),
                message,
                hint,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{CadencePeriod, Cancellation, Every, Owner};
    use crate::validate::testing::*;

    #[test]
    fn w207_gap_beyond_cadence_and_a_half() {
        let mut j = journal();
        j.meetings = vec![
            meeting("2026-01-05"),
            meeting("2026-01-15"),
            meeting("2026-01-26"),
        ];
        assert_eq!(
            run(w207_gap_too_long, &j),
            [("W207".into(), "meetings/2026-01-26.md".into(), 2)]
        );
    }

    #[test]
    fn a_rescheduled_meeting_counts_from_the_date_first_planned() {
        let mut j = journal();
        let mut moved = meeting("2026-01-12");
        moved.status = MeetingStatus::Cancelled;
        moved.cancellation = Some(Cancellation {
            by: Owner::Mentor(0),
            notice_given: None,
            reason: None,
            rescheduled_to: Some(date("2026-01-22")),
            line: 9,
        });
        j.meetings = vec![meeting("2026-01-05"), moved, meeting("2026-01-22")];
        assert!(run(w207_gap_too_long, &j).is_empty());
        j.meetings[2] = meeting("2026-01-29");
        assert_eq!(run(w207_gap_too_long, &j).len(), 1);
    }

    #[test]
    fn the_cadence_in_force_at_the_later_meeting_counts() {
        let mut j = journal();
        j.config.cadence.periods.push(CadencePeriod {
            from: Some(date("2026-01-20")),
            every: Every::Biweekly,
        });
        j.meetings = vec![meeting("2026-01-05"), meeting("2026-01-26")];
        assert!(run(w207_gap_too_long, &j).is_empty());
    }
}

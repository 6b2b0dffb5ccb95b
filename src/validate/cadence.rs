//! Regular meeting times: the gap between held meetings against the cadence in force.

use foldhash::HashMap;

use chrono::NaiveDate;

use crate::diagnostics::{Code, Diagnostic};
use crate::journal::{Journal, Meeting, MeetingStatus};

/// The longest gap the cadence in force on `date` allows: the period plus half of it.
pub fn allowed_gap(j: &Journal, date: NaiveDate) -> i64 {
    let days = j.config.cadence.on(date).days();
    days + days / 2
}

/// Consecutive pairs of held meetings, in date order.
pub fn held_pairs(j: &Journal) -> impl Iterator<Item = (&Meeting, &Meeting)> {
    let held: Vec<&Meeting> = j
        .meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
        .map(|m| &**m)
        .collect();
    (1..held.len()).map(move |i| (held[i - 1], held[i]))
}

/// The dates of cancelled meetings by the date each was rescheduled to, each list in
/// date order: O(meetings log meetings), so that [`first_planned`] never scans the journal.
fn rescheduled(j: &Journal) -> HashMap<NaiveDate, Vec<NaiveDate>> {
    let mut by_target: HashMap<NaiveDate, Vec<NaiveDate>> = HashMap::default();
    for m in j
        .meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Cancelled)
    {
        if let Some(to) = m.cancellation.as_ref().and_then(|c| c.rescheduled_to) {
            by_target.entry(to).or_default().push(m.date);
        }
    }
    for dates in by_target.values_mut() {
        dates.sort_unstable();
    }
    by_target
}

/// The date a held meeting was first planned for: the date of a cancelled meeting, after
/// `prev`, that was rescheduled to it; else its own date. A meeting moved is not a meeting
/// skipped, so the gap runs to the date it was first planned for.
fn first_planned(
    rescheduled: &HashMap<NaiveDate, Vec<NaiveDate>>,
    prev: &Meeting,
    next: &Meeting,
) -> NaiveDate {
    rescheduled
        .get(&next.date)
        .and_then(|dates| {
            let after = dates.partition_point(|d| *d <= prev.date);
            dates.get(after).copied()
        })
        .unwrap_or(next.date)
}

pub fn w207_gap_too_long(j: &Journal, out: &mut Vec<Diagnostic>) {
    let rescheduled = rescheduled(j);
    for (prev, next) in held_pairs(j) {
        let gap = (first_planned(&rescheduled, prev, next) - prev.date).num_days();
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
        ]
        .into_iter()
        .map(Into::into)
        .collect();
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
        j.meetings = vec![meeting("2026-01-05"), moved, meeting("2026-01-22")]
            .into_iter()
            .map(Into::into)
            .collect();
        assert!(run(w207_gap_too_long, &j).is_empty());
        j.meetings[2] = meeting("2026-01-29").into();
        assert_eq!(run(w207_gap_too_long, &j).len(), 1);
    }

    #[test]
    fn the_cadence_in_force_at_the_later_meeting_counts() {
        let mut j = journal();
        j.config.cadence.periods.push(CadencePeriod {
            from: Some(date("2026-01-20")),
            every: Every::Biweekly,
        });
        j.meetings = vec![meeting("2026-01-05"), meeting("2026-01-26")]
            .into_iter()
            .map(Into::into)
            .collect();
        assert!(run(w207_gap_too_long, &j).is_empty());
    }
}

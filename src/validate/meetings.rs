//! Rules about meetings: prepared agendas, documented outcomes, summaries, and cancellations
//! that respect the mentor's time.

use crate::diagnostics::{Code, Diagnostic};
use crate::journal::{Journal, Meeting, MeetingStatus, Owner};

fn held(j: &Journal) -> impl Iterator<Item = &Meeting> {
    j.meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
        .map(|m| &**m)
}

fn cancelled(j: &Journal) -> impl Iterator<Item = &Meeting> {
    j.meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Cancelled)
        .map(|m| &**m)
}

pub fn w201_no_agenda(j: &Journal, out: &mut Vec<Diagnostic>) {
    for m in held(j).filter(|m| m.agenda.is_empty()) {
        out.push(Diagnostic::new(
            Code::W201,
            m.source.at("date"),
            format!("meeting {} was held without an agenda", m.slug),
            "list the points you want to discuss under `agenda:` before the meeting",
        ));
    }
}

pub fn w202_agenda_not_sent(j: &Journal, out: &mut Vec<Diagnostic>) {
    for m in held(j).filter(|m| !m.agenda.is_empty()) {
        match m.agenda_sent {
            None => out.push(Diagnostic::new(Code::W202, m.source.at("agenda"), format!("the agenda of meeting {} was not sent beforehand", m.slug), "send the agenda to your mentor before the meeting and record it as `agenda_sent: YYYY-MM-DD`")),
            Some(sent) if sent > m.date => out.push(Diagnostic::new(Code::W202, m.source.at("agenda_sent"), format!("the agenda of meeting {} was sent on {sent}, after the meeting", m.slug), "send the agenda a day or two before the meeting")),
            Some(_) => {}
        }
    }
}

pub fn w203_no_outcomes(j: &Journal, out: &mut Vec<Diagnostic>) {
    for m in held(j).filter(|m| m.outcomes.is_empty() && m.body.trim().is_empty()) {
        out.push(Diagnostic::new(
            Code::W203,
            m.source.at("date"),
            format!("meeting {} has no outcomes and no notes", m.slug),
            "write down what was decided under `outcomes:` or in the notes",
        ));
    }
}

pub fn w204_no_summary(j: &Journal, out: &mut Vec<Diagnostic>) {
    for m in held(j).filter(|m| m.summary_sent.is_none()) {
        out.push(Diagnostic::new(
            Code::W204,
            m.source.at("date"),
            format!("no summary was sent after meeting {}", m.slug),
            "send a summary (`mentorfolio summary`) and record `summary_sent: YYYY-MM-DD`",
        ));
    }
}

/// Notice is asked of the mentee only: when the mentor cancels, the mentee owes nothing.
pub fn w205_short_notice(j: &Journal, out: &mut Vec<Diagnostic>) {
    for m in cancelled(j).filter(|m| m.cancelled_by() == Some(Owner::Mentee)) {
        match m.cancellation.as_ref().and_then(|c| c.notice_given) {
            None => {
                let at = if m.cancellation.is_some() {
                    "cancellation"
                } else {
                    "status"
                };
                out.push(Diagnostic::new(
                    Code::W205,
                    m.source.at(at),
                    format!("cancelled meeting {} records no notice", m.slug),
                    "record when the mentor was told: `cancellation: { notice_given: YYYY-MM-DD }`",
                ));
            }
            Some(notice) if notice >= m.date => {
                out.push(Diagnostic::new(
                    Code::W205,
                    m.source.at("cancellation.notice_given"),
                    format!(
                        "meeting {} was cancelled with less than 24 hours' notice",
                        m.slug
                    ),
                    "tell your mentor at least a day ahead when you must cancel",
                ));
            }
            Some(_) => {}
        }
    }
}

pub fn w206_not_rescheduled(j: &Journal, out: &mut Vec<Diagnostic>) {
    for m in cancelled(j).filter(|m| {
        m.cancellation
            .as_ref()
            .is_none_or(|c| c.rescheduled_to.is_none())
    }) {
        let at = if m.cancellation.is_some() {
            "cancellation"
        } else {
            "status"
        };
        out.push(Diagnostic::new(
            Code::W206,
            m.source.at(at),
            format!("cancelled meeting {} has no new date", m.slug),
            "propose a new date and record it as `rescheduled_to: YYYY-MM-DD`",
        ));
    }
}

pub fn w503_held_in_future(j: &Journal, out: &mut Vec<Diagnostic>) {
    for m in held(j).filter(|m| m.date > j.today) {
        out.push(Diagnostic::new(
            Code::W503,
            m.source.at("status"),
            format!(
                "meeting {} is marked held but is dated {}, in the future",
                m.slug, m.date
            ),
            "use `status: planned` until the meeting has taken place",
        ));
    }
}

/// A file named for one day but dated another: the log sorts by `date:`, the mentee finds
/// files by name, and one of the two is a slip.
pub fn w504_file_name_date(j: &Journal, out: &mut Vec<Diagnostic>) {
    for m in &j.meetings {
        let named = m
            .slug
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let Some(named) = named.filter(|d| *d != m.date) else {
            continue;
        };
        let message = format!(
            "meeting {} is dated {}, but its file name says {named}",
            m.slug, m.date
        );
        let hint = "correct the `date:`, or rename the file to match it";
        out.push(Diagnostic::new(
            Code::W504,
            m.source.at("date"),
            message,
            hint,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::Cancellation;
    use crate::validate::testing::*;

    fn one(m: Meeting) -> Journal {
        let mut j = journal();
        j.meetings.push(m.into());
        j
    }

    #[test]
    fn w504_a_file_name_with_another_date() {
        let mut m = meeting("2026-02-02");
        m.date = date("2026-02-09");
        assert_eq!(
            run(w504_file_name_date, &one(m.clone())),
            [("W504".into(), "meetings/2026-02-02.md".into(), 2)]
        );
        m.date = date("2026-02-02");
        assert!(run(w504_file_name_date, &one(m.clone())).is_empty());
        m.slug = "kickoff".into();
        m.date = date("2026-02-09");
        assert!(run(w504_file_name_date, &one(m)).is_empty());
    }

    #[test]
    fn w201_held_without_agenda() {
        let mut m = meeting("2026-02-02");
        m.agenda.clear();
        assert_eq!(
            run(w201_no_agenda, &one(m)),
            [("W201".into(), "meetings/2026-02-02.md".into(), 2)]
        );
    }

    #[test]
    fn w202_agenda_missing_or_late() {
        let mut m = meeting("2026-02-02");
        m.agenda_sent = Some(date("2026-02-03"));
        assert_eq!(
            run(w202_agenda_not_sent, &one(m.clone())),
            [("W202".into(), "meetings/2026-02-02.md".into(), 4)]
        );
        m.agenda_sent = Some(date("2026-02-01"));
        assert!(run(w202_agenda_not_sent, &one(m.clone())).is_empty());
        m.agenda_sent = None;
        assert_eq!(run(w202_agenda_not_sent, &one(m)).len(), 1);
    }

    #[test]
    fn w203_and_w204_held_meeting_paperwork() {
        let mut m = meeting("2026-02-02");
        m.outcomes.clear();
        m.summary_sent = None;
        assert_eq!(
            run(w203_no_outcomes, &one(m.clone())),
            [("W203".into(), "meetings/2026-02-02.md".into(), 2)]
        );
        assert_eq!(
            run(w204_no_summary, &one(m.clone())),
            [("W204".into(), "meetings/2026-02-02.md".into(), 2)]
        );
        m.body = "We talked.".into();
        assert!(run(w203_no_outcomes, &one(m)).is_empty());
    }

    #[test]
    fn w205_and_w206_cancellations() {
        let mut m = meeting("2026-02-02");
        m.status = MeetingStatus::Cancelled;
        m.cancellation = Some(Cancellation {
            by: Owner::Mentee,
            notice_given: Some(date("2026-02-02")),
            reason: None,
            rescheduled_to: None,
            line: 9,
        });
        assert_eq!(
            run(w205_short_notice, &one(m.clone())),
            [("W205".into(), "meetings/2026-02-02.md".into(), 9)]
        );
        assert_eq!(
            run(w206_not_rescheduled, &one(m.clone())),
            [("W206".into(), "meetings/2026-02-02.md".into(), 9)]
        );
        m.cancellation = Some(Cancellation {
            by: Owner::Mentee,
            notice_given: Some(date("2026-01-30")),
            reason: None,
            rescheduled_to: Some(date("2026-02-04")),
            line: 9,
        });
        assert!(run(w205_short_notice, &one(m.clone())).is_empty());
        assert!(run(w206_not_rescheduled, &one(m)).is_empty());
    }

    #[test]
    fn w205_asks_no_notice_of_the_mentee_when_the_mentor_cancelled() {
        let mut m = meeting("2026-02-02");
        m.status = MeetingStatus::Cancelled;
        m.cancellation = Some(Cancellation {
            by: Owner::Mentor(0),
            notice_given: None,
            reason: None,
            rescheduled_to: None,
            line: 9,
        });
        assert!(run(w205_short_notice, &one(m)).is_empty());
    }

    #[test]
    fn w503_held_in_the_future() {
        let m = meeting("2026-04-01");
        assert_eq!(
            run(w503_held_in_future, &one(m)),
            [("W503".into(), "meetings/2026-04-01.md".into(), 3)]
        );
    }
}

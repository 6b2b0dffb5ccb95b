//! Rules about what happens between sessions: action items, the mentor's commitments,
//! and suggestions that deserve a reflection before a decision.

use crate::diagnostics::{Code, Diagnostic};
use crate::english::count;
use crate::journal::{Journal, MeetingStatus};

pub fn w301_overdue_action(j: &Journal, out: &mut Vec<Diagnostic>) {
    for m in &j.meetings {
        for (i, a) in m.actions.iter().enumerate() {
            if let Some(due) = a.due
                && a.is_overdue(j.today)
            {
                let owner = a.owner.map_or("", |o| j.config.person(o).name.as_str());
                out.push(Diagnostic::new(
                    Code::W301,
                    m.source.at(&format!("actions.{i}")),
                    format!(
                        "action \"{}\" ({owner}) was due {due} and is not done",
                        a.task
                    )
                    .replace(" ()", ""),
                    "add `done: YYYY-MM-DD` when it is finished, or agree a new `due` date",
                ));
            }
        }
    }
}

pub fn w302_commitment_not_followed_up(j: &Journal, out: &mut Vec<Diagnostic>) {
    let limit = i64::from(j.config.follow_up_days);
    for m in j
        .meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
    {
        for (i, c) in m
            .commitments
            .iter()
            .enumerate()
            .filter(|(_, c)| c.fulfilled.is_none())
        {
            let waited = c.days_waiting(m.date, j.today);
            if waited > limit {
                let message = format!(
                    "the mentor's commitment \"{}\" has had no follow-up for {}",
                    c.what,
                    count(waited as usize, "day")
                );
                let hint = format!(
                    "follow up with your mentor and record `followed_up: YYYY-MM-DD` (flagged after {})",
                    count(limit as usize, "day")
                );
                let at = m.source.at(&format!("commitments.{i}"));
                out.push(Diagnostic::new(Code::W302, at, message, hint));
            }
        }
    }
}

pub fn w303_action_without_owner_or_due(j: &Journal, out: &mut Vec<Diagnostic>) {
    for m in &j.meetings {
        for (i, a) in m.actions.iter().enumerate() {
            let missing = match (a.owner.is_none(), a.due.is_none()) {
                (true, true) => "no owner and no due date",
                (true, false) => "no owner",
                (false, true) => "no due date",
                (false, false) => continue,
            };
            out.push(Diagnostic::new(
                Code::W303,
                m.source.at(&format!("actions.{i}")),
                format!("action \"{}\" has {missing}", a.task),
                "give every action an `owner:` (mentee or mentor) and a `due:` date",
            ));
        }
    }
}

pub fn w401_suggestion_not_reflected(j: &Journal, out: &mut Vec<Diagnostic>) {
    for m in &j.meetings {
        for (i, s) in m.suggestions.iter().enumerate() {
            let missing = match (s.reflection.is_none(), s.decision.is_none()) {
                (true, true) => "no reflection and no decision",
                (true, false) => "no reflection",
                (false, true) => "no decision",
                (false, false) => continue,
            };
            out.push(Diagnostic::new(Code::W401, m.source.at(&format!("feedback.received.{i}")), format!("the suggestion \"{}\" has {missing}", s.suggestion), "reflect on it before deciding: add `reflection:` and `decision:` (adopted, adapted, declined or considering)"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{ActionItem, Commitment, Owner, Suggestion};
    use crate::validate::testing::*;

    fn with(f: impl FnOnce(&mut crate::journal::Meeting)) -> Journal {
        let mut j = journal();
        let mut m = meeting("2026-02-02");
        m.source = source(
            "meetings/2026-02-02.md",
            &[
                ("date", 2),
                ("actions.0", 7),
                ("commitments.0", 9),
                ("feedback.received.0", 12),
            ],
        );
        f(&mut m);
        j.meetings.push(m.into());
        j
    }

    fn action(due: Option<&str>, done: Option<&str>, owner: Option<Owner>) -> ActionItem {
        ActionItem {
            task: "Write".into(),
            owner,
            due: due.map(date),
            done: done.map(date),
            goal: None,
            line: 7,
        }
    }

    #[test]
    fn w301_past_due_and_not_done() {
        let j = with(|m| {
            m.actions
                .push(action(Some("2026-02-20"), None, Some(Owner::Mentee)))
        });
        assert_eq!(
            run(w301_overdue_action, &j),
            [("W301".into(), "meetings/2026-02-02.md".into(), 7)]
        );
        let j = with(|m| {
            m.actions.push(action(
                Some("2026-02-20"),
                Some("2026-02-19"),
                Some(Owner::Mentee),
            ))
        });
        assert!(run(w301_overdue_action, &j).is_empty());
    }

    #[test]
    fn w302_commitment_waiting_too_long() {
        let j = with(|m| {
            m.commitments.push(Commitment {
                what: "Intro".into(),
                followed_up: None,
                fulfilled: None,
                line: 9,
            })
        });
        assert_eq!(
            run(w302_commitment_not_followed_up, &j),
            [("W302".into(), "meetings/2026-02-02.md".into(), 9)]
        );
        let j = with(|m| {
            m.commitments.push(Commitment {
                what: "Intro".into(),
                followed_up: Some(date("2026-02-25")),
                fulfilled: None,
                line: 9,
            })
        });
        assert!(run(w302_commitment_not_followed_up, &j).is_empty());
    }

    #[test]
    fn w303_owner_or_due_missing() {
        let j = with(|m| m.actions.push(action(None, None, Some(Owner::Mentor(0)))));
        assert_eq!(
            run(w303_action_without_owner_or_due, &j),
            [("W303".into(), "meetings/2026-02-02.md".into(), 7)]
        );
        let j = with(|m| m.actions.push(action(Some("2026-03-05"), None, None)));
        assert_eq!(run(w303_action_without_owner_or_due, &j).len(), 1);
    }

    #[test]
    fn w401_suggestion_without_reflection() {
        let j = with(|m| {
            m.suggestions.push(Suggestion {
                suggestion: "Rehearse".into(),
                reflection: None,
                decision: None,
                line: 12,
            })
        });
        assert_eq!(
            run(w401_suggestion_not_reflected, &j),
            [("W401".into(), "meetings/2026-02-02.md".into(), 12)]
        );
    }
}

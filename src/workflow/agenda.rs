//! Preparing a session: what the next meeting should cover, drawn from the journal itself.
//!
//! Each query is a plain function over the [`Journal`], so `new meeting`, `agenda` and the
//! tests share one definition of "open", "overdue", "coming due" and "neglected".

use chrono::{Duration, NaiveDate};

use crate::analyse::actions::{
    ActionRef, ActionState, CommitmentRef, all_actions, open_commitments,
};
pub use crate::analyse::next::{NextMeeting, next_by_cadence, next_meeting};
use crate::console::Globals;
use crate::i18n::Arg;
use crate::journal::{Benchmark, Every, Goal, GoalStatus, Journal, Meeting, MeetingStatus, Owner};

/// Open action items of held meetings, in the analysis' order: overdue first, then by due
/// date (undated last), then by the meeting they came from.
pub fn open_actions(j: &Journal) -> Vec<ActionRef<'_>> {
    all_actions(j)
        .into_iter()
        .filter(|r| r.state != ActionState::Done && r.meeting.status == MeetingStatus::Held)
        .collect()
}

/// Benchmarks of active goals, not done, due before `until` (overdue ones included, since
/// they need talking about most), by due date.
pub fn upcoming_benchmarks(j: &Journal, until: NaiveDate) -> Vec<(&Goal, &Benchmark)> {
    let mut due: Vec<(&Goal, &Benchmark)> = active(j)
        .flat_map(|g| g.benchmarks.iter().map(move |b| (g, b)))
        .filter(|(_, b)| b.done.is_none() && b.due.is_some_and(|d| d < until))
        .collect();
    due.sort_by_key(|(g, b)| (b.due, g.id.clone(), b.line));
    due
}

/// An active goal that has gone without discussion for too long.
#[derive(Clone, Debug)]
pub struct Neglected<'a> {
    pub goal: &'a Goal,
    /// The last held meeting that listed the goal, if any did.
    pub last_discussed: Option<NaiveDate>,
}

/// Active goals not discussed in a held meeting for more than two cadence periods as of `on`
/// (the date of the meeting being prepared). A goal never discussed counts from when it
/// started, or from the start of the mentoring.
pub fn neglected_goals(j: &Journal, on: NaiveDate) -> Vec<Neglected<'_>> {
    let limit = 2 * j.config.cadence.on(on).days();
    active(j)
        .filter_map(|goal| {
            let last_discussed = held(j)
                .filter(|m| m.date <= on && m.goals.contains(&goal.id))
                .map(|m| m.date)
                .max();
            let since = last_discussed.or(goal.started).or(j.config.start);
            let stale = since.is_none_or(|d| (on - d).num_days() > limit);
            stale.then_some(Neglected {
                goal,
                last_discussed,
            })
        })
        .collect()
}

/// One point of a proposed agenda, worded to say where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaItem {
    pub text: String,
    /// The goal the point is about, when there is one.
    pub goal: Option<String>,
}

/// The agenda a prepared mentee would bring to a meeting on `date`: open action items
/// (overdue first), the mentor's outstanding commitments, benchmarks due before the meeting
/// after it, and goals that have gone quiet. Worded in the journal's language.
pub fn propose(j: &Journal, date: NaiveDate) -> Vec<AgendaItem> {
    let s = &*j.strings;
    let mut items = Vec::new();
    for o in open_actions(j) {
        // The point is written into the meeting's file, so it says when things are due,
        // never whether they are late: that changes with the day it is read.
        let due = match o.action.due {
            Some(due) => s.fmt("agenda.due", &[("date", &s.date(due))]),
            None => s.t("agenda.no_due").to_string(),
        };
        let from = s.date(o.meeting.date);
        let args: [Arg; 3] = [("task", &o.action.task), ("from", &from), ("due", &due)];
        let text = match o.action.owner {
            Some(owner @ Owner::Mentor(_)) => s.fmt(
                "agenda.follow_up_mentor",
                &[&args[..], &[("name", &j.config.person(owner).name)]].concat(),
            ),
            _ => s.fmt("agenda.follow_up", &args),
        };
        items.push(AgendaItem {
            text,
            goal: o.action.goal.clone(),
        });
    }
    for CommitmentRef {
        meeting: m,
        commitment: c,
        ..
    } in open_commitments(j)
    {
        let from = s.date(m.date);
        let args: [Arg; 2] = [("what", &c.what), ("from", &from)];
        let text = match c.followed_up {
            Some(d) => s.fmt(
                "agenda.check_on",
                &[&args[..], &[("followed", &s.date(d))]].concat(),
            ),
            None => s.fmt("agenda.check_on_waiting", &args),
        };
        items.push(AgendaItem { text, goal: None });
    }
    let until = date + Duration::days(j.config.cadence.on(date).days());
    for (g, b) in upcoming_benchmarks(j, until) {
        let Some(due) = b.due else { continue };
        items.push(AgendaItem {
            text: s.fmt(
                "agenda.benchmark",
                &[
                    ("benchmark", &b.title),
                    ("goal", &g.title),
                    ("due", &s.date(due)),
                ],
            ),
            goal: Some(g.id.clone()),
        });
    }
    for n in neglected_goals(j, date) {
        let text = match n.last_discussed {
            Some(d) => s.fmt(
                "agenda.check_in",
                &[("goal", &n.goal.title), ("date", &s.date(d))],
            ),
            None => s.fmt("agenda.check_in_new", &[("goal", &n.goal.title)]),
        };
        items.push(AgendaItem {
            text,
            goal: Some(n.goal.id.clone()),
        });
    }
    items
}

/// The cadence in force on `on`, as it reads inside a sentence: "weekly", "every 10 days".
pub fn cadence(j: &Journal, on: NaiveDate) -> String {
    let s = &*j.strings;
    match j.config.cadence.on(on) {
        Every::Weekly => s.t("agenda.cadence.weekly").to_string(),
        Every::Biweekly => s.t("agenda.cadence.biweekly").to_string(),
        Every::Monthly => s.t("agenda.cadence.monthly").to_string(),
        Every::Days(n) => s.count("agenda.cadence.days", n as usize, &[]),
    }
}

/// The ids of the goals an agenda touches, sorted and without repeats.
pub fn goals_of(items: &[AgendaItem]) -> Vec<String> {
    let mut ids: Vec<String> = items.iter().filter_map(|i| i.goal.clone()).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The proposed agenda of the next meeting as Markdown, for a calendar invite: the points
/// already written into a planned meeting first, then the proposed ones it does not have yet.
pub fn to_markdown(j: &Journal) -> String {
    let s = &*j.strings;
    let next = next_meeting(j);
    let when = s.moment(next.date, next.time);
    let minutes = next.planned.map_or(j.config.meeting_length, |m| m.duration);
    let mut out = format!("# {}\n\n", s.fmt("agenda.title", &[("when", &when)]));
    out += &s.fmt(
        "agenda.attendance",
        &[
            ("people", &j.config.participants(&j.strings)),
            ("minutes", &s.count("agenda.minutes", minutes as usize, &[])),
        ],
    );
    if next.planned.is_none() {
        out.push(' ');
        out += &s.fmt(
            "agenda.proposed_date",
            &[("cadence", &cadence(j, next.date))],
        );
    }
    out += "\n\n";
    let mut lines: Vec<String> = next.planned.map_or(Vec::new(), |m| m.agenda.clone());
    for item in propose(j, next.date) {
        if !lines.contains(&item.text) {
            lines.push(item.text);
        }
    }
    if lines.is_empty() {
        out += s.t("agenda.nothing_open");
        out.push('\n');
    }
    for line in lines {
        out += &format!("- {line}\n");
    }
    out
}

/// `mentorfolio agenda`.
pub fn run(g: &Globals) -> i32 {
    match super::load_checked(g) {
        Ok((journal, ledger)) => {
            super::print_public(g, "agenda", &to_markdown(&journal), &journal, &ledger)
        }
        Err(status) => status,
    }
}

fn held(j: &Journal) -> impl Iterator<Item = &Meeting> {
    j.meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
        .map(|m| &**m)
}

fn active(j: &Journal) -> impl Iterator<Item = &Goal> {
    j.goals.iter().filter(|g| g.status == GoalStatus::Active)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::CadencePeriod;
    use crate::journal::Commitment;
    use crate::validate::testing::*;

    /// Today is 2026-03-01 in the testing journal.
    fn with_actions() -> Journal {
        let mut j = journal();
        let mut a = meeting("2026-02-02");
        a.actions = vec![
            action("Later task", Owner::Mentee, "2026-03-20", None),
            action("Late task", Owner::Mentee, "2026-02-20", None),
            action(
                "Finished task",
                Owner::Mentee,
                "2026-02-10",
                Some("2026-02-09"),
            ),
        ];
        let mut b = meeting("2026-02-16");
        b.actions = vec![
            action("Send a reading list", Owner::Mentor(0), "2026-03-05", None),
            action("Very late task", Owner::Mentee, "2026-02-18", None),
        ];
        let mut planned = meeting("2026-03-09");
        planned.status = MeetingStatus::Planned;
        planned.actions = vec![action("Not agreed yet", Owner::Mentee, "2026-03-10", None)];
        j.meetings = vec![a, b, planned].into_iter().map(Into::into).collect();
        j
    }

    #[test]
    fn open_actions_put_overdue_first_and_skip_done_and_planned() {
        let j = with_actions();
        let tasks: Vec<&str> = open_actions(&j)
            .iter()
            .map(|o| o.action.task.as_str())
            .collect();
        assert_eq!(
            tasks,
            [
                "Very late task",
                "Late task",
                "Send a reading list",
                "Later task"
            ]
        );
    }

    #[test]
    fn agenda_items_say_where_they_come_from() {
        let j = with_actions();
        let texts: Vec<String> = propose(&j, date("2026-03-02"))
            .into_iter()
            .map(|i| i.text)
            .collect();
        assert_eq!(
            texts[0],
            "Follow up: Very late task (action from 16 February 2026, due 18 February 2026)"
        );
        assert_eq!(
            texts[2],
            "Follow up: Send a reading list (Grace's action from 16 February 2026, due 5 March 2026)"
        );
    }

    #[test]
    fn points_are_worded_and_dated_in_the_journals_language() {
        let mut j = with_actions();
        j.strings = std::sync::Arc::new(crate::i18n::Strings::builtin("de"));
        let texts: Vec<String> = propose(&j, date("2026-03-02"))
            .into_iter()
            .map(|i| i.text)
            .collect();
        assert_eq!(
            texts[2],
            "Offene Aufgabe von Grace: Send a reading list (vom 16. Februar 2026, fällig am 5. März 2026)"
        );
        j.config.cadence.periods = vec![CadencePeriod {
            from: None,
            every: Every::Days(10),
        }];
        assert_eq!(cadence(&j, date("2026-03-02")), "alle 10 Tage");
    }

    #[test]
    fn commitments_until_fulfilled() {
        let mut j = journal();
        let mut m = meeting("2026-02-02");
        m.commitments = vec![
            Commitment {
                what: "An introduction".into(),
                followed_up: Some(date("2026-02-10")),
                fulfilled: None,
                line: 9,
            },
            Commitment {
                what: "A book".into(),
                followed_up: None,
                fulfilled: Some(date("2026-02-05")),
                line: 10,
            },
        ];
        j.meetings = vec![m].into_iter().map(Into::into).collect();
        let open = open_commitments(&j);
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].commitment.what, "An introduction");
        assert_eq!(
            propose(&j, date("2026-03-02"))[0].text,
            "Check on: An introduction (mentor's commitment from 2 February 2026, followed up 10 February 2026)"
        );
    }

    #[test]
    fn benchmarks_due_within_the_next_period_of_active_goals() {
        let mut j = journal();
        let mut g = goal("talk");
        g.benchmarks = vec![
            Benchmark {
                title: "Soon".into(),
                due: Some(date("2026-03-08")),
                done: None,
                line: 6,
            },
            Benchmark {
                title: "Far".into(),
                due: Some(date("2026-03-20")),
                done: None,
                line: 7,
            },
            Benchmark {
                title: "Done".into(),
                due: Some(date("2026-03-04")),
                done: Some(date("2026-02-27")),
                line: 8,
            },
            Benchmark {
                title: "Missed".into(),
                due: Some(date("2026-02-20")),
                done: None,
                line: 9,
            },
        ];
        let mut paused = goal("paused");
        paused.status = GoalStatus::Paused;
        j.goals = vec![g, paused];
        // Weekly: a meeting on 03-02 looks ahead to 03-09.
        let titles: Vec<&str> = upcoming_benchmarks(&j, date("2026-03-09"))
            .iter()
            .map(|(_, b)| b.title.as_str())
            .collect();
        assert_eq!(titles, ["Missed", "Soon"]);
        let texts: Vec<String> = propose(&j, date("2026-03-02"))
            .into_iter()
            .map(|i| i.text)
            .collect();
        assert!(texts.contains(&"Benchmark: Missed (A goal, due 20 February 2026)".into()));
        assert!(texts.contains(&"Benchmark: Soon (A goal, due 8 March 2026)".into()));
    }

    #[test]
    fn goals_quiet_for_more_than_two_periods() {
        let mut j = journal();
        let mut quiet = goal("quiet");
        quiet.started = Some(date("2026-01-05"));
        let mut recent = goal("recent");
        recent.started = Some(date("2026-01-05"));
        let mut fresh = goal("fresh");
        fresh.started = Some(date("2026-02-25"));
        let never = goal("never");
        let mut old = meeting("2026-02-02");
        old.goals = vec!["quiet".into()];
        let mut new = meeting("2026-02-20");
        new.goals = vec!["recent".into()];
        j.goals = vec![fresh, never, quiet, recent];
        j.meetings = vec![old, new].into_iter().map(Into::into).collect();
        let ids: Vec<(&str, Option<NaiveDate>)> = neglected_goals(&j, date("2026-03-02"))
            .iter()
            .map(|n| (n.goal.id.as_str(), n.last_discussed))
            .collect();
        // Weekly cadence: more than 14 days. `never` counts from the mentoring's start.
        assert_eq!(ids, [("never", None), ("quiet", Some(date("2026-02-02")))]);
        // A biweekly cadence allows 28 days.
        j.config.cadence.periods = vec![CadencePeriod {
            from: None,
            every: Every::Biweekly,
        }];
        let ids: Vec<&str> = neglected_goals(&j, date("2026-03-02"))
            .iter()
            .map(|n| n.goal.id.as_str())
            .collect();
        assert_eq!(ids, ["never"]);
        let ids: Vec<&str> = neglected_goals(&j, date("2026-03-03"))
            .iter()
            .map(|n| n.goal.id.as_str())
            .collect();
        assert_eq!(ids, ["never", "quiet"]);
    }

    #[test]
    fn next_meeting_is_the_planned_one_or_the_cadence() {
        let mut j = with_actions();
        let next = next_meeting(&j);
        assert_eq!(next.date, date("2026-03-09"));
        assert!(next.planned.is_some());
        j.meetings.pop();
        // Last held 2026-02-16, weekly: 02-23 is past, so 03-02.
        let next = next_meeting(&j);
        assert_eq!(
            (next.date, next.planned.is_none()),
            (date("2026-03-02"), true)
        );
        j.meetings.clear();
        assert_eq!(next_meeting(&j).date, j.today);
    }

    #[test]
    fn markdown_keeps_written_points_and_adds_missing_ones() {
        let mut j = with_actions();
        std::sync::Arc::make_mut(&mut j.meetings[2]).agenda = vec![
            "My own question".into(),
            "Follow up: Later task (action from 2 February 2026, due 20 March 2026)".into(),
        ];
        let md = to_markdown(&j);
        assert!(md.starts_with("# Agenda: mentoring session on 9 March 2026\n"));
        assert_eq!(md.matches("Later task").count(), 1, "{md}");
        let own = md.find("My own question").unwrap();
        let late = md.find("Very late task").unwrap();
        assert!(own < late, "{md}");
    }
}

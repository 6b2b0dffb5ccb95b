//! The mentee checklist scorecard: each of the ten items of the mentee's action checklist
//! measured from the journal as site.md defines it, with the numbers behind the score and
//! a phrase on what would raise it. Items and phrases are keys of the translations table
//! (`score.*`), said in the journal's language when the page is rendered.

use foldhash::HashSet;

use chrono::{Datelike, Duration, NaiveDate};

use super::cadence::gaps;
use super::phrase::{Phrase, Value};
use super::{months, percent, start_of};
use crate::journal::{GoalStatus, Journal, MeetingStatus, Owner};

/// One item of the scorecard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistItem {
    pub number: u8,
    /// The key of the item's name.
    pub title: &'static str,
    /// The key of what is counted, in words.
    pub measure: &'static str,
    pub numerator: usize,
    pub denominator: usize,
    /// 0 to 100.
    pub score: u32,
    /// What would raise the score, or why it is already full.
    pub raise: Phrase,
}

/// How an item scores when there is nothing to count yet.
#[derive(Clone, Copy)]
enum WhenEmpty {
    /// Nothing was owed, so nothing was missed (no cancellations, no suggestions).
    Full,
    /// Nothing was done, so nothing counts yet (no goals, no meetings).
    Zero,
}

fn item(
    number: u8,
    (title, measure): (&'static str, &'static str),
    (numerator, denominator): (usize, usize),
    empty: WhenEmpty,
    raise: Phrase,
) -> ChecklistItem {
    let score = match (denominator, empty) {
        (0, WhenEmpty::Full) => 100,
        (0, WhenEmpty::Zero) => 0,
        _ => percent(numerator, denominator),
    };
    ChecklistItem {
        number,
        title,
        measure,
        numerator,
        denominator,
        score,
        raise,
    }
}

/// The things a phrase names by their own words.
fn names<'a>(all: impl IntoIterator<Item = &'a str>) -> Value {
    Value::Names(all.into_iter().map(str::to_string).collect())
}

/// Months from the start of the mentoring to today, inclusive; none before it starts.
fn mentoring_months(j: &Journal) -> Vec<NaiveDate> {
    let start = start_of(j);
    if start > j.today {
        Vec::new()
    } else {
        months(start, j.today)
    }
}

/// The months some of `dates` fall in, up to today: looked up once per month of the
/// mentoring, so items 6 and 7 cost O(months + meetings), not O(months × meetings).
fn months_with(dates: impl Iterator<Item = NaiveDate>, today: NaiveDate) -> HashSet<(i32, u32)> {
    dates
        .filter(|d| *d <= today)
        .map(|d| (d.year(), d.month()))
        .collect()
}

/// The ten items, in the checklist's order. `private_passages` is how many private
/// passages the loader removed; a site is only ever written once all of them are
/// verified absent from it, so every one counts as kept out.
pub fn scorecard(j: &Journal, private_passages: usize) -> Vec<ChecklistItem> {
    let today = j.today;
    let active: Vec<_> = j
        .goals
        .iter()
        .filter(|g| g.status == GoalStatus::Active)
        .collect();
    let held: Vec<_> = j
        .meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
        .collect();
    let mut out = Vec::with_capacity(10);

    // 1. A growth plan with specific targets.
    let vague: Vec<_> = active
        .iter()
        .filter(|g| g.benchmarks.is_empty() || g.target.is_none())
        .collect();
    out.push(item(
        1,
        ("score.plan.title", "score.plan.measure"),
        (active.len() - vague.len(), active.len()),
        WhenEmpty::Zero,
        if active.is_empty() {
            Phrase::new("score.no_active_goal")
        } else if vague.is_empty() {
            Phrase::new("score.plan.full")
        } else {
            Phrase::new("score.plan.raise")
                .with("names", names(vague.iter().map(|g| g.title.as_str())))
        },
    ));

    // 2. Regular meeting times.
    let gaps = gaps(j);
    let long: Vec<_> = gaps.iter().filter(|g| !g.within).collect();
    out.push(item(
        2,
        ("score.rhythm.title", "score.rhythm.measure"),
        (gaps.len() - long.len(), gaps.len()),
        WhenEmpty::Zero,
        if gaps.is_empty() {
            Phrase::new("score.rhythm.none")
        } else if long.is_empty() {
            Phrase::new("score.rhythm.full")
        } else {
            Phrase::new("score.rhythm.raise").with("n", Value::Number(long.len()))
        },
    ));

    // 3. Focused discussion points.
    let late: Vec<_> = held
        .iter()
        .filter(|m| m.agenda_sent.is_none_or(|s| s > m.date))
        .collect();
    out.push(item(
        3,
        ("score.agenda.title", "score.agenda.measure"),
        (held.len() - late.len(), held.len()),
        WhenEmpty::Zero,
        if held.is_empty() {
            Phrase::new("score.agenda.none")
        } else if late.is_empty() {
            Phrase::new("score.agenda.full")
        } else {
            Phrase::new("score.agenda.raise")
                .with("meetings", Value::Counted("count.meetings", late.len()))
        },
    ));

    // 4. Tasks completed between sessions.
    let due: Vec<_> = j
        .meetings
        .iter()
        .flat_map(|m| &m.actions)
        .filter(|a| a.owner == Some(Owner::Mentee) && a.due.is_some_and(|d| d <= today))
        .collect();
    let missed: Vec<_> = due
        .iter()
        .filter(|a| !matches!((a.done, a.due), (Some(done), Some(d)) if done <= d))
        .collect();
    out.push(item(
        4,
        ("score.tasks.title", "score.tasks.measure"),
        (due.len() - missed.len(), due.len()),
        WhenEmpty::Full,
        if missed.is_empty() {
            Phrase::new("score.tasks.full")
        } else {
            Phrase::new("score.tasks.raise")
                .with("names", names(missed.iter().map(|a| a.task.as_str())))
        },
    ));

    // 5. Request and implement suggestions.
    let suggestions: Vec<_> = j.meetings.iter().flat_map(|m| &m.suggestions).collect();
    let unreflected: Vec<_> = suggestions
        .iter()
        .filter(|s| s.reflection.is_none() || s.decision.is_none())
        .collect();
    out.push(item(
        5,
        ("score.suggestions.title", "score.suggestions.measure"),
        (suggestions.len() - unreflected.len(), suggestions.len()),
        WhenEmpty::Full,
        if suggestions.is_empty() {
            Phrase::new("score.suggestions.none")
        } else if unreflected.is_empty() {
            Phrase::new("score.suggestions.full")
        } else {
            Phrase::new("score.suggestions.raise").with(
                "names",
                names(unreflected.iter().map(|s| s.suggestion.as_str())),
            )
        },
    ));

    let all_months = mentoring_months(j);

    // 6. Feedback to the mentor.
    let with_feedback = months_with(
        j.meetings
            .iter()
            .filter(|m| !m.feedback_given.is_empty())
            .map(|m| m.date),
        today,
    );
    let quiet: Vec<_> = all_months
        .iter()
        .copied()
        .filter(|mo| !with_feedback.contains(&(mo.year(), mo.month())))
        .collect();
    out.push(item(
        6,
        ("score.feedback.title", "score.feedback.measure"),
        (all_months.len() - quiet.len(), all_months.len()),
        WhenEmpty::Zero,
        if quiet.is_empty() && !all_months.is_empty() {
            Phrase::new("score.feedback.full")
        } else if all_months.is_empty() {
            Phrase::new("score.not_started")
        } else {
            Phrase::new("score.feedback.raise").with("months", Value::Months(quiet))
        },
    ));

    // 7. Skill-building activities.
    let with_activity = months_with(j.activities.iter().map(|a| a.date), today);
    let idle: Vec<_> = all_months
        .iter()
        .copied()
        .filter(|mo| !with_activity.contains(&(mo.year(), mo.month())))
        .collect();
    out.push(item(
        7,
        ("score.activities.title", "score.activities.measure"),
        (all_months.len() - idle.len(), all_months.len()),
        WhenEmpty::Zero,
        if idle.is_empty() && !all_months.is_empty() {
            Phrase::new("score.activities.full")
        } else if all_months.is_empty() {
            Phrase::new("score.not_started")
        } else {
            Phrase::new("score.activities.raise").with("months", Value::Months(idle))
        },
    ));

    // 8. Confidentiality.
    out.push(item(
        8,
        (
            "score.confidentiality.title",
            "score.confidentiality.measure",
        ),
        (private_passages, private_passages),
        WhenEmpty::Full,
        Phrase::new(if private_passages == 0 {
            "score.confidentiality.none"
        } else {
            "score.confidentiality.full"
        }),
    ));

    // 9. Progress monitored.
    let since = today - Duration::days(30);
    let recent = |d: NaiveDate| d > since && d <= today;
    let stale: Vec<_> = active
        .iter()
        .filter(|g| {
            let benchmark = g.benchmarks.iter().any(|b| b.done.is_some_and(recent));
            let discussed = held
                .iter()
                .any(|m| recent(m.date) && m.goals.contains(&g.id));
            !benchmark && !discussed
        })
        .collect();
    out.push(item(
        9,
        ("score.monitoring.title", "score.monitoring.measure"),
        (active.len() - stale.len(), active.len()),
        WhenEmpty::Zero,
        if active.is_empty() {
            Phrase::new("score.no_active_goal")
        } else if stale.is_empty() {
            Phrase::new("score.monitoring.full")
        } else {
            Phrase::new("score.monitoring.raise")
                .with("names", names(stale.iter().map(|g| g.title.as_str())))
        },
    ));

    // 10. Respect for the mentor's time. Only the mentee's own cancellations count.
    let cancelled: Vec<_> = j
        .meetings
        .iter()
        .filter(|m| m.cancelled_by() == Some(Owner::Mentee))
        .collect();
    let courteous = cancelled
        .iter()
        .filter(|m| {
            m.cancellation.as_ref().is_some_and(|c| {
                c.notice_given.is_some_and(|n| n < m.date) && c.rescheduled_to.is_some()
            })
        })
        .count();
    let on_time = held
        .iter()
        .filter(|m| !m.ran_over(j.config.meeting_length))
        .count();
    let whole = cancelled.len() + held.len();
    out.push(item(
        10,
        ("score.respect.title", "score.respect.measure"),
        (courteous + on_time, whole),
        WhenEmpty::Full,
        {
            let rude = cancelled.len() - courteous;
            let over = Value::Counted("count.meetings", held.len() - on_time);
            match (rude > 0, on_time < held.len()) {
                (false, false) => Phrase::new("score.respect.full"),
                (true, false) => {
                    Phrase::new("score.respect.raise_notice").with("n", Value::Number(rude))
                }
                (false, true) => Phrase::new("score.respect.raise_length").with("meetings", over),
                (true, true) => Phrase::new("score.respect.raise_both")
                    .with("n", Value::Number(rude))
                    .with("meetings", over),
            }
        },
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{ActionItem, Activity, ActivityKind, Cancellation, Suggestion};
    use crate::validate::testing::*;

    fn score(j: &Journal, n: u8) -> (usize, usize, u32) {
        let i = scorecard(j, 2).into_iter().find(|i| i.number == n).unwrap();
        (i.numerator, i.denominator, i.score)
    }

    #[test]
    fn there_are_ten_items_in_order() {
        let numbers: Vec<_> = scorecard(&journal(), 0).iter().map(|i| i.number).collect();
        assert_eq!(numbers, (1..=10).collect::<Vec<_>>());
    }

    #[test]
    fn growth_plan_counts_active_goals_with_benchmark_and_target() {
        let mut j = journal();
        let mut vague = goal("b");
        vague.target = None;
        let mut paused = goal("c");
        paused.status = GoalStatus::Paused;
        paused.target = None;
        j.goals = vec![goal("a"), vague, paused];
        assert_eq!(score(&j, 1), (1, 2, 50));
        let raise = &scorecard(&j, 0)[0].raise;
        assert_eq!(raise.key, "score.plan.raise");
        assert_eq!(raise.args, [("names", Value::Names(vec!["A goal".into()]))]);
    }

    #[test]
    fn agenda_sent_after_the_meeting_does_not_count() {
        let mut j = journal();
        let mut late = meeting("2026-01-12");
        late.agenda_sent = Some(date("2026-01-13"));
        let mut planned = meeting("2026-03-09");
        planned.status = MeetingStatus::Planned;
        j.meetings = vec![meeting("2026-01-05"), late, planned]
            .into_iter()
            .map(Into::into)
            .collect();
        assert_eq!(score(&j, 3), (1, 2, 50));
    }

    #[test]
    fn tasks_count_only_mentee_items_due_so_far_done_on_time() {
        let mut j = journal();
        let mut m = meeting("2026-01-05");
        let a = |due: &str, done: Option<&str>, owner| ActionItem {
            task: "t".into(),
            owner: Some(owner),
            due: Some(date(due)),
            done: done.map(date),
            goal: None,
            line: 1,
        };
        m.actions = vec![
            a("2026-01-10", Some("2026-01-09"), Owner::Mentee),
            a("2026-01-10", Some("2026-01-11"), Owner::Mentee),
            a("2026-01-10", None, Owner::Mentor(0)),
            a("2026-04-10", None, Owner::Mentee),
        ];
        j.meetings = vec![m].into_iter().map(Into::into).collect();
        assert_eq!(score(&j, 4), (1, 2, 50));
    }

    #[test]
    fn suggestions_need_reflection_and_decision() {
        let mut j = journal();
        let mut m = meeting("2026-01-05");
        m.suggestions = vec![
            Suggestion {
                suggestion: "s".into(),
                reflection: Some("r".into()),
                decision: Some(crate::journal::Decision::Adopted),
                line: 1,
            },
            Suggestion {
                suggestion: "t".into(),
                reflection: Some("r".into()),
                decision: None,
                line: 2,
            },
        ];
        j.meetings = vec![m].into_iter().map(Into::into).collect();
        assert_eq!(score(&j, 5), (1, 2, 50));
        assert_eq!(score(&journal(), 5), (0, 0, 100));
    }

    #[test]
    fn months_with_feedback_and_activities() {
        let mut j = journal(); // start 2026-01-05, today 2026-03-01: three months
        let mut m = meeting("2026-02-02");
        m.feedback_given = vec!["More written questions".into()];
        j.meetings = vec![m].into_iter().map(Into::into).collect();
        j.activities = vec![
            Activity {
                slug: "a".into(),
                title: "Course".into(),
                date: date("2026-01-20"),
                kind: ActivityKind::Course,
                hours: None,
                goals: vec![],
                tags: vec![],
                draft: false,
                body: String::new(),
                allow: Default::default(),
                source: source("activities/a.md", &[]),
            }
            .into(),
        ];
        assert_eq!(score(&j, 6), (1, 3, 33));
        assert_eq!(score(&j, 7), (1, 3, 33));
    }

    #[test]
    fn confidentiality_counts_passages() {
        assert_eq!(score(&journal(), 8), (2, 2, 100));
    }

    #[test]
    fn monitored_goals_moved_or_discussed_in_30_days() {
        let mut j = journal();
        let mut m = meeting("2026-02-20");
        m.goals = vec!["a".into()];
        j.meetings = vec![m].into_iter().map(Into::into).collect();
        j.goals = vec![goal("a"), goal("b")];
        assert_eq!(score(&j, 9), (1, 2, 50));
    }

    #[test]
    fn respect_counts_notice_new_date_and_length() {
        let mut j = journal();
        let mut long = meeting("2026-01-05");
        long.duration = 90;
        let mut cancelled = meeting("2026-01-12");
        cancelled.status = MeetingStatus::Cancelled;
        cancelled.cancellation = Some(Cancellation {
            by: Owner::Mentee,
            notice_given: Some(date("2026-01-10")),
            reason: None,
            rescheduled_to: Some(date("2026-01-14")),
            line: 9,
        });
        j.meetings = vec![long, cancelled, meeting("2026-01-19")]
            .into_iter()
            .map(Into::into)
            .collect();
        assert_eq!(score(&j, 10), (2, 3, 67));
        // Only the overrun is left to fix; the phrase counts meetings, worded at render.
        let raise = &scorecard(&j, 0)[9].raise;
        assert_eq!(raise.key, "score.respect.raise_length");
        assert_eq!(
            raise.args,
            [("meetings", Value::Counted("count.meetings", 1))]
        );
    }

    #[test]
    fn respect_ignores_the_mentors_cancellations_and_honours_planned_lengths() {
        let mut j = journal();
        let mut long = meeting("2026-01-05");
        long.duration = 90;
        long.planned_duration = Some(90);
        let mut cancelled = meeting("2026-01-12");
        cancelled.status = MeetingStatus::Cancelled;
        cancelled.cancellation = Some(Cancellation {
            by: Owner::Mentor(0),
            notice_given: None,
            reason: None,
            rescheduled_to: None,
            line: 9,
        });
        j.meetings = vec![long, cancelled, meeting("2026-01-19")]
            .into_iter()
            .map(Into::into)
            .collect();
        assert_eq!(score(&j, 10), (2, 2, 100));
    }
}

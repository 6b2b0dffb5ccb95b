//! The timeline: every dated event of the journal in order, and progress month by month.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::{months, percent, start_of};
use crate::journal::{Activity, Goal, Journal, Meeting, MeetingStatus};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EventKind {
    GoalStarted,
    Meeting,
    Activity,
    BenchmarkDone,
    ActionDone,
    CommitmentFulfilled,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::GoalStarted => "goal started",
            EventKind::Meeting => "meeting",
            EventKind::Activity => "activity",
            EventKind::BenchmarkDone => "benchmark done",
            EventKind::ActionDone => "action done",
            EventKind::CommitmentFulfilled => "commitment fulfilled",
        }
    }
}

/// What an event belongs to, so a page can link to it.
#[derive(Clone, Copy, Debug)]
pub enum Subject<'a> {
    Goal(&'a Goal),
    Meeting(&'a Meeting),
    Activity(&'a Activity),
}

#[derive(Clone, Debug)]
pub struct Event<'a> {
    pub date: NaiveDate,
    pub kind: EventKind,
    /// The goal's, benchmark's, item's or activity's own words; a meeting's status.
    /// Borrowed, not copied: a timeline holds an event for every action done, and a page
    /// shows a hundred of them.
    pub text: Cow<'a, str>,
    pub subject: Subject<'a>,
}

/// Every dated event, oldest first; planned meetings in the future are included.
pub fn events(j: &Journal) -> Vec<Event<'_>> {
    let mut out = Vec::new();
    for g in &j.goals {
        if let Some(d) = g.started {
            out.push(Event {
                date: d,
                kind: EventKind::GoalStarted,
                text: Cow::Borrowed(&g.title),
                subject: Subject::Goal(g),
            });
        }
        for b in &g.benchmarks {
            if let Some(d) = b.done {
                out.push(Event {
                    date: d,
                    kind: EventKind::BenchmarkDone,
                    text: Cow::Borrowed(&b.title),
                    subject: Subject::Goal(g),
                });
            }
        }
    }
    for m in &j.meetings {
        // A meeting has no words of its own: the page names it by its date and status,
        // in the journal's language. The status orders meetings of one day.
        let status = match m.status {
            MeetingStatus::Held => "",
            MeetingStatus::Cancelled => "cancelled",
            MeetingStatus::Planned => "planned",
        };
        out.push(Event {
            date: m.date,
            kind: EventKind::Meeting,
            text: Cow::Borrowed(status),
            subject: Subject::Meeting(m),
        });
        for a in &m.actions {
            if let Some(d) = a.done {
                out.push(Event {
                    date: d,
                    kind: EventKind::ActionDone,
                    text: Cow::Borrowed(&a.task),
                    subject: Subject::Meeting(m),
                });
            }
        }
        for c in &m.commitments {
            if let Some(d) = c.fulfilled {
                out.push(Event {
                    date: d,
                    kind: EventKind::CommitmentFulfilled,
                    text: Cow::Borrowed(&c.what),
                    subject: Subject::Meeting(m),
                });
            }
        }
    }
    for a in &j.activities {
        out.push(Event {
            date: a.date,
            kind: EventKind::Activity,
            text: Cow::Borrowed(&a.title),
            subject: Subject::Activity(a),
        });
    }
    out.sort_by(|a, b| (a.date, a.kind, &a.text).cmp(&(b.date, b.kind, &b.text)));
    out
}

/// Progress at the end of one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthProgress {
    /// The first day of the month.
    pub month: NaiveDate,
    pub benchmarks_done: usize,
    pub benchmarks_total: usize,
    pub percent: u32,
    pub actions_done: usize,
    pub meetings_held: usize,
}

/// Cumulative progress at the end of each month from the start to today.
pub fn monthly_progress(j: &Journal) -> Vec<MonthProgress> {
    let start = start_of(j);
    if start > j.today {
        return Vec::new();
    }
    let mut done: Vec<NaiveDate> = j
        .goals
        .iter()
        .flat_map(|g| g.benchmarks.iter().filter_map(|b| b.done))
        .collect();
    let total: usize = j.goals.iter().map(|g| g.benchmarks.len()).sum();
    let mut actions: Vec<NaiveDate> = j
        .meetings
        .iter()
        .flat_map(|m| m.actions.iter().filter_map(|a| a.done))
        .collect();
    let mut held: Vec<NaiveDate> = j
        .meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
        .map(|m| m.date)
        .collect();
    done.sort();
    actions.sort();
    held.sort();
    let upto = |v: &[NaiveDate], end: NaiveDate| v.partition_point(|d| *d < end);
    months(start, j.today)
        .into_iter()
        .map(|month| {
            let next = month
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(month);
            let end = next.min(j.today.succ_opt().unwrap_or(j.today));
            let benchmarks_done = upto(&done, end);
            MonthProgress {
                month,
                benchmarks_done,
                benchmarks_total: total,
                percent: percent(benchmarks_done, total),
                actions_done: upto(&actions, end),
                meetings_held: upto(&held, end),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    #[test]
    fn events_are_in_date_order() {
        let mut j = journal();
        let mut g = goal("talk");
        g.started = Some(date("2026-01-06"));
        g.benchmarks[0].done = Some(date("2026-02-03"));
        j.goals = vec![g];
        j.meetings = vec![meeting("2026-01-05"), meeting("2026-02-02")]
            .into_iter()
            .map(Into::into)
            .collect();
        let got: Vec<_> = events(&j).iter().map(|e| (e.date, e.kind)).collect();
        assert_eq!(
            got,
            [
                (date("2026-01-05"), EventKind::Meeting),
                (date("2026-01-06"), EventKind::GoalStarted),
                (date("2026-02-02"), EventKind::Meeting),
                (date("2026-02-03"), EventKind::BenchmarkDone),
            ]
        );
    }

    #[test]
    fn monthly_progress_is_cumulative() {
        let mut j = journal(); // start 2026-01-05, today 2026-03-01
        let mut g = goal("talk");
        g.benchmarks[0].done = Some(date("2026-02-03"));
        g.benchmarks.push(g.benchmarks[0].clone());
        g.benchmarks[1].done = None;
        j.goals = vec![g];
        j.meetings = vec![meeting("2026-01-05"), meeting("2026-02-02")]
            .into_iter()
            .map(Into::into)
            .collect();
        let got: Vec<_> = monthly_progress(&j)
            .iter()
            .map(|m| (m.benchmarks_done, m.percent, m.meetings_held))
            .collect();
        assert_eq!(got, [(0, 0, 1), (1, 50, 2), (1, 50, 2)]);
    }
}

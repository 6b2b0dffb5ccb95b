//! Goal progress: the share of benchmarks done, and each benchmark placed against today.

use chrono::NaiveDate;

use crate::journal::{Benchmark, Goal, GoalStatus};

/// How far a goal has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// 0 to 100; an achieved goal is 100 whatever its benchmarks say.
    pub percent: u32,
}

/// The share of a goal's benchmarks that are done; an achieved goal is 100 %.
pub fn goal_progress(g: &Goal) -> Progress {
    let total = g.benchmarks.len();
    let done = g.benchmarks.iter().filter(|b| b.done.is_some()).count();
    let percent = if g.status == GoalStatus::Achieved {
        100
    } else {
        super::percent(done, total)
    };
    Progress {
        done,
        total,
        percent,
    }
}

/// Where a benchmark stands on `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum BenchmarkState {
    /// Done on or before its due date (or it had none).
    Done,
    /// Done, but after its due date.
    DoneLate,
    /// Past due and not done.
    Overdue,
    /// Not done, not yet due.
    Upcoming,
    /// Not done and without a due date.
    Undated,
}

impl BenchmarkState {
    pub fn as_str(self) -> &'static str {
        match self {
            BenchmarkState::Done => "done",
            BenchmarkState::DoneLate => "done late",
            BenchmarkState::Overdue => "overdue",
            BenchmarkState::Upcoming => "upcoming",
            BenchmarkState::Undated => "no due date",
        }
    }
}

pub fn benchmark_state(b: &Benchmark, today: NaiveDate) -> BenchmarkState {
    match (b.done, b.due) {
        (Some(done), Some(due)) if done > due => BenchmarkState::DoneLate,
        (Some(_), _) => BenchmarkState::Done,
        _ if b.is_overdue(today) => BenchmarkState::Overdue,
        (None, Some(_)) => BenchmarkState::Upcoming,
        (None, None) => BenchmarkState::Undated,
    }
}

#[derive(Clone, Copy, Debug)]
pub struct BenchmarkPoint<'a> {
    pub benchmark: &'a Benchmark,
    pub state: BenchmarkState,
}

/// A goal's benchmarks in the order they fall due (undated ones last), each with its state.
pub fn benchmark_timeline(g: &Goal, today: NaiveDate) -> Vec<BenchmarkPoint<'_>> {
    let mut points: Vec<_> = g
        .benchmarks
        .iter()
        .map(|b| BenchmarkPoint {
            benchmark: b,
            state: benchmark_state(b, today),
        })
        .collect();
    points.sort_by_key(|p| (p.benchmark.due.is_none(), p.benchmark.due, p.benchmark.line));
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    fn bench(due: Option<&str>, done: Option<&str>, line: u32) -> Benchmark {
        Benchmark {
            title: format!("b{line}"),
            due: due.map(date),
            done: done.map(date),
            line,
        }
    }

    #[test]
    fn progress_is_the_share_of_benchmarks_done() {
        let mut g = goal("talk");
        g.benchmarks = vec![
            bench(Some("2026-02-01"), Some("2026-01-30"), 1),
            bench(Some("2026-03-01"), None, 2),
            bench(None, None, 3),
        ];
        assert_eq!(
            goal_progress(&g),
            Progress {
                done: 1,
                total: 3,
                percent: 33
            }
        );
        g.status = GoalStatus::Achieved;
        assert_eq!(goal_progress(&g).percent, 100);
        g.benchmarks.clear();
        g.status = GoalStatus::Active;
        assert_eq!(goal_progress(&g).percent, 0);
    }

    #[test]
    fn timeline_orders_by_due_and_judges_against_today() {
        let mut g = goal("talk");
        g.benchmarks = vec![
            bench(None, None, 1),
            bench(Some("2026-05-01"), None, 2),
            bench(Some("2026-02-01"), None, 3),
            bench(Some("2026-01-01"), Some("2026-01-05"), 4),
        ];
        let t = benchmark_timeline(&g, date("2026-03-01"));
        let states: Vec<_> = t.iter().map(|p| (p.benchmark.line, p.state)).collect();
        assert_eq!(
            states,
            [
                (4, BenchmarkState::DoneLate),
                (3, BenchmarkState::Overdue),
                (2, BenchmarkState::Upcoming),
                (1, BenchmarkState::Undated)
            ]
        );
    }
}

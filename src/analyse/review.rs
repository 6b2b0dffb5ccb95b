//! The review for the mentor: what changed since the last held meeting, what waits on
//! the mentor, and every suggestion with what the mentee decided.

use chrono::NaiveDate;

use super::actions::{ActionRef, ActionState, CommitmentRef, open_commitments};
use crate::journal::{
    Activity, Benchmark, Goal, Journal, Meeting, MeetingStatus, Owner, Suggestion,
};

#[derive(Clone, Copy, Debug)]
pub struct SuggestionRef<'a> {
    pub meeting: &'a Meeting,
    pub suggestion: &'a Suggestion,
}

#[derive(Debug)]
pub struct Review<'a> {
    /// The latest held meeting on or before today.
    pub last_meeting: Option<&'a Meeting>,
    /// Changes are counted after this date: the last meeting, or the start.
    pub since: NaiveDate,
    pub benchmarks_done: Vec<(&'a Goal, &'a Benchmark)>,
    pub actions_done: Vec<ActionRef<'a>>,
    pub activities: Vec<&'a Activity>,
    /// Suggestions the mentor made in the last meeting.
    pub new_suggestions: Vec<SuggestionRef<'a>>,
    /// Mentor action items not done yet.
    pub mentor_actions: Vec<ActionRef<'a>>,
    /// Mentor commitments not fulfilled yet.
    pub mentor_commitments: Vec<CommitmentRef<'a>>,
    /// Every suggestion, newest meeting first.
    pub suggestions: Vec<SuggestionRef<'a>>,
}

fn refs(m: &Meeting) -> Vec<SuggestionRef<'_>> {
    m.suggestions
        .iter()
        .map(|s| SuggestionRef {
            meeting: m,
            suggestion: s,
        })
        .collect()
}

/// `actions` are every action item, as [`super::actions::all_actions`] lists them.
pub fn since_last_meeting<'a>(j: &'a Journal, actions: &[ActionRef<'a>]) -> Review<'a> {
    let last_meeting = j
        .meetings
        .iter()
        .rev()
        .find(|m| m.status == MeetingStatus::Held && m.date <= j.today)
        .map(|m| &**m);
    let since = last_meeting.map_or_else(|| super::start_of(j), |m| m.date);
    let changed = |d: NaiveDate| d > since && d <= j.today;
    let mut benchmarks_done: Vec<_> = j
        .goals
        .iter()
        .flat_map(|g| g.benchmarks.iter().map(move |b| (g, b)))
        .filter(|(_, b)| b.done.is_some_and(changed))
        .collect();
    benchmarks_done.sort_by_key(|(g, b)| (b.done, &g.id, b.line));
    let actions_done = actions
        .iter()
        .filter(|a| a.action.done.is_some_and(changed))
        .copied()
        .collect();
    let mentor_actions = actions
        .iter()
        .filter(|a| a.action.owner.is_some_and(Owner::is_mentor) && a.state != ActionState::Done)
        .copied()
        .collect();
    let activities = j
        .activities
        .iter()
        .filter(|a| changed(a.date))
        .map(|a| &**a)
        .collect();
    let new_suggestions = last_meeting.map(refs).unwrap_or_default();
    let suggestions = j.meetings.iter().rev().flat_map(|m| refs(m)).collect();
    Review {
        last_meeting,
        since,
        benchmarks_done,
        actions_done,
        activities,
        new_suggestions,
        mentor_actions,
        mentor_commitments: open_commitments(j),
        suggestions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::ActionItem;
    use crate::validate::testing::*;

    #[test]
    fn changes_are_counted_after_the_last_held_meeting() {
        let mut j = journal(); // today 2026-03-01
        let mut g = goal("talk");
        g.benchmarks[0].done = Some(date("2026-02-20"));
        let mut early = goal("early");
        early.benchmarks[0].done = Some(date("2026-02-01"));
        j.goals = vec![early, g];
        let mut m = meeting("2026-02-10");
        m.actions = vec![ActionItem {
            task: "Send the notes".into(),
            owner: Some(Owner::Mentor(0)),
            due: Some(date("2026-03-05")),
            done: None,
            goal: None,
            line: 3,
        }];
        let mut planned = meeting("2026-03-10");
        planned.status = MeetingStatus::Planned;
        j.meetings = vec![meeting("2026-02-01"), m, planned]
            .into_iter()
            .map(Into::into)
            .collect();
        let r = since_last_meeting(&j, &super::super::actions::all_actions(&j));
        assert_eq!(r.last_meeting.unwrap().slug, "2026-02-10");
        assert_eq!(r.benchmarks_done.len(), 1);
        assert_eq!(r.benchmarks_done[0].0.id, "talk");
        assert_eq!(r.mentor_actions.len(), 1);
    }
}

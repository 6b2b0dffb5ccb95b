//! Action items by owner and state, and the mentor's commitments still open.

use chrono::NaiveDate;

use crate::journal::{ActionItem, Commitment, Journal, Meeting, Owner};

/// Where an action item stands. The order is the order a reader should see them in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionState {
    Overdue,
    Open,
    Done,
}

impl ActionState {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionState::Overdue => "overdue",
            ActionState::Open => "open",
            ActionState::Done => "done",
        }
    }
}

pub fn action_state(a: &ActionItem, today: NaiveDate) -> ActionState {
    if a.done.is_some() {
        ActionState::Done
    } else if a.is_overdue(today) {
        ActionState::Overdue
    } else {
        ActionState::Open
    }
}

/// An action item with the meeting it was agreed in.
#[derive(Clone, Copy, Debug)]
pub struct ActionRef<'a> {
    pub meeting: &'a Meeting,
    pub action: &'a ActionItem,
    pub state: ActionState,
}

impl ActionRef<'_> {
    pub fn owner(&self) -> Option<Owner> {
        self.action.owner
    }
}

/// Where an owner's items come on the action items page: the mentee's, each of the
/// `mentors`' in their order, then those with no owner.
pub fn owner_rank(owner: Option<Owner>, mentors: usize) -> usize {
    match owner {
        Some(Owner::Mentee) => 0,
        Some(Owner::Mentor(i)) => 1 + i.min(mentors.saturating_sub(1)),
        None => 1 + mentors,
    }
}

/// `actions` owner by owner, each owner's in the order of `actions`.
pub fn by_owner<'a>(actions: &[ActionRef<'a>], mentors: usize) -> Vec<ActionRef<'a>> {
    let mut out = actions.to_vec();
    out.sort_by_key(|r| owner_rank(r.action.owner, mentors));
    out
}

/// How many of `actions` each owner has in each state, indexed by [`owner_rank`] then
/// state: counted once, for every page of the action items to show.
pub fn counts_by_owner(actions: &[ActionRef], mentors: usize) -> Vec<[usize; 3]> {
    let mut counts = vec![[0usize; 3]; mentors + 2];
    for r in actions {
        counts[owner_rank(r.action.owner, mentors)][r.state as usize] += 1;
    }
    counts
}

/// Every action item of every meeting: overdue first, then open, then done; within a
/// state by due date (undated last), then by meeting and position.
pub fn all_actions(j: &Journal) -> Vec<ActionRef<'_>> {
    let mut out: Vec<_> = j
        .meetings
        .iter()
        .flat_map(|m| {
            m.actions.iter().map(move |a| ActionRef {
                meeting: m,
                action: a,
                state: action_state(a, j.today),
            })
        })
        .collect();
    out.sort_by_key(|r| {
        let due = r.action.due;
        let when = if r.state == ActionState::Done {
            // Most recently done first.
            std::cmp::Reverse(r.action.done)
        } else {
            std::cmp::Reverse(None)
        };
        (
            r.state,
            when,
            due.is_none(),
            due,
            r.meeting.starts(),
            r.action.line,
        )
    });
    out
}

/// A mentor commitment not yet fulfilled.
#[derive(Clone, Copy, Debug)]
pub struct CommitmentRef<'a> {
    pub meeting: &'a Meeting,
    pub commitment: &'a Commitment,
    /// Days since the meeting or the last follow-up, whichever is later.
    pub days_waiting: i64,
    /// Waiting longer than `follow_up_days`: time to follow up.
    pub awaiting_follow_up: bool,
}

/// Unfulfilled commitments from held meetings, longest waiting first.
pub fn open_commitments(j: &Journal) -> Vec<CommitmentRef<'_>> {
    let limit = i64::from(j.config.follow_up_days);
    let mut out: Vec<_> = j
        .meetings
        .iter()
        .filter(|m| m.status == crate::journal::MeetingStatus::Held)
        .flat_map(|m| {
            m.commitments
                .iter()
                .filter(|c| c.fulfilled.is_none())
                .map(move |c| {
                    let days_waiting = c.days_waiting(m.date, j.today);
                    CommitmentRef {
                        meeting: m,
                        commitment: c,
                        days_waiting,
                        awaiting_follow_up: days_waiting > limit,
                    }
                })
        })
        .collect();
    out.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.days_waiting),
            c.meeting.starts(),
            c.commitment.line,
        )
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    #[test]
    fn actions_are_sorted_overdue_open_done() {
        let mut j = journal();
        let mut m = meeting("2026-02-02");
        m.actions = vec![
            action("done", Owner::Mentee, "2026-02-10", Some("2026-02-09")),
            action("open", Owner::Mentor(0), "2026-03-10", None),
            action("late", Owner::Mentee, "2026-02-20", None),
        ];
        j.meetings = vec![m].into_iter().map(Into::into).collect();
        let got: Vec<_> = all_actions(&j)
            .iter()
            .map(|a| (a.action.task.as_str(), a.state))
            .collect();
        assert_eq!(
            got,
            [
                ("late", ActionState::Overdue),
                ("open", ActionState::Open),
                ("done", ActionState::Done)
            ]
        );
    }

    #[test]
    fn commitments_waiting_past_follow_up_days_are_flagged() {
        let mut j = journal();
        let mut m = meeting("2026-02-02");
        m.commitments = vec![
            Commitment {
                what: "intro".into(),
                followed_up: None,
                fulfilled: None,
                line: 8,
            },
            Commitment {
                what: "book".into(),
                followed_up: Some(date("2026-02-27")),
                fulfilled: None,
                line: 9,
            },
            Commitment {
                what: "done".into(),
                followed_up: None,
                fulfilled: Some(date("2026-02-05")),
                line: 10,
            },
        ];
        j.meetings = vec![m].into_iter().map(Into::into).collect();
        let got: Vec<_> = open_commitments(&j)
            .iter()
            .map(|c| {
                (
                    c.commitment.what.as_str(),
                    c.days_waiting,
                    c.awaiting_follow_up,
                )
            })
            .collect();
        assert_eq!(got, [("intro", 27, true), ("book", 2, false)]);
    }
}

//! What each goal's page lists: its action items, meetings and activities, gathered in one
//! pass over the journal so that G goal pages cost O(journal) in all, not O(G × journal).

use foldhash::HashMap;

use super::ActionRef;
use crate::journal::{Activity, Journal, Meeting};

/// Everything that names one goal.
#[derive(Debug, Default)]
pub struct GoalRefs<'a> {
    /// In the order of [`super::actions::all_actions`].
    pub actions: Vec<ActionRef<'a>>,
    /// Newest first.
    pub meetings: Vec<&'a Meeting>,
    /// Newest first.
    pub activities: Vec<&'a Activity>,
}

/// Each goal id named by an action, meeting or activity, with what names it; each meeting
/// and activity once per goal, however often it repeats the id.
pub fn by_goal<'a>(j: &'a Journal, actions: &[ActionRef<'a>]) -> HashMap<&'a str, GoalRefs<'a>> {
    let mut out: HashMap<&str, GoalRefs> = HashMap::default();
    for r in actions {
        if let Some(goal) = r.action.goal.as_deref() {
            out.entry(goal).or_default().actions.push(*r);
        }
    }
    for m in j.meetings.iter().rev() {
        for goal in &m.goals {
            let list = &mut out.entry(goal.as_str()).or_default().meetings;
            if !list.last().is_some_and(|last| std::ptr::eq(*last, &**m)) {
                list.push(m);
            }
        }
    }
    for a in j.activities.iter().rev() {
        for goal in &a.goals {
            let list = &mut out.entry(goal.as_str()).or_default().activities;
            if !list.last().is_some_and(|last| std::ptr::eq(*last, &**a)) {
                list.push(a);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::Owner;
    use crate::validate::testing::*;

    #[test]
    fn each_goal_gets_what_names_it_newest_first_and_once() {
        let mut j = journal();
        let mut first = meeting("2026-01-05");
        first.goals = vec!["talk".into(), "talk".into(), "book".into()];
        let mut step = action("slides", Owner::Mentee, "2026-01-20", None);
        step.goal = Some("talk".into());
        first.actions = vec![step, action("other", Owner::Mentor(0), "2026-01-21", None)];
        let mut second = meeting("2026-01-12");
        second.goals = vec!["talk".into()];
        j.meetings = vec![first, second].into_iter().map(Into::into).collect();
        let actions = super::super::actions::all_actions(&j);
        let index = by_goal(&j, &actions);

        let talk = &index["talk"];
        let dates: Vec<_> = talk.meetings.iter().map(|m| m.date.to_string()).collect();
        assert_eq!(dates, ["2026-01-12", "2026-01-05"]);
        let tasks: Vec<_> = talk
            .actions
            .iter()
            .map(|r| r.action.task.as_str())
            .collect();
        assert_eq!(tasks, ["slides"]);
        assert_eq!(index["book"].meetings.len(), 1);
        assert!(index["book"].actions.is_empty());
        assert!(!index.contains_key("other"));
    }
}

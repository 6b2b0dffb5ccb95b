//! Rules about goals: measurable benchmarks, a timeline, action steps, alignment to the plan.

use crate::diagnostics::{Code, Diagnostic};
use crate::journal::{Goal, GoalStatus, Journal};

/// Goals still being worked towards; achieved and dropped goals owe nothing more.
fn open_goals(j: &Journal) -> impl Iterator<Item = &Goal> {
    j.goals
        .iter()
        .filter(|g| matches!(g.status, GoalStatus::Active | GoalStatus::Paused))
}

pub fn w101_no_benchmark(j: &Journal, out: &mut Vec<Diagnostic>) {
    for g in open_goals(j).filter(|g| g.benchmarks.is_empty()) {
        let at = if g.source.keys.contains_key("benchmarks") {
            "benchmarks"
        } else {
            "title"
        };
        out.push(Diagnostic::new(
            Code::W101,
            g.source.at(at),
            format!("goal `{}` has no benchmark", g.id),
            "add `benchmarks:` with measurable targets and due dates, so progress can be seen",
        ));
    }
}

pub fn w102_no_target(j: &Journal, out: &mut Vec<Diagnostic>) {
    for g in open_goals(j).filter(|g| g.target.is_none()) {
        out.push(Diagnostic::new(
            Code::W102,
            g.source.at("title"),
            format!("goal `{}` has no target date", g.id),
            "add `target: YYYY-MM-DD`, the date you aim to reach it by",
        ));
    }
}

pub fn w103_no_actions(j: &Journal, out: &mut Vec<Diagnostic>) {
    for g in open_goals(j).filter(|g| g.actions.is_empty()) {
        out.push(Diagnostic::new(
            Code::W103,
            g.source.at("title"),
            format!("goal `{}` has no action steps", g.id),
            "add `actions:`, the concrete steps you will take",
        ));
    }
}

pub fn w104_not_aligned(j: &Journal, out: &mut Vec<Diagnostic>) {
    if j.plan.objectives.is_empty() {
        return;
    }
    let ids: Vec<&str> = j.plan.objectives.iter().map(|o| o.id.as_str()).collect();
    for g in open_goals(j).filter(|g| g.objective.is_none()) {
        out.push(Diagnostic::new(
            Code::W104,
            g.source.at("title"),
            format!("goal `{}` is not aligned to a plan objective", g.id),
            format!("add `objective:` with one of {}", ids.join(", ")),
        ));
    }
}

pub fn w502_benchmark_overdue(j: &Journal, out: &mut Vec<Diagnostic>) {
    for g in j.goals.iter().filter(|g| g.status == GoalStatus::Active) {
        for (i, b) in g.benchmarks.iter().enumerate() {
            if let Some(due) = b.due
                && b.is_overdue(j.today)
            {
                out.push(Diagnostic::new(
                    Code::W502,
                    g.source.at(&format!("benchmarks.{i}")),
                    format!("benchmark \"{}\" was due {due} and is not done", b.title),
                    "add `done: YYYY-MM-DD` when it is met, or move `due` to a new date",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    #[test]
    fn w101_points_at_the_goal_title() {
        let mut j = journal();
        let mut g = goal("speak");
        g.benchmarks.clear();
        j.goals.push(g);
        assert_eq!(
            run(w101_no_benchmark, &j),
            [("W101".into(), "goals/speak.md".into(), 5)]
        );
    }

    #[test]
    fn w102_and_w103_name_missing_target_and_actions() {
        let mut j = journal();
        let mut g = goal("speak");
        g.target = None;
        g.actions.clear();
        j.goals.push(g);
        assert_eq!(
            run(w102_no_target, &j),
            [("W102".into(), "goals/speak.md".into(), 2)]
        );
        assert_eq!(
            run(w103_no_actions, &j),
            [("W103".into(), "goals/speak.md".into(), 2)]
        );
    }

    #[test]
    fn w104_only_when_the_plan_has_objectives() {
        let mut j = journal();
        j.goals.push(goal("speak"));
        assert!(run(w104_not_aligned, &j).is_empty());
        j.plan.objectives.push(crate::journal::Objective {
            id: "reach".into(),
            title: "Reach".into(),
            line: 4,
        });
        assert_eq!(
            run(w104_not_aligned, &j),
            [("W104".into(), "goals/speak.md".into(), 2)]
        );
    }

    #[test]
    fn w502_benchmark_past_due() {
        let mut j = journal();
        j.goals.push(goal("speak"));
        assert!(run(w502_benchmark_overdue, &j).is_empty());
        j.today = date("2026-05-02");
        assert_eq!(
            run(w502_benchmark_overdue, &j),
            [("W502".into(), "goals/speak.md".into(), 6)]
        );
        j.goals[0].status = GoalStatus::Achieved;
        assert!(run(w502_benchmark_overdue, &j).is_empty());
    }

    #[test]
    fn dropped_goals_owe_nothing() {
        let mut j = journal();
        let mut g = goal("old");
        g.status = GoalStatus::Dropped;
        g.benchmarks.clear();
        g.target = None;
        j.goals.push(g);
        assert!(run(w101_no_benchmark, &j).is_empty());
        assert!(run(w102_no_target, &j).is_empty());
    }
}

//! The plan, the goals list and each goal's page.

use serde::Serialize;
use tera::Context;

use super::Inputs;
use crate::analyse::progress::{benchmark_timeline, goal_progress};
use crate::journal::{Goal, GoalStatus};
use crate::render::svg;
use crate::render::views::*;

pub(super) fn goals(cx: &Inputs, ctx: &mut Context) {
    #[derive(Serialize)]
    struct Group<'a> {
        status: &'static str,
        goals: Vec<GoalCard<'a>>,
    }
    let j = cx.journal;
    let groups: Vec<_> = [
        GoalStatus::Active,
        GoalStatus::Achieved,
        GoalStatus::Paused,
        GoalStatus::Dropped,
    ]
    .into_iter()
    .map(|status| Group {
        status: status.as_str(),
        goals: j
            .goals
            .iter()
            .filter(|g| g.status == status)
            .map(|g| goal_card(&j.strings, g, cx.urls, j.today))
            .collect(),
    })
    .filter(|g| !g.goals.is_empty())
    .collect();
    let examples: Vec<_> = (j.examples.goals.iter())
        .map(|g| GoalCard {
            example: true,
            ..goal_card(&j.strings, g, cx.urls, g.started.unwrap_or(j.today))
        })
        .collect();
    ctx.insert("examples", &examples);
    ctx.insert("groups", &groups);
    ctx.insert("count", &j.goals.len());
}

pub(super) fn goal(cx: &Inputs, g: &Goal, ctx: &mut Context) {
    #[derive(Serialize)]
    struct GoalView<'a> {
        id: &'a str,
        title: &'a str,
        status: &'static str,
        objective: Option<ObjectiveView<'a>>,
        started: Option<Day>,
        target: Option<Day>,
        progress: ProgressView,
        benchmarks: Vec<BenchmarkView<'a>>,
        steps: &'a [String],
        actions: Vec<ActionView<'a>>,
        meetings: Vec<MeetingLink>,
        activities: Vec<ActivityLink<'a>>,
        tags: Vec<TagLink<'a>>,
        draft: bool,
        chart: String,
        /// Benchmarks done against benchmarks due, over time.
        progress_chart: String,
        body: &'a str,
        example: bool,
    }
    let j = cx.journal;
    // A worked example is shown as of the day it was written: it is no one's record.
    let example = j.examples.goals.iter().any(|e| std::ptr::eq(e, g));
    let today = match example {
        true => g.started.unwrap_or(j.today),
        false => j.today,
    };
    let points = benchmark_timeline(g, today);
    let none = crate::analyse::GoalRefs::default();
    let refs = cx.analysis.by_goal.get(g.id.as_str()).unwrap_or(&none);
    let view = GoalView {
        id: &g.id,
        title: &g.title,
        status: g.status.as_str(),
        objective: g.objective.as_deref().map(|id| ObjectiveView {
            id,
            title: j
                .plan
                .objectives
                .iter()
                .find(|o| o.id == id)
                .map_or(id, |o| o.title.as_str()),
            url: format!("{}#objective-{id}", cx.urls.page("plan/")),
        }),
        started: day_opt(&j.strings, g.started),
        target: day_opt(&j.strings, g.target),
        progress: goal_progress(g).into(),
        benchmarks: points.iter().map(|p| benchmark(&j.strings, p)).collect(),
        steps: &g.actions,
        actions: refs.actions.iter().map(|r| action(j, cx.urls, r)).collect(),
        meetings: refs
            .meetings
            .iter()
            .map(|m| meeting_link(&j.strings, m, cx.urls))
            .collect(),
        activities: refs
            .activities
            .iter()
            .map(|a| activity_link(&j.strings, a, cx.urls))
            .collect(),
        tags: tag_links(&g.tags, cx.urls),
        draft: g.draft,
        chart: svg::benchmark_timeline(&j.strings, &g.title, g.started, g.target, &points, today),
        progress_chart: svg::goal_progress(
            &j.strings, &g.title, g.started, g.target, &points, today,
        ),
        body: cx.body(&g.source.file),
        example,
    };
    ctx.insert("goal", &view);
}

#[derive(Serialize)]
struct ObjectiveView<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
}

pub(super) fn plan(cx: &Inputs, ctx: &mut Context) {
    #[derive(Serialize)]
    struct ObjectiveGoals<'a> {
        id: &'a str,
        title: &'a str,
        goals: Vec<GoalCard<'a>>,
    }
    #[derive(Serialize)]
    struct PlanView<'a> {
        objective: &'a str,
        horizon: Option<Day>,
        objectives: Vec<ObjectiveGoals<'a>>,
        /// Goals aligned to no objective of the plan.
        other_goals: Vec<GoalCard<'a>>,
        body: &'a str,
    }
    let j = cx.journal;
    let known = |g: &Goal| {
        g.objective
            .as_deref()
            .is_some_and(|o| j.plan.objectives.iter().any(|x| x.id == o))
    };
    let view = PlanView {
        objective: &j.plan.objective,
        horizon: day_opt(&j.strings, j.plan.horizon),
        objectives: j
            .plan
            .objectives
            .iter()
            .map(|o| ObjectiveGoals {
                id: &o.id,
                title: &o.title,
                goals: j
                    .goals
                    .iter()
                    .filter(|g| g.objective.as_deref() == Some(o.id.as_str()))
                    .map(|g| goal_card(&j.strings, g, cx.urls, j.today))
                    .collect(),
            })
            .collect(),
        other_goals: j
            .goals
            .iter()
            .filter(|g| !known(g))
            .map(|g| goal_card(&j.strings, g, cx.urls, j.today))
            .collect(),
        body: cx.body(&j.plan.source.file),
    };
    ctx.insert("plan", &view);
}

//! The skill-building activities list and each activity's page.

use serde::Serialize;
use tera::Context;

use super::Inputs;
use crate::journal::Activity;
use crate::render::paginate::{self, Paginator};
use crate::render::views::*;

pub(super) fn activities(cx: &Inputs, number: usize, ctx: &mut Context) {
    let j = cx.journal;
    let list: Vec<_> = paginate::newest_first(&j.activities, number)
        .map(|a| activity_link(a, cx.urls))
        .collect();
    let hours = cx.analysis.totals.activity_hours;
    ctx.insert("activities", &list);
    ctx.insert("count", &j.activities.len());
    ctx.insert("hours", &hours);
    ctx.insert(
        "paginator",
        &Paginator::new(cx.urls, "activities/", number, j.activities.len()),
    );
}

pub(super) fn activity(cx: &Inputs, i: usize, ctx: &mut Context) {
    #[derive(Serialize)]
    struct ActivityView<'a> {
        #[serde(flatten)]
        link: ActivityLink<'a>,
        goals: Vec<GoalLink<'a>>,
        body: &'a str,
    }
    let j = cx.journal;
    let a: &Activity = &j.activities[i];
    ctx.insert(
        "activity",
        &ActivityView {
            link: activity_link(a, cx.urls),
            goals: a.goals.iter().map(|id| goal_link(j, cx.urls, id)).collect(),
            body: cx.body(&a.source.file),
        },
    );
    ctx.insert(
        "previous",
        &i.checked_sub(1)
            .map(|p| activity_link(&j.activities[p], cx.urls)),
    );
    ctx.insert(
        "next",
        &j.activities.get(i + 1).map(|n| activity_link(n, cx.urls)),
    );
}

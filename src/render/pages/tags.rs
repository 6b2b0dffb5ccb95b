//! The tags: every tag with how often it is used, and each tag's page listing what
//! carries it.

use serde::Serialize;
use tera::Context;

use super::Inputs;
use crate::journal::tags::Tag;
use crate::render::urls;
use crate::render::views::*;

#[derive(Serialize)]
struct TagSummary<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    count: usize,
}

fn summary<'a>(cx: &Inputs, t: &'a Tag) -> TagSummary<'a> {
    TagSummary {
        name: t.name,
        slug: &t.slug,
        url: cx.urls.page(&urls::tag(&t.slug)),
        count: t.count(),
    }
}

pub(super) fn tags(cx: &Inputs, tags: &[Tag], ctx: &mut Context) {
    let list: Vec<_> = tags.iter().map(|t| summary(cx, t)).collect();
    ctx.insert("tags", &list);
}

pub(super) fn tag(cx: &Inputs, t: &Tag, ctx: &mut Context) {
    #[derive(Serialize)]
    struct TagView<'a> {
        #[serde(flatten)]
        summary: TagSummary<'a>,
        goals: Vec<GoalCard<'a>>,
        meetings: Vec<MeetingLink>,
        activities: Vec<ActivityLink<'a>>,
        /// The page of every tag.
        all_url: String,
    }
    let u = cx.urls;
    let view = TagView {
        summary: summary(cx, t),
        goals: (t.goals.iter())
            .map(|g| goal_card(&cx.journal.strings, g, u, cx.journal.today))
            .collect(),
        meetings: t
            .meetings
            .iter()
            .rev()
            .map(|m| meeting_link(&cx.journal.strings, m, u))
            .collect(),
        activities: (t.activities.iter().rev())
            .map(|a| activity_link(&cx.journal.strings, a, u))
            .collect(),
        all_url: u.page("tags/"),
    };
    ctx.insert("tag", &view);
}

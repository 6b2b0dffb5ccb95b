//! Every page of the site: its path, its template and the context it receives.
//!
//! One file per page family builds that family's context; this one names the pages and
//! renders them.

mod actions;
mod activities;
mod dashboard;
mod goals;
mod meetings;
mod review;
mod timeline;

use tera::Context;

use super::paginate::{self};
use super::theme::{self, Theme};
use super::urls::{self, Urls};
use super::views::*;
use crate::analyse::Analysis;
use crate::diagnostics::Diagnostic;
use crate::journal::{Activity, Goal, Journal, Meeting};

/// What every page is rendered from.
pub struct Inputs<'a> {
    pub journal: &'a Journal,
    pub analysis: &'a Analysis<'a>,
    pub urls: &'a Urls,
    /// Rendered Markdown by journal file.
    pub bodies: &'a super::Html,
    pub site: SiteView<'a>,
}

impl Inputs<'_> {
    fn body(&self, file: &str) -> &str {
        self.bodies.get(file).map_or("", |html| html)
    }
}

/// One page of the site.
pub enum Page<'a> {
    Index,
    Goals,
    Goal(&'a Goal),
    /// A page of a long list, numbered from 1.
    Meetings(usize),
    /// A meeting by its position in the journal, so neighbours are at hand; a worked
    /// example has no position and no neighbours.
    Meeting(Option<usize>, &'a Meeting),
    Actions(usize),
    Activities(usize),
    Activity(Option<usize>, &'a Activity),
    Timeline(usize),
    Checklist,
    Review,
    Plan,
    NotFound,
}

/// Every page, in a stable order.
pub fn all<'a>(j: &'a Journal, a: &Analysis) -> Vec<Page<'a>> {
    let mut pages = vec![
        Page::Index,
        Page::Goals,
        Page::Checklist,
        Page::Review,
        Page::Plan,
        Page::NotFound,
    ];
    let numbered =
        |total: usize, page: fn(usize) -> Page<'a>| (1..=paginate::pages(total)).map(page);
    pages.extend(numbered(j.meetings.len(), Page::Meetings));
    pages.extend(numbered(a.actions.len(), Page::Actions));
    pages.extend(numbered(j.activities.len(), Page::Activities));
    pages.extend(numbered(a.timeline.len(), Page::Timeline));
    let x = &j.examples;
    pages.extend(j.goals.iter().chain(&x.goals).map(Page::Goal));
    pages.extend(
        j.meetings
            .iter()
            .enumerate()
            .map(|(i, m)| Page::Meeting(Some(i), m)),
    );
    pages.extend(x.meetings.iter().map(|m| Page::Meeting(None, m)));
    pages.extend(
        j.activities
            .iter()
            .enumerate()
            .map(|(i, a)| Page::Activity(Some(i), a)),
    );
    pages.extend(x.activities.iter().map(|a| Page::Activity(None, a)));
    pages
}

impl Page<'_> {
    /// The key of the navigation entry the page belongs to.
    fn section(&self) -> &'static str {
        match self {
            Page::Index | Page::NotFound => "index",
            Page::Goals | Page::Goal(_) => "goals",
            Page::Meetings(_) | Page::Meeting(..) => "meetings",
            Page::Actions(_) => "actions",
            Page::Activities(_) | Page::Activity(..) => "activities",
            Page::Timeline(_) => "timeline",
            Page::Checklist => "checklist",
            Page::Review => "review",
            Page::Plan => "plan",
        }
    }

    fn template(&self) -> &'static str {
        match self {
            Page::Index => "index.html",
            Page::Goals => "goals.html",
            Page::Goal(_) => "goal.html",
            Page::Meetings(_) => "meetings.html",
            Page::Meeting(..) => "meeting.html",
            Page::Actions(_) => "actions.html",
            Page::Activities(_) => "activities.html",
            Page::Activity(..) => "activity.html",
            Page::Timeline(_) => "timeline.html",
            Page::Checklist => "checklist.html",
            Page::Review => "review.html",
            Page::Plan => "plan.html",
            Page::NotFound => "404.html",
        }
    }

    /// The file the page is written to, relative to the site root.
    pub fn path(&self) -> String {
        match self {
            Page::NotFound => "404.html".into(),
            _ => format!("{}index.html", self.dir()),
        }
    }

    fn dir(&self) -> String {
        match self {
            Page::Index | Page::NotFound => String::new(),
            Page::Goals => "goals/".into(),
            Page::Goal(g) => urls::goal(&g.id),
            Page::Meetings(n) => paginate::dir("meetings/", *n),
            Page::Meeting(_, m) => urls::meeting(&m.slug),
            Page::Activity(_, a) => urls::activity(&a.slug),
            Page::Actions(n) => paginate::dir("actions/", *n),
            Page::Activities(n) => paginate::dir("activities/", *n),
            Page::Timeline(n) => paginate::dir("timeline/", *n),
            Page::Checklist => "checklist/".into(),
            Page::Review => "review/".into(),
            Page::Plan => "plan/".into(),
        }
    }
}

/// Renders one page; a template error becomes E008 with the template's name and line.
pub fn render(cx: &Inputs, theme: &Theme, page: &Page) -> Result<String, Diagnostic> {
    let mut ctx = Context::new();
    ctx.insert("site", &cx.site);
    ctx.insert("section", page.section());
    ctx.insert("page_url", &cx.urls.page(&page.dir()));
    match page {
        Page::Index => dashboard::index(cx, &mut ctx),
        Page::Goals => goals::goals(cx, &mut ctx),
        Page::Goal(g) => goals::goal(cx, g, &mut ctx),
        Page::Meetings(n) => meetings::meetings(cx, *n, &mut ctx),
        Page::Meeting(i, m) => meetings::meeting(cx, *i, m, &mut ctx),
        Page::Actions(n) => actions::actions(cx, *n, &mut ctx),
        Page::Activities(n) => activities::activities(cx, *n, &mut ctx),
        Page::Activity(i, a) => activities::activity(cx, *i, a, &mut ctx),
        Page::Timeline(n) => timeline::timeline(cx, *n, &mut ctx),
        Page::Checklist => dashboard::checklist(cx, &mut ctx),
        Page::Review => review::review(cx, &mut ctx),
        Page::Plan => goals::plan(cx, &mut ctx),
        Page::NotFound => {}
    }
    theme
        .tera
        .render(page.template(), &ctx)
        .map_err(|e| render_error(theme, page.template(), &e))
}

/// An E008 for a render failure: the innermost template named in the error chain, and
/// the line of the first thing the error names (a variable, filter or macro).
pub(crate) fn render_error(theme: &Theme, template: &str, e: &tera::Error) -> Diagnostic {
    let messages = theme::chain(e);
    let name = theme::template_named(&messages[1..], &theme.sources)
        .unwrap_or_else(|| template.to_string());
    let detail = messages.last().cloned().unwrap_or_default();
    let line = detail
        .split('`')
        .nth(1)
        .or_else(|| detail.split('\'').nth(1))
        .filter(|needle| !needle.is_empty())
        .and_then(|needle| {
            let text = &theme.sources.get(&name)?.text;
            let plain = needle.split(['.', '[']).next().unwrap_or(needle);
            text.lines()
                .position(|l| l.contains(needle))
                .or_else(|| text.lines().position(|l| l.contains(plain)))
                .map(|i| i as u32 + 1)
        });
    theme::template_error(
        &name,
        line,
        &theme.sources,
        format!("template `{name}` failed to render: {detail}"),
    )
}

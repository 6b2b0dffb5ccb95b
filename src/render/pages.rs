//! Every page of the site: its path, its template and the context it receives.

use serde::Serialize;
use tera::Context;

use super::paginate::{self, Paginator};
use super::reply::{self, Replied};
use super::svg;
use super::theme::{self, Theme};
use super::urls::{self, Urls};
use super::views::*;
use crate::analyse::actions::owner_rank;
use crate::analyse::progress::{benchmark_timeline, goal_progress};
use crate::analyse::{ActionState, Analysis, percent};
use crate::diagnostics::Diagnostic;
use crate::journal::{Activity, Goal, GoalStatus, Journal, Meeting, MeetingStatus, Owner};

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
    /// A meeting by its position in the journal, so neighbours are at hand.
    Meeting(usize, &'a Meeting),
    Actions(usize),
    Activities(usize),
    Activity(usize, &'a Activity),
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
    pages.extend(j.goals.iter().map(Page::Goal));
    pages.extend(
        j.meetings
            .iter()
            .enumerate()
            .map(|(i, m)| Page::Meeting(i, m)),
    );
    pages.extend(
        j.activities
            .iter()
            .enumerate()
            .map(|(i, a)| Page::Activity(i, a)),
    );
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
        Page::Index => index(cx, &mut ctx),
        Page::Goals => goals(cx, &mut ctx),
        Page::Goal(g) => goal(cx, g, &mut ctx),
        Page::Meetings(n) => meetings(cx, *n, &mut ctx),
        Page::Meeting(i, _) => meeting(cx, *i, &mut ctx),
        Page::Actions(n) => actions(cx, *n, &mut ctx),
        Page::Activities(n) => activities(cx, *n, &mut ctx),
        Page::Activity(i, _) => activity(cx, *i, &mut ctx),
        Page::Timeline(n) => timeline(cx, *n, &mut ctx),
        Page::Checklist => checklist(cx, &mut ctx),
        Page::Review => review(cx, &mut ctx),
        Page::Plan => plan(cx, &mut ctx),
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

fn index(cx: &Inputs, ctx: &mut Context) {
    let j = cx.journal;
    let a = cx.analysis;
    let goals: Vec<_> = j
        .goals
        .iter()
        .filter(|g| g.status == GoalStatus::Active)
        .map(|g| goal_card(g, cx.urls, j.today))
        .collect();
    ctx.insert("goals", &goals);
    #[derive(Serialize)]
    struct Next<'a> {
        meeting: MeetingLink,
        time: Option<String>,
        agenda: &'a [String],
        agenda_sent: Option<Day>,
    }
    let next: Option<Next> = j
        .meetings
        .iter()
        .find(|m| m.status == MeetingStatus::Planned && m.date >= j.today)
        .map(|m| Next {
            meeting: meeting_link(m, cx.urls),
            time: m.time.map(|t| t.format("%H:%M").to_string()),
            agenda: &m.agenda,
            agenda_sent: day_opt(m.agenda_sent),
        });
    ctx.insert("next_meeting", &next);
    // With none planned, the date the cadence proposes, as `agenda` would.
    let upcoming = crate::analyse::next::next_meeting(j);
    ctx.insert(
        "proposed_meeting",
        &upcoming.planned.is_none().then(|| day(upcoming.date)),
    );
    let open: Vec<_> = a
        .actions
        .iter()
        .filter(|r| r.state != ActionState::Done)
        .collect();
    ctx.insert(
        "open_actions",
        &open
            .iter()
            .take(10)
            .map(|r| action(j, cx.urls, r))
            .collect::<Vec<_>>(),
    );
    ctx.insert("open_count", &open.len());
    ctx.insert(
        "overdue_count",
        &open
            .iter()
            .filter(|r| r.state == ActionState::Overdue)
            .count(),
    );
    ctx.insert(
        "commitments",
        &a.commitments
            .iter()
            .map(|c| open_commitment(cx.urls, c))
            .collect::<Vec<_>>(),
    );
    let cadence = cadence(cx);
    let checklist = checklist_summary(cx);
    let overdue_benchmarks: usize = goals.iter().map(|g| g.overdue).sum();
    let awaiting = a
        .commitments
        .iter()
        .filter(|c| c.awaiting_follow_up)
        .count();
    let overdue_actions = open
        .iter()
        .filter(|r| r.state == ActionState::Overdue)
        .count();
    // What needs attention now, in words; an empty list means on track.
    let mut attention = Vec::new();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if overdue_actions > 0 {
        attention.push(plural(
            overdue_actions,
            "overdue action item",
            "overdue action items",
        ));
    }
    if overdue_benchmarks > 0 {
        attention.push(plural(
            overdue_benchmarks,
            "overdue benchmark",
            "overdue benchmarks",
        ));
    }
    if awaiting > 0 {
        attention.push(plural(
            awaiting,
            "mentor commitment to follow up",
            "mentor commitments to follow up",
        ));
    }
    if cadence.late {
        attention.push("a meeting is overdue".to_string());
    }
    if next.is_none() && !j.meetings.is_empty() {
        attention.push("no next meeting planned".to_string());
    }
    ctx.insert("attention", &attention);
    // The mean of the goals' percentages, rounded as every percentage is.
    let total: u32 = goals.iter().map(|g| g.progress.percent).sum();
    ctx.insert(
        "average_progress",
        &crate::analyse::percent(total as usize, 100 * goals.len()),
    );
    ctx.insert(
        "days_to_next_meeting",
        &(upcoming.date - j.today).num_days(),
    );
    ctx.insert("cadence", &cadence);
    ctx.insert("weeks", &weeks(cx));
    ctx.insert("cadence_chart", &svg::cadence_strip(recent_weeks(cx)));
    ctx.insert("checklist_chart", &svg::checklist_bars(&a.checklist));
    ctx.insert("checklist", &checklist);
    let recent: Vec<_> = a
        .timeline
        .iter()
        .rev()
        .filter(|e| e.date <= j.today)
        .take(8)
        .map(|e| event(cx.urls, e))
        .collect();
    ctx.insert("recent", &recent);
}

#[derive(Serialize)]
struct WeekView {
    monday: Day,
    state: &'static str,
}

/// Weeks the cadence strip shows: a year is enough to judge the rhythm, and keeps the
/// dashboard small however long the mentoring has run.
const STRIP_WEEKS: usize = 52;

fn recent_weeks<'a>(cx: &Inputs<'a>) -> &'a [crate::analyse::Week] {
    let all = &cx.analysis.weeks;
    &all[all.len().saturating_sub(STRIP_WEEKS)..]
}

/// The weeks of the cadence strip, as text for the table beside the chart.
fn weeks(cx: &Inputs) -> Vec<WeekView> {
    recent_weeks(cx)
        .iter()
        .map(|w| WeekView {
            monday: day(w.monday),
            state: w.state.as_str(),
        })
        .collect()
}

#[derive(Serialize)]
struct CadenceView {
    every: String,
    gaps: usize,
    within: usize,
    percent: u32,
    last_held: Option<Day>,
    days_since_last: Option<i64>,
    /// The planned gap plus half, in days, in force today.
    allowed: i64,
    late: bool,
}

fn cadence(cx: &Inputs) -> CadenceView {
    let j = cx.journal;
    let gaps = &cx.analysis.gaps;
    let within = cx.analysis.totals.gaps_within;
    let last = j
        .meetings
        .iter()
        .rev()
        .find(|m| m.status == MeetingStatus::Held && m.date <= j.today);
    let allowed = crate::validate::cadence::allowed_gap(j, j.today);
    let days_since_last = last.map(|m| (j.today - m.date).num_days());
    CadenceView {
        every: j.config.cadence.on(j.today).label(),
        gaps: gaps.len(),
        within,
        percent: percent(within, gaps.len()),
        last_held: last.map(|m| day(m.date)),
        days_since_last,
        allowed,
        late: days_since_last.is_some_and(|d| d > allowed),
    }
}

#[derive(Serialize)]
struct ChecklistSummary {
    overall: u32,
    items: Vec<ItemView>,
}

#[derive(Serialize)]
struct ItemView {
    number: u8,
    title: &'static str,
    measure: &'static str,
    numerator: usize,
    denominator: usize,
    score: u32,
    raise: String,
}

fn checklist_summary(cx: &Inputs) -> ChecklistSummary {
    let items: Vec<_> = cx
        .analysis
        .checklist
        .iter()
        .map(|i| ItemView {
            number: i.number,
            title: i.title,
            measure: i.measure,
            numerator: i.numerator,
            denominator: i.denominator,
            score: i.score,
            raise: i.raise.clone(),
        })
        .collect();
    let overall = if items.is_empty() {
        0
    } else {
        items.iter().map(|i| i.score).sum::<u32>() / items.len() as u32
    };
    ChecklistSummary { overall, items }
}

fn goals(cx: &Inputs, ctx: &mut Context) {
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
            .map(|g| goal_card(g, cx.urls, j.today))
            .collect(),
    })
    .filter(|g| !g.goals.is_empty())
    .collect();
    ctx.insert("groups", &groups);
    ctx.insert("count", &j.goals.len());
}

fn goal(cx: &Inputs, g: &Goal, ctx: &mut Context) {
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
        chart: String,
        /// Benchmarks done against benchmarks due, over time.
        progress_chart: String,
        body: &'a str,
    }
    let j = cx.journal;
    let points = benchmark_timeline(g, j.today);
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
        started: day_opt(g.started),
        target: day_opt(g.target),
        progress: goal_progress(g).into(),
        benchmarks: points.iter().map(benchmark).collect(),
        steps: &g.actions,
        actions: refs.actions.iter().map(|r| action(j, cx.urls, r)).collect(),
        meetings: refs
            .meetings
            .iter()
            .map(|m| meeting_link(m, cx.urls))
            .collect(),
        activities: refs
            .activities
            .iter()
            .map(|a| activity_link(a, cx.urls))
            .collect(),
        chart: svg::benchmark_timeline(&g.title, g.started, g.target, &points, j.today),
        progress_chart: svg::goal_progress(&g.title, g.started, g.target, &points, j.today),
        body: cx.body(&g.source.file),
    };
    ctx.insert("goal", &view);
}

#[derive(Serialize)]
struct ObjectiveView<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
}

fn meetings(cx: &Inputs, number: usize, ctx: &mut Context) {
    #[derive(Serialize)]
    struct Row<'a> {
        #[serde(flatten)]
        link: MeetingLink,
        goals: Vec<GoalLink<'a>>,
        rescheduled_to: Option<Day>,
    }
    let j = cx.journal;
    let rows: Vec<_> = paginate::newest_first(&j.meetings, number)
        .map(|m| Row {
            link: meeting_link(m, cx.urls),
            goals: m.goals.iter().map(|id| goal_link(j, cx.urls, id)).collect(),
            rescheduled_to: m
                .cancellation
                .as_ref()
                .filter(|_| m.status == MeetingStatus::Cancelled)
                .and_then(|c| day_opt(c.rescheduled_to)),
        })
        .collect();
    let totals = &cx.analysis.totals;
    ctx.insert("meetings", &rows);
    ctx.insert(
        "paginator",
        &Paginator::new(cx.urls, "meetings/", number, j.meetings.len()),
    );
    ctx.insert("held", &totals.held);
    ctx.insert("planned", &totals.planned);
    ctx.insert("cancelled", &totals.cancelled);
    ctx.insert("cadence", &cadence(cx));
    ctx.insert("weeks", &weeks(cx));
    ctx.insert("cadence_chart", &svg::cadence_strip(recent_weeks(cx)));
}

fn meeting(cx: &Inputs, i: usize, ctx: &mut Context) {
    #[derive(Serialize)]
    struct CommitmentRow<'a> {
        what: &'a str,
        followed_up: Option<Day>,
        fulfilled: Option<Day>,
    }
    #[derive(Serialize)]
    struct CancellationView<'a> {
        /// `mentee` or `mentor`.
        by: &'static str,
        /// The name of whoever cancelled.
        by_name: &'a str,
        notice_given: Option<Day>,
        reason: Option<&'a str>,
        rescheduled_to: Option<Day>,
        /// The page of the meeting held on the new date, when there is one.
        rescheduled_url: Option<String>,
    }
    #[derive(Serialize)]
    struct MeetingView<'a> {
        slug: &'a str,
        title: String,
        /// `Meeting of 26 August 2026`.
        name: String,
        /// The slug's words, when there are any.
        topic: Option<String>,
        date: Day,
        time: Option<String>,
        duration: u32,
        planned_length: u32,
        over_time: bool,
        status: &'static str,
        goals: Vec<GoalLink<'a>>,
        agenda: &'a [String],
        agenda_sent: Option<Day>,
        agenda_late: bool,
        outcomes: &'a [String],
        actions: Vec<ActionView<'a>>,
        commitments: Vec<CommitmentRow<'a>>,
        suggestions: Vec<SuggestionView<'a>>,
        feedback_given: &'a [String],
        summary_sent: Option<Day>,
        cancellation: Option<CancellationView<'a>>,
        body: &'a str,
        reply: Option<reply::Reply>,
    }
    let j = cx.journal;
    let m: &Meeting = &j.meetings[i];
    let u = cx.urls;
    let actions = m
        .actions
        .iter()
        .map(|a| {
            let r = crate::analyse::ActionRef {
                meeting: m,
                action: a,
                state: crate::analyse::actions::action_state(a, j.today),
            };
            action(j, u, &r)
        })
        .collect();
    let view = MeetingView {
        slug: &m.slug,
        title: meeting_title(m),
        name: meeting_name(m),
        topic: meeting_topic(m),
        date: day(m.date),
        time: m.time.map(|t| t.format("%H:%M").to_string()),
        duration: m.duration,
        planned_length: m.planned_duration.unwrap_or(j.config.meeting_length),
        over_time: m.status == MeetingStatus::Held && m.ran_over(j.config.meeting_length),
        status: m.status.as_str(),
        goals: m.goals.iter().map(|id| goal_link(j, u, id)).collect(),
        agenda: &m.agenda,
        agenda_sent: day_opt(m.agenda_sent),
        agenda_late: m.status == MeetingStatus::Held && m.agenda_sent.is_none_or(|s| s > m.date),
        outcomes: &m.outcomes,
        actions,
        commitments: m
            .commitments
            .iter()
            .map(|c| CommitmentRow {
                what: &c.what,
                followed_up: day_opt(c.followed_up),
                fulfilled: day_opt(c.fulfilled),
            })
            .collect(),
        suggestions: m
            .suggestions
            .iter()
            .map(|s| {
                suggestion(
                    u,
                    &crate::analyse::review::SuggestionRef {
                        meeting: m,
                        suggestion: s,
                    },
                )
            })
            .collect(),
        feedback_given: &m.feedback_given,
        summary_sent: day_opt(m.summary_sent),
        cancellation: m.cancellation.as_ref().map(|c| CancellationView {
            by: c.by.as_str(),
            by_name: &j.config.person(c.by).name,
            notice_given: day_opt(c.notice_given),
            reason: c.reason.as_deref(),
            rescheduled_to: day_opt(c.rescheduled_to),
            rescheduled_url: c.rescheduled_to.and_then(|d| {
                j.meetings
                    .iter()
                    .find(|o| o.date == d && o.slug != m.slug)
                    .map(|o| u.page(&urls::meeting(&o.slug)))
            }),
        }),
        body: cx.body(&m.source.file),
        reply: reply::Replies::of(j).to_meeting(m),
    };
    ctx.insert("meeting", &view);
    ctx.insert(
        "previous",
        &i.checked_sub(1).map(|p| meeting_link(&j.meetings[p], u)),
    );
    ctx.insert("next", &j.meetings.get(i + 1).map(|n| meeting_link(n, u)));
}

fn actions(cx: &Inputs, number: usize, ctx: &mut Context) {
    #[derive(Serialize)]
    struct OwnerGroup<'a> {
        /// The section's anchor: `mentee`, `mentor`, `mentor-2`, ..., `unassigned`.
        owner: String,
        role: &'static str,
        name: &'a str,
        /// This page's items in each state, and each state's count over all pages.
        overdue: Vec<ActionView<'a>>,
        open: Vec<ActionView<'a>>,
        done: Vec<ActionView<'a>>,
        overdue_count: usize,
        open_count: usize,
        done_count: usize,
    }
    let j = cx.journal;
    let mentors = j.config.mentors().count();
    let mut owners = vec![(Some(Owner::Mentee), "mentee".to_string(), "mentee", "")];
    for i in 0..mentors {
        let key = match i {
            0 => "mentor".to_string(),
            _ => format!("mentor-{}", i + 1),
        };
        owners.push((Some(Owner::Mentor(i)), key, "mentor", ""));
    }
    owners.push((None, "unassigned".to_string(), "", "No owner"));
    // Items owner by owner, each overdue, open then done: each page takes the next stretch.
    let ordered = &cx.analysis.actions_by_owner;
    let counts = &cx.analysis.action_counts;
    let on_page = paginate::slice(ordered, number);
    let groups: Vec<OwnerGroup> = owners
        .iter()
        .filter_map(|(owner, key, role, no_name)| {
            let name = owner.map_or(*no_name, |o| j.config.person(o).name.as_str());
            let of = |state| {
                on_page
                    .iter()
                    .filter(|r| r.action.owner == *owner && r.state == state)
                    .map(|r| action(j, cx.urls, r))
                    .collect::<Vec<_>>()
            };
            let [overdue_count, open_count, done_count] = counts[owner_rank(*owner, mentors)];
            let group = OwnerGroup {
                owner: key.clone(),
                role,
                name,
                overdue: of(ActionState::Overdue),
                open: of(ActionState::Open),
                done: of(ActionState::Done),
                overdue_count,
                open_count,
                done_count,
            };
            let listed =
                !(group.overdue.is_empty() && group.open.is_empty() && group.done.is_empty());
            let none = overdue_count + open_count + done_count == 0;
            // A section shows where its items are; mentee and mentor with none at all are
            // said so on the first page.
            (listed || (none && number == 1 && owner.is_some())).then_some(group)
        })
        .collect();
    ctx.insert("owners", &groups);
    ctx.insert("count", &cx.analysis.actions.len());
    ctx.insert(
        "paginator",
        &Paginator::new(cx.urls, "actions/", number, ordered.len()),
    );
}

fn activities(cx: &Inputs, number: usize, ctx: &mut Context) {
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

fn activity(cx: &Inputs, i: usize, ctx: &mut Context) {
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

fn timeline(cx: &Inputs, number: usize, ctx: &mut Context) {
    #[derive(Serialize)]
    struct MonthView {
        month: String,
        iso: String,
        benchmarks_done: usize,
        benchmarks_total: usize,
        percent: u32,
        actions_done: usize,
        meetings_held: usize,
    }
    let on_page = paginate::slice(&cx.analysis.timeline, number);
    let events: Vec<_> = on_page.iter().map(|e| event(cx.urls, e)).collect();
    // The month-by-month progress is on the first page only.
    let monthly = match number {
        1 => &cx.analysis.monthly[..],
        _ => &[],
    };
    let months: Vec<_> = monthly
        .iter()
        .map(|m| MonthView {
            month: m.month.format("%B %Y").to_string(),
            iso: m.month.format("%Y-%m").to_string(),
            benchmarks_done: m.benchmarks_done,
            benchmarks_total: m.benchmarks_total,
            percent: m.percent,
            actions_done: m.actions_done,
            meetings_held: m.meetings_held,
        })
        .collect();
    #[derive(Serialize)]
    struct EventMonth<'a> {
        month: String,
        iso: String,
        events: Vec<&'a EventView<'a>>,
    }
    let mut by_month: Vec<EventMonth> = Vec::new();
    for (e, ev) in on_page.iter().zip(&events) {
        match by_month.last_mut() {
            Some(m) if m.iso == ev.month => m.events.push(ev),
            _ => by_month.push(EventMonth {
                month: e.date.format("%B %Y").to_string(),
                iso: ev.month.clone(),
                events: vec![ev],
            }),
        }
    }
    ctx.insert("event_months", &by_month);
    ctx.insert("events", &events);
    ctx.insert("months", &months);
    ctx.insert(
        "paginator",
        &Paginator::new(cx.urls, "timeline/", number, cx.analysis.timeline.len()),
    );
    if number == 1 {
        ctx.insert("chart", &svg::progress_chart(monthly));
    }
}

fn checklist(cx: &Inputs, ctx: &mut Context) {
    let s = checklist_summary(cx);
    ctx.insert("overall", &s.overall);
    ctx.insert("items", &s.items);
    ctx.insert("chart", &svg::checklist_bars(&cx.analysis.checklist));
}

/// Suggestions the review lists in full; enough for the mentor to see the pattern, few
/// enough that the page stays short after years of meetings.
const REVIEW_SUGGESTIONS: usize = 50;

fn review(cx: &Inputs, ctx: &mut Context) {
    #[derive(Serialize)]
    struct BenchmarkDone<'a> {
        title: &'a str,
        done: Option<Day>,
        goal: GoalLink<'a>,
    }
    #[derive(Serialize)]
    struct ReviewView<'a> {
        last_meeting: Option<Replied<MeetingLink>>,
        since: Day,
        benchmarks_done: Vec<BenchmarkDone<'a>>,
        actions_done: Vec<ActionView<'a>>,
        activities: Vec<ActivityLink<'a>>,
        new_suggestions: Vec<Replied<SuggestionView<'a>>>,
        mentor_actions: Vec<Replied<ActionView<'a>>>,
        mentor_commitments: Vec<Replied<CommitmentView<'a>>>,
        /// The newest suggestions; the rest are on their meetings' pages.
        suggestions: Vec<Replied<SuggestionView<'a>>>,
        suggestions_total: usize,
        decisions: Vec<(&'static str, usize)>,
    }
    let j = cx.journal;
    let u = cx.urls;
    let r = &cx.analysis.review;
    let mut decisions: Vec<(&'static str, usize)> = Vec::new();
    for name in ["adopted", "adapted", "considering", "declined"] {
        let n = r
            .suggestions
            .iter()
            .filter(|s| s.suggestion.decision.map(|d| d.as_str()) == Some(name))
            .count();
        decisions.push((name, n));
    }
    let undecided = r
        .suggestions
        .iter()
        .filter(|s| s.suggestion.decision.is_none())
        .count();
    decisions.push(("no decision yet", undecided));
    let rs = reply::Replies::of(j);
    let view = ReviewView {
        last_meeting: r.last_meeting.map(|m| reply::meeting(&rs, u, m)),
        since: day(r.since),
        benchmarks_done: r
            .benchmarks_done
            .iter()
            .map(|(g, b)| BenchmarkDone {
                title: &b.title,
                done: day_opt(b.done),
                goal: goal_link(j, u, &g.id),
            })
            .collect(),
        actions_done: r.actions_done.iter().map(|a| action(j, u, a)).collect(),
        activities: r.activities.iter().map(|a| activity_link(a, u)).collect(),
        new_suggestions: (r.new_suggestions.iter())
            .map(|s| reply::suggestion(&rs, u, s))
            .collect(),
        mentor_actions: (r.mentor_actions.iter())
            .map(|a| reply::action(&rs, j, u, a))
            .collect(),
        mentor_commitments: (r.mentor_commitments.iter())
            .map(|c| reply::commitment(&rs, u, c))
            .collect(),
        suggestions: (r.suggestions.iter().take(REVIEW_SUGGESTIONS))
            .map(|s| reply::suggestion(&rs, u, s))
            .collect(),
        suggestions_total: r.suggestions.len(),
        decisions,
    };
    ctx.insert("review", &view);
}

fn plan(cx: &Inputs, ctx: &mut Context) {
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
        horizon: day_opt(j.plan.horizon),
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
                    .map(|g| goal_card(g, cx.urls, j.today))
                    .collect(),
            })
            .collect(),
        other_goals: j
            .goals
            .iter()
            .filter(|g| !known(g))
            .map(|g| goal_card(g, cx.urls, j.today))
            .collect(),
        body: cx.body(&j.plan.source.file),
    };
    ctx.insert("plan", &view);
}

//! What templates receive: small serialisable views that borrow from the journal and the
//! analysis, with dates already formatted and URLs already built. docs/themes.md lists
//! every field.

use chrono::NaiveDate;
use serde::Serialize;

use super::urls::{self, Urls};
use crate::analyse::review::SuggestionRef;
use crate::analyse::timeline::{Event, Subject};
use crate::analyse::{ActionRef, BenchmarkPoint, CommitmentRef, Progress};
use crate::journal::{Activity, Goal, Journal, Meeting};

/// A date as `<time datetime="iso">text</time>` wants it.
#[derive(Serialize, Clone, Debug)]
pub struct Day {
    pub iso: String,
    pub text: String,
}

pub fn day(d: NaiveDate) -> Day {
    use chrono::Datelike;
    // Every page shows many dates; formatting directly skips parsing a strftime pattern
    // each time. Years chrono prints with a sign take its own path.
    let iso = if (0..=9999).contains(&d.year()) {
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    };
    Day {
        iso,
        text: crate::english::date(d),
    }
}

pub fn day_opt(d: Option<NaiveDate>) -> Option<Day> {
    d.map(day)
}

#[derive(Serialize)]
pub struct NavLink {
    pub key: &'static str,
    pub title: &'static str,
    pub url: String,
}

/// What every page receives as `site`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub mentee: &'a str,
    /// Every mentor's name: "Grace Hopper and Alan Turing".
    pub mentor: String,
    pub objective: &'a str,
    pub language: &'a str,
    /// The site's root path, `/` or `/repo/`.
    pub root: &'a str,
    pub base_url: &'a str,
    pub today: Day,
    pub feeds: bool,
    /// Keep search engines out (`noindex`): every site unless `indexable: true`.
    pub noindex: bool,
    /// The pages are encrypted: the header offers to lock the site again.
    pub protected: bool,
    pub style_url: String,
    pub feed_url: String,
    pub calendar_url: String,
    pub nav: Vec<NavLink>,
    /// The search field, when the site has a search index.
    pub search: Option<SearchView>,
}

/// What the search field needs: the index, its script, and where to go without script.
#[derive(Serialize)]
pub struct SearchView {
    pub index_url: String,
    pub script_url: String,
    /// The meetings list, where the field leads when script is off.
    pub fallback_url: String,
    /// On a protected site, the storage name of the key that opens the sealed index.
    pub key_name: Option<String>,
}

pub const NAV: &[(&str, &str, &str)] = &[
    ("index", "Dashboard", ""),
    ("goals", "Goals", "goals/"),
    ("meetings", "Meetings", "meetings/"),
    ("actions", "Actions", "actions/"),
    ("activities", "Activities", "activities/"),
    ("timeline", "Timeline", "timeline/"),
    ("checklist", "Checklist", "checklist/"),
    ("review", "Review", "review/"),
    ("plan", "Plan", "plan/"),
    ("portfolio", "Portfolio", "portfolio/"),
];

pub fn site<'a>(j: &'a Journal, u: &'a Urls) -> SiteView<'a> {
    SiteView {
        title: &j.config.title,
        mentee: &j.config.mentee.name,
        mentor: j.config.mentor_names(),
        objective: &j.plan.objective,
        language: &j.config.language,
        root: &u.path,
        base_url: &u.base,
        today: day(j.today),
        feeds: j.config.feeds && !u.is_protected(),
        noindex: !super::indexable(j, u),
        protected: u.is_protected(),
        style_url: u.page("style.css"),
        feed_url: u.page("feed.xml"),
        calendar_url: u.page("meetings.ics"),
        nav: NAV
            .iter()
            .map(|(key, title, path)| NavLink {
                key,
                title,
                url: u.page(path),
            })
            .collect(),
        search: j.config.search.then(|| SearchView {
            index_url: u.page(super::search::PATH),
            script_url: u.page("search.js"),
            fallback_url: u.page("meetings/"),
            key_name: u.key.as_ref().map(|k| k.storage_name()),
        }),
    }
}

#[derive(Serialize)]
pub struct GoalLink<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
}

pub fn goal_link<'a>(j: &'a Journal, u: &Urls, id: &'a str) -> GoalLink<'a> {
    GoalLink {
        id,
        title: (j.goal(id))
            .or_else(|| j.examples.goals.iter().find(|g| g.id == id))
            .map_or(id, |g| g.title.as_str()),
        url: u.page(&urls::goal(id)),
    }
}

#[derive(Serialize)]
pub struct ProgressView {
    pub done: usize,
    pub total: usize,
    pub percent: u32,
}

impl From<Progress> for ProgressView {
    fn from(p: Progress) -> Self {
        ProgressView {
            done: p.done,
            total: p.total,
            percent: p.percent,
        }
    }
}

/// A goal in a list: the dashboard and `/goals/`.
#[derive(Serialize)]
pub struct GoalCard<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub status: &'static str,
    pub progress: ProgressView,
    pub target: Option<Day>,
    pub overdue: usize,
    /// The next benchmark not done, by due date.
    pub next: Option<BenchmarkView<'a>>,
    /// A worked example, no part of the record.
    pub example: bool,
    pub tags: Vec<TagLink<'a>>,
    /// A draft, shown only by `serve` and `build --drafts`.
    pub draft: bool,
}

/// A tag on a goal, meeting or activity, as written there, linking to the tag's page.
#[derive(Serialize)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub slug: String,
    pub url: String,
}

pub fn tag_links<'a>(tags: &'a [String], u: &Urls) -> Vec<TagLink<'a>> {
    crate::journal::tags::of(tags)
        .into_iter()
        .map(|(slug, name)| TagLink {
            name,
            url: u.page(&urls::tag(&slug)),
            slug,
        })
        .collect()
}

#[derive(Serialize, Clone)]
pub struct BenchmarkView<'a> {
    pub title: &'a str,
    pub due: Option<Day>,
    pub done: Option<Day>,
    pub state: &'static str,
    pub overdue: bool,
}

pub fn benchmark<'a>(p: &BenchmarkPoint<'a>) -> BenchmarkView<'a> {
    BenchmarkView {
        title: &p.benchmark.title,
        due: day_opt(p.benchmark.due),
        done: day_opt(p.benchmark.done),
        state: p.state.as_str(),
        overdue: p.state == crate::analyse::BenchmarkState::Overdue,
    }
}

pub fn goal_card<'a>(g: &'a Goal, u: &Urls, today: NaiveDate) -> GoalCard<'a> {
    let points = crate::analyse::progress::benchmark_timeline(g, today);
    GoalCard {
        id: &g.id,
        title: &g.title,
        url: u.page(&urls::goal(&g.id)),
        status: g.status.as_str(),
        progress: crate::analyse::progress::goal_progress(g).into(),
        target: day_opt(g.target),
        overdue: points
            .iter()
            .filter(|p| p.state == crate::analyse::BenchmarkState::Overdue)
            .count(),
        next: points
            .iter()
            .find(|p| p.benchmark.done.is_none())
            .map(benchmark),
        example: false,
        tags: tag_links(&g.tags, u),
        draft: g.draft,
    }
}

/// The title of a meeting from its slug: `2026-03-04-kickoff` → `Kickoff`.
pub fn meeting_title(m: &Meeting) -> String {
    let words = match crate::journal::convert::date_from_stem(&m.slug) {
        Some(_) => m.slug.get(10..).unwrap_or(""),
        None => &m.slug,
    };
    let words = words.trim_matches(['-', '_', ' ']).replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => "Meeting".into(),
    }
}

/// What a reader calls a meeting: meetings have no title, so their date names them.
pub fn meeting_name(m: &Meeting) -> String {
    format!("Meeting of {}", day(m.date).text)
}

/// The words of the slug after the date, when there are any: `2026-03-04-kickoff` → `Kickoff`.
pub fn meeting_topic(m: &Meeting) -> Option<String> {
    let title = meeting_title(m);
    let bare = crate::journal::convert::date_from_stem(&m.slug).is_some()
        && m.slug
            .get(10..)
            .unwrap_or("")
            .trim_matches(['-', '_', ' '])
            .is_empty();
    (!bare).then_some(title)
}

#[derive(Serialize)]
pub struct MeetingLink {
    pub slug: String,
    /// The slug's words (`Kickoff`), or `Meeting` when the slug is only a date.
    pub title: String,
    /// `Meeting of 26 August 2026`: how the theme names a meeting.
    pub name: String,
    /// The slug's words when there are any.
    pub topic: Option<String>,
    pub url: String,
    pub date: Day,
    pub status: &'static str,
    /// A draft, shown only by `serve` and `build --drafts`.
    pub draft: bool,
}

pub fn meeting_link(m: &Meeting, u: &Urls) -> MeetingLink {
    MeetingLink {
        slug: m.slug.clone(),
        name: meeting_name(m),
        topic: meeting_topic(m),
        title: meeting_title(m),
        url: u.page(&urls::meeting(&m.slug)),
        date: day(m.date),
        status: m.status.as_str(),
        draft: m.draft,
    }
}

#[derive(Serialize)]
pub struct ActionView<'a> {
    pub task: &'a str,
    /// The owner's name, or "unassigned".
    pub owner: &'a str,
    pub due: Option<Day>,
    pub done: Option<Day>,
    pub state: &'static str,
    pub overdue: bool,
    pub goal: Option<GoalLink<'a>>,
    pub meeting: MeetingLink,
}

pub fn action<'a>(j: &'a Journal, u: &Urls, a: &ActionRef<'a>) -> ActionView<'a> {
    ActionView {
        task: &a.action.task,
        owner: a
            .action
            .owner
            .map_or("unassigned", |o| j.config.person(o).name.as_str()),
        due: day_opt(a.action.due),
        done: day_opt(a.action.done),
        state: a.state.as_str(),
        overdue: a.state == crate::analyse::ActionState::Overdue,
        goal: a.action.goal.as_deref().map(|id| goal_link(j, u, id)),
        meeting: meeting_link(a.meeting, u),
    }
}

#[derive(Serialize)]
pub struct CommitmentView<'a> {
    pub what: &'a str,
    pub followed_up: Option<Day>,
    pub fulfilled: Option<Day>,
    pub days_waiting: Option<i64>,
    pub awaiting_follow_up: bool,
    pub meeting: MeetingLink,
}

pub fn open_commitment<'a>(u: &Urls, c: &CommitmentRef<'a>) -> CommitmentView<'a> {
    CommitmentView {
        what: &c.commitment.what,
        followed_up: day_opt(c.commitment.followed_up),
        fulfilled: None,
        days_waiting: Some(c.days_waiting),
        awaiting_follow_up: c.awaiting_follow_up,
        meeting: meeting_link(c.meeting, u),
    }
}

#[derive(Serialize)]
pub struct SuggestionView<'a> {
    pub suggestion: &'a str,
    pub reflection: Option<&'a str>,
    pub decision: Option<&'static str>,
    pub meeting: MeetingLink,
}

pub fn suggestion<'a>(u: &Urls, s: &SuggestionRef<'a>) -> SuggestionView<'a> {
    SuggestionView {
        suggestion: &s.suggestion.suggestion,
        reflection: s.suggestion.reflection.as_deref(),
        decision: s.suggestion.decision.map(|d| d.as_str()),
        meeting: meeting_link(s.meeting, u),
    }
}

/// The suggestions the mentor made in meeting `m`.
pub fn suggestions_of<'a>(m: &'a Meeting, u: &Urls) -> Vec<SuggestionView<'a>> {
    (m.suggestions.iter())
        .map(|s| {
            let at = SuggestionRef {
                meeting: m,
                suggestion: s,
            };
            suggestion(u, &at)
        })
        .collect()
}

#[derive(Serialize)]
pub struct ActivityLink<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub date: Day,
    pub kind: &'static str,
    pub hours: Option<f64>,
    /// A draft, shown only by `serve` and `build --drafts`.
    pub draft: bool,
}

pub fn activity_link<'a>(a: &'a Activity, u: &Urls) -> ActivityLink<'a> {
    ActivityLink {
        slug: &a.slug,
        title: &a.title,
        url: u.page(&urls::activity(&a.slug)),
        date: day(a.date),
        kind: a.kind.as_str(),
        hours: a.hours,
        draft: a.draft,
    }
}

#[derive(Serialize)]
pub struct EventView<'a> {
    pub date: Day,
    /// `2026-08`, for grouping by month.
    pub month: String,
    pub kind: &'static str,
    pub text: &'a str,
    pub title: String,
    pub url: String,
}

pub fn event<'a>(u: &Urls, e: &'a Event<'_>) -> EventView<'a> {
    let (title, url) = match e.subject {
        Subject::Goal(g) => (g.title.clone(), u.page(&urls::goal(&g.id))),
        Subject::Meeting(m) => (
            meeting_topic(m).unwrap_or_else(|| meeting_name(m)),
            u.page(&urls::meeting(&m.slug)),
        ),
        Subject::Activity(a) => (a.title.clone(), u.page(&urls::activity(&a.slug))),
    };
    EventView {
        date: day(e.date),
        month: e.date.format("%Y-%m").to_string(),
        kind: e.kind.as_str(),
        text: &e.text,
        title,
        url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn days_read_as_chrono_would_print_them() {
        let mut d = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        while d.year() < 2100 {
            let got = day(d);
            assert_eq!(got.iso, d.format("%Y-%m-%d").to_string());
            assert_eq!(got.text, d.format("%-d %B %Y").to_string());
            d += chrono::Duration::days(97);
        }
        let far = NaiveDate::from_ymd_opt(12345, 6, 7).unwrap();
        assert_eq!(day(far).iso, "+12345-06-07");
    }
    use crate::validate::testing::*;

    #[test]
    fn meeting_titles_come_from_the_slug() {
        let mut m = meeting("2026-03-04");
        assert_eq!(meeting_title(&m), "Meeting");
        assert_eq!(meeting_topic(&m), None);
        assert_eq!(meeting_name(&m), "Meeting of 4 March 2026");
        m.slug = "2026-03-04-plan-review".into();
        assert_eq!(meeting_topic(&m).as_deref(), Some("Plan review"));
        assert_eq!(meeting_title(&m), "Plan review");
        m.slug = "kickoff".into();
        assert_eq!(meeting_title(&m), "Kickoff");
    }

    #[test]
    fn days_are_written_out() {
        assert_eq!(day(date("2026-07-01")).text, "1 July 2026");
    }
}
